// Commitments: saving them (one unit, or a template for a whole cohort), and evaluating a unit's or a
// cohort's commitments for a year as of now — with the change since the previous quarter.

import { defaultCalendar, isLate } from "../../shared/calendar";
import {
  type Commitment,
  type CommitmentStatus,
  checkCommitment,
  type Evaluation,
  evaluate,
  measureKind,
  type YearData,
} from "../../shared/commitments";
import { InvalidInputError, NotFoundError } from "../../shared/errors";
import { figuresFrom } from "../../shared/figures";
import type { Metrics } from "../../shared/metrics";
import { parsePeriod, periodEndDate, periodOf, quartersBetween } from "../../shared/period";
import type { RateId } from "../../shared/rates";
import type { ReportVersion } from "../../shared/report";
import { periodsToRead } from "../../shared/rollup";
import type { Unit } from "../../shared/units";
import type { Deps } from "../deps";
import type { CommitmentVersion } from "../ports";
import { leaderboard } from "./scoring";

export interface EvaluatedCommitment {
  readonly commitment: CommitmentVersion;
  readonly evaluation: Evaluation;
  /** The status one quarter earlier, to show what moved. */
  readonly previousStatus: CommitmentStatus | null;
}

export async function saveCommitment(deps: Deps, body: unknown, savedBy: string) {
  const checked = checkCommitment(body);
  if (!checked.ok) throw new InvalidInputError(checked.issues);
  if (!(await deps.store.getUnit(checked.value.unitId))) {
    throw new InvalidInputError([
      { path: "unitId", key: "error.unknownUnit", params: { value: checked.value.unitId } },
    ]);
  }
  return deps.store.saveCommitment(checked.value, savedBy, deps.now().toISOString());
}

/** Issues one set of commitments to every unit of a cohort (the usual practice), to be adjusted per unit. */
export async function applyTemplate(
  deps: Deps,
  body: { cohort?: unknown; year?: unknown; commitments?: unknown },
  savedBy: string,
): Promise<{ units: number; saved: number }> {
  const cohort = String(body.cohort ?? "");
  const units = (await deps.store.listUnits()).filter((unit) => unit.cohort === cohort);
  if (units.length === 0)
    throw new InvalidInputError([{ path: "cohort", key: "error.unknownCohort", params: { value: cohort } }]);
  const items = Array.isArray(body.commitments) ? body.commitments : [];
  const checked = items.map((item, i) => ({
    i,
    result: checkCommitment({ ...(item as object), unitId: units[0]?.id, year: body.year }),
  }));
  const issues = checked.flatMap(({ i, result }) =>
    result.ok ? [] : result.issues.map((issue) => ({ ...issue, path: `commitments[${i}].${issue.path}` })),
  );
  if (items.length === 0) issues.push({ path: "commitments", key: "error.required" });
  if (issues.length > 0) throw new InvalidInputError(issues);
  const at = deps.now().toISOString();
  let saved = 0;
  for (const unit of units) {
    for (const { result } of checked) {
      if (!result.ok) continue;
      if ((await deps.store.saveCommitment({ ...result.value, unitId: unit.id }, savedBy, at)).created) saved++;
    }
  }
  return { units: units.length, saved };
}

/** Quarters of `year` that have ended by `now`. */
export function elapsedQuarters(year: number, now: Date): number {
  const today = now.toISOString().slice(0, 10);
  return [1, 2, 3, 4].filter((q) => periodEndDate(periodOf(`${year}-Q${q}`)) < today).length;
}

interface Context {
  readonly year: number;
  readonly elapsed: number;
  readonly reports: Map<string, ReportVersion[]>;
  readonly lateness: (unit: Unit, report: ReportVersion) => boolean;
  readonly scores: Map<
    string,
    Map<
      string,
      { index: number | null; rank: number | null; previousIndex: number | null; previousRank: number | null }
    >
  >;
}

async function contextFor(
  deps: Deps,
  units: readonly Unit[],
  commitments: readonly CommitmentVersion[],
  year: number,
): Promise<Context> {
  const wanted = new Set(units.map((unit) => unit.id));
  const pages = await Promise.all(
    periodsToRead(periodOf(String(year))).map((id) => deps.store.latestReportsOfPeriod(id)),
  );
  const reports = new Map<string, ReportVersion[]>();
  for (const report of pages.flat()) {
    if (wanted.has(report.unitId)) reports.set(report.unitId, [...(reports.get(report.unitId) ?? []), report]);
  }
  const calendars = new Map<string, Awaited<ReturnType<typeof deps.store.getCalendar>>>();
  for (const cohort of new Set(units.map((unit) => unit.cohort)))
    calendars.set(cohort, await deps.store.getCalendar(cohort));
  const lateness = (unit: Unit, report: ReportVersion) =>
    isLate(
      calendars.get(unit.cohort) ?? defaultCalendar(unit.cohort),
      periodOf(report.period),
      report.filedAt ?? report.submittedAt,
    );

  // Index and rank commitments read the methodology's leaderboards of the year and the year before.
  const scores: Context["scores"] = new Map();
  const methodologies = new Set(
    commitments
      .filter((c) => ["index", "rank"].includes(measureKind(c.measure) ?? ""))
      .map((c) => c.measure.split(":")[1] as string),
  );
  for (const methodologyId of methodologies) {
    const byUnit = new Map<
      string,
      { index: number | null; rank: number | null; previousIndex: number | null; previousRank: number | null }
    >();
    for (const cohort of new Set(units.map((unit) => unit.cohort))) {
      const [current, previous] = await Promise.all([
        leaderboard(deps, cohort, String(year), methodologyId).catch(() => undefined),
        leaderboard(deps, cohort, String(year - 1), methodologyId).catch(() => undefined),
      ]);
      const before = new Map((previous?.rows ?? []).map((row) => [row.unitId, row]));
      for (const row of current?.rows ?? []) {
        const old = before.get(row.unitId);
        byUnit.set(row.unitId, {
          index: row.complete ? row.index : null,
          rank: row.rank,
          previousIndex: old?.complete ? old.index : null,
          previousRank: old?.rank ?? null,
        });
      }
      for (const [unitId, old] of before) {
        if (!byUnit.has(unitId))
          byUnit.set(unitId, {
            index: null,
            rank: null,
            previousIndex: old.complete ? old.index : null,
            previousRank: old.rank,
          });
      }
    }
    scores.set(methodologyId, byUnit);
  }
  return { year, elapsed: elapsedQuarters(year, deps.now()), reports, lateness, scores };
}

function yearData(context: Context, unit: Unit, commitment: Commitment, elapsed: number): YearData {
  const reports = (context.reports.get(unit.id) ?? []).filter((report) => {
    const period = parsePeriod(report.period);
    return period !== undefined && period.endMonth <= elapsed * 3;
  });
  const filed = new Map<string, Metrics>(reports.map((report) => [report.period, report.metrics]));
  const methodologyId = commitment.measure.split(":")[1] ?? "";
  return {
    year: context.year,
    elapsedQuarters: elapsed,
    filed,
    filings: reports.map((report) => ({ period: report.period, late: context.lateness(unit, report) })),
    ...(context.scores.has(methodologyId)
      ? {
          score: context.scores.get(methodologyId)?.get(unit.id) ?? {
            index: null,
            rank: null,
            previousIndex: null,
            previousRank: null,
          },
        }
      : {}),
  };
}

function evaluateAll(context: Context, unit: Unit, commitments: readonly CommitmentVersion[]): EvaluatedCommitment[] {
  return commitments.map((commitment) => ({
    commitment,
    evaluation: evaluate(commitment, yearData(context, unit, commitment, context.elapsed)),
    previousStatus:
      context.elapsed > 1
        ? evaluate(commitment, yearData(context, unit, commitment, context.elapsed - 1)).status
        : null,
  }));
}

export interface TrendPoint {
  readonly period: string;
  readonly value: number | null;
}

/** The measure quarter by quarter over this year and the last (rates and counts): a sparkline's points. */
function trendFor(commitment: Commitment, reports: readonly ReportVersion[]): TrendPoint[] {
  const kind = measureKind(commitment.measure);
  if (kind !== "rate" && kind !== "count") return [];
  const quarters = quartersBetween(`${commitment.year - 1}-Q1`, `${commitment.year}-Q4`);
  const points = quarters.map((period) => {
    const figures = figuresFrom(commitment.unitId, period, reports);
    if (figures.sources.length === 0 || figures.missing.length > 0) return { period, value: null };
    const value =
      kind === "rate"
        ? figures.rates[commitment.measure as RateId]
        : (figures.metrics[commitment.measure as keyof Metrics] ?? null);
    return { period, value };
  });
  // Quarters not reached yet are left off the end rather than drawn as gaps.
  const last = points.findLastIndex((point) => point.value !== null);
  return points.slice(0, last + 1);
}

export async function unitCommitments(
  deps: Deps,
  unitId: string,
  year: number,
): Promise<(EvaluatedCommitment & { trend: TrendPoint[] })[]> {
  const unit = await deps.store.getUnit(unitId);
  if (!unit) throw new NotFoundError("error.unknownUnit", { value: unitId });
  const commitments = await deps.store.commitmentsOfUnit(unitId, year);
  const [context, reports] = await Promise.all([
    contextFor(deps, [unit], commitments, year),
    deps.store.latestReportsOfUnit(unitId),
  ]);
  return evaluateAll(context, unit, commitments).map((item) => ({
    ...item,
    trend: trendFor(item.commitment, reports),
  }));
}

export interface CommitmentMatrix {
  readonly cohort: string;
  readonly year: number;
  readonly asOfQuarters: number;
  readonly measures: readonly string[];
  readonly rows: readonly {
    readonly unitId: string;
    readonly name: string;
    readonly cells: readonly EvaluatedCommitment[];
  }[];
  readonly counts: Record<CommitmentStatus, number>;
  /** How many commitments moved into each status since the previous quarter. */
  readonly moved: Record<CommitmentStatus, number>;
}

export async function commitmentMatrix(deps: Deps, cohort: string, year: number): Promise<CommitmentMatrix> {
  const units = (await deps.store.listUnits()).filter((unit) => unit.cohort === cohort);
  if (units.length === 0)
    throw new InvalidInputError([{ path: "cohort", key: "error.unknownCohort", params: { value: cohort } }]);
  const ids = new Set(units.map((unit) => unit.id));
  const commitments = (await deps.store.commitmentsOfYear(year)).filter((commitment) => ids.has(commitment.unitId));
  const context = await contextFor(deps, units, commitments, year);
  const byUnit = new Map<string, CommitmentVersion[]>();
  for (const commitment of commitments)
    byUnit.set(commitment.unitId, [...(byUnit.get(commitment.unitId) ?? []), commitment]);
  const counts = { met: 0, onTrack: 0, atRisk: 0, missed: 0, noData: 0 };
  const moved = { met: 0, onTrack: 0, atRisk: 0, missed: 0, noData: 0 };
  const rows = units
    .map((unit) => {
      const cells = evaluateAll(context, unit, byUnit.get(unit.id) ?? []);
      for (const cell of cells) {
        counts[cell.evaluation.status]++;
        if (cell.previousStatus !== null && cell.previousStatus !== cell.evaluation.status)
          moved[cell.evaluation.status]++;
      }
      return { unitId: unit.id, name: unit.name, cells };
    })
    .sort((a, b) => a.name.localeCompare(b.name, "vi"));
  const measures = [...new Set(commitments.map((commitment) => commitment.measure))].sort();
  return { cohort, year, asOfQuarters: context.elapsed, measures, rows, counts, moved };
}
