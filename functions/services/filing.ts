// Filing status: which units of a cohort filed a month's or quarter's report on time, late, or not yet,
// against the cohort's reporting calendar.

import { defaultCalendar, dueDate, type FilingRow, filingStatus, type ReportingCalendar } from "../../shared/calendar";
import { isCalendarDay } from "../../shared/commitments";
import { InvalidInputError } from "../../shared/errors";
import { type Period, parsePeriod } from "../../shared/period";
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

/** The filing status of a cohort's units; `visible` keeps the units the reader may see. */
export async function filing(
  deps: Deps,
  cohort: string,
  periodId: string,
  visible: (unitId: string) => boolean = () => true,
): Promise<FilingReport> {
  const period = parsePeriod(periodId);
  if (!period || (period.kind !== "month" && period.kind !== "quarter")) {
    throw new InvalidInputError([
      { path: "period", key: period ? "error.rollUpPeriod" : "error.period", params: { value: periodId } },
    ]);
  }
  const cohortUnits = (await deps.store.listUnits()).filter((unit) => unit.cohort === cohort);
  if (cohortUnits.length === 0)
    throw new InvalidInputError([{ path: "cohort", key: "error.unknownCohort", params: { value: cohort } }]);
  const units = cohortUnits.filter((unit) => visible(unit.id));
  const calendar = await calendarOf(deps, cohort);
  const latest = await deps.store.latestReportsOfPeriod(period.id);
  const filedAt = new Map(latest.map((report) => [report.unitId, report.filedAt ?? report.submittedAt]));
  const order = { missing: 0, late: 1, notDue: 2, onTime: 3 } as const;
  const rows = filingStatus(calendar, period.id, units, filedAt, deps.now()).sort(
    (a, b) => order[a.state] - order[b.state] || b.daysLate - a.daysLate || a.name.localeCompare(b.name, "vi"),
  );
  const counts = { onTime: 0, late: 0, missing: 0, notDue: 0 };
  for (const row of rows) counts[row.state]++;
  return { cohort, period: period.id, dueDate: dueDate(calendar, period), counts, rows };
}
