// Filing status: which units of a cohort filed a month's or quarter's report on time, late, or not yet,
// against the cohort's reporting calendar.

import { defaultCalendar, dueDate, type FilingRow, filingStatus, type ReportingCalendar } from "../../shared/calendar";
import { InvalidInputError } from "../../shared/errors";
import { parsePeriod } from "../../shared/period";
import type { Deps } from "../deps";

export async function calendarOf(deps: Deps, cohort: string): Promise<ReportingCalendar> {
  return (await deps.store.getCalendar(cohort)) ?? defaultCalendar(cohort);
}

export async function saveCalendar(deps: Deps, cohort: string, body: unknown): Promise<ReportingCalendar> {
  const { dueDays, overrides = {} } = (body ?? {}) as { dueDays?: unknown; overrides?: Record<string, unknown> };
  const issues = [];
  if (!(typeof dueDays === "number" && Number.isInteger(dueDays) && dueDays >= 0 && dueDays <= 120)) {
    issues.push({ path: "dueDays", key: "error.count" as const, params: { value: String(dueDays) } });
  }
  for (const [period, date] of Object.entries(overrides)) {
    if (!parsePeriod(period))
      issues.push({ path: `overrides.${period}`, key: "error.period" as const, params: { value: period } });
    else if (typeof date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) {
      issues.push({ path: `overrides.${period}`, key: "error.text" as const });
    }
  }
  if (issues.length > 0) throw new InvalidInputError(issues);
  const calendar: ReportingCalendar = {
    cohort,
    dueDays: dueDays as number,
    overrides: overrides as Record<string, string>,
  };
  await deps.store.putCalendar(calendar);
  return calendar;
}

export interface FilingReport {
  readonly cohort: string;
  readonly period: string;
  readonly dueDate: string;
  readonly counts: Record<FilingRow["state"], number>;
  readonly rows: FilingRow[];
}

export async function filing(deps: Deps, cohort: string, periodId: string): Promise<FilingReport> {
  const period = parsePeriod(periodId);
  if (!period || (period.kind !== "month" && period.kind !== "quarter")) {
    throw new InvalidInputError([
      { path: "period", key: period ? "error.rollUpPeriod" : "error.period", params: { value: periodId } },
    ]);
  }
  const units = (await deps.store.listUnits()).filter((unit) => unit.cohort === cohort);
  if (units.length === 0)
    throw new InvalidInputError([{ path: "cohort", key: "error.unknownCohort", params: { value: cohort } }]);
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
