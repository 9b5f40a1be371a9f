// The canonical one-stop-shop report metrics (Vietnamese labels live in the i18n catalogue).
// Each metric says how it rolls up from months to quarters to years: flows are summed, the opening
// stock is taken from the first component and closing stocks from the last.

export type RollUp = "sum" | "first" | "last";

export interface MetricDefinition {
  readonly id: MetricId;
  readonly rollUp: RollUp;
}

export const METRIC_IDS = [
  "carriedOver",
  "received",
  "receivedOnline",
  "receivedPostal",
  "resolvedEarly",
  "resolvedOnTime",
  "resolvedEarlyOrOnTime",
  "resolvedLate",
  "pendingWithinDeadline",
  "pendingOverdue",
  "returned",
  "onlineFull",
  "onlinePartial",
  "onlinePayments",
  "digitized",
  "feedbackReceived",
  "feedbackOnTime",
  "satisfiedVotes",
  "unsatisfiedVotes",
  "planTasks",
  "planTasksDone",
] as const;

export type MetricId = (typeof METRIC_IDS)[number];

/** A report's counts; a metric left out was not reported (missing), which is not the same as 0. */
export type Metrics = Partial<Record<MetricId, number>>;

const ROLL_UP: Record<MetricId, RollUp> = {
  carriedOver: "first", // tồn kỳ trước: what the first month or quarter opened with
  received: "sum",
  receivedOnline: "sum",
  receivedPostal: "sum",
  resolvedEarly: "sum",
  resolvedOnTime: "sum",
  // đúng và trước hạn: one figure when the report does not split early from on time.
  resolvedEarlyOrOnTime: "sum",
  resolvedLate: "sum",
  pendingWithinDeadline: "last", // still open at the end of the period
  pendingOverdue: "last",
  returned: "sum",
  onlineFull: "last", // services offered online at the end of the period
  onlinePartial: "last",
  onlinePayments: "sum",
  digitized: "sum",
  feedbackReceived: "sum",
  feedbackOnTime: "sum",
  satisfiedVotes: "sum",
  unsatisfiedVotes: "sum",
  planTasks: "sum",
  planTasksDone: "sum",
};

export const METRICS: readonly MetricDefinition[] = METRIC_IDS.map((id) => ({ id, rollUp: ROLL_UP[id] }));

export function isMetricId(id: string): id is MetricId {
  return (METRIC_IDS as readonly string[]).includes(id);
}

export function metricRollUp(id: MetricId): RollUp {
  return ROLL_UP[id];
}

/**
 * A metric's value as the rates read it. Resolved early or on time is the combined figure when the
 * report gives one, otherwise early + on time when both are given (missing when either is not).
 */
export function metricValue(m: Metrics, id: MetricId): number | undefined {
  if (id !== "resolvedEarlyOrOnTime") return m[id];
  if (m.resolvedEarlyOrOnTime !== undefined) return m.resolvedEarlyOrOnTime;
  return m.resolvedEarly !== undefined && m.resolvedOnTime !== undefined
    ? m.resolvedEarly + m.resolvedOnTime
    : undefined;
}

/** Whether two reports carry exactly the same figures (a repeated submission). */
export function sameMetrics(a: Metrics, b: Metrics): boolean {
  return METRIC_IDS.every((id) => a[id] === b[id]);
}
