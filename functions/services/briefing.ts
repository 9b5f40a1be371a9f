// The chair's one-page briefing for a unit's subtree and a period: the unit's rank and index in its cohort
// with the change, its best and worst three sub-units, the biggest movers, commitments missed or at risk,
// sub-units with overdue applications, reports not filed or filed late — each line with the number that
// justifies it and the dashboard page that shows the evidence.

import { InvalidInputError } from "../../shared/errors";
import { figuresFrom } from "../../shared/figures";
import type { LeaderboardRow } from "../../shared/leaderboard";
import { type Period, parsePeriod, periodEndDate, periodOf } from "../../shared/period";
import type { RankingRow } from "../../shared/ranking";
import { periodsToRead } from "../../shared/rollup";
import type { Unit } from "../../shared/units";
import type { Deps } from "../deps";
import { commitmentMatrix, type EvaluatedCommitment } from "./commitments";
import { filing } from "./filing";
import { rankCohort } from "./rankings";
import { requireUnit } from "./reports";
import { leaderboard } from "./scoring";

/** The methodology a cohort's chairs read first; others when it has no results for the period. */
const PREFERRED: Readonly<Record<string, readonly string[]>> = {
  department: ["par-province", "service-index", "sipas"],
  district: ["par-province", "service-index", "sipas"],
  commune: ["par-commune", "service-index", "sipas"],
};
const RATE = "onTimeRateOfResolved";

interface Standing {
  readonly kind: "methodology" | "rate";
  readonly measure: string;
  readonly rows: readonly {
    unitId: string;
    name: string;
    rank: number | null;
    value: number | null;
    change: number | null;
    rankChange: number | null;
  }[];
}

async function standingOf(deps: Deps, cohort: string, period: string): Promise<Standing> {
  for (const methodology of PREFERRED[cohort] ?? []) {
    const board = await leaderboard(deps, cohort, period, methodology).catch(() => undefined);
    if (board?.resultSet && board.rows.some((row) => row.rank !== null)) {
      return {
        kind: "methodology",
        measure: methodology,
        rows: board.rows.map((row: LeaderboardRow) => ({ ...row, value: row.index })),
      };
    }
  }
  const ranking = await rankCohort(deps, cohort, period, RATE);
  return { kind: "rate", measure: RATE, rows: ranking.rows.map((row: RankingRow) => ({ ...row })) };
}

/** The last month or quarter of the period that has ended by now (what filing is judged on). */
function filingPeriodOf(period: Period, now: Date): Period | undefined {
  if (period.kind === "month" || period.kind === "quarter") return period;
  const today = now.toISOString().slice(0, 10);
  for (let quarter = Math.floor(period.endMonth / 3); quarter >= Math.ceil(period.startMonth / 3); quarter--) {
    const candidate = periodOf(`${period.year}-Q${quarter}`);
    if (periodEndDate(candidate) < today) return candidate;
  }
  return undefined;
}

const pick = <T extends { rank: number | null }>(rows: readonly T[]) => rows.filter((row) => row.rank !== null);

export async function briefing(deps: Deps, unitId: string, periodId: string) {
  const period = parsePeriod(periodId);
  if (!period) throw new InvalidInputError([{ path: "period", key: "error.period", params: { value: periodId } }]);
  const unit = await requireUnit(deps, unitId);
  const units = await deps.store.listUnits();
  const children = units.filter((candidate) => candidate.parentId === unit.id);
  const childIds = new Set(children.map((child) => child.id));
  const childCohort = children[0]?.cohort;

  const own = unit.cohort === "province" ? undefined : await standingOf(deps, unit.cohort, period.id);
  const ownRow = own?.rows.find((row) => row.unitId === unit.id);
  const sub = childCohort ? await standingOf(deps, childCohort, period.id) : undefined;
  const subRows = (sub?.rows ?? []).filter((row) => childIds.has(row.unitId));
  const ranked = pick(subRows);
  // Movers by the index when it has a previous period to compare with, else by the on-time rate.
  const moving = (rows: Standing["rows"]) =>
    rows
      .filter((row) => childIds.has(row.unitId) && row.change !== null && row.change !== 0)
      .sort((a, b) => Math.abs(b.change as number) - Math.abs(a.change as number))
      .slice(0, 3);
  let movers = { kind: sub?.kind ?? "rate", measure: sub?.measure ?? RATE, rows: moving(subRows) };
  if (movers.rows.length === 0 && childCohort) {
    const rate = await rankCohort(deps, childCohort, period.id, RATE);
    movers = { kind: "rate", measure: RATE, rows: moving(rate.rows) };
  }

  // Commitments of the year, of the unit and its sub-units, that are missed or at risk.
  const inSubtree = (id: string) => id === unit.id || childIds.has(id);
  const matrices = await Promise.all(
    [...new Set([unit.cohort, childCohort].filter((c): c is string => !!c && c !== "province"))].map((cohort) =>
      commitmentMatrix(deps, cohort, period.year, inSubtree),
    ),
  );
  const troubled: { unitId: string; name: string; cell: EvaluatedCommitment }[] = matrices.flatMap((matrix) =>
    matrix.rows.flatMap((row) =>
      row.cells
        .filter((cell) => cell.evaluation.status === "missed" || cell.evaluation.status === "atRisk")
        .map((cell) => ({ unitId: row.unitId, name: row.name, cell })),
    ),
  );

  // Applications overdue at the end of the period, per sub-unit (and the unit itself).
  const pages = await Promise.all(periodsToRead(period).map((id) => deps.store.latestReportsOfPeriod(id)));
  const reports = pages.flat().filter((report) => inSubtree(report.unitId));
  const overdue = [unit, ...children]
    .map((member: Unit) => {
      const figures = figuresFrom(
        member.id,
        period.id,
        reports.filter((report) => report.unitId === member.id),
      );
      return {
        unitId: member.id,
        name: member.name,
        pendingOverdue: figures.metrics.pendingOverdue ?? 0,
        resolvedLate: figures.metrics.resolvedLate ?? 0,
      };
    })
    .filter((row) => row.pendingOverdue > 0)
    .sort((a, b) => b.pendingOverdue - a.pendingOverdue);

  const filingPeriod = filingPeriodOf(period, deps.now());
  const filingStatus =
    filingPeriod && childCohort
      ? await filing(deps, childCohort, filingPeriod.id, (id) => childIds.has(id))
      : undefined;

  return {
    unit: { id: unit.id, name: unit.name, cohort: unit.cohort },
    period: period.id,
    asOf: deps.now().toISOString(),
    standing: own && ownRow ? { kind: own.kind, measure: own.measure, of: pick(own.rows).length, ...ownRow } : null,
    subUnits: sub
      ? {
          cohort: childCohort,
          kind: sub.kind,
          measure: sub.measure,
          count: children.length,
          best: ranked.slice(0, 3),
          worst: ranked.slice(-3).reverse(),
          movers,
          unranked: subRows.filter((row) => row.rank === null).map((row) => ({ unitId: row.unitId, name: row.name })),
        }
      : null,
    commitments: troubled.map(({ unitId, name, cell }) => ({
      unitId,
      name,
      measure: cell.commitment.measure,
      comparator: cell.commitment.comparator,
      target: cell.commitment.target,
      status: cell.evaluation.status,
      actual: cell.evaluation.actual,
      needed: cell.evaluation.needed,
      // The reason with its figures (as of when, the actual, what the rest of the year needs), put in words
      // by the page with shared/commitments-text.ts's reasonText, as the commitments API's text.reason is.
      evaluation: cell.evaluation,
    })),
    commitmentsYear: period.year,
    overdue,
    filing: filingStatus
      ? {
          period: filingStatus.period,
          dueDate: filingStatus.dueDate,
          counts: filingStatus.counts,
          rows: filingStatus.rows.filter((row) => row.state === "missing" || row.state === "late"),
        }
      : null,
  };
}
