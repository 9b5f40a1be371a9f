// Filing and reading reports: validation, unit checks, versioned saves, roll-ups with derived rates.

import { InvalidInputError, NotFoundError } from "../../shared/errors";
import { figuresFrom, type PeriodFigures } from "../../shared/figures";
import { parsePeriod, sortPeriodIds } from "../../shared/period";
import { type ReportSource, type ReportVersion, validateReport } from "../../shared/report";
import type { Unit } from "../../shared/units";
import type { Deps } from "../deps";
import type { SaveResult } from "../ports";

const SUBMITTABLE_SOURCES: readonly ReportSource[] = ["form", "api"];

export async function requireUnit(deps: Deps, unitId: string): Promise<Unit> {
  const unit = await deps.store.getUnit(unitId);
  if (!unit) throw new NotFoundError("error.unknownUnit", { value: unitId });
  return unit;
}

export async function submitReport(deps: Deps, body: unknown, submittedBy: string): Promise<SaveResult> {
  const validated = validateReport(body);
  const source = (body as { source?: unknown } | null)?.source ?? "api";
  const issues = validated.ok ? [] : [...validated.issues];
  if (!SUBMITTABLE_SOURCES.includes(source as ReportSource)) {
    issues.push({ path: "source", key: "error.source", params: { allowed: SUBMITTABLE_SOURCES.join(", ") } });
  }
  if (!validated.ok || issues.length > 0) throw new InvalidInputError(issues);
  const { unitId } = validated.value;
  if (!(await deps.store.getUnit(unitId))) {
    throw new InvalidInputError([{ path: "unitId", key: "error.unknownUnit", params: { value: unitId } }]);
  }
  return deps.store.saveReport(validated.value, {
    submittedBy,
    submittedAt: deps.now().toISOString(),
    source: source as ReportSource,
  });
}

function requirePeriod(periodId: string) {
  const period = parsePeriod(periodId);
  if (!period) throw new InvalidInputError([{ path: "period", key: "error.period", params: { value: periodId } }]);
  return period;
}

/** A unit's figures for any period: the filed report, or the roll-up of its months and quarters. */
export async function periodFigures(deps: Deps, unitId: string, periodId: string): Promise<PeriodFigures> {
  const period = requirePeriod(periodId);
  await requireUnit(deps, unitId);
  const filed = await deps.store.latestReportsOfUnit(unitId);
  const figures = figuresFrom(unitId, period.id, filed);
  if (figures.sources.length === 0) throw new NotFoundError("error.reportNotFound", { unitId, period: period.id });
  return figures;
}

/** Every filed period of a unit, in time order, each with its rates (for trend lines). */
export async function unitReports(deps: Deps, unitId: string): Promise<PeriodFigures[]> {
  await requireUnit(deps, unitId);
  const filed = await deps.store.latestReportsOfUnit(unitId);
  return sortPeriodIds(filed.map((report) => report.period)).map((period) => figuresFrom(unitId, period, filed));
}

export async function reportHistory(deps: Deps, unitId: string, periodId: string): Promise<ReportVersion[]> {
  const period = requirePeriod(periodId);
  await requireUnit(deps, unitId);
  const history = await deps.store.reportHistory(unitId, period.id);
  if (history.length === 0) throw new NotFoundError("error.reportNotFound", { unitId, period: period.id });
  return history;
}
