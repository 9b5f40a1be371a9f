// Commitments: saving them (one unit, or a template for a whole cohort), and evaluating a unit's or a
// cohort's commitments for a year as of now — with the change since the previous quarter.

import { actorName } from "../../shared/access/identity";
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
import { type Actor, recorded } from "./audit";
import { leaderboard } from "./scoring";

export interface EvaluatedCommitment {
  readonly commitment: CommitmentVersion;
  readonly evaluation: Evaluation;
  /** The status one quarter earlier, to show what moved. */
  readonly previousStatus: CommitmentStatus | null;
}

function reasonOf(body: unknown): string {
  const reason = (body as { reason?: unknown } | null)?.reason;
  if (reason !== undefined && (typeof reason !== "string" || reason.length > 2000)) {
    throw new InvalidInputError([{ path: "reason", key: "error.text" }]);
  }
  return typeof reason === "string" ? reason.trim() : "";
}

/** Saves one unit's commitment; changing one already recorded needs a reason and is marked as amended. */
export async function saveCommitment(deps: Deps, actor: Actor, body: unknown) {
  const { reason: _reason, ...terms } = (body ?? {}) as Record<string, unknown>;
  const reason = reasonOf(body);
  const checked = checkCommitment(terms);
  if (!checked.ok) throw new InvalidInputError(checked.issues);
  const commitment = checked.value;
  if (!(await deps.store.getUnit(commitment.unitId))) {
    throw new InvalidInputError([{ path: "unitId", key: "error.unknownUnit", params: { value: commitment.unitId } }]);
  }
  const before = (await deps.store.commitmentHistory(commitment.unitId, commitment.year, commitment.measure)).at(-1);
  if (before && !reason && !sameTerms(before, commitment)) {
    throw new InvalidInputError([{ path: "reason", key: "error.commitment.reasonRequired" }]);
  }
  const by = actorName(actor.identity);
  return recorded(
    deps,
    actor,
    {
      action: "commitment.save",
      entity: `commitment:${commitment.unitId}:${commitment.year}:${commitment.measure}`,
      unitId: commitment.unitId,
      period: String(commitment.year),
      reason: reason || undefined,
      before: before ? termsOf(before) : undefined,
      after: termsOf(commitment),
    },
    () => deps.store.saveCommitment(commitment, by, deps.now().toISOString(), reason || undefined),
    (saved) => ({ version: saved.commitment.version, created: saved.created }),
  );
}

const termsOf = ({ comparator, target, signedBy, signedOn, note }: Commitment) => ({
  comparator,
  target,
  signedBy,
  signedOn,
  note,
});
const sameTerms = (a: Commitment, b: Commitment) => JSON.stringify(termsOf(a)) === JSON.stringify(termsOf(b));

/** Issues one set of commitments to every unit of a cohort (the usual practice), to be adjusted per unit. */
export async function applyTemplate(
  deps: Deps,
  actor: Actor,
  body: unknown,
): Promise<{ units: number; saved: number }> {
  const {
    cohort: rawCohort,
    year,
    commitments,
  } = (body ?? {}) as { cohort?: unknown; year?: unknown; commitments?: unknown };
  const reason = reasonOf(body);
  const cohort = String(rawCohort ?? "");
  const units = (await deps.store.listUnits()).filter((unit) => unit.cohort === cohort);
  if (units.length === 0)
    throw new InvalidInputError([{ path: "cohort", key: "error.unknownCohort", params: { value: cohort } }]);
  const items = Array.isArray(commitments) ? commitments : [];
  const checked = items.map((item, i) => ({
    i,
    result: checkCommitment({ ...(item as object), unitId: units[0]?.id, year }),
  }));
  const issues = checked.flatMap(({ i, result }) =>
    result.ok ? [] : result.issues.map((issue) => ({ ...issue, path: `commitments[${i}].${issue.path}` })),
  );
  if (items.length === 0) issues.push({ path: "commitments", key: "error.required" });
  if (issues.length > 0) throw new InvalidInputError(issues);
  const valid = checked.flatMap(({ result }) => (result.ok ? [result.value] : []));
  const existing = await deps.store.commitmentsOfYear(Number(year));
  const amends = existing.some(
    (version) =>
      units.some((unit) => unit.id === version.unitId) &&
      valid.some(
        (item) => item.measure === version.measure && !sameTerms(version, { ...item, unitId: version.unitId }),
      ),
  );
  if (amends && !reason) throw new InvalidInputError([{ path: "reason", key: "error.commitment.reasonRequired" }]);
  const at = deps.now().toISOString();
  const by = actorName(actor.identity);
  return recorded(
    deps,
    actor,
    {
      action: "commitment.save",
      entity: `commitments:${cohort}:${String(year)}`,
      period: String(year),
      reason: reason || undefined,
      after: {
        cohort,
        units: units.length,
        commitments: valid.map(({ measure, comparator, target }) => ({ measure, comparator, target })),
      },
    },
    async () => {
      let saved = 0;
      for (const unit of units) {
        for (const item of valid) {
          if ((await deps.store.saveCommitment({ ...item, unitId: unit.id }, by, at, reason || undefined)).created)
            saved++;
        }
      }
      return { units: units.length, saved };
    },
    (result) => result,
  );
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

export type MatrixRow = CommitmentMatrix["rows"][number];

/** Every unit's evaluated commitments of a cohort and year (sorted by name) and the quarters they are as of. */
export async function matrixRows(
  deps: Deps,
  cohort: string,
  year: number,
): Promise<{ asOfQuarters: number; rows: MatrixRow[] }> {
  const units = (await deps.store.listUnits()).filter((unit) => unit.cohort === cohort);
  if (units.length === 0)
    throw new InvalidInputError([{ path: "cohort", key: "error.unknownCohort", params: { value: cohort } }]);
  const ids = new Set(units.map((unit) => unit.id));
  const commitments = (await deps.store.commitmentsOfYear(year)).filter((commitment) => ids.has(commitment.unitId));
  const context = await contextFor(deps, units, commitments, year);
  const byUnit = new Map<string, CommitmentVersion[]>();
  for (const commitment of commitments)
    byUnit.set(commitment.unitId, [...(byUnit.get(commitment.unitId) ?? []), commitment]);
  const rows = units
    .map((unit) => ({ unitId: unit.id, name: unit.name, cells: evaluateAll(context, unit, byUnit.get(unit.id) ?? []) }))
    .sort((a, b) => a.name.localeCompare(b.name, "vi"));
  return { asOfQuarters: context.elapsed, rows };
}

/** The matrix of the rows a reader sees: counts, what moved and the measures are of those rows. */
export function matrixOf(
  cohort: string,
  year: number,
  asOfQuarters: number,
  rows: readonly MatrixRow[],
): CommitmentMatrix {
  const counts = { met: 0, onTrack: 0, atRisk: 0, missed: 0, noData: 0 };
  const moved = { met: 0, onTrack: 0, atRisk: 0, missed: 0, noData: 0 };
  const measures = new Set<string>();
  for (const row of rows) {
    for (const cell of row.cells) {
      measures.add(cell.commitment.measure);
      counts[cell.evaluation.status]++;
      if (cell.previousStatus !== null && cell.previousStatus !== cell.evaluation.status)
        moved[cell.evaluation.status]++;
    }
  }
  return { cohort, year, asOfQuarters, measures: [...measures].sort(), rows, counts, moved };
}

/** The cohort's matrix read from the source items (the read model's oracle); `visible` keeps the reader's units. */
export async function commitmentMatrix(
  deps: Deps,
  cohort: string,
  year: number,
  visible: (unitId: string) => boolean = () => true,
): Promise<CommitmentMatrix> {
  const { asOfQuarters, rows } = await matrixRows(deps, cohort, year);
  return matrixOf(
    cohort,
    year,
    asOfQuarters,
    rows.filter((row) => visible(row.unitId)),
  );
}
