// The reporting calendar: when each period's report is due, whether a report was filed late, and which
// units have not filed. Due dates are data (days after the period ends, per cohort, with per-period
// exceptions); a report counts as filed when its first version was accepted — corrections do not move it.

import { type Period, parsePeriod, periodEndDate } from "./period";
import type { Unit } from "./units";

export interface ReportingCalendar {
  readonly cohort: string;
  /** Reports are due this many days after the period ends (at 23:59 Vietnam time). */
  readonly dueDays: number;
  /** Exceptions by period id: an ISO date (yyyy-mm-dd). */
  readonly overrides?: Readonly<Record<string, string>>;
}

export const DEFAULT_DUE_DAYS = 10;

export function defaultCalendar(cohort: string): ReportingCalendar {
  return { cohort, dueDays: DEFAULT_DUE_DAYS };
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The last day a period's report may be filed, as an ISO date. */
export function dueDate(calendar: ReportingCalendar, period: Period): string {
  return calendar.overrides?.[period.id] ?? addDays(periodEndDate(period), calendar.dueDays);
}

/** The end of the due day in Vietnam (UTC+7), as an instant. */
export function dueInstant(calendar: ReportingCalendar, period: Period): string {
  return new Date(`${dueDate(calendar, period)}T23:59:59.999+07:00`).toISOString();
}

export function isLate(calendar: ReportingCalendar, period: Period, filedAt: string): boolean {
  return filedAt > dueInstant(calendar, period);
}

export type FilingState = "onTime" | "late" | "missing" | "notDue";

export interface FilingRow {
  readonly unitId: string;
  readonly name: string;
  readonly state: FilingState;
  readonly filedAt: string | null;
  readonly dueDate: string;
  /** Days past the due date: for late reports when filed, for missing ones as of now. */
  readonly daysLate: number;
}

const DAY = 24 * 60 * 60 * 1000;

/** Filing state of every unit of a cohort for a month or quarter. */
export function filingStatus(
  calendar: ReportingCalendar,
  periodId: string,
  units: readonly Unit[],
  filedAt: ReadonlyMap<string, string>,
  now: Date,
): FilingRow[] {
  const period = parsePeriod(periodId);
  if (!period) throw new RangeError(`invalid period ${periodId}`);
  const due = dueInstant(calendar, period);
  const lateBy = (instant: string) => Math.max(0, Math.ceil((Date.parse(instant) - Date.parse(due)) / DAY));
  return units.map((unit) => {
    const filed = filedAt.get(unit.id) ?? null;
    const state: FilingState = filed
      ? filed > due
        ? "late"
        : "onTime"
      : now.toISOString() > due
        ? "missing"
        : "notDue";
    const daysLate = state === "late" ? lateBy(filed as string) : state === "missing" ? lateBy(now.toISOString()) : 0;
    return { unitId: unit.id, name: unit.name, state, filedAt: filed, dueDate: dueDate(calendar, period), daysLate };
  });
}
