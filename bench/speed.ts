// Read speed side by side (issue #15): the demo province's leaderboards, matrix and filing status against a
// raw GetItem and raw Queries of the same number of items on the same embedded database, all through
// HTTP + JSON on loopback, measured with autocannon (50 connections, 10 s each; BENCH_SECONDS shortens
// them), then freshness: a report filed → the ranking shows it (polled every 20 ms).
//
// The server (local server + embedded DynamoDB/S3 + the raw wrapper) runs in a child process; autocannon
// runs in this one. The machine has 2 cores: the figures include whatever else runs on it.

import { LOCAL_TABLE } from "../functions/local/server";
import { figuresFrom } from "../shared/figures";
import type { Metrics } from "../shared/metrics";
import type { ReportVersion } from "../shared/report";
import { ms, record } from "./measure";
import {
  benchSeconds,
  dynamoDirect,
  hammer,
  type LoadResult,
  login,
  median,
  printLoadTable,
  sleep,
  startBenchServer,
  timedGet,
} from "./support-bench";

const DEMO_PASSWORD = process.env.PARWATCH_DEMO_PASSWORD || "parwatch-demo";
/** The demo reporter's commune (Xã Bắc Thạnh, Huyện Tân Phước). */
const REPORTER_UNIT = "huyen-tan-phuoc--bac-thanh";
/** The raw reads: one unit item, and a period's report items on gsi1 (one per unit-version). */
const RAW_ITEM = { pk: `UNIT#${REPORTER_UNIT}`, sk: "PROFILE" };
const RAW_QUERY_PARTITION = "PERIOD#2026-Q3";

export const SPEED_ENDPOINTS = [
  "/api/rankings/district/2026-9M",
  "/api/rankings/commune/2026-9M",
  "/api/leaderboards/commune/2025?methodology=par-commune",
  "/api/commitments/commune/2026",
  "/api/filing/commune/2026-Q3",
] as const;

const FALLBACK_CONNECTIONS = 2;
const FRESHNESS_RANKING = "/api/rankings/commune/2026-9M";
const FRESHNESS_REPEATS = 5;
const FRESHNESS_POLL_MS = 20;
const FRESHNESS_GIVE_UP_MS = 30_000;

export interface SpeedOptions {
  /** Seconds per load run (default BENCH_SECONDS or 10). */
  readonly seconds?: number;
  /** Concurrent connections (default 50). */
  readonly connections?: number;
}

interface RankingRow {
  unitId: string;
  rank: number | null;
  value: number | null;
}

export async function speedBenchmarks(options: SpeedOptions = {}): Promise<LoadResult[]> {
  const seconds = options.seconds ?? benchSeconds();
  const connections = options.connections ?? 50;
  console.log("\nRead speed side by side (the demo province; issue #15)");
  const server = await startBenchServer("demo");
  try {
    record("bench server first start (demo seed, child process)", ms(server.startMs));
    const inspector = await login(server.url, "demo-inspector", DEMO_PASSWORD);
    const reporter = await login(server.url, "demo-reporter", DEMO_PASSWORD);
    // As a browser asks: gzip accepted (the lists are sent gzipped then).
    const auth = { authorization: `Bearer ${inspector}`, "accept-encoding": "gzip" };

    // Warm-up: one request per endpoint and raw read (lazily built caches or read models are then not in the numbers).
    console.log("warm-up (one request each, as demo-inspector):");
    const rowsOf = new Map<string, number>();
    for (const path of SPEED_ENDPOINTS) {
      const answer = await timedGet(`${server.url}${path}`, inspector);
      const rows = (answer.body as { rows?: unknown[] } | undefined)?.rows;
      if (Array.isArray(rows)) rowsOf.set(path, rows.length);
      console.log(
        `  ${String(answer.status).padEnd(4)}${ms(answer.elapsed).padStart(10)} ${(answer.bytes / 1024).toFixed(1).padStart(7)} KB ${String(rows?.length ?? "?").padStart(4)} rows  ${path}`,
      );
    }
    const rawGet = `${server.rawUrl}/raw/get?pk=${encodeURIComponent(RAW_ITEM.pk)}&sk=${RAW_ITEM.sk}`;
    const rawQuery = (n: number) =>
      `${server.rawUrl}/raw/query?gsi1pk=${encodeURIComponent(RAW_QUERY_PARTITION)}&n=${n}`;
    const counts = [...new Set(rowsOf.values())].sort((a, b) => a - b);
    for (const url of [rawGet, ...counts.map(rawQuery)]) {
      const answer = await timedGet(url, "");
      console.log(
        `  ${String(answer.status).padEnd(4)}${ms(answer.elapsed).padStart(10)} ${(answer.bytes / 1024).toFixed(1).padStart(7)} KB       ${url.replace(server.rawUrl, "raw:")}`,
      );
    }

    // A short unrecorded burst first, so the first recorded run does not carry the JIT's warm-up alone.
    await hammer("warm-up burst", rawGet, { connections, seconds: 1 });
    console.log(`\nload: autocannon, ${connections} connections, ${seconds} s each, loopback, one run after another`);
    const results: LoadResult[] = [];
    let settled = 0;
    const run = async (...args: Parameters<typeof hammer>) => {
      settled += await server.settle(); // the previous run's leftovers are not in this one
      results.push(await hammer(...args));
    };
    await run("raw GetItem (1 item)", rawGet, { connections, seconds, rows: 1 });
    const rawName = (n: number) => `raw Query gsi1 (${n} items)`;
    for (const n of counts) await run(rawName(n), rawQuery(n), { connections, seconds, rows: n });
    if (server.dynamoUrl) {
      // For reference: the same reads posted straight to dynalite, as the figures were taken.
      const direct = dynamoDirect("GetItem", {
        TableName: LOCAL_TABLE,
        Key: { pk: { S: RAW_ITEM.pk }, sk: { S: RAW_ITEM.sk } },
      });
      await run("dynalite direct GetItem (no SDK, no wrapper)", server.dynamoUrl, {
        connections,
        seconds,
        rows: 1,
        ...direct,
      });
      const largest = counts.at(-1);
      if (largest !== undefined) {
        const query = dynamoDirect("Query", {
          TableName: LOCAL_TABLE,
          IndexName: "gsi1",
          KeyConditionExpression: "gsi1pk = :pk",
          ExpressionAttributeValues: { ":pk": { S: RAW_QUERY_PARTITION } },
          Limit: largest,
        });
        await run(`dynalite direct Query (${largest} items)`, server.dynamoUrl, {
          connections,
          seconds,
          rows: largest,
          ...query,
        });
      }
    }
    for (const path of SPEED_ENDPOINTS) {
      const rows = rowsOf.get(path);
      const target = {
        seconds,
        headers: auth,
        ...(rows === undefined ? {} : { rows, baseline: rawName(rows) }),
      };
      await run(`GET ${path}`, `${server.url}${path}`, { connections, ...target });
      // Nothing answered within the run: measured once more with 2 connections, as a second row.
      if (results.at(-1)?.completed === 0 && connections > FALLBACK_CONNECTIONS) {
        await run(`GET ${path} (again: 0 done at ${connections})`, `${server.url}${path}`, {
          connections: FALLBACK_CONNECTIONS,
          ...target,
        });
      }
    }
    await server.settle();
    console.log("");
    printLoadTable(results);
    console.log(
      `(waited ${ms(settled)} in all between runs for the server to finish the requests a run left in flight)`,
    );

    console.log("");
    await freshness(server.url, inspector, reporter);
    const memory = await server.memory();
    record("peak RSS of the bench server (child)", `${(memory.maxRss / 1024 / 1024).toFixed(0)} MB`);
    return results;
  } finally {
    await server.close();
  }
}

/**
 * Files the demo reporter's 2026-Q3 report with other figures (alternately a quarter of the on-time
 * applications moved to late, and the original figures back), then polls the 9-month commune ranking
 * every 20 ms until its row shows the value those figures give; the time from the POST's answer to the
 * answer of the first fresh read.
 */
async function freshness(url: string, inspector: string, reporter: string): Promise<void> {
  const quarterMetrics = async (period: string): Promise<Metrics> => {
    const answer = await timedGet(`${url}/api/units/${REPORTER_UNIT}/reports/${period}`, inspector);
    const body = answer.body as { report?: { metrics: Metrics } } | undefined;
    if (answer.status !== 200 || !body?.report) throw new Error(`freshness: no ${period} report of ${REPORTER_UNIT}`);
    return body.report.metrics;
  };
  const [q1, q2, original] = await Promise.all(["2026-Q1", "2026-Q2", "2026-Q3"].map(quarterMetrics));
  const moved = Math.max(1, Math.round((original?.resolvedOnTime ?? 0) / 4));
  const worse: Metrics = {
    ...original,
    resolvedOnTime: (original?.resolvedOnTime ?? 0) - moved,
    resolvedLate: (original?.resolvedLate ?? 0) + moved,
  };
  const version = (period: string, metrics: Metrics | undefined): ReportVersion => ({
    unitId: REPORTER_UNIT,
    period,
    metrics: metrics ?? {},
    version: 1,
    submittedBy: "bench",
    submittedAt: "2026-10-05T00:00:00.000Z",
    source: "api",
  });
  const expectedValue = (q3: Metrics) =>
    figuresFrom(REPORTER_UNIT, "2026-9M", [version("2026-Q1", q1), version("2026-Q2", q2), version("2026-Q3", q3)])
      .rates.onTimeRateOfResolved ?? null;
  let lastRead = 0;
  const rowOf = async () => {
    const answer = await timedGet(`${url}${FRESHNESS_RANKING}`, inspector);
    lastRead = answer.elapsed;
    const rows = (answer.body as { rows?: RankingRow[] } | undefined)?.rows ?? [];
    return rows.find((row) => row.unitId === REPORTER_UNIT);
  };

  const times: number[] = [];
  const lines: string[] = [];
  for (let repeat = 0; repeat < FRESHNESS_REPEATS; repeat++) {
    const figures = repeat % 2 === 0 ? worse : (original as Metrics);
    const expected = expectedValue(figures);
    const before = await rowOf();
    const posted = await fetch(`${url}/api/reports`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${reporter}` },
      body: JSON.stringify({ unitId: REPORTER_UNIT, period: "2026-Q3", metrics: figures }),
    });
    await posted.arrayBuffer();
    const answered = performance.now();
    if (posted.status !== 201) {
      lines.push(`  #${repeat + 1}: POST /api/reports answered ${posted.status} (expected 201): not measured`);
      continue;
    }
    let polls = 0;
    let fresh: RankingRow | undefined;
    while (performance.now() - answered < FRESHNESS_GIVE_UP_MS) {
      polls++;
      const row = await rowOf();
      if (row && row.value !== null && expected !== null && Math.abs(row.value - expected) < 1e-12) {
        fresh = row;
        break;
      }
      await sleep(FRESHNESS_POLL_MS);
    }
    const elapsed = performance.now() - answered;
    if (!fresh) {
      lines.push(`  #${repeat + 1}: not fresh after ${ms(FRESHNESS_GIVE_UP_MS)} (${polls} polls)`);
      continue;
    }
    times.push(elapsed);
    lines.push(
      `  #${repeat + 1}: ${ms(elapsed).padStart(9)} after ${polls} poll(s) (the fresh read took ${ms(lastRead)}); rank ${before?.rank ?? "–"} → ${fresh.rank ?? "–"}, value ${before?.value?.toFixed(4) ?? "–"} → ${fresh.value?.toFixed(4)}`,
    );
  }
  record(
    `freshness: POST /api/reports answered → ${FRESHNESS_RANKING} shows it`,
    times.length > 0
      ? `median ${ms(median(times))} · max ${ms(Math.max(...times))} (${times.length}/${FRESHNESS_REPEATS}, poll every ${FRESHNESS_POLL_MS} ms)`
      : `not measured (0/${FRESHNESS_REPEATS})`,
  );
  for (const line of lines) console.log(line);
}
