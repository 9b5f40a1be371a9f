// Roll-up of monthly and quarterly reports into quarters, halves, 9 months and years. Flows are summed,
// opening and closing stocks are taken from the first and last component; rates are never averaged:
// they are derived again from the rolled-up counts (rates.ts).

import { METRICS, type Metrics, metricValue } from "./metrics";
import { componentPeriods, type Period } from "./period";

export interface RolledUp {
  readonly period: string;
  readonly metrics: Metrics;
  /** The filed periods the figures come from, in order. */
  readonly sources: readonly string[];
  /** Component periods with no report: when not empty the roll-up is incomplete. */
  readonly missing: readonly string[];
}

/**
 * Builds a period's figures from the filed reports (keyed by period id): the report for the period itself
 * when there is one, otherwise the roll-up of its components (quarters, or the months of a quarter).
 */
export function rollUp(period: Period, filed: ReadonlyMap<string, Metrics>): RolledUp {
  const own = filed.get(period.id);
  if (own) return { period: period.id, metrics: own, sources: [period.id], missing: [] };
  const components = componentPeriods(period);
  if (components.length === 0) return { period: period.id, metrics: {}, sources: [], missing: [period.id] };

  const parts = components.map((component) => rollUp(component, filed));
  const present = parts.filter((part) => part.sources.length > 0);
  if (present.length === 0) return { period: period.id, metrics: {}, sources: [], missing: [period.id] };
  return {
    period: period.id,
    metrics: combine(parts.map((part) => (part.sources.length > 0 ? part.metrics : undefined))),
    sources: present.flatMap((part) => part.sources),
    missing: parts.flatMap((part) => part.missing),
  };
}

/** Combines consecutive components' metrics; a flow is missing if any component lacks it. */
function combine(parts: readonly (Metrics | undefined)[]): Metrics {
  const result: Metrics = {};
  for (const { id, rollUp: rule } of METRICS) {
    // The combined early-or-on-time figure appears in a roll-up only when some part gave it as such.
    if (id === "resolvedEarlyOrOnTime" && parts.every((part) => part?.resolvedEarlyOrOnTime === undefined)) continue;
    if (rule === "first") {
      const value = parts[0]?.[id];
      if (value !== undefined) result[id] = value;
    } else if (rule === "last") {
      const value = parts.at(-1)?.[id];
      if (value !== undefined) result[id] = value;
    } else {
      let sum = 0;
      let complete = true;
      for (const part of parts) {
        // Early-or-on-time sums each part's figure as given, combined or split (a quarter may give the
        // split, the next only the combined count).
        const value = part && id === "resolvedEarlyOrOnTime" ? metricValue(part, id) : part?.[id];
        if (value === undefined) complete = false;
        else sum += value;
      }
      if (complete) result[id] = sum;
    }
  }
  return result;
}

/** The finest periods a roll-up may read: the period itself and every period below it. */
export function periodsToRead(period: Period): string[] {
  return [period.id, ...componentPeriods(period).flatMap((component) => periodsToRead(component))];
}
