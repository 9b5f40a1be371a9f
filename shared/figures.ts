// A unit's figures for any period — the filed report or the roll-up of its months and quarters — with
// the rates derived from them. Plain data shared by the API and the dashboard.

import type { Metrics } from "./metrics";
import { periodOf } from "./period";
import { deriveRates, type Rates } from "./rates";
import type { ReportVersion } from "./report";
import { rollUp } from "./rollup";

export interface PeriodFigures {
  readonly unitId: string;
  readonly period: string;
  readonly metrics: Metrics;
  readonly rates: Rates;
  /** The filed periods the figures come from (one for a filed report). */
  readonly sources: readonly string[];
  /** Component periods not filed yet: when not empty the figures are incomplete. */
  readonly missing: readonly string[];
  /** The filed report itself (version, who, when), when the period was filed as such. */
  readonly report?: ReportVersion;
}

/** Builds one period's figures from a unit's latest filed reports (any periods; others are ignored). */
export function figuresFrom(unitId: string, periodId: string, filed: readonly ReportVersion[]): PeriodFigures {
  const period = periodOf(periodId);
  const rolled = rollUp(period, new Map(filed.map((report) => [report.period, report.metrics])));
  const own = filed.find((report) => report.period === period.id);
  return {
    unitId,
    period: period.id,
    metrics: rolled.metrics,
    rates: deriveRates(rolled.metrics),
    sources: rolled.sources,
    missing: rolled.missing,
    ...(own ? { report: own } : {}),
  };
}

/** Complete figures only: a roll-up with unfiled components has no value for rankings. */
export function isComplete(figures: PeriodFigures): boolean {
  return figures.sources.length > 0 && figures.missing.length === 0;
}
