// Commitments in words, in the reader's language: the measure's name, the target with its comparator,
// and the evaluation's reason with its figures formatted (96,20 %, 14, hạng 3).

import type { Commitment, Evaluation, MeasureKind } from "./commitments";
import { FILING_MEASURE, measureKind } from "./commitments";
import { formatNumber, formatPercent } from "./format";
import { type Lang, type MessageKey, translate } from "./i18n";
import { periodLabel } from "./i18n/labels";
import { bundledMethodology } from "./methodology/bundled";
import { labelIn } from "./methodology/model";

const SYMBOLS = { ">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "=" } as const;

export function measureName(lang: Lang, measure: string): string {
  const kind = measureKind(measure);
  if (kind === "rate") return translate(lang, `rate.${measure}` as MessageKey);
  if (kind === "count") return translate(lang, `metric.${measure}` as MessageKey);
  if (measure === FILING_MEASURE) return translate(lang, "commitment.measure.filingOnTime");
  if (kind === "index" || kind === "rank") {
    const id = measure.split(":")[1] ?? "";
    const methodology = bundledMethodology(id);
    const name = methodology ? labelIn(methodology.name, lang) : id;
    return translate(lang, kind === "index" ? "commitment.measure.index" : "commitment.measure.rank", { name });
  }
  return measure;
}

export function formatValue(lang: Lang, kind: MeasureKind, value: number): string {
  if (kind === "rate" || kind === "filing") return formatPercent(lang, value);
  if (kind === "rank") return translate(lang, "commitment.rank", { value: formatNumber(lang, value) });
  if (kind === "index") return formatNumber(lang, value, 2);
  return formatNumber(lang, value, Number.isInteger(value) ? 0 : 1);
}

/** "≥ 100,00 %", "= 0", "≤ hạng 5". */
export function targetText(lang: Lang, commitment: Commitment): string {
  const kind = measureKind(commitment.measure) ?? "count";
  return `${SYMBOLS[commitment.comparator]} ${formatValue(lang, kind, commitment.target)}`;
}

export function reasonText(lang: Lang, commitment: Commitment, evaluation: Evaluation): string {
  const reason = evaluation.reason;
  const value = (number: number) => formatValue(lang, evaluation.kind, number);
  const target = targetText(lang, commitment);
  switch (reason.key) {
    case "noData":
      return translate(lang, "commitment.reason.noData", { year: reason.year });
    case "previousYear":
      return translate(lang, "commitment.reason.previousYear", {
        year: reason.year,
        actual: value(reason.actual),
        target,
      });
    case "lateFiling":
      return translate(lang, "commitment.reason.lateFiling", {
        asOf: periodLabel(lang, reason.asOf),
        late: formatNumber(lang, reason.late),
      });
    case "atRisk":
      return translate(lang, reason.needed === null ? "commitment.reason.atRisk" : "commitment.reason.atRiskNeeded", {
        asOf: periodLabel(lang, reason.asOf),
        actual: value(reason.actual),
        projection: value(reason.projection),
        target,
        needed: reason.needed === null ? "" : value(reason.needed),
      });
    case "onTrack":
      return translate(lang, "commitment.reason.onTrack", {
        asOf: periodLabel(lang, reason.asOf),
        actual: value(reason.actual),
        projection: value(reason.projection),
        target,
      });
    case "impossible":
      return translate(lang, "commitment.reason.impossible", {
        asOf: periodLabel(lang, reason.asOf),
        actual: value(reason.actual),
        target,
        needed: value(reason.needed),
      });
    default:
      return translate(lang, `commitment.reason.${reason.key}`, {
        asOf: periodLabel(lang, reason.asOf),
        actual: value(reason.actual),
        target,
      });
  }
}
