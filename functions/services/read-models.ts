// Read models: how each one is built from the source items (by the on-read computations, which stay the
// oracle), stored, and read back with one GetItem of its header and one Query of its rows (only a
// parent's rows when a list is limited to one). A header that has not changed since the last read
// answers from memory.

import { randomUUID } from "node:crypto";
import { InvalidInputError } from "../../shared/errors";
import type { LeaderboardRow } from "../../shared/leaderboard";
import type { RankingRow } from "../../shared/ranking";
import { RATE_IDS } from "../../shared/rates";
import { belowPrefix, isStorable, type ReadModelKey, readModelId, rowPath } from "../../shared/read-models";
import { ancestry, type Unit } from "../../shared/units";
import type { Deps } from "../deps";
import type { ReadModelHead, ReadModelRow } from "../ports";
import { elapsedQuarters, type MatrixRow, matrixRows } from "./commitments";
import { filingInputs } from "./filing";
import { rankCohortOn } from "./rankings";
import { leaderboard } from "./scoring";

type Parent = { id: string; name: string } | null;

/** What every row carries besides its kind's data: the unit, its parent (the lists' parent column). */
interface Placed {
  readonly unitId: string;
  readonly name: string;
  readonly parent: Parent;
}

/** A unit's ranking row on one rate, without what the row shares with the others (unit id and name). */
export type RateCell = Omit<RankingRow, "unitId" | "name"> & { readonly order: number };

export interface RatesRow extends Placed {
  /** Per rate: the unit's ranking row and its place in that ranking's order. */
  readonly rates: Record<string, RateCell>;
}
export interface BoardRow extends Placed {
  readonly row: LeaderboardRow;
  readonly order: number;
}
export interface MatrixModelRow extends Placed {
  readonly cells: MatrixRow["cells"];
  readonly order: number;
}
export interface FilingModelRow extends Placed {
  readonly unit: Unit;
  readonly filedAt: string | null;
}

interface Built {
  readonly header: Record<string, unknown>;
  readonly rows: ReadModelRow[];
}

/** Each unit's row path and parent, and the row-path of every unit (a list limited to a parent reads below it). */
async function places(deps: Deps) {
  const units = await deps.store.listUnits();
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const pathOf = (unitId: string) =>
    rowPath(
      ancestry(units, unitId)
        .map((unit) => unit.id)
        .filter((id) => id !== unitId),
      unitId,
    );
  const parentOf = (unitId: string): Parent => {
    const parentId = byId.get(unitId)?.parentId;
    const found = parentId ? byId.get(parentId) : undefined;
    return found ? { id: found.id, name: found.name } : null;
  };
  return { pathOf, parentOf };
}

/** The parents a model's rows are below: their paths, so a limited read knows its prefix. */
function parentsOf(paths: readonly string[]): Record<string, string> {
  const parents: Record<string, string> = {};
  for (const path of paths) {
    const ids = path.split("/");
    for (let i = 1; i < ids.length; i++) parents[ids[i - 1] as string] = ids.slice(0, i).join("/");
  }
  return parents;
}

/** Computes a read model from the source items. */
export async function buildReadModel(deps: Deps, key: ReadModelKey): Promise<Built> {
  const { pathOf, parentOf } = await places(deps);
  const place = (unitId: string, name: string) => ({ unitId, name, parent: parentOf(unitId) });
  let header: Record<string, unknown>;
  let rows: { unitId: string; data: Placed }[];
  switch (key.kind) {
    case "rates": {
      const rankings = await rankCohortOn(deps, key.cohort, key.period, RATE_IDS);
      const first = rankings[0] as (typeof rankings)[number];
      const byUnit = new Map<string, RatesRow["rates"]>();
      for (const ranking of rankings) {
        ranking.rows.forEach(({ unitId, name: _name, ...cell }, order) => {
          byUnit.set(unitId, { ...(byUnit.get(unitId) ?? {}), [ranking.metric]: { ...cell, order } });
        });
      }
      header = {
        cohort: key.cohort,
        period: first.period,
        previousPeriod: first.previousPeriod,
        better: Object.fromEntries(rankings.map((ranking) => [ranking.metric, ranking.better])),
      };
      rows = first.rows.map((row) => ({
        unitId: row.unitId,
        data: { ...place(row.unitId, row.name), rates: byUnit.get(row.unitId) ?? {} } satisfies RatesRow,
      }));
      break;
    }
    case "board": {
      const board = await leaderboard(deps, key.cohort, key.period, key.methodology);
      header = {
        cohort: key.cohort,
        period: board.period,
        previousPeriod: board.previousPeriod,
        methodologyId: board.methodology.id,
        methodologyVersion: board.methodology.version,
        resultSet: board.resultSet,
        mostImproved: board.mostImproved.map((row) => row.unitId),
        bottom: board.bottom.map((row) => row.unitId),
      };
      rows = board.rows.map((row, order) => ({
        unitId: row.unitId,
        data: { ...place(row.unitId, row.name), row, order } satisfies BoardRow,
      }));
      break;
    }
    case "matrix": {
      const matrix = await matrixRows(deps, key.cohort, key.year);
      header = { cohort: key.cohort, year: key.year, asOfQuarters: matrix.asOfQuarters };
      rows = matrix.rows.map((row, order) => ({
        unitId: row.unitId,
        data: { ...place(row.unitId, row.name), cells: row.cells, order } satisfies MatrixModelRow,
      }));
      break;
    }
    case "filing": {
      const inputs = await filingInputs(deps, key.cohort, key.period);
      header = { cohort: inputs.cohort, period: inputs.period, calendar: inputs.calendar };
      rows = inputs.units.map((unit) => ({
        unitId: unit.id,
        data: {
          ...place(unit.id, unit.name),
          unit,
          filedAt: inputs.filedAt[unit.id] ?? null,
        } satisfies FilingModelRow,
      }));
      break;
    }
  }
  const withPaths = rows.map((row) => ({ path: pathOf(row.unitId), data: row.data }));
  return { header: { ...header, parents: parentsOf(withPaths.map((row) => row.path)) }, rows: withPaths };
}

const WRITE_ATTEMPTS = 5;

/**
 * Builds a read model and stores it unless another build replaced the header in between (then builds
 * again from the newer sources). Returns what it built, stored or not.
 */
export async function refreshReadModel(deps: Deps, key: ReadModelKey): Promise<Built & { head?: ReadModelHead }> {
  const id = readModelId(key);
  let built: Built | undefined;
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
    const before = await deps.store.readModelHead(id);
    built = await buildReadModel(deps, key);
    const builtAt = deps.now().toISOString();
    const generation = `${new Date().toISOString()}-${randomUUID().slice(0, 8)}`;
    const { written } = await deps.store.writeReadModel(
      id,
      { generation, builtAt, ...built },
      before?.generation ?? null,
    );
    if (written)
      return { ...built, head: { id, generation, builtAt, rowCount: built.rows.length, header: built.header } };
  }
  return built as Built;
}

/** A stored model the clock has overtaken: a matrix is as of the quarters ended by now. */
function outdated(key: ReadModelKey, head: ReadModelHead, now: Date): boolean {
  return key.kind === "matrix" && head.header.asOfQuarters !== elapsedQuarters(key.year, now);
}

// Rows read per store and model (and parent), kept while the model's header keeps its generation.
const MAX_CACHED = 500;
const cached = new WeakMap<object, Map<string, { generation: string; rows: ReadModelRow[] }>>();

function remember(deps: Deps, cacheKey: string, generation: string, rows: ReadModelRow[]): void {
  const entries = cached.get(deps.store) ?? new Map();
  cached.set(deps.store, entries);
  if (entries.size >= MAX_CACHED) entries.delete(entries.keys().next().value as string);
  entries.set(cacheKey, { generation, rows });
}

export interface ReadModel<Row> {
  /** Names the stored rows read (generation and parent); undefined when built but not stored. */
  readonly version?: string;
  readonly header: Record<string, unknown>;
  /** Each row with its path of unit ids from the root (`province/district/commune`). */
  readonly rows: { readonly path: string; readonly data: Row }[];
}

/**
 * A read model's header and rows — all, or those below `parent` — from the store, built first if it is
 * not stored yet (or the clock overtook it). Undefined for a model that is never stored (a period before
 * 2015 or after next year): the caller computes it on request. Throws the oracle's errors (an unknown
 * cohort, a period that is not one) and NotFound for a parent that is no unit.
 */
export async function readModel<Row>(
  deps: Deps,
  key: ReadModelKey,
  parent?: string,
): Promise<ReadModel<Row> | undefined> {
  if (!isStorable(key, deps.now())) return undefined;
  const id = readModelId(key);
  // Locally, writes not yet in this read model are waited for: a reader sees its own writes.
  await deps.readModels?.settled(id);
  let head = await deps.store.readModelHead(id);
  let built: ReadModelRow[] | undefined;
  let header = head?.header;
  if (!head || outdated(key, head, deps.now())) {
    const fresh = await refreshReadModel(deps, key);
    ({ head, header } = { head: fresh.head, header: fresh.header });
    built = fresh.rows;
  }
  const prefix = parentPrefix(header as Record<string, unknown>, parent);
  if (prefix === null) {
    // Not a parent of any row: an existing unit has no rows below it; anything else is no unit.
    if (!(await deps.store.getUnit(parent as string)))
      throw new InvalidInputError([{ path: "parent", key: "error.unknownUnit", params: { value: parent as string } }]);
    return { header: header as Record<string, unknown>, rows: [] };
  }
  const cacheKey = `${id}|${prefix}`;
  let rows: ReadModelRow[];
  if (built) rows = built.filter((row) => row.path.startsWith(prefix));
  else {
    const hit = cached.get(deps.store)?.get(cacheKey);
    rows = hit && hit.generation === head?.generation ? hit.rows : await deps.store.readModelRows(id, prefix);
  }
  if (head) remember(deps, cacheKey, head.generation, rows);
  return {
    ...(head ? { version: `${id}|${head.generation}|${prefix}` } : {}),
    header: header as Record<string, unknown>,
    rows: rows as ReadModel<Row>["rows"],
  };
}

/** The row-path prefix below a parent ("" for all rows); null when no row is below it. */
function parentPrefix(header: Record<string, unknown>, parent: string | undefined): string | null {
  if (parent === undefined) return "";
  const path = (header.parents as Record<string, string> | undefined)?.[parent];
  return path === undefined ? null : belowPrefix(path);
}
