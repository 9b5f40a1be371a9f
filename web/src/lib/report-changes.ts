// What changed between two versions of a report, figure by figure (a figure left out is "not reported").

import { METRIC_IDS, type MetricId, type Metrics } from "../../../shared/metrics";

export interface FigureChange {
  id: MetricId;
  before: number | undefined;
  after: number | undefined;
}

/** The figures that differ, in the form's order; a removed figure has `after` undefined. */
export function changesBetween(before: Metrics, after: Metrics): FigureChange[] {
  return METRIC_IDS.filter((id) => before[id] !== after[id]).map((id) => ({
    id,
    before: before[id],
    after: after[id],
  }));
}
