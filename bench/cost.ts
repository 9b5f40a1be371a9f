// DynamoDB capacity per call, as the SDK reports it (ReturnConsumedCapacity=TOTAL on every call, summed
// from the answers): each list endpoint computed on read from the source items (as before read models)
// against its read model — the first read (which builds it), a read after a write (header changed) and
// a repeated read (header only) — and what a filed report costs to keep the read models fresh. The
// embedded dynalite computes capacity units as DynamoDB does (4 KB per read unit, halved when eventually
// consistent; 1 KB per write unit).

import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { inScope } from "../functions/auth/guard";
import type { Deps } from "../functions/deps";
import { type EmbeddedStack, startEmbedded } from "../functions/local/embedded";
import { seedDemoProvince } from "../functions/local/seed";
import { commitmentMatrix } from "../functions/services/commitments";
import { filing } from "../functions/services/filing";
import { filingList, leaderboardList, matrixList, rankingList } from "../functions/services/lists";
import { rankCohort } from "../functions/services/rankings";
import { createLocalRefresher } from "../functions/services/read-model-refresh";
import { leaderboard } from "../functions/services/scoring";
import { subtreeOf } from "../functions/services/subtree";
import { dynamoStore, ensureTable } from "../functions/store/dynamodb";
import { s3BlobStore } from "../functions/store/s3";
import type { Identity } from "../shared/access/identity";
import { nationwideDataset } from "./support-nationwide";

const WITH_CAPACITY = new Set([
  "GetItemCommand",
  "PutItemCommand",
  "UpdateItemCommand",
  "DeleteItemCommand",
  "QueryCommand",
  "ScanCommand",
  "BatchWriteItemCommand",
  "BatchGetItemCommand",
]);
const WRITES = new Set(["PutItemCommand", "UpdateItemCommand", "DeleteItemCommand", "BatchWriteItemCommand"]);

/** Read and write units the client has consumed since the last reset. */
export interface CapacityMeter {
  reads: number;
  writes: number;
  calls: number;
  reset(): void;
}

/** Asks every call for its consumed capacity and adds it up. */
export function meterCapacity(client: DynamoDBClient): CapacityMeter {
  const meter: CapacityMeter = {
    reads: 0,
    writes: 0,
    calls: 0,
    reset() {
      meter.reads = 0;
      meter.writes = 0;
      meter.calls = 0;
    },
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName ?? "");
      if (WITH_CAPACITY.has(name)) (args.input as Record<string, unknown>).ReturnConsumedCapacity = "TOTAL";
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      const units = [consumed ?? []]
        .flat()
        .reduce((sum: number, part) => sum + ((part as { CapacityUnits?: number }).CapacityUnits ?? 0), 0);
      if (WRITES.has(name)) meter.writes += units;
      else meter.reads += units;
      if (WITH_CAPACITY.has(name)) meter.calls++;
      return result;
    },
    { step: "initialize", name: "parwatchConsumedCapacity" },
  );
  return meter;
}

export interface CostRow {
  readonly endpoint: string;
  readonly onRead: number;
  readonly firstRead: number;
  readonly afterWrite: number;
  readonly repeated: number;
}

const inspector: Identity = { kind: "user", username: "bench", role: "inspector", unitId: null };

interface Endpoint {
  readonly name: string;
  /** The route's work before read models: computed from the source items on every call. */
  readonly onRead: (deps: Deps) => Promise<unknown>;
  readonly model: (deps: Deps) => Promise<unknown>;
}

/** The list endpoints of a cohort: a 9-month ranking, a methodology leaderboard, the matrix, a quarter's filing. */
export function listEndpoints(
  cohort: string,
  period: string,
  year: number,
  quarter: string,
  board?: { methodology: string; period: string },
) {
  const metric = "onTimeRateOfResolved";
  const endpoints: Endpoint[] = [
    {
      name: `GET /api/rankings/${cohort}/${period}`,
      onRead: async (deps) => {
        await rankCohort(deps, cohort, period, metric);
        subtreeOf(await deps.store.listUnits(), undefined);
      },
      model: (deps) => rankingList(deps, cohort, period, metric),
    },
    {
      name: `GET /api/commitments/${cohort}/${year}`,
      onRead: async (deps) => {
        const units = await deps.store.listUnits();
        await commitmentMatrix(deps, cohort, year, inScope(inspector, "commitment.read", units));
      },
      model: (deps) => matrixList(deps, inspector, cohort, year),
    },
    {
      name: `GET /api/filing/${cohort}/${quarter}`,
      onRead: async (deps) => {
        const units = await deps.store.listUnits();
        await filing(deps, cohort, quarter, inScope(inspector, "filing.read", units));
      },
      model: (deps) => filingList(deps, inspector, cohort, quarter),
    },
  ];
  if (board)
    endpoints.splice(1, 0, {
      name: `GET /api/leaderboards/${cohort}/${board.period}?methodology=${board.methodology}`,
      onRead: async (deps) => {
        await leaderboard(deps, cohort, board.period, board.methodology);
        subtreeOf(await deps.store.listUnits(), undefined);
      },
      model: (deps) => leaderboardList(deps, cohort, board.period, board.methodology),
    });
  return endpoints;
}

/**
 * Capacity per call of each endpoint on `deps` (whose client `meter` watches). `touch` writes something
 * that makes the models stale (a report of the cohort), so the read after it pays for the changed header.
 */
export async function measureCosts(
  deps: Deps,
  meter: CapacityMeter,
  endpoints: readonly Endpoint[],
  touch: () => Promise<void>,
): Promise<{ rows: CostRow[]; refresh: { reads: number; writes: number } }> {
  const units = async (work: () => Promise<unknown>) => {
    await deps.readModels?.settled();
    meter.reset();
    await work();
    return meter.reads;
  };
  const rows: CostRow[] = [];
  for (const endpoint of endpoints) {
    const onRead = await units(() => endpoint.onRead(deps));
    const firstRead = await units(() => endpoint.model(deps));
    rows.push({ endpoint: endpoint.name, onRead, firstRead, afterWrite: 0, repeated: 0 });
  }
  // One report filed: the write and every refresh it sets off.
  await deps.readModels?.settled();
  meter.reset();
  await touch();
  await deps.readModels?.settled();
  const refresh = { reads: meter.reads, writes: meter.writes };
  for (const [i, endpoint] of endpoints.entries()) {
    const afterWrite = await units(() => endpoint.model(deps));
    const repeated = await units(() => endpoint.model(deps));
    rows[i] = { ...(rows[i] as CostRow), afterWrite, repeated };
  }
  return { rows, refresh };
}

export function printCosts(title: string, result: Awaited<ReturnType<typeof measureCosts>>): void {
  const fmt = (n: number) => n.toFixed(1).padStart(9);
  console.log(`  ${title}: DynamoDB read units per call (ReturnConsumedCapacity)`);
  console.log(
    `  ${"endpoint".padEnd(58)} ${"on read".padStart(9)} ${"1st read".padStart(9)} ${"changed".padStart(9)} ${"repeat".padStart(9)}`,
  );
  for (const row of result.rows)
    console.log(
      `  ${row.endpoint.padEnd(58)} ${fmt(row.onRead)} ${fmt(row.firstRead)} ${fmt(row.afterWrite)} ${fmt(row.repeated)}`,
    );
  console.log(
    `  one report filed, with every read-model refresh it sets off: ${result.refresh.reads.toFixed(1)} read units, ${result.refresh.writes.toFixed(1)} write units`,
  );
}

/** A fresh in-memory stack with its client metered and the local refresher, loaded by `load`. */
async function meteredStack(
  load: (deps: Deps) => Promise<unknown>,
  measure: (deps: Deps, meter: CapacityMeter) => Promise<void>,
) {
  const embedded: EmbeddedStack = await startEmbedded();
  const readModels = createLocalRefresher();
  try {
    await ensureTable(embedded.dynamo, "parwatch-cost");
    const meter = meterCapacity(embedded.dynamo);
    const deps: Deps = {
      store: dynamoStore(embedded.dynamo, "parwatch-cost", { observe: readModels.observe }),
      blobs: s3BlobStore(embedded.s3, "unused"),
      publicBlobs: s3BlobStore(embedded.s3, "unused"),
      now: () => new Date("2026-12-01T03:00:00Z"),
      readModels,
    };
    readModels.attach(deps);
    await load(deps);
    await measure(deps, meter);
  } finally {
    await readModels.close();
    await embedded.close();
  }
}

/** One more version of a unit's report for a period (a correction): makes the unit's lists stale. */
const correction = (deps: Deps, unitId: string, period: string) => async () => {
  const latest = await deps.store.latestReport(unitId, period);
  await deps.store.saveReport(
    { unitId, period, metrics: { ...latest?.metrics, received: (latest?.metrics.received ?? 0) + 1 } },
    { submittedBy: "bench", submittedAt: "2026-11-05T03:00:00.000Z", source: "form" },
  );
};

/** The demo province, then every commune of Vietnam (34 provinces, 3,321 communes, 24 months). */
export async function costBenchmarks(): Promise<void> {
  await meteredStack(seedDemoProvince, async (deps, meter) => {
    const [commune] = (await deps.store.listUnits()).filter((unit) => unit.cohort === "commune");
    const result = await measureCosts(
      deps,
      meter,
      [
        ...listEndpoints("district", "2026-9M", 2026, "2026-Q3", { methodology: "par-province", period: "2025" }),
        ...listEndpoints("commune", "2026-9M", 2026, "2026-Q3", { methodology: "par-commune", period: "2025" }),
      ],
      correction(deps, commune?.id ?? "", "2026-Q3"),
    );
    printCosts("demo province (8 districts, 120 communes)", result);
  });
  const { units, communes, reports } = nationwideDataset();
  const load = async (deps: Deps) => {
    await deps.store.putUnits(units);
    await deps.store.loadReportVersions(reports);
  };
  await meteredStack(load, async (deps, meter) => {
    const result = await measureCosts(
      deps,
      meter,
      listEndpoints("commune", "2026-9M", 2026, "2026-Q3"),
      correction(deps, communes[0]?.id ?? "", "2026-M08"),
    );
    printCosts("nationwide (3,321 communes, monthly reports)", result);
  });
}
