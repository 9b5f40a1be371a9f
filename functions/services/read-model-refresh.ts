// Keeping read models fresh: from the items a write touched, which stored read models are stale, and
// building them again. The local server hears of writes from its store (createLocalRefresher); the cloud
// from the table's DynamoDB stream (lambda/read-models.ts). Both call refreshAffected: idempotent, safe
// to replay — a read model is always built again from the source items, never patched.

import { parsePeriod, periodOf, selectablePeriods, sortPeriodIds } from "../../shared/period";
import {
  changeOfItem,
  distinctChanges,
  isAffected,
  parseReadModelId,
  type ReadModelKey,
  type ResolvedChange,
  readModelId,
  type SourceChange,
} from "../../shared/read-models";
import { cohortsOf } from "../../shared/units";
import type { Deps } from "../deps";
import { mapLimit } from "../store/db";
import { listMethodologies } from "./methodologies";
import { buildReadModel, refreshReadModel } from "./read-models";

const PARALLEL_BUILDS = 4;

export interface RefreshSummary {
  readonly refreshed: number;
  readonly failed: readonly { id: string; message: string }[];
}

/** Builds again every stored read model the changes make stale. */
export async function refreshAffected(deps: Deps, changes: readonly SourceChange[]): Promise<RefreshSummary> {
  const distinct = distinctChanges(changes);
  if (distinct.length === 0) return { refreshed: 0, failed: [] };
  const units = await deps.store.listUnits();
  const cohortOf = new Map(units.map((unit) => [unit.id, unit.cohort]));
  const resolved: ResolvedChange[] = distinct.map((change) =>
    "unitId" in change ? { ...change, cohort: cohortOf.get(change.unitId) } : change,
  );
  const stored = (await deps.store.listReadModels())
    .map(parseReadModelId)
    .filter((key): key is ReadModelKey => key !== undefined);
  return rebuild(
    deps,
    stored.filter((key) => resolved.some((change) => isAffected(key, change))),
  );
}

async function rebuild(deps: Deps, stale: readonly ReadModelKey[]): Promise<RefreshSummary> {
  const failed: { id: string; message: string }[] = [];
  await mapLimit(stale, PARALLEL_BUILDS, async (key) => {
    try {
      await refreshReadModel(deps, key);
    } catch (error) {
      // A model that can no longer be built (its cohort is gone) is dropped: a reader gets the oracle's answer.
      failed.push({ id: readModelId(key), message: error instanceof Error ? error.message : String(error) });
      await deps.store.removeReadModel(readModelId(key));
    }
  });
  return { refreshed: stale.length - failed.length, failed };
}

/**
 * Every read model a user can open: rates and filing of each cohort for the periods filed (and the
 * roll-ups a period picker offers), commitments of each year with commitments or filings, and each
 * methodology's leaderboards for the periods it has results for.
 */
export async function readModelCatalogue(deps: Deps): Promise<ReadModelKey[]> {
  const [units, filed, methodologies] = await Promise.all([
    deps.store.listUnits(),
    deps.store.filedPeriods(),
    listMethodologies(deps),
  ]);
  const cohorts = cohortsOf(units);
  const periods = sortPeriodIds(selectablePeriods(filed));
  const years = [...new Set(periods.map((id) => periodOf(id).year))];
  const keys: ReadModelKey[] = [];
  for (const cohort of cohorts) {
    for (const period of periods) {
      keys.push({ kind: "rates", cohort, period });
      const kind = parsePeriod(period)?.kind;
      if (kind === "month" || kind === "quarter") keys.push({ kind: "filing", cohort, period });
    }
    for (const year of years) keys.push({ kind: "matrix", cohort, year });
  }
  for (const methodology of new Set(methodologies.map((m) => m.id))) {
    const cohortsOfMethodology = new Set(methodologies.filter((m) => m.id === methodology).flatMap((m) => m.cohorts));
    for (const period of await deps.store.resultSetPeriods(methodology)) {
      for (const cohort of cohorts.filter((c) => cohortsOfMethodology.has(c)))
        keys.push({ kind: "board", cohort, period, methodology });
    }
  }
  return keys;
}

/** `cli rebuild`: every read model built again from the source items, and stored ones no longer openable dropped. */
export async function rebuildAll(
  deps: Deps,
  onProgress?: (done: number, total: number) => void,
): Promise<RefreshSummary & { dropped: number }> {
  const catalogue = await readModelCatalogue(deps);
  const wanted = new Set(catalogue.map(readModelId));
  const stored = await deps.store.listReadModels();
  const extra = stored
    .filter((id) => !wanted.has(id))
    .map(parseReadModelId)
    .filter((key): key is ReadModelKey => key !== undefined);
  let done = 0;
  const failed: { id: string; message: string }[] = [];
  await mapLimit([...catalogue, ...extra], PARALLEL_BUILDS, async (key) => {
    try {
      await refreshReadModel(deps, key);
    } catch (error) {
      failed.push({ id: readModelId(key), message: error instanceof Error ? error.message : String(error) });
      await deps.store.removeReadModel(readModelId(key));
    }
    onProgress?.(++done, catalogue.length + extra.length);
  });
  return { refreshed: done - failed.length, failed, dropped: failed.length };
}

export interface SampleDifference {
  readonly id: string;
  /** Row paths whose stored data differs from the source items' (or that one side lacks); "header" for the header. */
  readonly rows: readonly string[];
}

/**
 * The nightly check: `size` stored read models picked at random, each compared with a build from the
 * source items; a model that differs is reported and built again.
 */
export async function checkSample(
  deps: Deps,
  size: number,
  random: () => number = Math.random,
): Promise<{ checked: number; differences: SampleDifference[] }> {
  const ids = await deps.store.listReadModels();
  const sample = [...ids].sort(() => random() - 0.5).slice(0, size);
  const differences: SampleDifference[] = [];
  for (const id of sample) {
    const key = parseReadModelId(id);
    if (!key) continue;
    const [head, rows] = await Promise.all([deps.store.readModelHead(id), deps.store.readModelRows(id)]);
    const fresh = await buildReadModel(deps, key).catch(() => undefined);
    if (!head || !fresh) continue;
    const stored = new Map(rows.map((row) => [row.path, JSON.stringify(row.data)]));
    const built = new Map(fresh.rows.map((row) => [row.path, JSON.stringify(row.data)]));
    const differing = [...new Set([...stored.keys(), ...built.keys()])].filter(
      (path) => stored.get(path) !== built.get(path),
    );
    if (JSON.stringify(head.header) !== JSON.stringify(fresh.header)) differing.unshift("header");
    if (differing.length > 0) {
      differences.push({ id, rows: differing });
      await refreshReadModel(deps, key);
    }
  }
  return { checked: sample.length, differences };
}

const DEBOUNCE_MS = 5;

export interface LocalRefresher {
  /** The store's write observer. */
  readonly observe: (items: readonly { pk?: unknown; sk?: unknown }[]) => void;
  /** Resolves once the changes heard so far are in the read models. */
  settled(): Promise<void>;
  /** Starts refreshing with these deps (the store the observer is attached to). */
  attach(deps: Deps): void;
  /** Stops taking changes; resolves when the refresh under way has finished. */
  close(): Promise<void>;
}

/**
 * The local server's refresher: changes heard from the store are coalesced (an import is heard once) and
 * applied one batch at a time, so two builds of one read model never race. Failures are logged; the
 * models concerned are dropped and built again when next read.
 */
export function createLocalRefresher(log: (line: string) => void = console.error): LocalRefresher {
  let deps: Deps | undefined;
  let queue: SourceChange[] = [];
  let heard = 0;
  let applied = 0;
  let running: Promise<void> | undefined;
  let closed = false;
  const waiters: { upTo: number; resolve: () => void }[] = [];

  const wake = () => {
    for (const waiter of [...waiters]) {
      if (waiter.upTo <= applied) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };

  async function drain(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS));
    while (queue.length > 0 && deps) {
      const upTo = heard;
      const batch = queue;
      queue = [];
      try {
        const summary = await refreshAffected(deps, batch);
        for (const failure of summary.failed) log(`read model ${failure.id} dropped: ${failure.message}`);
      } catch (error) {
        log(`read models not refreshed: ${error instanceof Error ? error.message : String(error)}`);
      }
      applied = upTo;
      wake();
    }
    running = undefined;
  }

  return {
    observe(items) {
      if (closed) return;
      for (const item of items) {
        const change = changeOfItem(item);
        if (!change) continue;
        queue.push(change);
        heard++;
      }
      if (queue.length > 0 && deps && !running) running = drain();
    },
    settled() {
      if (applied >= heard || !deps) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ upTo: heard, resolve }));
    },
    attach(attached) {
      deps = attached;
      if (queue.length > 0 && !running) running = drain();
    },
    async close() {
      closed = true;
      await running;
      applied = heard;
      wake();
    },
  };
}
