// The reader's language (Vietnamese unless they switched) and the translation helpers bound to it.

// The pages' own text (views, public site): translatable once this is imported.
import "../../../shared/i18n/ui";
import { formatChange, formatNumber, formatPercent } from "../../../shared/format";
import { isMessageKey, type Lang, type MessageKey, type MessageParams, translate } from "../../../shared/i18n";
import { cohortLabel, periodLabel } from "../../../shared/i18n/labels";

const STORAGE_KEY = "parwatch.lang";

function initialLang(): Lang {
  const saved = typeof localStorage === "undefined" ? null : localStorage.getItem(STORAGE_KEY);
  return saved === "en" ? "en" : "vi";
}

export const locale = $state<{ lang: Lang }>({ lang: initialLang() });

export function setLang(lang: Lang) {
  locale.lang = lang;
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
}

export const t = (key: MessageKey, params?: MessageParams) => translate(locale.lang, key, params);
export const num = (value: number, decimals = 0) => formatNumber(locale.lang, value, decimals);
export const pct = (value: number, decimals = 2) => formatPercent(locale.lang, value, decimals);
export const change = (value: number, decimals = 2) => formatChange(locale.lang, value, decimals);
export const periodName = (id: string) => periodLabel(locale.lang, id);
export const cohortName = (id: string) => cohortLabel(locale.lang, id);
/** A role's name (admin, inspector, chair, reporter, or the server's operator); an unknown one as it is. */
export const roleName = (role: string) => {
  const key = `role.${role}`;
  return isMessageKey(key) ? t(key) : role;
};
export const dateTime = (iso: string) =>
  new Intl.DateTimeFormat(locale.lang === "vi" ? "vi-VN" : "en-GB", {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "Asia/Ho_Chi_Minh",
  }).format(new Date(iso));
