// A data-quality flag's numbers in words: what was reported, against what, and how far out it is.

import { isRateId } from "../../../shared/rates";
import type { QualityFlagView } from "./api";
import { num, pct, periodName, t } from "./i18n.svelte";

/** A figure with as many decimals as it has (up to two): 555, 79,5, 10,21. */
const figure = (value: number) => {
  if (!Number.isFinite(value)) return "∞";
  const decimals = Number.isInteger(value) ? 0 : Number.isInteger(value * 10) ? 1 : 2;
  return num(value, decimals);
};

export const measureName = (id: string) => (isRateId(id) ? t(`rate.${id}`) : t(`metric.${id}` as "metric.received"));

/** A measure's value as read: a rate in per cent, a count as a number. */
export const measureValue = (id: string, value: number) => (isRateId(id) ? pct(value) : figure(value));

export function flagEvidence(flag: QualityFlagView): string {
  const { evidence } = flag;
  const measure = measureName(flag.measure);
  const value = measureValue(flag.measure, flag.value);
  const spread = {
    median: measureValue(flag.measure, evidence.median ?? 0),
    mad: figure(evidence.mad ?? 0),
    score: figure(evidence.score ?? 0),
    compared: num(evidence.compared ?? 0),
  };
  switch (flag.kind) {
    case "historyOutlier":
      return t("views.quality.evidence.history", { measure, value, ...spread });
    case "cohortOutlier":
      return t("views.quality.evidence.cohort", { measure, value, ...spread });
    case "jump":
      return t("views.quality.evidence.jump", {
        measure,
        value,
        previous: measureValue(flag.measure, evidence.previous ?? 0),
        factor: figure(evidence.factor ?? 0),
      });
    case "perfection":
      return t("views.quality.evidence.perfection", {
        measure,
        value,
        count: num(evidence.periods?.length ?? 0),
        periods: (evidence.periods ?? []).map(periodName).join(", "),
      });
  }
}
