// Ranking a cohort for a period on derived rates, with the change against the previous period. The
// period's reports (and the previous period's) are read once, however many rates are ranked on them.

import { InvalidInputError } from "../../shared/errors";
import { figuresFrom, isComplete, type PeriodFigures } from "../../shared/figures";
import { parsePeriod, previousPeriod } from "../../shared/period";
import { type Ranking, rankWithChange } from "../../shared/ranking";
import { isRateId, type RateId, rateDefinition, whyNoValue } from "../../shared/rates";
import type { ReportVersion } from "../../shared/report";
import { periodsToRead } from "../../shared/rollup";
import type { Unit } from "../../shared/units";
import type { Deps } from "../deps";

export async function rankCohort(deps: Deps, cohort: string, periodId: string, metric: string): Promise<Ranking> {
  return (await rankCohortOn(deps, cohort, periodId, [metric]))[0] as Ranking;
}

/** One ranking per rate, from one read of the period's and the previous period's reports. */
export async function rankCohortOn(
  deps: Deps,
  cohort: string,
  periodId: string,
  metrics: readonly string[],
): Promise<Ranking[]> {
  const period = parsePeriod(periodId);
  const issues = [];
  if (!period) issues.push({ path: "period", key: "error.period" as const, params: { value: periodId } });
  for (const metric of metrics) {
    if (!isRateId(metric))
      issues.push({ path: "metric", key: "error.unknownRate" as const, params: { value: metric } });
  }
  const units = (await deps.store.listUnits()).filter((unit) => unit.cohort === cohort);
  if (units.length === 0)
    issues.push({ path: "cohort", key: "error.unknownCohort" as const, params: { value: cohort } });
  if (!period || issues.length > 0) throw new InvalidInputError(issues);

  const previous = previousPeriod(period);
  const [current, before] = await Promise.all([
    figuresFor(deps, units, period.id),
    figuresFor(deps, units, previous.id),
  ]);
  return (metrics as RateId[]).map((metric) => {
    const { better } = rateDefinition(metric);
    const now = valuesOf(units, period.id, current, metric);
    const missing = new Map(now.map((row) => [row.unitId, row]));
    const rows = rankWithChange(now, valuesOf(units, previous.id, before, metric), better).map((row) => ({
      ...row,
      missing: missing.get(row.unitId)?.missing ?? [],
      missingInputs: missing.get(row.unitId)?.missingInputs ?? [],
    }));
    return { cohort, period: period.id, previousPeriod: previous.id, metric, better, rows };
  });
}

/** Each unit's figures for a period (its roll-up when not filed as such). */
async function figuresFor(deps: Deps, units: readonly Unit[], periodId: string): Promise<Map<string, PeriodFigures>> {
  const period = parsePeriod(periodId);
  if (!period) return new Map();
  const wanted = new Set(units.map((unit) => unit.id));
  const pages = await Promise.all(periodsToRead(period).map((id) => deps.store.latestReportsOfPeriod(id)));
  const filedByUnit = new Map<string, ReportVersion[]>();
  for (const report of pages.flat()) {
    if (!wanted.has(report.unitId)) continue;
    const list = filedByUnit.get(report.unitId) ?? [];
    list.push(report);
    filedByUnit.set(report.unitId, list);
  }
  return new Map(units.map((unit) => [unit.id, figuresFrom(unit.id, period.id, filedByUnit.get(unit.id) ?? [])]));
}

/** Each unit's value of a rate; incomplete roll-ups count as no value. */
function valuesOf(units: readonly Unit[], periodId: string, figures: Map<string, PeriodFigures>, metric: RateId) {
  return units.map((unit) => {
    const found = figures.get(unit.id);
    const complete = found !== undefined && isComplete(found);
    return {
      unitId: unit.id,
      name: unit.name,
      value: complete ? found.rates[metric] : null,
      missing: !found || found.sources.length === 0 ? [periodId] : found.missing,
      // Filed in full but without a figure the rate needs: which (the leaderboard names them).
      missingInputs: complete && found.rates[metric] === null ? whyNoValue(metric, found.metrics).missing : [],
    };
  });
}
