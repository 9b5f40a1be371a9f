// Message lookup for the API, the CLI and both browser apps: Vietnamese first, English second. The
// shared catalogue (vi.ts, en.ts) is always here; the pages' own text (ui.ts) is added by the browser
// apps when they import it, so a Lambda bundle never carries it.

import { en } from "./en";
import type { UiKey } from "./ui";
import { type ServerKey, vi } from "./vi";

export type { ServerKey } from "./vi";
/** Every key: the shared catalogue's and the pages' (translatable where ui.ts is imported). */
export type MessageKey = ServerKey | UiKey;
export type Lang = "vi" | "en";
export const LANGS: readonly Lang[] = ["vi", "en"];
export type MessageParams = Readonly<Record<string, string | number>>;

const CATALOGUES: Record<Lang, Record<ServerKey, string>> = { vi, en };
let pages: Partial<Record<Lang, Readonly<Record<string, string>>>> = {};

/** Adds the pages' catalogues (ui.ts calls this when a browser app imports it). */
export function useUiCatalogues(catalogues: Readonly<Record<Lang, Readonly<Record<string, string>>>>): void {
  pages = catalogues;
}

export function isMessageKey(key: string): key is MessageKey {
  return key in vi || (pages.vi !== undefined && key in pages.vi);
}

/** The message for a key in a language, with {name} placeholders filled from params. */
export function translate(lang: Lang, key: MessageKey, params: MessageParams = {}): string {
  const template = (CATALOGUES[lang] as Record<string, string>)[key] ?? pages[lang]?.[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Picks vi or en from an Accept-Language header or a ?lang= value; Vietnamese unless English is preferred. */
export function pickLang(preference: string | undefined | null): Lang {
  const first = preference?.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "vi";
}
