// Filing status: which units of a cohort filed a month's or quarter's report on time, late, or not yet,
// against the cohort's reporting calendar.

import { defaultCalendar, dueDate, type FilingRow, filingStatus, type ReportingCalendar } from "../../shared/calendar";
import { isCalendarDay } from "../../shared/commitments";
import { InvalidInputError } from "../../shared/errors";
import { type Period, parsePeriod, periodOf } from "../../shared/period";
import type { Unit } from "../../shared/units";
import type { ValidationIssue } from "../../shared/validation";
import type { Deps } from "../deps";
import { type Actor, recorded } from "./audit";

export async function calendarOf(deps: Deps, cohort: string): Promise<ReportingCalendar> {
  return (await deps.store.getCalendar(cohort)) ?? defaultCalendar(cohort);
}

/**
 * Saves a cohort's calendar (admins). Moving the due date of a period whose due date has already passed
 * changes who counts as late: it needs a reason, and the audit trail keeps both calendars.
 */
export async function saveCalendar(
  deps: Deps,
  actor: Actor,
  cohort: string,
  body: unknown,
): Promise<ReportingCalendar> {
  const {
    dueDays,
    overrides = {},
    reason: rawReason,
  } = (body ?? {}) as {
    dueDays?: unknown;
    overrides?: Record<string, unknown>;
    reason?: unknown;
  };
  const issues: ValidationIssue[] = [];
  if (!(await deps.store.listUnits()).some((unit) => unit.cohort === cohort)) {
    issues.push({ path: "cohort", key: "error.unknownCohort", params: { value: cohort } });
  }
  if (!(typeof dueDays === "number" && Number.isInteger(dueDays) && dueDays >= 0 && dueDays <= 120)) {
    issues.push({ path: "dueDays", key: "error.count", params: { value: String(dueDays) } });
  }
  if (typeof overrides !== "object" || overrides === null || Array.isArray(overrides)) {
    issues.push({ path: "overrides", key: "error.notAnObject" });
  } else {
    for (const [period, date] of Object.entries(overrides)) {
      if (!parsePeriod(period))
        issues.push({ path: `overrides.${period}`, key: "error.period", params: { value: period } });
      else if (typeof date !== "string" || !isCalendarDay(date))
        issues.push({ path: `overrides.${period}`, key: "error.date" });
    }
  }
  if (rawReason !== undefined && (typeof rawReason !== "string" || rawReason.length > 2000)) {
    issues.push({ path: "reason", key: "error.text" });
  }
  if (issues.length > 0) throw new InvalidInputError(issues);
  const calendar: ReportingCalendar = {
    cohort,
    dueDays: dueDays as number,
    overrides: overrides as Record<string, string>,
  };
  const before = await calendarOf(deps, cohort);
  const reason = typeof rawReason === "string" ? rawReason.trim() : "";
  const today = deps.now().toISOString().slice(0, 10);
  // Periods with filings whose due date has passed under the old calendar and moves under the new one.
  const filed = await deps.store.filedPeriods();
  const moved = filed
    .map((id) => parsePeriod(id))
    .filter((period) => period !== undefined && (period.kind === "month" || period.kind === "quarter"))
    .map((period) => ({
      period: period as Period,
      was: dueDate(before, period as Period),
      will: dueDate(calendar, period as Period),
    }))
    .filter(({ was, will }) => was !== will && (was < today || will < today));
  if (moved.length > 0 && reason === "") {
    const first = moved[0] as { period: Period; was: string };
    throw new InvalidInputError([
      { path: "reason", key: "error.calendar.pastDue", params: { period: first.period.id, dueDate: first.was } },
    ]);
  }
  await recorded(
    deps,
    actor,
    { action: "calendar.save", entity: `calendar:${cohort}`, reason: reason || undefined, before, after: calendar },
    () => deps.store.putCalendar(calendar),
  );
  return calendar;
}

export interface FilingReport {
  readonly cohort: string;
  readonly period: string;
  readonly dueDate: string;
  readonly counts: Record<FilingRow["state"], number>;
  readonly rows: FilingRow[];
}

/** What a cohort-period's filing status is computed from: its units, calendar and first filings. */
export interface FilingInputs {
  readonly cohort: string;
  readonly period: string;
  readonly calendar: ReportingCalendar;
  readonly units: readonly Unit[];
  /** When each unit first filed the period. */
  readonly filedAt: Readonly<Record<string, string>>;
}

export async function filingInputs(deps: Deps, cohort: string, periodId: string): Promise<FilingInputs> {
  const period = parsePeriod(periodId);
  if (!period || (period.kind !== "month" && period.kind !== "quarter")) {
    throw new InvalidInputError([
      { path: "period", key: period ? "error.rollUpPeriod" : "error.period", params: { value: periodId } },
    ]);
  }
  const units = (await deps.store.listUnits()).filter((unit) => unit.cohort === cohort);
  if (units.length === 0)
    throw new InvalidInputError([{ path: "cohort", key: "error.unknownCohort", params: { value: cohort } }]);
  const [calendar, latest] = await Promise.all([calendarOf(deps, cohort), deps.store.latestReportsOfPeriod(period.id)]);
  const filedAt = Object.fromEntries(latest.map((report) => [report.unitId, report.filedAt ?? report.submittedAt]));
  return { cohort, period: period.id, calendar, units, filedAt };
}

/** The status as of `now` of the units `visible` keeps (a reader's scope): pure, from the inputs. */
export function filingReport(inputs: FilingInputs, visible: (unitId: string) => boolean, now: Date): FilingReport {
  const units = inputs.units.filter((unit) => visible(unit.id));
  const filedAt = new Map(Object.entries(inputs.filedAt));
  const order = { missing: 0, late: 1, notDue: 2, onTime: 3 } as const;
  const rows = filingStatus(inputs.calendar, inputs.period, units, filedAt, now).sort(
    (a, b) => order[a.state] - order[b.state] || b.daysLate - a.daysLate || a.name.localeCompare(b.name, "vi"),
  );
  const counts = { onTime: 0, late: 0, missing: 0, notDue: 0 };
  for (const row of rows) counts[row.state]++;
  return {
    cohort: inputs.cohort,
    period: inputs.period,
    dueDate: dueDate(inputs.calendar, periodOf(inputs.period)),
    counts,
    rows,
  };
}

/** The filing status of a cohort's units, read from the source items (the read model's oracle). */
export async function filing(
  deps: Deps,
  cohort: string,
  periodId: string,
  visible: (unitId: string) => boolean = () => true,
): Promise<FilingReport> {
  return filingReport(await filingInputs(deps, cohort, periodId), visible, deps.now());
}
