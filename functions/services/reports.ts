// Filing and reading reports: validation, unit checks, versioned saves, roll-ups with derived rates.

import { actorName } from "../../shared/access/identity";
import { ConflictError, InvalidInputError, NotFoundError } from "../../shared/errors";
import { figuresFrom, type PeriodFigures } from "../../shared/figures";
import { parsePeriod, periodOf, sortPeriodIds } from "../../shared/period";
import { checkFilingOpen, type ReportSource, type ReportVersion, validateReport } from "../../shared/report";
import type { Unit } from "../../shared/units";
import { filingRule } from "../../shared/workflow";
import type { Deps } from "../deps";
import type { SaveResult, Submission } from "../ports";
import { type Actor, recorded } from "./audit";
import { governingStatus } from "./workflow";

const SUBMITTABLE_SOURCES: readonly ReportSource[] = ["form", "api"];

export async function requireUnit(deps: Deps, unitId: string): Promise<Unit> {
  const unit = await deps.store.getUnit(unitId);
  if (!unit) throw new NotFoundError("error.unknownUnit", { value: unitId });
  return unit;
}

/** Files a report: the whole report as sent is the new version (figures left out are not reported). */
export async function submitReport(deps: Deps, actor: Actor, body: unknown): Promise<SaveResult> {
  const validated = validateReport(body);
  const { source = "api", reason: rawReason } = (body ?? {}) as { source?: unknown; reason?: unknown };
  const issues = validated.ok ? [] : [...validated.issues];
  if (!SUBMITTABLE_SOURCES.includes(source as ReportSource)) {
    issues.push({ path: "source", key: "error.source", params: { allowed: SUBMITTABLE_SOURCES.join(", ") } });
  }
  if (rawReason !== undefined && (typeof rawReason !== "string" || rawReason.length > 2000)) {
    issues.push({ path: "reason", key: "error.text" });
  }
  if (!validated.ok || issues.length > 0) throw new InvalidInputError(issues);
  const { unitId, period } = validated.value;
  const notEnded = checkFilingOpen(periodOf(period), deps.now());
  if (notEnded) throw new InvalidInputError([notEnded]);
  const unit = await deps.store.getUnit(unitId);
  if (!unit) throw new InvalidInputError([{ path: "unitId", key: "error.unknownUnit", params: { value: unitId } }]);
  const reason = typeof rawReason === "string" ? rawReason.trim() : "";
  const rule = filingRule(await governingStatus(deps, unit.cohort, period));
  if (rule === "frozen") throw new ConflictError("error.workflow.frozen", { cohort: unit.cohort, period });
  if (rule === "reason" && reason === "")
    throw new InvalidInputError([{ path: "reason", key: "error.reason.required" }]);
  const before = await deps.store.latestReport(unitId, period);
  const submission: Submission = {
    submittedBy: actorName(actor.identity),
    submittedAt: deps.now().toISOString(),
    source: source as ReportSource,
    ...(rule === "reason" ? { afterClose: true } : {}),
    ...(reason ? { reason } : {}),
  };
  return recorded(
    deps,
    actor,
    {
      action: "report.file",
      entity: `report:${unitId}:${period}`,
      unitId,
      period,
      reason: reason || undefined,
      before: before ? { version: before.version, metrics: before.metrics } : undefined,
      after: { metrics: validated.value.metrics },
    },
    () => deps.store.saveReport(validated.value, submission),
    (saved) => ({ version: saved.report.version, created: saved.created, metrics: saved.report.metrics }),
  );
}

/**
 * Changes some figures of the latest version explicitly: the given metrics replace theirs, a null removes
 * one, every other figure is kept; the result is filed as a whole new version (submitReport's checks).
 */
export async function correctReport(deps: Deps, actor: Actor, unitId: string, periodId: string, body: unknown) {
  const period = requirePeriod(periodId);
  const latest = await deps.store.latestReport(unitId, period.id);
  if (!latest) throw new NotFoundError("error.reportNotFound", { unitId, period: period.id });
  const { metrics: changes, ...rest } = (body ?? {}) as { metrics?: unknown };
  if (typeof changes !== "object" || changes === null || Array.isArray(changes)) {
    throw new InvalidInputError([{ path: "metrics", key: "error.notAnObject" }]);
  }
  const merged: Record<string, unknown> = { ...latest.metrics };
  for (const [id, value] of Object.entries(changes)) {
    if (value === null) delete merged[id];
    else merged[id] = value;
  }
  return submitReport(deps, actor, { ...rest, unitId, period: period.id, metrics: merged });
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
