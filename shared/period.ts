// Reporting periods: ids like 2024, 2024-H1, 2024-Q3, 2024-M07 and 2024-9M (Q1–Q3, year to date),
// with ordering, the previous comparable period and the component periods a roll-up is built from.

export type PeriodKind = "year" | "half" | "nineMonths" | "quarter" | "month";

export interface Period {
  readonly id: string;
  readonly kind: PeriodKind;
  readonly year: number;
  /** 1-based index within the year (half 1–2, quarter 1–4, month 1–12); 1 for year and 9M. */
  readonly index: number;
  /** First and last calendar month covered, 1–12. */
  readonly startMonth: number;
  readonly endMonth: number;
}

const PATTERN = /^(\d{4})(?:-(H[12]|Q[1-4]|M(?:0[1-9]|1[0-2])|9M))?$/;
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

/** Parses a period id; returns undefined for anything that is not a valid id. */
export function parsePeriod(id: string): Period | undefined {
  const match = PATTERN.exec(id.trim());
  if (!match) return undefined;
  const year = Number(match[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return undefined;
  return makePeriod(year, match[2]);
}

/** Like parsePeriod but throws; for ids that have already been validated. */
export function periodOf(id: string): Period {
  const period = parsePeriod(id);
  if (!period) throw new RangeError(`invalid period id: ${id}`);
  return period;
}

export function isPeriodId(id: string): boolean {
  return parsePeriod(id) !== undefined;
}

function makePeriod(year: number, suffix: string | undefined): Period {
  if (!suffix) return { id: `${year}`, kind: "year", year, index: 1, startMonth: 1, endMonth: 12 };
  if (suffix === "9M") return { id: `${year}-9M`, kind: "nineMonths", year, index: 1, startMonth: 1, endMonth: 9 };
  const index = Number(suffix.slice(1));
  switch (suffix[0]) {
    case "H":
      return { id: `${year}-H${index}`, kind: "half", year, index, startMonth: index * 6 - 5, endMonth: index * 6 };
    case "Q":
      return { id: `${year}-Q${index}`, kind: "quarter", year, index, startMonth: index * 3 - 2, endMonth: index * 3 };
    default:
      return { id: monthId(year, index), kind: "month", year, index, startMonth: index, endMonth: index };
  }
}

function monthId(year: number, month: number): string {
  return `${year}-M${String(month).padStart(2, "0")}`;
}

const quarterId = (year: number, quarter: number) => `${year}-Q${quarter}`;

/** Orders periods by their end, then the shorter first (Q3 before 9M, both end in September). */
export function comparePeriods(a: Period, b: Period): number {
  const endA = a.year * 12 + a.endMonth;
  const endB = b.year * 12 + b.endMonth;
  if (endA !== endB) return endA - endB;
  return b.startMonth - a.startMonth;
}

export function sortPeriodIds(ids: readonly string[]): string[] {
  return [...ids].sort((a, b) => comparePeriods(periodOf(a), periodOf(b)));
}

/**
 * The period a leader compares with: the one just before for years, halves, quarters and months;
 * the same nine months of the previous year for 9M (year-to-date is compared year on year).
 */
export function previousPeriod(period: Period): Period {
  const { kind, year, index } = period;
  switch (kind) {
    case "year":
      return makePeriod(year - 1, undefined);
    case "nineMonths":
      return makePeriod(year - 1, "9M");
    case "half":
      return index === 1 ? makePeriod(year - 1, "H2") : makePeriod(year, "H1");
    case "quarter":
      return index === 1 ? makePeriod(year - 1, "Q4") : makePeriod(year, `Q${index - 1}`);
    case "month":
      return index === 1 ? makePeriod(year - 1, "M12") : periodOf(monthId(year, index - 1));
  }
}

/**
 * The next finer periods a roll-up is made of, in order: a year, half or 9M from quarters,
 * a quarter from months. A month has none.
 */
export function componentPeriods(period: Period): Period[] {
  if (period.kind === "month") return [];
  if (period.kind === "quarter") {
    return [0, 1, 2].map((offset) => periodOf(monthId(period.year, period.startMonth + offset)));
  }
  const quarters: Period[] = [];
  for (let q = (period.startMonth + 2) / 3; q <= period.endMonth / 3; q++) {
    quarters.push(periodOf(quarterId(period.year, q)));
  }
  return quarters;
}

/** The last calendar day of a period, as an ISO date (yyyy-mm-dd). */
export function periodEndDate(period: Period): string {
  const lastDay = new Date(Date.UTC(period.year, period.endMonth, 0)).getUTCDate();
  return `${period.year}-${String(period.endMonth).padStart(2, "0")}-${String(lastDay).padStart(2, "0")}`;
}

/** All quarter ids from one quarter to another, inclusive. */
export function quartersBetween(from: string, to: string): string[] {
  const start = periodOf(from);
  const end = periodOf(to);
  if (start.kind !== "quarter" || end.kind !== "quarter") throw new RangeError("quartersBetween takes quarter ids");
  const ids: string[] = [];
  for (let n = start.year * 4 + start.index - 1; n <= end.year * 4 + end.index - 1; n++) {
    ids.push(quarterId(Math.floor(n / 4), (n % 4) + 1));
  }
  return ids;
}

/**
 * The periods a reader can pick, newest first: every filed period, the quarter of each filed month, and
 * the 9 months, halves and years whose quarters all have filings (so a year in progress is not offered).
 */
export function selectablePeriods(filedIds: readonly string[]): string[] {
  const filed = filedIds.map(periodOf);
  const ids = new Set(filed.map((period) => period.id));
  for (const period of filed) ids.add(quarterId(period.year, Math.ceil(period.endMonth / 3)));
  const years = new Set(filed.map((period) => period.year));
  for (const year of years) {
    for (const suffix of ["9M", "H1", "H2", undefined]) {
      const rollUp = makePeriod(year, suffix);
      if (componentPeriods(rollUp).every((quarter) => ids.has(quarter.id))) ids.add(rollUp.id);
    }
  }
  return sortPeriodIds([...ids]).reverse();
}

/** Vietnam is UTC+7 all year (no daylight saving). */
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** When a month's or quarter's report may be filed: the instant the period ends in Vietnam (the next day, 00:00 +07:00). */
export function filingOpensAt(period: Period): Date {
  return new Date(Date.UTC(period.year, period.endMonth, 1) - VIETNAM_OFFSET_MS);
}

/** The first filing day in Vietnam, as yyyy-mm-dd. */
export function filingOpensOn(period: Period): string {
  return new Date(filingOpensAt(period).getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}
