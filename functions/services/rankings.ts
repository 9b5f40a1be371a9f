// Ranking a cohort for a period on one derived rate, with the change against the previous period.

import { InvalidInputError } from "../../shared/errors";
import { figuresFrom, isComplete } from "../../shared/figures";
import { parsePeriod, previousPeriod } from "../../shared/period";
import { type Ranking, rankWithChange } from "../../shared/ranking";
import { isRateId, type RateId, rateDefinition, whyNoValue } from "../../shared/rates";
import type { ReportVersion } from "../../shared/report";
import { periodsToRead } from "../../shared/rollup";
import type { Unit } from "../../shared/units";
import type { Deps } from "../deps";

export async function rankCohort(deps: Deps, cohort: string, periodId: string, metric: string): Promise<Ranking> {
  const period = parsePeriod(periodId);
  const issues = [];
  if (!period) issues.push({ path: "period", key: "error.period" as const, params: { value: periodId } });
  if (!isRateId(metric)) issues.push({ path: "metric", key: "error.unknownRate" as const, params: { value: metric } });
  const units = (await deps.store.listUnits()).filter((unit) => unit.cohort === cohort);
  if (units.length === 0)
    issues.push({ path: "cohort", key: "error.unknownCohort" as const, params: { value: cohort } });
  if (!period || !isRateId(metric) || issues.length > 0) throw new InvalidInputError(issues);

  const previous = previousPeriod(period);
  const { better } = rateDefinition(metric);
  const [current, before] = await Promise.all([
    valuesFor(deps, units, period.id, metric),
    valuesFor(deps, units, previous.id, metric),
  ]);
  const missing = new Map(current.map((row) => [row.unitId, row]));
  const rows = rankWithChange(current, before, better).map((row) => ({
    ...row,
    missing: missing.get(row.unitId)?.missing ?? [],
    missingInputs: missing.get(row.unitId)?.missingInputs ?? [],
  }));
  return { cohort, period: period.id, previousPeriod: previous.id, metric, better, rows };
}

/** Each unit's value of a rate for a period; incomplete roll-ups count as no value. */
async function valuesFor(deps: Deps, units: readonly Unit[], periodId: string, metric: RateId) {
  const period = parsePeriod(periodId);
  if (!period) return [];
  const wanted = new Set(units.map((unit) => unit.id));
  const pages = await Promise.all(periodsToRead(period).map((id) => deps.store.latestReportsOfPeriod(id)));
  const filedByUnit = new Map<string, ReportVersion[]>();
  for (const report of pages.flat()) {
    if (!wanted.has(report.unitId)) continue;
    const list = filedByUnit.get(report.unitId) ?? [];
    list.push(report);
    filedByUnit.set(report.unitId, list);
  }
  return units.map((unit) => {
    const figures = figuresFrom(unit.id, period.id, filedByUnit.get(unit.id) ?? []);
    const complete = isComplete(figures);
    return {
      unitId: unit.id,
      name: unit.name,
      value: complete ? figures.rates[metric] : null,
      missing: figures.sources.length === 0 ? [period.id] : figures.missing,
      // Filed in full but without a figure the rate needs: which (the leaderboard names them).
      missingInputs: complete && figures.rates[metric] === null ? whyNoValue(metric, figures.metrics).missing : [],
    };
  });
}
