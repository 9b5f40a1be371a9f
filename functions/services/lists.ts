// The answers of the list routes — rate rankings, methodology leaderboards, the commitments matrix and
// filing status — read from their read models; limited to a parent when asked (only that parent's rows
// are read) and to the reader's scope. A model that is never stored (a period before 2015 or after next
// year) is computed from the source items, as is every model's first build.

import { type Action, reachOf } from "../../shared/access/authorize";
import type { Identity } from "../../shared/access/identity";
import type { ReportingCalendar } from "../../shared/calendar";
import { parsePeriod } from "../../shared/period";
import type { Direction } from "../../shared/ranking";
import { isRateId, type RateId } from "../../shared/rates";
import { inScope, inScopeByPath } from "../auth/guard";
import type { Deps } from "../deps";
import type { ResultSet } from "../ports";
import { commitmentMatrix, matrixOf } from "./commitments";
import { type FilingReport, filing, filingReport } from "./filing";
import { getMethodology } from "./methodologies";
import { rankCohort } from "./rankings";
import {
  type BoardRow,
  type FilingModelRow,
  type MatrixModelRow,
  type RateCell,
  type RatesRow,
  readModel,
} from "./read-models";
import { leaderboard } from "./scoring";
import { subtreeOf, withinSubtree } from "./subtree";

const limitedTo = (parent: string | undefined) => (parent ? { parent } : {});

// Which stored rows (and which reader's view of them) an answer was made from: the same version is the
// same answer, so a route may send the text it sent before (routes/list-json.ts).
const versions = new WeakMap<object, string>();
export const versionOf = (answer: object): string | undefined => versions.get(answer);
function versioned<T extends object>(answer: T, version: string | undefined, reader: string): T {
  if (version) versions.set(answer, `${version}|${reader}`);
  return answer;
}
const byOrder = <T extends { order: number }>(a: T, b: T) => a.order - b.order;
const pathIds = (path: string) => path.split("/");

/** GET /api/rankings/:cohort/:period?metric=&parent= */
export async function rankingList(deps: Deps, cohort: string, periodId: string, metric: string, parent?: string) {
  // What is not a period or a rate gets the oracle's errors (every problem named at once).
  const model =
    parsePeriod(periodId) && isRateId(metric)
      ? await readModel<RatesRow>(deps, { kind: "rates", cohort, period: periodId }, parent)
      : undefined;
  if (!model) {
    const ranking = await rankCohort(deps, cohort, periodId, metric);
    const subtree = subtreeOf(await deps.store.listUnits(), parent);
    return { ...ranking, ...limitedTo(parent), rows: withinSubtree(ranking.rows, subtree) };
  }
  const header = model.header as { period: string; previousPeriod: string; better: Record<string, Direction> };
  const rows = model.rows
    .map(({ data }) => ({ data, cell: data.rates[metric] as RateCell }))
    .sort((a, b) => a.cell.order - b.cell.order)
    .map(({ data, cell: { order: _order, ...cell } }) => ({
      unitId: data.unitId,
      name: data.name,
      ...cell,
      parent: data.parent,
    }));
  return versioned(
    {
      cohort,
      period: header.period,
      previousPeriod: header.previousPeriod,
      metric: metric as RateId,
      better: header.better[metric] as Direction,
      ...limitedTo(parent),
      rows,
    },
    model.version,
    metric,
  );
}

// Methodology versions never change: read once per process.
const methodologies = new Map<string, ReturnType<typeof getMethodology>>();
function methodologyVersion(deps: Deps, id: string, version: string) {
  const key = `${id}\u0000${version}`;
  let found = methodologies.get(key);
  if (!found) {
    found = getMethodology(deps, id, version);
    methodologies.set(key, found);
    found.catch(() => methodologies.delete(key));
  }
  return found;
}

/** GET /api/leaderboards/:cohort/:period?methodology=&parent= */
export async function leaderboardList(
  deps: Deps,
  cohort: string,
  periodId: string,
  methodologyId: string,
  parent?: string,
) {
  const model = parsePeriod(periodId)
    ? await readModel<BoardRow>(deps, { kind: "board", cohort, period: periodId, methodology: methodologyId }, parent)
    : undefined;
  if (!model) {
    const board = await leaderboard(deps, cohort, periodId, methodologyId);
    const subtree = subtreeOf(await deps.store.listUnits(), parent);
    return {
      ...board,
      ...limitedTo(parent),
      rows: withinSubtree(board.rows, subtree),
      mostImproved: withinSubtree(board.mostImproved, subtree),
      bottom: withinSubtree(board.bottom, subtree),
    };
  }
  const header = model.header as {
    period: string;
    previousPeriod: string;
    methodologyId: string;
    methodologyVersion: string;
    resultSet: ResultSet | null;
    mostImproved: string[];
    bottom: string[];
  };
  const rows = model.rows
    .map(({ data }) => data)
    .sort(byOrder)
    .map(({ row, parent: parentOfRow }) => ({ ...row, parent: parentOfRow }));
  const byId = new Map(rows.map((row) => [row.unitId, row]));
  const listed = (ids: readonly string[]) => ids.flatMap((id) => byId.get(id) ?? []);
  return versioned(
    {
      cohort,
      period: header.period,
      previousPeriod: header.previousPeriod,
      methodology: await methodologyVersion(deps, header.methodologyId, header.methodologyVersion),
      resultSet: header.resultSet,
      ...limitedTo(parent),
      rows,
      mostImproved: listed(header.mostImproved),
      bottom: listed(header.bottom),
    },
    model.version,
    "",
  );
}

/** GET /api/commitments/:cohort/:year?parent= — the rows the reader may see. */
export async function matrixList(deps: Deps, identity: Identity, cohort: string, year: number, parent?: string) {
  const model = await readModel<MatrixModelRow>(deps, { kind: "matrix", cohort, year }, parent);
  if (!model) {
    const units = await deps.store.listUnits();
    const visible = inScope(identity, "commitment.read", units);
    const subtree = subtreeOf(units, parent);
    const matrix = await commitmentMatrix(deps, cohort, year, (id) => visible(id) && subtree.keeps(id));
    return { ...matrix, ...limitedTo(parent), rows: withinSubtree(matrix.rows, subtree) };
  }
  const visible = inScopeByPath(identity, "commitment.read");
  const rows = model.rows
    .filter(({ path }) => visible(pathIds(path)))
    .map(({ data }) => data)
    .sort(byOrder)
    .map(({ unitId, name, cells, parent: parentOfRow }) => ({ unitId, name, cells, parent: parentOfRow }));
  const matrix = matrixOf(cohort, year, model.header.asOfQuarters as number, rows);
  return versioned({ ...matrix, ...limitedTo(parent), rows }, model.version, readerOf(identity, "commitment.read"));
}

/** Who sees which rows: the whole province, or a unit's subtree. */
function readerOf(identity: Identity, action: Action): string {
  if (reachOf(identity, action) === "province") return "province";
  return identity.kind === "user" ? `${identity.role}:${identity.unitId}` : identity.kind;
}

/** GET /api/filing/:cohort/:period?parent= — the rows the reader may see, as of now. */
export async function filingList(
  deps: Deps,
  identity: Identity,
  cohort: string,
  periodId: string,
  parent?: string,
): Promise<FilingReport & { parent?: string }> {
  const kind = parsePeriod(periodId)?.kind;
  const model =
    kind === "month" || kind === "quarter"
      ? await readModel<FilingModelRow>(deps, { kind: "filing", cohort, period: periodId }, parent)
      : undefined;
  if (!model) {
    // Also what is no month or quarter: the oracle names the problem.
    const units = await deps.store.listUnits();
    const visible = inScope(identity, "filing.read", units);
    const subtree = subtreeOf(units, parent);
    const status = await filing(deps, cohort, periodId, (id) => visible(id) && subtree.keeps(id));
    return { ...status, ...limitedTo(parent), rows: withinSubtree(status.rows, subtree) };
  }
  const visible = inScopeByPath(identity, "filing.read");
  const seen = model.rows.filter(({ path }) => visible(pathIds(path))).map(({ data }) => data);
  const parentOf = new Map(seen.map((row) => [row.unitId, row.parent]));
  const report = filingReport(
    {
      cohort,
      period: model.header.period as string,
      calendar: model.header.calendar as ReportingCalendar,
      units: seen.map((row) => row.unit),
      filedAt: Object.fromEntries(seen.flatMap((row) => (row.filedAt ? [[row.unitId, row.filedAt]] : []))),
    },
    () => true,
    deps.now(),
  );
  return {
    ...report,
    ...limitedTo(parent),
    rows: report.rows.map((row) => ({ ...row, parent: parentOf.get(row.unitId) ?? null })),
  };
}
