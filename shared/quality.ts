// Data-quality flags for inspectors, in the spirit of WHO's data-quality review (used with DHIS2):
// completeness and timeliness of a cohort's reports, and for each unit's figures — outliers against the
// unit's own history and against its cohort (modified z-score, Iglewicz & Hoaglin: |M| > 3.5), sudden
// jumps quarter on quarter, and suspicious perfection. Flags inform an inspector; they never change a figure.

import { type MetricId, type Metrics, metricValue } from "./metrics";
import { deriveRates, type RateId } from "./rates";

/** |M| above this is an outlier (Iglewicz & Hoaglin's recommendation for the modified z-score). */
export const OUTLIER_THRESHOLD = 3.5;
/** A count that moves by this factor or more from one period to the next is a sudden jump… */
export const JUMP_FACTOR = 5;
/** …when the smaller of the two is at least this large (5 → 30 applications is not news). */
export const JUMP_MINIMUM = 10;
/** Perfection is suspicious from this many resolved applications a period… */
export const PERFECT_MINIMUM = 100;
/** …for this many periods running. */
export const PERFECT_RUN = 3;
/** Own-history outliers need at least this many earlier periods. */
export const HISTORY_MINIMUM = 4;
/**
 * An outlier must also be material: at least a third away from the median (WHO's data-quality review
 * compares a year with the mean of the three before at ±33 %) and by at least JUMP_MINIMUM applications —
 * a steadily growing commune is not an outlier because its history is smooth.
 */
export const MATERIAL_SHARE = 1 / 3;

/** The counts and rates a flag may be about. */
export const QUALITY_METRICS: readonly MetricId[] = [
  "received",
  "resolvedEarlyOrOnTime",
  "resolvedLate",
  "receivedOnline",
  "feedbackReceived",
];
export const QUALITY_RATES: readonly RateId[] = ["onTimeRateOfResolved", "lateRate", "onlineRate"];

export type FlagKind = "historyOutlier" | "cohortOutlier" | "jump" | "perfection";

export interface QualityFlag {
  /** Stable across runs: `${unitId}:${kind}:${measure}` — what an inspector's check is kept under. */
  readonly id: string;
  readonly unitId: string;
  readonly kind: FlagKind;
  /** A metric or rate id. */
  readonly measure: string;
  readonly value: number;
  /** The numbers behind the flag, for the reader to judge. */
  readonly evidence: {
    readonly median?: number;
    readonly mad?: number;
    readonly score?: number;
    readonly previous?: number;
    readonly factor?: number;
    readonly periods?: readonly string[];
    readonly compared?: number;
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * The modified z-score of `value` among `values`: 0.6745 (x − median) / MAD. When MAD is 0 (most values
 * equal) the mean absolute deviation stands in (× 1.2533, Iglewicz & Hoaglin); when that is 0 too,
 * every value is the same and a different one is infinitely far out.
 */
export function modifiedZ(value: number, values: readonly number[]): { score: number; median: number; mad: number } {
  const center = median(values);
  const mad = median(values.map((v) => Math.abs(v - center)));
  if (mad > 0) return { score: (0.6745 * (value - center)) / mad, median: center, mad };
  const meanAd = values.reduce((sum, v) => sum + Math.abs(v - center), 0) / values.length;
  if (meanAd > 0) return { score: (value - center) / (1.253314 * meanAd), median: center, mad };
  return { score: value === center ? 0 : Math.sign(value - center) * Number.POSITIVE_INFINITY, median: center, mad };
}

export interface UnitSeries {
  readonly unitId: string;
  /** The unit's figures for the period and the periods before it, oldest first; the last is the period's. */
  readonly periods: readonly { readonly period: string; readonly metrics: Metrics | undefined }[];
}

const value = (m: Metrics | undefined, id: MetricId) => (m ? metricValue(m, id) : undefined);

/** Flags of one cohort-period: `units` holds each unit's series (current period last). */
export function qualityFlags(units: readonly UnitSeries[]): QualityFlag[] {
  const flags: QualityFlag[] = [];
  const flag = (unitId: string, kind: FlagKind, measure: string, v: number, evidence: QualityFlag["evidence"]) =>
    flags.push({ id: `${unitId}:${kind}:${measure}`, unitId, kind, measure, value: v, evidence });

  for (const { unitId, periods } of units) {
    const current = periods.at(-1);
    if (!current?.metrics) continue;
    const earlier = periods.slice(0, -1);
    for (const id of QUALITY_METRICS) {
      const now = value(current.metrics, id);
      if (now === undefined) continue;
      const history = earlier.map((p) => value(p.metrics, id)).filter((v): v is number => v !== undefined);
      if (history.length >= HISTORY_MINIMUM) {
        const z = modifiedZ(now, history);
        const gap = Math.abs(now - z.median);
        if (Math.abs(z.score) > OUTLIER_THRESHOLD && gap >= JUMP_MINIMUM && gap >= MATERIAL_SHARE * z.median) {
          flag(unitId, "historyOutlier", id, now, {
            median: z.median,
            mad: z.mad,
            score: round(z.score),
            compared: history.length,
          });
        }
      }
      const previous = value(earlier.at(-1)?.metrics, id);
      if (previous !== undefined && Math.min(previous, now) >= JUMP_MINIMUM) {
        const factor = Math.max(now / previous, previous / now);
        if (factor >= JUMP_FACTOR) flag(unitId, "jump", id, now, { previous, factor: round(factor) });
      } else if (previous !== undefined && previous === 0 && now >= JUMP_MINIMUM * JUMP_FACTOR) {
        flag(unitId, "jump", id, now, { previous, factor: Number.POSITIVE_INFINITY });
      }
    }
    // 100 % on time with many applications and nothing pending, period after period.
    const run = periods.slice(-PERFECT_RUN);
    const perfect =
      run.length === PERFECT_RUN &&
      run.every(({ metrics }) => {
        const inTime = value(metrics, "resolvedEarlyOrOnTime");
        return (
          metrics !== undefined &&
          inTime !== undefined &&
          inTime >= PERFECT_MINIMUM &&
          metrics.resolvedLate === 0 &&
          (metrics.pendingWithinDeadline ?? 0) + (metrics.pendingOverdue ?? 0) === 0
        );
      });
    if (perfect) {
      flag(unitId, "perfection", "onTimeRateOfResolved", 100, { periods: run.map((p) => p.period) });
    }
  }

  // Against the cohort: rates (counts differ with a unit's size), among the units that have a value.
  for (const rate of QUALITY_RATES) {
    const values = units
      .map(({ unitId, periods }) => {
        const metrics = periods.at(-1)?.metrics;
        return { unitId, value: metrics ? deriveRates(metrics)[rate] : null };
      })
      .filter((entry): entry is { unitId: string; value: number } => entry.value !== null);
    if (values.length < HISTORY_MINIMUM + 1) continue;
    const all = values.map((entry) => entry.value);
    for (const entry of values) {
      const z = modifiedZ(entry.value, all);
      if (Math.abs(z.score) > OUTLIER_THRESHOLD) {
        flag(entry.unitId, "cohortOutlier", rate, round(entry.value), {
          median: round(z.median),
          mad: round(z.mad),
          score: round(z.score),
          compared: all.length,
        });
      }
    }
  }
  return flags;
}

const round = (v: number) => (Number.isFinite(v) ? Math.round(v * 100) / 100 : v);
