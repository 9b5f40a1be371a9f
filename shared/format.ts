// Number formatting the way officials read it: 94,86 % and 61.475 in Vietnamese; 94.86% and 61,475 in English.

import type { Lang } from "./i18n";

const LOCALE: Record<Lang, string> = { vi: "vi-VN", en: "en-GB" };
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(lang: Lang, decimals: number): Intl.NumberFormat {
  const key = `${lang}:${decimals}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    formatters.set(key, cached);
  }
  return cached;
}

/** A count or measure with grouping: 61.475 (vi), 61,475 (en). */
export function formatNumber(lang: Lang, value: number, decimals = 0): string {
  return formatter(lang, decimals).format(value);
}

/** A percentage given on the 0–100 scale: 94,86 % (vi, no-break space before %), 94.86% (en). */
export function formatPercent(lang: Lang, value: number, decimals = 2): string {
  const number = formatNumber(lang, value, decimals);
  return lang === "vi" ? `${number}\u00a0%` : `${number}%`;
}

/** A signed change: +1,25 / −0,50 (true minus sign), for rank or value changes. */
export function formatChange(lang: Lang, value: number, decimals = 2): string {
  const number = formatNumber(lang, Math.abs(value), decimals);
  if (value > 0) return `+${number}`;
  if (value < 0) return `\u2212${number}`;
  return number;
}
