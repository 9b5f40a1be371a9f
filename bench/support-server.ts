// The server the speed and nationwide benches load, in a child process of its own so the load generator
// (autocannon, in the parent) does not share its event loop. It runs the real local server (startLocal:
// hono app + embedded DynamoDB in its worker thread + embedded S3) on a temp data folder, and beside it a
// tiny "raw" HTTP server on loopback whose handlers do one GetItem or one Query with the AWS SDK on the
// same DynamoDB client the store uses: both paths pay HTTP + JSON, only the work in between differs.
//
// Started by support-bench.ts: node --import tsx bench/support-server.ts '<json options>'; reports
// {ready: {...}} on the IPC channel.
//
// Raw routes:   GET /raw/get?pk=&sk=            one GetItem (eventually consistent, as the app's reads)
//               GET /raw/query?gsi1pk=&n=       a gsi1 Query returning n items (pages until n)
// (The embedded DynamoDB's endpoint is in the ready message too: the bench also posts to it directly.)
// Control:      GET /control/memory             {maxRss, rss, heapUsed} of this process
//               POST /control/rebuild           times rebuildViews(deps) again (it also runs after the nationwide load)

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { Deps } from "../functions/deps";
import { LOCAL_TABLE, type RunningServer, startLocal } from "../functions/local/server";
import type { Actor } from "../functions/services/audit";
import { createUser } from "../functions/services/users";
import { operator } from "../shared/access/identity";
import { BENCH_PASSWORD, nationwideDataset } from "./support-nationwide";

export interface ServerOptions {
  readonly mode: "demo" | "nationwide";
  readonly dataDir: string;
  readonly webDir: string;
}

export interface ServerReady {
  readonly url: string;
  readonly rawUrl: string;
  /** The embedded DynamoDB's own endpoint (dynalite, in the server's worker thread). */
  readonly dynamoUrl?: string;
  readonly startMs: number;
  /** nationwide only: units, report versions and how long the bulk load took. */
  readonly loaded?: {
    units: number;
    communes: number;
    reportVersions: number;
    loadMs: number;
    /** A full rebuild of the read models right after the bulk load (which writes source items only). */
    rebuild: Rebuild;
  };
}

/** The very DynamoDB client the store uses: caught on its first send (the store's ping), then let go. */
async function storeClient(deps: Deps): Promise<DynamoDBClient> {
  const original = DynamoDBClient.prototype.send;
  let caught: DynamoDBClient | undefined;
  DynamoDBClient.prototype.send = function (this: DynamoDBClient, ...args: unknown[]) {
    caught ??= this;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await deps.store.ping();
  } finally {
    DynamoDBClient.prototype.send = original;
  }
  if (!caught) throw new Error("could not find the store's DynamoDB client");
  return caught;
}

async function loadNationwide(server: RunningServer) {
  const started = performance.now();
  const { units, communes, reports } = nationwideDataset();
  await server.deps.store.putUnits(units);
  await server.deps.store.loadReportVersions(reports);
  const seed: Actor = { identity: operator("bench"), source: "seed" };
  for (const [username, role] of [
    ["bench-inspector", "inspector"],
    ["bench-admin", "admin"],
  ] as const) {
    await createUser(server.deps, seed, {
      username,
      role,
      unitId: null,
      displayName: username,
      password: BENCH_PASSWORD,
    });
  }
  const loadMs = performance.now() - started;
  return {
    units: units.length,
    communes: communes.length,
    reportVersions: reports.length,
    loadMs,
    rebuild: await rebuildHook(server.deps),
  };
}

/** rebuildViews from the read models, when the lead's functions/services/views.ts exports it. */
export type Rebuild = { available: false } | { available: true; name: string; elapsed: number; result: unknown };

/**
 * Times a full rebuild of the read models with the server's deps: rebuildViews from
 * functions/services/views.ts, else rebuildAll from functions/services/read-model-refresh.ts (what
 * `cli rebuild` runs), whichever exists first.
 */
async function rebuildHook(deps: Deps): Promise<Rebuild> {
  const candidates = [
    ["../functions/services/views.ts", "rebuildViews"],
    ["../functions/services/read-model-refresh.ts", "rebuildAll"],
  ] as const;
  for (const [path, name] of candidates) {
    // A computed specifier: the module may not exist (on code from before the read models).
    const specifier = new URL(path, import.meta.url).href;
    const module = (await import(specifier).catch(() => undefined)) as
      | Record<string, ((deps: Deps) => Promise<unknown>) | undefined>
      | undefined;
    const rebuild = module?.[name];
    if (typeof rebuild !== "function") continue;
    const started = performance.now();
    const result = await rebuild(deps);
    return {
      available: true,
      name: `${name} (${path.replace("../", "")})`,
      elapsed: performance.now() - started,
      result,
    };
  }
  return { available: false };
}

async function main() {
  const options = JSON.parse(process.argv[2] ?? "{}") as ServerOptions;
  const started = performance.now();
  const server = await startLocal({
    port: 0,
    dataDir: options.dataDir,
    webDir: options.webDir,
    demo: options.mode === "demo",
  });
  const startMs = performance.now() - started;
  const loaded = options.mode === "nationwide" ? await loadNationwide(server) : undefined;

  const client = await storeClient(server.deps);
  const doc = DynamoDBDocumentClient.from(client);
  const endpoint = await client.config.endpoint?.();
  const dynamoUrl = endpoint ? `${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}` : undefined;
  const json = (response: import("node:http").ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    response.end(text);
  };
  const raw = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? "/", "http://raw");
      if (url.pathname === "/raw/get") {
        const result = await doc.send(
          new GetCommand({
            TableName: LOCAL_TABLE,
            Key: { pk: url.searchParams.get("pk"), sk: url.searchParams.get("sk") },
          }),
        );
        return json(response, result.Item ? 200 : 404, { item: result.Item ?? null });
      }
      if (url.pathname === "/raw/query") {
        const wanted = Number(url.searchParams.get("n") ?? "1");
        const items: unknown[] = [];
        let ExclusiveStartKey: Record<string, unknown> | undefined;
        do {
          const page = await doc.send(
            new QueryCommand({
              TableName: LOCAL_TABLE,
              IndexName: "gsi1",
              KeyConditionExpression: "gsi1pk = :pk",
              ExpressionAttributeValues: { ":pk": url.searchParams.get("gsi1pk") },
              Limit: wanted - items.length,
              ExclusiveStartKey,
            }),
          );
          items.push(...(page.Items ?? []));
          ExclusiveStartKey = page.LastEvaluatedKey;
        } while (ExclusiveStartKey && items.length < wanted);
        return json(response, items.length === wanted ? 200 : 500, { count: items.length, items });
      }
      if (url.pathname === "/control/memory") {
        const memory = process.memoryUsage();
        return json(response, 200, {
          maxRss: process.resourceUsage().maxRSS * 1024,
          rss: memory.rss,
          heapUsed: memory.heapUsed,
        });
      }
      if (url.pathname === "/control/rebuild" && request.method === "POST") {
        return json(response, 200, await rebuildHook(server.deps));
      }
      return json(response, 404, { error: "not found" });
    } catch (error) {
      return json(response, 500, { error: (error as Error).message });
    }
  });
  raw.keepAliveTimeout = 60_000;
  await new Promise<void>((done) => raw.listen(0, "127.0.0.1", done));
  const ready: ServerReady = {
    url: server.url,
    rawUrl: `http://127.0.0.1:${(raw.address() as AddressInfo).port}`,
    ...(dynamoUrl ? { dynamoUrl } : {}),
    startMs,
    ...(loaded ? { loaded } : {}),
  };
  process.send?.({ ready });
  process.on("message", async (message) => {
    if (message !== "close") return;
    raw.closeAllConnections();
    await new Promise<void>((done) => raw.close(() => done()));
    await server.close();
    process.exit(0);
  });
}

// Only as the forked entry point (an import for its types must not start a server).
if (process.send && process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    process.send?.({ error: (error as Error).stack ?? String(error) });
    process.exit(1);
  });
}
