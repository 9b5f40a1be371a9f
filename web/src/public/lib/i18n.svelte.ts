// The reader's language on the public pages (Vietnamese unless they switched; the choice is kept in
// localStorage, the same key as the staff dashboard's) and the formatting helpers bound to it.

// The pages' own text (views, public site): translatable once this is imported.
import "../../../../shared/i18n/ui";
import { formatChange, formatNumber, formatPercent } from "../../../../shared/format";
import { isMessageKey, type Lang, type MessageKey, type MessageParams, translate } from "../../../../shared/i18n";
import { cohortLabel, periodLabel } from "../../../../shared/i18n/labels";
import { type Label, labelIn } from "../../../../shared/methodology/model";

const STORAGE_KEY = "parwatch.lang";

function savedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "vi";
  } catch {
    return "vi";
  }
}

export const locale = $state<{ lang: Lang }>({ lang: savedLang() });
document.documentElement.lang = locale.lang;

export function setLang(lang: Lang) {
  locale.lang = lang;
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Storage refused (private mode): the switch still works for this visit.
  }
}

export const t = (key: MessageKey, params?: MessageParams) => translate(locale.lang, key, params);
/** A message whose key is built from data (a rate id): the id itself when the catalogue lacks it. */
export const tOr = (key: string, fallback: string, params?: MessageParams) =>
  isMessageKey(key) ? translate(locale.lang, key, params) : fallback;
export const num = (value: number, decimals = 0) => formatNumber(locale.lang, value, decimals);
export const pct = (value: number, decimals = 2) => formatPercent(locale.lang, value, decimals);
export const signed = (value: number, decimals = 2) => formatChange(locale.lang, value, decimals);
/** Points as a methodology writes them: 10, 14,5, 0,25 (no trailing zeros). */
export const points = (value: number) =>
  formatNumber(locale.lang, value, Number.isInteger(value) ? 0 : Number.isInteger(value * 10) ? 1 : 2);
export const periodName = (id: string) => periodLabel(locale.lang, id);
export const cohortName = (id: string) => cohortLabel(locale.lang, id);
export const label = (value: Label) => labelIn(value, locale.lang);
export const rateName = (id: string) => tOr(`rate.${id}`, id);
export const metricName = (id: string) => tOr(`metric.${id}`, id);

/** A day as officials write it (01/12/2026), in Vietnam's time zone. */
export const day = (iso: string | Date) =>
  new Intl.DateTimeFormat(locale.lang === "vi" ? "vi-VN" : "en-GB", {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    timeZone: "Asia/Ho_Chi_Minh",
  }).format(typeof iso === "string" ? new Date(iso) : iso);
