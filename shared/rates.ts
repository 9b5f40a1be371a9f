// Derived rates over a report's counts, each named for the definition it uses (DOMAIN.md lists
// several in practice). A rate whose inputs are missing or whose denominator is 0 is null
// (missing), never 0 % or 100 %. Rates are percentages, 0–100.

import type { Metrics } from "./metrics";

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
  readonly compute: (m: Metrics) => number | null;
}

/** Sum of the named counts, or null when any of them was not reported. */
function total(m: Metrics, ...ids: (keyof Metrics)[]): number | null {
  let sum = 0;
  for (const id of ids) {
    const value = m[id];
    if (value === undefined) return null;
    sum += value;
  }
  return sum;
}

function percent(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  return (numerator * 100) / denominator;
}

export const RATES: readonly RateDefinition[] = [
  {
    // (early + on time) / (early + on time + late): the share of processed applications resolved in time.
    id: "onTimeRateOfResolved",
    better: "higher",
    compute: (m) =>
      percent(total(m, "resolvedEarly", "resolvedOnTime"), total(m, "resolvedEarly", "resolvedOnTime", "resolvedLate")),
  },
  {
    // (early + on time) / received: the press-release style ("6,272 of 6,612 received on time").
    id: "onTimeRateOfReceived",
    better: "higher",
    compute: (m) => percent(total(m, "resolvedEarly", "resolvedOnTime"), total(m, "received")),
  },
  {
    // Gia Lai style: (late resolved + pending overdue) / (received + carried over).
    id: "lateRate",
    better: "lower",
    compute: (m) => percent(total(m, "resolvedLate", "pendingOverdue"), total(m, "received", "carriedOver")),
  },
  {
    id: "onlineRate",
    better: "higher",
    compute: (m) => percent(total(m, "receivedOnline"), total(m, "received")),
  },
  {
    id: "feedbackOnTimeRate",
    better: "higher",
    compute: (m) => percent(total(m, "feedbackOnTime"), total(m, "feedbackReceived")),
  },
  {
    // M-Score style counter votes: satisfied / (satisfied + unsatisfied).
    id: "satisfactionRate",
    better: "higher",
    compute: (m) => percent(total(m, "satisfiedVotes"), total(m, "satisfiedVotes", "unsatisfiedVotes")),
  },
  {
    id: "planCompletionRate",
    better: "higher",
    compute: (m) => percent(total(m, "planTasksDone"), total(m, "planTasks")),
  },
  {
    // Records digitised / received (766 index, digitisation group).
    id: "digitizedRate",
    better: "higher",
    compute: (m) => percent(total(m, "digitized"), total(m, "received")),
  },
  {
    // Online payments / applications received online (766 index, online services group).
    id: "onlinePaymentRate",
    better: "higher",
    compute: (m) => percent(total(m, "onlinePayments"), total(m, "receivedOnline")),
  },
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
