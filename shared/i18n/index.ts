// Message lookup for both the API and the dashboard: Vietnamese first, English second.

import { en } from "./en";
import { type MessageKey, vi } from "./vi";

export type { MessageKey } from "./vi";
export type Lang = "vi" | "en";
export const LANGS: readonly Lang[] = ["vi", "en"];
export type MessageParams = Readonly<Record<string, string | number>>;

const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { vi, en };

export function isMessageKey(key: string): key is MessageKey {
  return key in vi;
}

/** The message for a key in a language, with {name} placeholders filled from params. */
export function translate(lang: Lang, key: MessageKey, params: MessageParams = {}): string {
  const template = CATALOGUES[lang][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Picks vi or en from an Accept-Language header or a ?lang= value; Vietnamese unless English is preferred. */
export function pickLang(preference: string | undefined | null): Lang {
  const first = preference?.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "vi";
}
