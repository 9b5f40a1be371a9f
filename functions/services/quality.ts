// Data-quality review of a cohort's month or quarter: completeness and timeliness (the filing status),
// and each unit's flags (shared/quality.ts) over the period and the eight before it, with what inspectors
// found when they checked them. Reading never changes a figure; a check is a note, audited.

import { InvalidInputError } from "../../shared/errors";
import { figuresFrom } from "../../shared/figures";
import { type Period, parsePeriod, previousPeriod } from "../../shared/period";
import { type QualityFlag, qualityFlags } from "../../shared/quality";
import type { ReportVersion } from "../../shared/report";
import { periodsToRead } from "../../shared/rollup";
import type { Deps } from "../deps";
import type { QualityCheck } from "../ports";
import { type Actor, recorded } from "./audit";
import { filing } from "./filing";

/** The period and the ones before it that a unit's history is judged against, oldest first. */
const HISTORY_PERIODS = 8;

function seriesOf(period: Period): Period[] {
  const periods = [period];
  for (let i = 0; i < HISTORY_PERIODS; i++) periods.unshift(previousPeriod(periods[0] as Period));
  return periods;
}

function requireFilingPeriod(periodId: string): Period {
  const period = parsePeriod(periodId);
  if (!period || (period.kind !== "month" && period.kind !== "quarter")) {
    throw new InvalidInputError([
      { path: "period", key: period ? "error.rollUpPeriod" : "error.filingPeriod", params: { value: periodId } },
    ]);
  }
  return period;
}

export interface QualityReview {
  readonly cohort: string;
  readonly period: string;
  readonly periods: readonly string[];
  readonly completeness: {
    readonly units: number;
    readonly filed: number;
    readonly onTime: number;
    readonly late: number;
    readonly missing: number;
  };
  readonly flags: readonly (QualityFlag & { readonly name: string; readonly checked: QualityCheck | null })[];
}

export async function qualityReview(deps: Deps, cohort: string, periodId: string): Promise<QualityReview> {
  const period = requireFilingPeriod(periodId);
  const status = await filing(deps, cohort, period.id);
  const series = seriesOf(period);
  const ids = [...new Set(series.flatMap((p) => periodsToRead(p)))];
  const pages = await Promise.all(ids.map((id) => deps.store.latestReportsOfPeriod(id)));
  const byUnit = new Map<string, ReportVersion[]>();
  for (const report of pages.flat()) byUnit.set(report.unitId, [...(byUnit.get(report.unitId) ?? []), report]);
  const names = new Map(status.rows.map((row) => [row.unitId, row.name]));
  const flags = qualityFlags(
    status.rows.map(({ unitId }) => ({
      unitId,
      periods: series.map((p) => {
        const figures = figuresFrom(unitId, p.id, byUnit.get(unitId) ?? []);
        const complete = figures.sources.length > 0 && figures.missing.length === 0;
        return { period: p.id, metrics: complete ? figures.metrics : undefined };
      }),
    })),
  );
  const checks = new Map((await deps.store.qualityChecks(cohort, period.id)).map((check) => [check.flagId, check]));
  const { onTime, late, missing, notDue } = status.counts;
  return {
    cohort,
    period: period.id,
    periods: series.map((p) => p.id),
    completeness: { units: status.rows.length, filed: onTime + late, onTime, late, missing: missing + notDue },
    flags: flags.map((flag) => ({
      ...flag,
      name: names.get(flag.unitId) ?? flag.unitId,
      checked: checks.get(flag.id) ?? null,
    })),
  };
}

/** An inspector marks a flag as checked, with a note of what was found; the figure is not touched. */
export async function checkFlag(
  deps: Deps,
  actor: Actor,
  cohort: string,
  periodId: string,
  request: { flagId: string; note: string },
): Promise<QualityCheck> {
  const review = await qualityReview(deps, cohort, periodId);
  const flag = review.flags.find((candidate) => candidate.id === request.flagId);
  if (!flag)
    throw new InvalidInputError([
      { path: "flagId", key: "error.quality.unknownFlag", params: { value: request.flagId } },
    ]);
  const check: QualityCheck = {
    flagId: flag.id,
    note: request.note,
    by: actor.identity.kind === "user" ? actor.identity.username : "operator",
    at: deps.now().toISOString(),
  };
  await recorded(
    deps,
    actor,
    {
      action: "quality.check",
      entity: `quality:${cohort}:${review.period}:${flag.id}`,
      unitId: flag.unitId,
      period: review.period,
      reason: request.note,
      before: flag.checked ?? undefined,
      after: { kind: flag.kind, measure: flag.measure, value: flag.value, note: request.note },
    },
    () => deps.store.putQualityCheck(cohort, review.period, check),
  );
  return check;
}
