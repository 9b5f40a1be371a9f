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

/** The stored read models the changes make stale. */
export async function staleModels(deps: Deps, changes: readonly SourceChange[]): Promise<ReadModelKey[]> {
  const distinct = distinctChanges(changes);
  if (distinct.length === 0) return [];
  const units = await deps.store.listUnits();
  const cohortOf = new Map(units.map((unit) => [unit.id, unit.cohort]));
  const resolved: ResolvedChange[] = distinct.map((change) =>
    "unitId" in change ? { ...change, cohort: cohortOf.get(change.unitId) } : change,
  );
  return (await deps.store.listReadModels())
    .map(parseReadModelId)
    .filter((key): key is ReadModelKey => key !== undefined)
    .filter((key) => resolved.some((change) => isAffected(key, change)));
}

/** Builds again every stored read model the changes make stale. */
export async function refreshAffected(deps: Deps, changes: readonly SourceChange[]): Promise<RefreshSummary> {
  return rebuild(deps, await staleModels(deps, changes));
}

/** Builds one model again; one that can no longer be built is dropped (a reader gets the oracle's answer). */
async function rebuildOne(deps: Deps, key: ReadModelKey): Promise<{ id: string; message: string } | undefined> {
  try {
    await refreshReadModel(deps, key);
    return undefined;
  } catch (error) {
    await deps.store.removeReadModel(readModelId(key));
    return { id: readModelId(key), message: error instanceof Error ? error.message : String(error) };
  }
}

async function rebuild(deps: Deps, stale: readonly ReadModelKey[]): Promise<RefreshSummary> {
  const failed: { id: string; message: string }[] = [];
  await mapLimit(stale, PARALLEL_BUILDS, async (key) => {
    const failure = await rebuildOne(deps, key);
    if (failure) failed.push(failure);
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
    const failure = await rebuildOne(deps, key);
    if (failure) failed.push(failure);
    done++;
    onProgress?.(done, catalogue.length + extra.length);
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
/** The shortest time between two builds of one model. */
const MIN_REBUILD_MS = 250;
/** The longest a reader waits for its own model to take in the writes before it. */
const MAX_READER_WAIT_MS = 1000;

export interface LocalRefresher {
  /** The store's write observer. */
  readonly observe: (items: readonly { pk?: unknown; sk?: unknown }[]) => void;
  /**
   * Resolves once the writes heard so far are in the read model `id`, or after a second at most
   * (without an id: once they are in every read model). A reader waits only for its own model.
   */
  settled(id?: string): Promise<void>;
  /** Starts refreshing with these deps (the store the observer is attached to). */
  attach(deps: Deps): void;
  /** Stops taking changes; resolves when the builds under way have finished. */
  close(): Promise<void>;
}

interface Mark {
  readonly key: ReadModelKey;
  /** The last batch of writes (by sequence number) that made the model stale. */
  requested: number;
  /** The batch the last finished build covered. */
  built: number;
  running: boolean;
}

/**
 * The local server's refresher. Writes heard from the store are sorted into the models they make stale
 * (an import is heard once, when it ends); the stale models are built again, four at a time, each one
 * by one build at a time, so two builds of a model never race. A reader waits for the sorting of the
 * writes heard before it and for its own model only. Failures are logged; the model concerned is
 * dropped and built again when next read.
 */
export function createLocalRefresher(log: (line: string) => void = console.error): LocalRefresher {
  let deps: Deps | undefined;
  let queue: { seq: number; change: SourceChange }[] = [];
  let heard = 0;
  let sorted = 0;
  let closed = false;
  let sorting: Promise<void> | undefined;
  const building = new Set<Promise<void>>();
  const marks = new Map<string, Mark>();
  const waiters = new Set<{ ready: () => boolean; resolve: () => void }>();

  const wake = () => {
    for (const waiter of [...waiters]) {
      if (!waiter.ready()) continue;
      waiters.delete(waiter);
      waiter.resolve();
    }
  };
  const until = (ready: () => boolean) =>
    ready() ? Promise.resolve() : new Promise<void>((resolve) => waiters.add({ ready, resolve }));

  async function sort(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS));
    while (queue.length > 0 && deps) {
      const batch = queue;
      queue = [];
      const upTo = batch.at(-1)?.seq ?? sorted;
      try {
        for (const key of await staleModels(
          deps,
          batch.map((entry) => entry.change),
        )) {
          const id = readModelId(key);
          const mark = marks.get(id) ?? { key, requested: 0, built: 0, running: false };
          mark.requested = upTo;
          marks.set(id, mark);
        }
      } catch (error) {
        log(`read models not refreshed: ${error instanceof Error ? error.message : String(error)}`);
      }
      sorted = upTo;
      build();
      wake();
    }
    sorting = undefined;
  }

  /** Starts builds of stale models while fewer than four run. */
  /** When each model's last build finished: a model is built again at most every MIN_REBUILD_MS. */
  const lastBuilt = new Map<string, number>();
  let later: ReturnType<typeof setTimeout> | undefined;
  const buildLater = (ms: number) => {
    later ??= setTimeout(() => {
      later = undefined;
      build();
    }, ms);
  };

  function build(): void {
    if (!deps || closed) return;
    for (const [id, mark] of marks) {
      if (building.size >= PARALLEL_BUILDS) return;
      if (mark.running || mark.built >= mark.requested) continue;
      // While writes keep coming, back-to-back builds of one model (a matrix after every filing) would
      // take all the processor: the writes of a moment are gathered into one build instead.
      const wait = (lastBuilt.get(id) ?? 0) + MIN_REBUILD_MS - Date.now();
      if (wait > 0) {
        buildLater(wait);
        continue;
      }
      const covers = mark.requested;
      mark.running = true;
      const run = rebuildOne(deps, mark.key).then((failure) => {
        if (failure) log(`read model ${failure.id} dropped: ${failure.message}`);
        mark.built = covers;
        mark.running = false;
        lastBuilt.set(id, Date.now());
        if (mark.built >= mark.requested) marks.delete(id);
        building.delete(run);
        build();
        wake();
      });
      building.add(run);
    }
  }

  /**
   * Whether model `id` reflects the writes up to `target`: a build that started after they were sorted
   * covers them, whatever came after (a reader is not held up by writes after its own arrival).
   */
  const fresh = (id: string | undefined, target: number) => {
    if (id === undefined) return marks.size === 0;
    const mark = marks.get(id);
    return mark === undefined || mark.built >= target || mark.built >= mark.requested;
  };

  return {
    observe(items) {
      if (closed) return;
      for (const item of items) {
        const change = changeOfItem(item);
        if (change) queue.push({ seq: ++heard, change });
      }
      if (queue.length > 0 && deps && !sorting) sorting = sort();
    },
    async settled(id) {
      if (!deps || closed) return;
      const target = heard;
      const caughtUp = (async () => {
        await until(() => sorted >= target || closed);
        await until(() => fresh(id, target) || closed);
      })();
      // While writes keep coming (a deadline hour) a reader waits at most this long, then gets the
      // stored model: at most one build behind, never a stalled page.
      if (id === undefined) return caughtUp;
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([caughtUp, new Promise((resolve) => (timer = setTimeout(resolve, MAX_READER_WAIT_MS)))]);
      clearTimeout(timer);
    },
    attach(attached) {
      deps = attached;
      if (queue.length > 0 && !sorting) sorting = sort();
    },
    async close() {
      closed = true;
      clearTimeout(later);
      await sorting;
      await Promise.all([...building]);
      wake();
    },
  };
}
