// Message lookup for the API, the CLI and both browser apps: Vietnamese first, English second. The
// shared catalogue (vi.ts, en.ts) is always here; the pages' own text (ui.ts) is added by the browser
// apps when they import it, so a Lambda bundle never carries it.

import type { CliKey } from "./cli";
import { en } from "./en";
import type { UiKey } from "./ui";
import { type ServerKey, vi } from "./vi";

export type { ServerKey } from "./vi";
/** Every key: the shared catalogue's, the pages' (where ui.ts is imported) and the CLI's (where cli.ts is). */
export type MessageKey = ServerKey | UiKey | CliKey;
export type Lang = "vi" | "en";
export const LANGS: readonly Lang[] = ["vi", "en"];
export type MessageParams = Readonly<Record<string, string | number>>;

const CATALOGUES: Record<Lang, Record<ServerKey, string>> = { vi, en };
const pages: Record<Lang, Record<string, string>> = { vi: {}, en: {} };

/** Adds catalogues kept out of the API's: the pages' (ui.ts) or the CLI's (cli.ts), when they are imported. */
export function useUiCatalogues(catalogues: Readonly<Record<Lang, Readonly<Record<string, string>>>>): void {
  for (const lang of LANGS) Object.assign(pages[lang], catalogues[lang]);
}

export function isMessageKey(key: string): key is MessageKey {
  return key in vi || key in pages.vi;
}

/** The message for a key in a language, with {name} placeholders filled from params. */
export function translate(lang: Lang, key: MessageKey, params: MessageParams = {}): string {
  const template = (CATALOGUES[lang] as Record<string, string>)[key] ?? pages[lang][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Picks vi or en from an Accept-Language header or a ?lang= value; Vietnamese unless English is preferred. */
export function pickLang(preference: string | undefined | null): Lang {
  const first = preference?.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "vi";
}
