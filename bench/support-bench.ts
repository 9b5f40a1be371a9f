// Parent-side helpers of the load benches: the bench server in a child process (support-server.ts),
// signing in, autocannon runs and the printed side-by-side table. Figures are printed, never asserted.

import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import type { ServerOptions, ServerReady } from "./support-server";

export const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));

/** BENCH_SECONDS shortens every load run (smoke runs while developing); 10 s by default. */
export function benchSeconds(fallback = 10): number {
  const value = Number(process.env.BENCH_SECONDS);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export interface BenchServer extends ServerReady {
  memory(): Promise<{ maxRss: number; rss: number; heapUsed: number }>;
  /**
   * Waits until the server has finished what a load run left in flight (autocannon stops sending at the
   * end of its duration; the server still works off the requests it had): a GetItem through its store's
   * client answers within 20 ms three times running (or 120 s have passed). Returns the time waited.
   */
  settle(): Promise<number>;
  close(): Promise<void>;
}

/** Starts support-server.ts in a child process on a fresh temp data folder; close() removes the folder. */
export async function startBenchServer(mode: ServerOptions["mode"]): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), `parwatch-bench-${mode}-`));
  const options: ServerOptions = { mode, dataDir, webDir: join(ROOT, "web/dist") };
  const child = fork(fileURLToPath(new URL("./support-server.ts", import.meta.url)), [JSON.stringify(options)], {
    cwd: ROOT,
    execArgv: ["--import", "tsx"],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  try {
    const ready = await new Promise<ServerReady>((done, fail) => {
      child.once("message", (message: { ready?: ServerReady; error?: string }) =>
        message.ready ? done(message.ready) : fail(new Error(`bench server: ${message.error}`)),
      );
      child.once("exit", (code) => fail(new Error(`bench server exited (${code}) before it was ready`)));
    });
    return {
      ...ready,
      memory: async () => (await fetch(`${ready.rawUrl}/control/memory`)).json(),
      async settle() {
        const started = performance.now();
        let quick = 0;
        while (quick < 3 && performance.now() - started < 120_000) {
          const asked = performance.now();
          // A GetItem through the store's own client: it queues behind what the app still has for the
          // database (the SDK's socket pool, dynalite's thread), not only behind the event loop.
          await (await fetch(`${ready.rawUrl}/raw/get?pk=BENCH%23SETTLE&sk=PROBE`)).arrayBuffer();
          quick = performance.now() - asked < 20 ? quick + 1 : 0;
          await sleep(quick > 0 ? 5 : 100);
        }
        return performance.now() - started;
      },
      async close() {
        child.send("close");
        const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        await exited;
        clearTimeout(timer);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    child.kill("SIGKILL");
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Signs in through the real endpoint; the answer's token is the bearer token. */
export async function login(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${username}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

export interface LoadResult {
  readonly name: string;
  readonly rows: number | undefined;
  readonly connections: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly completed: number;
  /** socket errors + timeouts + answers other than 2xx */
  readonly errors: number;
  /** The raw Query of the same number of rows, for the p99 ratio. */
  readonly baseline?: string;
}

/** One autocannon run against a URL (GET unless told), e.g. 50 connections for 10 s. */
export async function hammer(
  name: string,
  url: string,
  options: {
    connections: number;
    seconds: number;
    headers?: Record<string, string>;
    rows?: number;
    baseline?: string;
    /** POST this body instead of a GET. */
    body?: string;
  },
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    timeout: 120,
    headers: options.headers ?? {},
    ...(options.body === undefined ? {} : { method: "POST" as const, body: options.body }),
  });
  return {
    name,
    rows: options.rows,
    connections: options.connections,
    seconds: options.seconds,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    completed: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
    ...(options.baseline ? { baseline: options.baseline } : {}),
  };
}

const pad = (text: string, width: number, right = false) => (right ? text.padStart(width) : text.padEnd(width));
const msText = (value: number) => (Number.isFinite(value) ? `${value.toLocaleString("en")} ms` : "–");

/** The side-by-side table: req/s, p50, p99, errors and each endpoint's p99 over its raw Query's. */
export function printLoadTable(results: readonly LoadResult[]): void {
  const byName = new Map(results.map((result) => [result.name, result]));
  const width = Math.max(40, ...results.map((result) => result.name.length)) + 1;
  const header = `${pad("target", width)} ${pad("rows", 5, true)} ${pad("conn", 4, true)} ${pad("req/s", 9, true)} ${pad("p50", 10, true)} ${pad("p99", 10, true)} ${pad("done", 7, true)} ${pad("errors", 6, true)}  p99 ÷ raw Query`;
  console.log(header);
  console.log("-".repeat(header.length + 4));
  for (const result of results) {
    const baseline = result.baseline ? byName.get(result.baseline) : undefined;
    const ratio =
      baseline && baseline.p99 > 0 && result.completed > 0
        ? `${(result.p99 / baseline.p99).toFixed(1)} ×  (of ${baseline.name})`
        : baseline
          ? result.completed === 0
            ? "– (nothing completed in the run)"
            : "– (raw p99 under 1 ms)"
          : "";
    console.log(
      [
        pad(result.name, width),
        pad(result.rows === undefined ? "" : String(result.rows), 5, true),
        pad(String(result.connections), 4, true),
        pad(result.requestsPerSecond.toLocaleString("en", { maximumFractionDigits: 1 }), 9, true),
        pad(msText(result.p50), 10, true),
        pad(msText(result.p99), 10, true),
        pad(result.completed.toLocaleString("en"), 7, true),
        pad(String(result.errors), 6, true),
        ` ${ratio}`,
      ].join(" "),
    );
  }
}

/**
 * A DynamoDB API call posted straight to dynalite (no SDK, no wrapper: how the raw figures were
 * taken; dynalite does not check signatures, any AWS4 authorization header is answered).
 */
export function dynamoDirect(target: "GetItem" | "Query", input: Record<string, unknown>) {
  return {
    headers: {
      "content-type": "application/x-amz-json-1.0",
      "x-amz-target": `DynamoDB_20120810.${target}`,
      "x-amz-date": "20261201T000000Z",
      authorization:
        "AWS4-HMAC-SHA256 Credential=S3RVER/20261201/ap-southeast-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00",
    },
    body: JSON.stringify(input),
  };
}

/** One timed GET; the body parsed as JSON, with its size in bytes. */
export async function timedGet(url: string, token: string, extra: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, ...extra } });
  const text = await response.text();
  const elapsed = performance.now() - started;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, elapsed, bytes: Buffer.byteLength(text), text, body, headers: response.headers };
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
