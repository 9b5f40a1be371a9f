// Load side by side (issue #16, point 4), in one run on loopback against the demo province's local server
// in a child process (support-server.ts), with autocannon in this process; every request asks for gzip as
// a browser does:
//   (a) readers: the leaderboard and unit endpoints, 50 connections for 30 s each (BENCH_SECONDS overrides);
//   (b) writers: 20 connections for 30 s posting reports as demo-admin to many units and periods, each
//       body a new version (figures varied, the same unit-period twice in a row so writes meet), then
//       every 201 looked up in the unit-period's history: no lost update;
//   (c) a deadline hour: every demo unit files its month (2026-M11, open since 1 December) while 50
//       readers refresh the three cohorts' leaderboards for it; the time until they show every filing.
// Figures are printed, never asserted. The machine has 2 cores: they include whatever else runs on it.

import autocannon from "autocannon";
import type { Metrics } from "../shared/metrics";
import { filingOpensAt, parsePeriod } from "../shared/period";
import type { ReportVersion } from "../shared/report";
import { ms, record } from "./measure";
import {
  benchSeconds,
  hammer,
  type LoadResult,
  login,
  printLoadTable,
  sleep,
  startBenchServer,
  timedGet,
} from "./support-bench";

const DEMO_PASSWORD = process.env.PARWATCH_DEMO_PASSWORD || "parwatch-demo";
/** A commune with every quarter filed (the demo reporter's). */
const UNIT = "huyen-tan-phuoc--bac-thanh";
const READERS = 50;
const WRITERS = 20;
/** The periods the writers file: the open quarters of 2026 and October (2024 and 2025 are published). */
const WRITE_PERIODS = ["2026-Q1", "2026-Q2", "2026-Q3", "2026-M10"] as const;
/** The deadline month: ended, open for filing, nothing filed for it in the demo. */
const DEADLINE_PERIOD = "2026-M11";
const FILING_COHORTS = ["department", "district", "commune"] as const;
const VISIBLE_GIVE_UP_MS = 120_000;

export const LOAD_READ_ENDPOINTS = [
  "/api/rankings/commune/2026-9M",
  "/api/leaderboards/commune/2025?methodology=par-commune",
  `/api/units/${UNIT}`,
  `/api/units/${UNIT}/reports/2026-Q3`,
  `/api/units/${UNIT}/reports/2026-9M`,
  `/api/units/${UNIT}/reports/2026-Q3/history`,
] as const;

interface TreeNode {
  id: string;
  cohort: string;
  children: TreeNode[];
}

interface RankingRow {
  unitId: string;
  missing: readonly string[];
}

const percentile = (sorted: readonly number[], q: number) =>
  sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);

/** The figures of the n-th write to a unit-period: n on-time applications moved to late (a new version each). */
function varied(base: Metrics, n: number): Metrics {
  const onTime = base.resolvedOnTime ?? 0;
  const moved = onTime > 0 ? n % (onTime + 1) : 0;
  return { ...base, resolvedOnTime: onTime - moved, resolvedLate: (base.resolvedLate ?? 0) + moved };
}

/** Runs `work` over `items`, `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

export async function loadBenchmarks(): Promise<void> {
  const seconds = benchSeconds(30);
  console.log("\nLoad side by side (the demo province; issue #16)");
  const opens = filingOpensAt(parsePeriod(DEADLINE_PERIOD) as NonNullable<ReturnType<typeof parsePeriod>>);
  if (opens.getTime() > Date.now()) {
    console.log(`  ${DEADLINE_PERIOD} opens for filing at ${opens.toISOString()}: the deadline hour is not measured`);
  }
  const server = await startBenchServer("demo");
  try {
    record("bench server first start (demo seed, child process)", ms(server.startMs));
    const admin = await login(server.url, "demo-admin", DEMO_PASSWORD);
    const inspector = await login(server.url, "demo-inspector", DEMO_PASSWORD);
    const readHeaders = { authorization: `Bearer ${inspector}`, "accept-encoding": "gzip" };
    const writeHeaders = {
      authorization: `Bearer ${admin}`,
      "accept-encoding": "gzip",
      "content-type": "application/json",
    };

    // The units that file, and the figures each last filed per quarter (the writers vary them).
    const tree = (await timedGet(`${server.url}/api/units`, inspector)).body as { tree: TreeNode[] };
    const filers: TreeNode[] = [];
    const walk = (nodes: readonly TreeNode[]) => {
      for (const node of nodes) {
        if ((FILING_COHORTS as readonly string[]).includes(node.cohort)) filers.push(node);
        walk(node.children);
      }
    };
    walk(tree.tree);
    const base = new Map<string, Metrics>();
    await pool(
      filers.flatMap((unit) => ["2026-Q1", "2026-Q2", "2026-Q3"].map((period) => [unit.id, period] as const)),
      8,
      async ([unitId, period]) => {
        const answer = await timedGet(`${server.url}/api/units/${unitId}/reports/${period}`, inspector);
        const report = (answer.body as { report?: { metrics: Metrics } } | undefined)?.report;
        if (answer.status === 200 && report) base.set(`${unitId}|${period}`, report.metrics);
      },
    );
    const baseOf = (unitId: string, period: string) =>
      base.get(`${unitId}|${period}`) ??
      base.get(`${unitId}|2026-Q3`) ??
      base.get(`${unitId}|2026-Q2`) ??
      base.get(`${unitId}|2026-Q1`);
    const filing = filers.filter((unit) => baseOf(unit.id, "2026-Q3"));
    console.log(
      `  ${filing.length} filing units (${FILING_COHORTS.map((c) => `${filing.filter((u) => u.cohort === c).length} ${c}`).join(", ")})`,
    );

    // Warm-up: one request each, then a short unrecorded burst.
    console.log("warm-up (one request each, as demo-inspector, gzip accepted):");
    for (const path of LOAD_READ_ENDPOINTS) {
      const answer = await timedGet(`${server.url}${path}`, inspector, { "accept-encoding": "gzip" });
      console.log(`  ${String(answer.status).padEnd(4)}${ms(answer.elapsed).padStart(10)}  ${path}`);
    }
    await hammer("warm-up burst", `${server.url}${LOAD_READ_ENDPOINTS[0]}`, {
      connections: READERS,
      seconds: 1,
      headers: readHeaders,
    });

    // (a) readers, one endpoint after another.
    console.log(`\n(a) readers: ${READERS} connections, ${seconds} s per endpoint`);
    const results: LoadResult[] = [];
    for (const path of LOAD_READ_ENDPOINTS) {
      await server.settle();
      results.push(
        await hammer(`GET ${path}`, `${server.url}${path}`, { connections: READERS, seconds, headers: readHeaders }),
      );
    }

    // (b) writers.
    await server.settle();
    console.log(`\n(b) writers: ${WRITERS} connections, ${seconds} s, POST /api/reports as demo-admin`);
    const writes = await concurrentWriters(server.url, inspector, writeHeaders, filing, baseOf, seconds, () =>
      server.settle(),
    );
    results.push(writes.result);

    // (c) the deadline hour.
    await server.settle();
    console.log(
      `\n(c) deadline hour: ${filing.length} units file ${DEADLINE_PERIOD} (${WRITERS} at a time) while ${READERS} readers refresh its leaderboards`,
    );
    const deadline = await deadlineHour(server.url, inspector, readHeaders, writeHeaders, filing, baseOf, seconds);
    results.push(deadline.readers, deadline.writers);
    await server.settle();

    console.log("");
    printLoadTable(results);
    console.log("");
    for (const line of [...writes.lines, ...deadline.lines]) console.log(line);
    const memory = await server.memory();
    record("peak RSS of the bench server (child)", `${(memory.maxRss / 1024 / 1024).toFixed(0)} MB`);
  } finally {
    await server.close();
  }
}

/** Posts varied reports for `seconds` on 20 connections, then checks every 201 against the stored history. */
async function concurrentWriters(
  url: string,
  reader: string,
  headers: Record<string, string>,
  units: readonly TreeNode[],
  baseOf: (unitId: string, period: string) => Metrics | undefined,
  seconds: number,
  settle: () => Promise<number>,
): Promise<{ result: LoadResult; lines: string[] }> {
  const keys = units.flatMap((unit) => WRITE_PERIODS.map((period) => ({ unitId: unit.id, period })));
  const keyName = (key: { unitId: string; period: string }) => `${key.unitId}|${key.period}`;
  // Versions before the run.
  const before = new Map<string, number>();
  await pool(keys, 8, async (key) => {
    const answer = await timedGet(`${url}/api/units/${key.unitId}/reports/${key.period}/history`, reader);
    before.set(keyName(key), ((answer.body as { versions?: unknown[] } | undefined)?.versions ?? []).length);
  });
  const sent = new Map<string, number>(); // writes sent per key (the n of varied())
  const created = new Map<string, Map<number, Metrics>>(); // key → version → figures the 201 answered for
  const statuses = { "2xx": 0, "4xx": 0, "5xx": 0, repeats: 0, duplicateVersions: 0 };
  const unexpected: string[] = [];
  let counter = 0;
  type Context = { key?: string; metrics?: Metrics };
  const result = await autocannon({
    url,
    connections: WRITERS,
    duration: seconds,
    timeout: 120,
    requests: [
      {
        method: "POST",
        path: "/api/reports",
        headers,
        setupRequest: (request, context) => {
          // Each unit-period twice in a row: two connections write it at the same moment.
          const key = keys[Math.floor(counter++ / 2) % keys.length] as { unitId: string; period: string };
          const name = keyName(key);
          const n = (sent.get(name) ?? 0) + 1;
          sent.set(name, n);
          const metrics = varied(baseOf(key.unitId, key.period) ?? {}, n);
          Object.assign(context as Context, { key: name, metrics });
          return { ...request, body: JSON.stringify({ unitId: key.unitId, period: key.period, metrics }) };
        },
        onResponse: (status, body, context) => {
          const { key, metrics } = context as Context;
          if (status >= 500) statuses["5xx"]++;
          else if (status >= 400) statuses["4xx"]++;
          else if (status >= 200 && status < 300) statuses["2xx"]++;
          if (status >= 400 && unexpected.length < 3) unexpected.push(`${status} ${body.slice(0, 200)}`);
          if (status === 200) statuses.repeats++;
          if (status !== 201 || !key || !metrics) return;
          const version = (JSON.parse(body) as { report: ReportVersion }).report.version;
          const versions = created.get(key) ?? new Map<number, Metrics>();
          if (versions.has(version)) statuses.duplicateVersions++;
          versions.set(version, metrics);
          created.set(key, versions);
        },
      },
    ],
  });

  // Every 201 must be in the history, with the figures it was sent with. A unit-period may hold more
  // versions than the 201s counted: autocannon stops counting at the end of the run while the server
  // still stores the requests in flight; fewer would be a lost update.
  await settle();
  let checked = 0;
  let missing = 0;
  let wrongFigures = 0;
  let fewer = 0;
  let more = 0;
  const touched = keys.filter((key) => created.has(keyName(key)));
  await pool(touched, 8, async (key) => {
    const name = keyName(key);
    const answer = await timedGet(`${url}/api/units/${key.unitId}/reports/${key.period}/history`, reader);
    const history = (answer.body as { versions?: ReportVersion[] } | undefined)?.versions ?? [];
    const byVersion = new Map(history.map((version) => [version.version, version]));
    const mine = created.get(name) ?? new Map<number, Metrics>();
    const expected = (before.get(name) ?? 0) + mine.size;
    if (history.length < expected) fewer++;
    if (history.length > expected) more += history.length - expected;
    for (const [version, metrics] of mine) {
      checked++;
      const stored = byVersion.get(version);
      if (!stored) missing++;
      else if (JSON.stringify(stored.metrics) !== JSON.stringify({ ...stored.metrics, ...metrics })) wrongFigures++;
    }
  });
  const total = statuses["2xx"] + statuses["4xx"] + statuses["5xx"];
  const lines = [
    `(b) writers: ${total} answered — 2xx ${statuses["2xx"]} (201 ${statuses["2xx"] - statuses.repeats}, 200 repeats ${statuses.repeats}), 4xx ${statuses["4xx"]}, 5xx ${statuses["5xx"]}; socket errors ${result.errors}, timeouts ${result.timeouts}; ${touched.length} unit-periods of ${keys.length} written`,
    `(b) no lost update: ${checked - missing - wrongFigures}/${checked} created versions found in their history with the figures sent (missing ${missing}, other figures ${wrongFigures}, same version answered twice ${statuses.duplicateVersions}); unit-periods with fewer versions than before + created: ${fewer}; versions stored from requests still in flight when the run stopped: ${more}`,
    ...unexpected.map((line) => `    e.g. ${line}`),
  ];
  return {
    result: {
      name: "POST /api/reports (varied, new versions)",
      rows: undefined,
      connections: WRITERS,
      seconds,
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      completed: result.requests.total,
      errors: result.errors + result.timeouts + result.non2xx,
    },
    lines,
  };
}

/**
 * Every filing unit files the deadline month (20 at a time, as fast as they are answered) one second
 * into a run of 50 readers cycling through the three cohorts' leaderboards for that month; a poller
 * asks the same leaderboards every 100 ms until each lists every unit as filed.
 */
async function deadlineHour(
  url: string,
  reader: string,
  readHeaders: Record<string, string>,
  writeHeaders: Record<string, string>,
  units: readonly TreeNode[],
  baseOf: (unitId: string, period: string) => Metrics | undefined,
  seconds: number,
): Promise<{ readers: LoadResult; writers: LoadResult; lines: string[] }> {
  const boards = FILING_COHORTS.map((cohort) => `/api/rankings/${cohort}/${DEADLINE_PERIOD}`);
  // The readers run for `seconds` at least, and on until every filing is shown (stopped then).
  const readersStarted = performance.now();
  let readerRun: autocannon.Instance | undefined;
  const answeredAt: number[] = [];
  const readers = new Promise<autocannon.Result>((done, fail) => {
    readerRun = autocannon(
      {
        url,
        connections: READERS,
        duration: VISIBLE_GIVE_UP_MS / 1000 + seconds + 5,
        timeout: 120,
        requests: boards.map((path) => ({
          method: "GET" as const,
          path,
          headers: readHeaders,
          onResponse: () => {
            answeredAt.push(performance.now());
          },
        })),
      },
      (error, result) => (error ? fail(error) : done(result)),
    );
  });
  await sleep(1000);
  const started = performance.now();
  let visibleAt: number | undefined;
  let polls = 0;
  const filed = new Set(units.map((unit) => unit.id));
  const poller = (async () => {
    while (performance.now() - started < VISIBLE_GIVE_UP_MS) {
      polls++;
      const answers = await Promise.all(
        boards.map((path) => timedGet(`${url}${path}`, reader, { "accept-encoding": "gzip" })),
      );
      const shown = new Set(
        answers.flatMap(
          (answer) =>
            ((answer.body as { rows?: RankingRow[] } | undefined)?.rows ?? [])
              .filter((row) => !row.missing.includes(DEADLINE_PERIOD))
              .map((row) => row.unitId) ?? [],
        ),
      );
      if ([...filed].every((id) => shown.has(id))) {
        visibleAt = performance.now() - started;
        return;
      }
      await sleep(100);
    }
  })();
  const latencies: number[] = [];
  const statuses = { "2xx": 0, "4xx": 0, "5xx": 0, failed: 0 };
  const unexpected: string[] = [];
  await pool(units, WRITERS, async (unit) => {
    const asked = performance.now();
    try {
      const response = await fetch(`${url}/api/reports`, {
        method: "POST",
        headers: writeHeaders,
        body: JSON.stringify({ unitId: unit.id, period: DEADLINE_PERIOD, metrics: baseOf(unit.id, "2026-Q3") }),
      });
      const text = await response.text();
      latencies.push(performance.now() - asked);
      const kind = response.status >= 500 ? "5xx" : response.status >= 400 ? "4xx" : "2xx";
      statuses[kind]++;
      if (kind !== "2xx" && unexpected.length < 3) unexpected.push(`${response.status} ${text.slice(0, 200)}`);
    } catch (error) {
      statuses.failed++;
      if (unexpected.length < 3) unexpected.push(String(error));
    }
  });
  const filingDone = performance.now() - started;
  const filingEnded = performance.now();
  await poller;
  await sleep(Math.max(0, seconds * 1000 - (performance.now() - readersStarted)));
  const readSeconds = (performance.now() - readersStarted) / 1000;
  readerRun?.stop();
  const read = await readers;
  latencies.sort((a, b) => a - b);
  const writers: LoadResult = {
    name: `POST /api/reports ${DEADLINE_PERIOD} (each unit once)`,
    rows: undefined,
    connections: WRITERS,
    seconds: Number((filingDone / 1000).toFixed(1)),
    requestsPerSecond: latencies.length / (filingDone / 1000),
    p50: Math.round(percentile(latencies, 0.5)),
    p99: Math.round(percentile(latencies, 0.99)),
    completed: latencies.length,
    errors: statuses["4xx"] + statuses["5xx"] + statuses.failed,
  };
  const lines = [
    `(c) deadline hour: ${units.length} filings in ${ms(filingDone)} — 2xx ${statuses["2xx"]}, 4xx ${statuses["4xx"]}, 5xx ${statuses["5xx"]}, failed ${statuses.failed}; readers (${readSeconds.toFixed(1)} s): ${read.requests.total} answers, non-2xx ${read.non2xx}, socket errors ${read.errors}, timeouts ${read.timeouts}`,
    `(c) readers while the filings ran: ${answeredAt.filter((at) => at >= started && at <= filingEnded).length} answers in ${ms(filingDone)}; afterwards ${answeredAt.filter((at) => at > filingEnded).length}; slowest read ${ms(read.latency.max)}, p99.9 ${ms(read.latency.p99_9)} (a stall of few requests hides below p99)`,
    visibleAt === undefined
      ? `(c) the leaderboards did not show every filing within ${ms(VISIBLE_GIVE_UP_MS)} (${polls} polls)`
      : `(c) every filing shown on the three ${DEADLINE_PERIOD} leaderboards ${ms(visibleAt)} after the first was sent (${ms(Math.max(0, visibleAt - filingDone))} after the last was answered; ${polls} polls, each 100 ms after the last answer)`,
    ...unexpected.map((line) => `    e.g. ${line}`),
  ];
  return {
    readers: {
      name: `GET the 3 ${DEADLINE_PERIOD} leaderboards (during filing)`,
      rows: undefined,
      connections: READERS,
      seconds: Number(readSeconds.toFixed(1)),
      requestsPerSecond: read.requests.average,
      p50: read.latency.p50,
      p99: read.latency.p99,
      completed: read.requests.total,
      errors: read.errors + read.timeouts + read.non2xx,
    },
    writers,
    lines,
  };
}

// `npx tsx bench/load.ts` runs this bench alone.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  await loadBenchmarks();
}
