// Commitments (cam kết) that unit heads sign at the start of a year, and their evaluation at any point
// of the year: the actual so far, what the rest of the year needs, a projection to the year end, and a
// status — met, on track, at risk, missed, no data — with the reason as a message and its figures.
//
// Rules:
// - Rates (any derived rate, plan completion): the year to date is the roll-up of the quarters filed; the
//   rest of the year is assumed to bring the same volume per quarter; the rate it needs follows from the
//   parts (numerator, denominator). Needing more than 100 % (or less than 0 % for lower-is-better) means
//   the target can no longer be reached: missed at once. The projection carries the latest quarter's rate
//   to the year end.
// - Counts that accumulate (late applications, …): once past a "no more than" target, missed at once;
//   otherwise projected at the year-to-date pace. Stocks (pending overdue) are judged on the latest value.
// - Filing on time: the share of the year's reports filed by their due date; with a 100 % target one late
//   report is a miss.
// - Methodology index and rank: the year's scorecard when there is one; before, last year's as a guide.
// - When the year is over, only met or missed remain.

import { compare } from "./methodology/engine";
import type { Comparator } from "./methodology/model";
import { isMetricId, type Metrics, metricRollUp } from "./metrics";
import { periodOf } from "./period";
import { isRateId, type RateDefinition, rateDefinition, total } from "./rates";
import { rollUp } from "./rollup";
import type { ValidationIssue } from "./validation";

export const COMPARATORS: readonly Comparator[] = [">=", ">", "<=", "<", "="];
export const FILING_MEASURE = "filingOnTime";

export interface Commitment {
  readonly id: string;
  readonly unitId: string;
  readonly year: number;
  /** A rate id, a metric id, filingOnTime, index:<methodology> or rank:<methodology>. */
  readonly measure: string;
  readonly comparator: Comparator;
  readonly target: number;
  readonly signedBy: string;
  /** ISO date. */
  readonly signedOn: string;
  readonly note?: string;
}

export type CommitmentStatus = "met" | "onTrack" | "atRisk" | "missed" | "noData";
export type MeasureKind = "rate" | "count" | "filing" | "index" | "rank";

export interface Evaluation {
  readonly status: CommitmentStatus;
  readonly kind: MeasureKind;
  /** The period the evaluation stands at (year to date), e.g. 2026-9M. */
  readonly asOf: string | null;
  readonly actual: number | null;
  /** What the rest of the year must average (rates) or may still add (counts); null when not applicable. */
  readonly needed: number | null;
  readonly projection: number | null;
  /** Catalogue key of the reason and its figures (formatted where it is shown). */
  readonly reason: CommitmentReason;
}

export type CommitmentReason =
  | { key: "noData"; year: number }
  | { key: "met" | "missedYear"; asOf: string; actual: number; target: number }
  | { key: "impossible"; asOf: string; actual: number; target: number; needed: number }
  | { key: "countExceeded"; asOf: string; actual: number; target: number }
  | { key: "lateFiling"; asOf: string; late: number }
  | { key: "onTrack"; asOf: string; actual: number; target: number; projection: number }
  | { key: "atRisk"; asOf: string; actual: number; target: number; projection: number; needed: number | null }
  | { key: "previousYear"; year: number; actual: number; target: number };

export interface YearData {
  readonly year: number;
  /** Quarters of the year that have ended as of the evaluation (0–4). */
  readonly elapsedQuarters: number;
  /** The unit's filed reports of the year by period id (months or quarters). */
  readonly filed: ReadonlyMap<string, Metrics>;
  /** For filingOnTime: each report of the year filed so far and whether it came in late. */
  readonly filings?: readonly { readonly period: string; readonly late: boolean }[];
  /** For index and rank measures: this year's result if scored, last year's otherwise. */
  readonly score?: {
    readonly index: number | null;
    readonly rank: number | null;
    readonly previousIndex: number | null;
    readonly previousRank: number | null;
  };
}

export function measureKind(measure: string): MeasureKind | undefined {
  if (isRateId(measure)) return "rate";
  if (isMetricId(measure)) return "count";
  if (measure === FILING_MEASURE) return "filing";
  if (/^index:[a-z0-9-]+$/.test(measure)) return "index";
  if (/^rank:[a-z0-9-]+$/.test(measure)) return "rank";
  return undefined;
}

/** The year-to-date period after n quarters: Q1, H1, 9M, the year. */
export function yearToDate(year: number, quarters: number): string | null {
  return [null, `${year}-Q1`, `${year}-H1`, `${year}-9M`, `${year}`][quarters] ?? null;
}

const lowerIsBetter = (comparator: Comparator) => comparator === "<=" || comparator === "<";

export function evaluate(commitment: Commitment, data: YearData): Evaluation {
  const kind = measureKind(commitment.measure);
  if (!kind) throw new RangeError(`unknown measure ${commitment.measure}`);
  if (kind === "index" || kind === "rank") return evaluateScore(commitment, kind, data);
  const asOf = yearToDate(commitment.year, data.elapsedQuarters);
  const ytd = asOf ? rollUp(periodOf(asOf), data.filed) : undefined;
  const noData: Evaluation = {
    status: "noData",
    kind,
    asOf,
    actual: null,
    needed: null,
    projection: null,
    reason: { key: "noData", year: commitment.year },
  };
  if (!asOf || !ytd || ytd.sources.length === 0 || ytd.missing.length > 0) return noData;
  if (kind === "filing") return evaluateFiling(commitment, data, asOf);
  if (kind === "rate")
    return evaluateRate(commitment, rateDefinition(commitment.measure as never), data, asOf, ytd.metrics) ?? noData;
  return evaluateCount(commitment, data, asOf, ytd.metrics) ?? noData;
}

function finished(
  commitment: Commitment,
  kind: MeasureKind,
  asOf: string,
  actual: number,
  extra: Partial<Evaluation> = {},
): Evaluation {
  const met = compare(actual, commitment.comparator, commitment.target);
  return {
    status: met ? "met" : "missed",
    kind,
    asOf,
    actual,
    needed: null,
    projection: actual,
    reason: { key: met ? "met" : "missedYear", asOf, actual, target: commitment.target },
    ...extra,
  };
}

function evaluateRate(
  commitment: Commitment,
  definition: RateDefinition,
  data: YearData,
  asOf: string,
  metrics: Metrics,
): Evaluation | undefined {
  const numerator = total(metrics, definition.numerator);
  const denominator = total(metrics, definition.denominator);
  if (numerator === null || denominator === null || denominator === 0) return undefined;
  const actual = (numerator * 100) / denominator;
  const elapsed = data.elapsedQuarters;
  if (elapsed >= 4) return finished(commitment, "rate", asOf, actual);

  // The rest of the year brings the same volume per quarter as so far.
  const restDenominator = (denominator * (4 - elapsed)) / elapsed;
  const target = commitment.target / 100;
  const needed = ((target * (denominator + restDenominator) - numerator) / restDenominator) * 100;
  const lower = lowerIsBetter(commitment.comparator);
  const impossible = lower ? needed < 0 : needed > 100;
  if (impossible || (commitment.comparator === "=" && (needed < 0 || needed > 100))) {
    return {
      status: "missed",
      kind: "rate",
      asOf,
      actual,
      needed,
      projection: null,
      reason: { key: "impossible", asOf, actual, target: commitment.target, needed },
    };
  }
  const latest = latestQuarterRate(definition, data);
  const projection =
    ((numerator + ((latest ?? actual) / 100) * restDenominator) * 100) / (denominator + restDenominator);
  const onTrack = compare(projection, commitment.comparator, commitment.target);
  return {
    status: onTrack ? "onTrack" : "atRisk",
    kind: "rate",
    asOf,
    actual,
    needed,
    projection,
    reason: onTrack
      ? { key: "onTrack", asOf, actual, target: commitment.target, projection }
      : { key: "atRisk", asOf, actual, target: commitment.target, projection, needed },
  };
}

/** The rate of the latest quarter that has ended: the most recent performance, carried forward. */
function latestQuarterRate(definition: RateDefinition, data: YearData): number | null {
  if (data.elapsedQuarters < 1) return null;
  const quarter = rollUp(periodOf(`${data.year}-Q${data.elapsedQuarters}`), data.filed);
  return quarter.missing.length === 0 ? definition.compute(quarter.metrics) : null;
}

function evaluateCount(commitment: Commitment, data: YearData, asOf: string, metrics: Metrics): Evaluation | undefined {
  const metric = commitment.measure as keyof Metrics;
  const actual = metrics[metric];
  if (actual === undefined) return undefined;
  if (data.elapsedQuarters >= 4) return finished(commitment, "count", asOf, actual);
  const { comparator, target } = commitment;
  const accumulates = metricRollUp(metric) === "sum";
  const capped = comparator === "<=" || comparator === "<" || comparator === "=";
  if (accumulates && capped && !compare(actual, comparator === "=" ? "<=" : comparator, target)) {
    // Counts only grow: past a ceiling, nothing later in the year brings them back.
    return {
      status: "missed",
      kind: "count",
      asOf,
      actual,
      needed: null,
      projection: null,
      reason: { key: "countExceeded", asOf, actual, target },
    };
  }
  const projection = accumulates ? (actual * 4) / data.elapsedQuarters : actual;
  const needed = accumulates ? Math.max(0, capped ? target - actual : target - actual) : null;
  const onTrack = compare(projection, comparator, target);
  return {
    status: onTrack ? "onTrack" : "atRisk",
    kind: "count",
    asOf,
    actual,
    needed,
    projection,
    reason: onTrack
      ? { key: "onTrack", asOf, actual, target, projection }
      : { key: "atRisk", asOf, actual, target, projection, needed },
  };
}

function evaluateFiling(commitment: Commitment, data: YearData, asOf: string): Evaluation {
  const filings = data.filings ?? [];
  const late = filings.filter((filing) => filing.late).length;
  const actual = filings.length === 0 ? 100 : ((filings.length - late) * 100) / filings.length;
  const base = { kind: "filing" as const, asOf, actual, needed: null };
  if (data.elapsedQuarters >= 4) return finished(commitment, "filing", asOf, actual);
  if (late > 0 && commitment.target >= 100) {
    return { ...base, status: "missed", projection: null, reason: { key: "lateFiling", asOf, late } };
  }
  const onTrack = compare(actual, commitment.comparator, commitment.target);
  return {
    ...base,
    status: onTrack ? "onTrack" : "atRisk",
    projection: actual,
    reason: onTrack
      ? { key: "onTrack", asOf, actual, target: commitment.target, projection: actual }
      : { key: "atRisk", asOf, actual, target: commitment.target, projection: actual, needed: null },
  };
}

function evaluateScore(commitment: Commitment, kind: "index" | "rank", data: YearData): Evaluation {
  const score = data.score;
  const current = kind === "index" ? score?.index : score?.rank;
  const year = String(commitment.year);
  if (current !== null && current !== undefined) return finished(commitment, kind, year, current);
  const previous = kind === "index" ? score?.previousIndex : score?.previousRank;
  if (previous === null || previous === undefined) {
    return {
      status: "noData",
      kind,
      asOf: null,
      actual: null,
      needed: null,
      projection: null,
      reason: { key: "noData", year: commitment.year },
    };
  }
  const onTrack = compare(previous, commitment.comparator, commitment.target);
  return {
    status: onTrack ? "onTrack" : "atRisk",
    kind,
    asOf: String(commitment.year - 1),
    actual: previous,
    needed: null,
    projection: previous,
    reason: { key: "previousYear", year: commitment.year - 1, actual: previous, target: commitment.target },
  };
}

/** Checks a commitment as entered or imported; the unit's existence is the caller's to check. */
/** A decimal as people write it: 50, 97.5, 97,5 — not "", null, [], "0x32" or 1e3. */
const DECIMAL = /^\d+(?:[.,]\d+)?$/;
/** Text fields are kept in every version and shown in the matrix: a note of a page, a name of a line. */
const MAX_TEXT = { unitId: 200, measure: 64, signedBy: 200, note: 2000 } as const;

/** A real calendar day as yyyy-mm-dd (2026-02-31 is not one). */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const FIELDS = new Set(["id", "unitId", "year", "measure", "comparator", "target", "signedBy", "signedOn", "note"]);

export function checkCommitment(
  input: unknown,
): { ok: true; value: Commitment } | { ok: false; issues: ValidationIssue[] } {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return { ok: false, issues: [{ path: "", key: "error.notAnObject" }] };
  const body = input as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  for (const field of Object.keys(body)) {
    if (!FIELDS.has(field)) issues.push({ path: field, key: "error.unknownField", params: { field } });
  }
  const text = (field: keyof typeof MAX_TEXT | "comparator" | "signedOn") => {
    const value = body[field];
    if (value !== undefined && typeof value !== "string") {
      issues.push({ path: field, key: "error.text" });
      return "";
    }
    const trimmed = (value ?? "").trim();
    const max = field in MAX_TEXT ? MAX_TEXT[field as keyof typeof MAX_TEXT] : 64;
    if (trimmed.length > max) {
      issues.push({ path: field, key: "error.tooLong", params: { max } });
      return "";
    }
    return trimmed;
  };
  const unitId = text("unitId");
  if (!unitId) issues.push({ path: "unitId", key: "error.required" });
  const year =
    typeof body.year === "number" || (typeof body.year === "string" && /^\d{4}$/.test(body.year))
      ? Number(body.year)
      : Number.NaN;
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    issues.push({ path: "year", key: "error.year", params: { value: String(body.year ?? "") } });
  const measure = text("measure");
  const kind = measureKind(measure);
  if (!kind) issues.push({ path: "measure", key: "error.commitment.measure", params: { value: measure } });
  const comparator = text("comparator") as Comparator;
  if (!COMPARATORS.includes(comparator))
    issues.push({ path: "comparator", key: "error.commitment.comparator", params: { value: comparator } });
  const rawTarget = body.target;
  const target =
    typeof rawTarget === "number"
      ? rawTarget
      : typeof rawTarget === "string" && DECIMAL.test(rawTarget.trim())
        ? Number(rawTarget.trim().replace(",", "."))
        : Number.NaN;
  const percent = kind === "rate" || kind === "filing";
  if (!Number.isFinite(target) || target < 0 || (percent && target > 100)) {
    issues.push({
      path: "target",
      key: "error.commitment.target",
      params: { value: JSON.stringify(rawTarget ?? null).slice(0, 40), max: percent ? 100 : "∞" },
    });
  }
  const signedBy = text("signedBy");
  if (!signedBy) issues.push({ path: "signedBy", key: "error.required" });
  const signedOn = text("signedOn");
  if (!isCalendarDay(signedOn)) {
    issues.push({ path: "signedOn", key: "error.commitment.date", params: { value: signedOn } });
  }
  const note = text("note");
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: { id: measure, unitId, year, measure, comparator, target, signedBy, signedOn, ...(note ? { note } : {}) },
  };
}
