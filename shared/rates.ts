// Derived rates over a report's counts, each named for the definition it uses (DOMAIN.md lists
// several in practice). A rate whose inputs are missing or whose denominator is 0 is null
// (missing), never 0 % or 100 %. Rates are percentages, 0–100.

import { type MetricId, type Metrics, metricValue } from "./metrics";

export const RATE_IDS = [
  "onTimeRateOfResolved",
  "onTimeRateOfReceived",
  "lateRate",
  "onlineRate",
  "feedbackOnTimeRate",
  "satisfactionRate",
  "planCompletionRate",
  "digitizedRate",
  "onlinePaymentRate",
] as const;

export type RateId = (typeof RATE_IDS)[number];
export type Rates = Record<RateId, number | null>;

export interface RateDefinition {
  readonly id: RateId;
  /** Whether a higher value is better (rankings sort this way). */
  readonly better: "higher" | "lower";
  /** rate = sum(numerator) / sum(denominator) × 100; commitments project the two parts separately. */
  readonly numerator: readonly MetricId[];
  readonly denominator: readonly MetricId[];
  readonly compute: (m: Metrics) => number | null;
}

/** Sum of the named counts, or null when any of them was not reported. */
export function total(m: Metrics, ids: readonly MetricId[]): number | null {
  let sum = 0;
  for (const id of ids) {
    const value = metricValue(m, id);
    if (value === undefined) return null;
    sum += value;
  }
  return sum;
}

/**
 * A share in percent. A numerator above its denominator is no share (only a backlog carried over can
 * make early-or-on-time exceed received; every other case is refused when filed): no value, never 130 %.
 */
function percent(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator === 0 || numerator > denominator) return null;
  return (numerator * 100) / denominator;
}

/** A rate over summed parts: null when a part is not reported or the denominator is 0. */
function rate(id: RateId, better: "higher" | "lower", numerator: MetricId[], denominator: MetricId[]): RateDefinition {
  return {
    id,
    better,
    numerator,
    denominator,
    compute: (m) => percent(total(m, numerator), total(m, denominator)),
  };
}

export const RATES: readonly RateDefinition[] = [
  // (early or on time) / (early or on time + late): the share of processed applications resolved in time.
  // "Early or on time" is the combined figure, or early + on time (metricValue).
  rate("onTimeRateOfResolved", "higher", ["resolvedEarlyOrOnTime"], ["resolvedEarlyOrOnTime", "resolvedLate"]),
  // (early or on time) / received: the press-release style ("516 of 526 received, 98 %").
  rate("onTimeRateOfReceived", "higher", ["resolvedEarlyOrOnTime"], ["received"]),
  // Gia Lai style: (late resolved + pending overdue) / (received + carried over).
  rate("lateRate", "lower", ["resolvedLate", "pendingOverdue"], ["received", "carriedOver"]),
  rate("onlineRate", "higher", ["receivedOnline"], ["received"]),
  rate("feedbackOnTimeRate", "higher", ["feedbackOnTime"], ["feedbackReceived"]),
  // M-Score style counter votes: satisfied / (satisfied + unsatisfied).
  rate("satisfactionRate", "higher", ["satisfiedVotes"], ["satisfiedVotes", "unsatisfiedVotes"]),
  rate("planCompletionRate", "higher", ["planTasksDone"], ["planTasks"]),
  // Records digitised / received (766 index, digitisation group).
  rate("digitizedRate", "higher", ["digitized"], ["received"]),
  // Online payments / applications received online (766 index, online services group).
  rate("onlinePaymentRate", "higher", ["onlinePayments"], ["receivedOnline"]),
];

const BY_ID = new Map(RATES.map((rate) => [rate.id, rate]));

export function isRateId(id: string): id is RateId {
  return BY_ID.has(id as RateId);
}

export function rateDefinition(id: RateId): RateDefinition {
  const definition = BY_ID.get(id);
  if (!definition) throw new RangeError(`unknown rate: ${id}`);
  return definition;
}

export function deriveRates(metrics: Metrics): Rates {
  return Object.fromEntries(RATES.map((rate) => [rate.id, rate.compute(metrics)])) as Rates;
}

/**
 * Why a rate has no value, in terms a reporter can act on: the inputs not reported (early or on time
 * names itself, or the split it stands for), or "zero" when its denominator is 0.
 */
export function whyNoValue(id: RateId, m: Metrics): { missing: MetricId[]; zero: boolean } {
  const definition = rateDefinition(id);
  const inputs = [...new Set([...definition.numerator, ...definition.denominator])];
  const missing = inputs.filter((input) => metricValue(m, input) === undefined);
  return { missing, zero: missing.length === 0 && total(m, definition.denominator) === 0 };
}
