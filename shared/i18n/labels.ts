// Human labels for ids: periods ("9 tháng năm 2026"), cohorts, metrics and rates, in either language.

import { parsePeriod } from "../period";
import { isMessageKey, type Lang, translate } from ".";

export function periodLabel(lang: Lang, id: string): string {
  const period = parsePeriod(id);
  if (!period) return id;
  const { year, index } = period;
  switch (period.kind) {
    case "year":
      return translate(lang, "period.year", { year });
    case "nineMonths":
      return translate(lang, "period.nineMonths", { year });
    case "half":
      return translate(lang, "period.half", {
        year,
        part: translate(lang, index === 1 ? "period.half.1" : "period.half.2"),
      });
    case "quarter":
      return translate(lang, "period.quarter", { year, index });
    case "month":
      return translate(lang, "period.month", { year, index });
  }
}

/** The label of a cohort id; a cohort the catalogue does not know shows its id. */
export function cohortLabel(lang: Lang, cohort: string): string {
  const key = `cohort.${cohort}`;
  return isMessageKey(key) ? translate(lang, key) : cohort;
}
