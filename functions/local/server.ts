// `npm start`: the whole product on one machine — embedded DynamoDB and S3 under DATA_DIR, the hono app
// on /api/*, the built dashboard on every other path, and the demo province on a new data folder.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { DescribeTableCommand, ResourceNotFoundException } from "@aws-sdk/client-dynamodb";
import { type ServerType, serve } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { pickLang, translate } from "../../shared/i18n";
import { createApp } from "../app";
import { identifyBySession } from "../auth/identify";
import { ephemeralKeys, type SessionKeys } from "../auth/tokens";
import type { Deps } from "../deps";
import { ingestS3Event, recoverUploads } from "../ingest/uploads";
import { recoverImports } from "../services/import-apply";
import { repairPublicIndex } from "../services/publish";
import { createLocalRefresher } from "../services/read-model-refresh";
import { dynamoStore, ensureTable } from "../store/dynamodb";
import { ensureBucket, s3BlobStore } from "../store/s3";
import { DEMO_PASSWORD, publishDemoYears, seedDemoAccounts } from "./demo-accounts";
import { DataDirDamagedError, type EmbeddedStack, StartRefusedError, startEmbedded } from "./embedded";
import { seedDemoProvince } from "./seed";
import { dashboardHeaders, notFoundJson, publicFiles } from "./site";

export const LOCAL_TABLE = "parwatch";
export const LOCAL_BUCKET = "parwatch-uploads";
export const LOCAL_PUBLIC_BUCKET = "parwatch-public";

export interface LocalOptions {
  readonly port: number;
  /** Interface to listen on: loopback by default; 0.0.0.0 to serve the office network. */
  readonly host?: string;
  /** Where the database and blobs persist; in memory when undefined. */
  readonly dataDir: string | undefined;
  /** The built dashboard (vite build output). */
  readonly webDir: string;
  readonly log?: (line: string) => void;
  /** Seed the demo province and its demo accounts into a new data folder (default true). */
  readonly demo?: boolean;
  /** The demo accounts' password (PARWATCH_DEMO_PASSWORD); parwatch-demo by default. */
  readonly demoPassword?: string;
}

export interface RunningServer {
  readonly url: string;
  readonly deps: Deps;
  /** Crash recovery of interrupted imports: finished in the background, after the server listens. */
  readonly recovered: Promise<RecoverySummary>;
  /**
   * The public index checked against the published periods (background, after the server listens):
   * true when a publish a crash interrupted was finished (its badges, the index rewritten).
   */
  readonly publicIndex: Promise<boolean>;
  /** Settles if the embedded database dies while running: the server then answers 503 and should exit. */
  readonly failed: Promise<Error>;
  close(): Promise<void>;
}

export interface LocalStore {
  readonly deps: Deps;
  readonly embedded: EmbeddedStack;
  /** true when the table was just created (a new data folder). */
  readonly created: boolean;
  close(): Promise<void>;
}

/** The key local sessions are signed with: kept in the data folder (mode 600), made on first use. */
function sessionKeys(dataDir: string | undefined): SessionKeys {
  if (!dataDir) return ephemeralKeys();
  const file = join(dataDir, "session-key");
  if (!existsSync(file)) writeFileSync(file, ephemeralKeys().secret, { mode: 0o600, flag: "wx" });
  return { secret: readFileSync(file, "utf8").trim() };
}

/** The embedded database and S3 on a data folder, with the table and buckets in place. */
export async function openLocalStore(dataDir: string | undefined): Promise<LocalStore> {
  const embedded = await startEmbedded(dataDir, [LOCAL_BUCKET, LOCAL_PUBLIC_BUCKET]);
  try {
    // A folder that held data but has no table is damaged, never a new folder to seed over.
    if (dataDir && embedded.existing && !(await tableExists(embedded, LOCAL_TABLE)))
      throw new DataDirDamagedError(dataDir, undefined);
    const created = await ensureTable(embedded.dynamo, LOCAL_TABLE);
    await ensureBucket(embedded.s3, LOCAL_BUCKET);
    await ensureBucket(embedded.s3, LOCAL_PUBLIC_BUCKET);
    // Read models follow every write within the process, as the stream keeps them in the cloud.
    const readModels = createLocalRefresher();
    const deps: Deps = {
      store: dynamoStore(embedded.dynamo, LOCAL_TABLE, { observe: readModels.observe, owner: true }),
      blobs: s3BlobStore(embedded.s3, LOCAL_BUCKET),
      publicBlobs: s3BlobStore(embedded.s3, LOCAL_PUBLIC_BUCKET),
      now: () => new Date(),
      sessions: sessionKeys(dataDir),
      readModels,
    };
    readModels.attach(deps);
    return {
      deps,
      embedded,
      created,
      close: async () => {
        await readModels.close();
        await embedded.close();
      },
    };
  } catch (error) {
    await embedded.close();
    throw error;
  }
}

async function tableExists(embedded: EmbeddedStack, tableName: string): Promise<boolean> {
  try {
    await embedded.dynamo.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

/** What the server answers before it is ready (503, retry soon) and after its database died (503). */
function unavailable(request: Request, state: "starting" | "down"): Response {
  const url = new URL(request.url);
  const lang = pickLang(url.searchParams.get("lang") ?? request.headers.get("accept-language"));
  const message = translate(lang, state === "starting" ? "error.starting" : "error.databaseStopped");
  const body = url.pathname.startsWith("/api/health")
    ? { status: state, store: state === "down" ? "stopped" : state, message }
    : { errors: [{ path: "", code: state, message }] };
  return new Response(JSON.stringify(body), {
    status: 503,
    headers: { "content-type": "application/json; charset=utf-8", "retry-after": "2" },
  });
}

/** Listens on the port before anything else: a port in use refuses the start with nothing created. */
async function listen(
  port: number,
  host: string,
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<ServerType> {
  const server = serve({ fetch, port, hostname: host });
  try {
    await new Promise<void>((done, fail) => {
      server.once("listening", done);
      server.once("error", fail);
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE")
      throw new StartRefusedError("start.refused.portInUse", { port, host });
    throw error;
  }
  return server;
}

export async function startLocal(options: LocalOptions): Promise<RunningServer> {
  const log = options.log ?? (() => {});
  const host = options.host ?? "127.0.0.1";
  let app: ((request: Request) => Response | Promise<Response>) | undefined;
  let down = false;
  const server = await listen(options.port, host, (request) =>
    down ? unavailable(request, "down") : app ? app(request) : unavailable(request, "starting"),
  );
  const closeServer = () => new Promise<void>((done) => server.close(() => done()));
  let local: LocalStore;
  try {
    local = await openLocalStore(options.dataDir);
  } catch (error) {
    await closeServer();
    throw error;
  }
  const { deps, embedded, created } = local;
  let failedWith: (error: Error) => void = () => {};
  const failed = new Promise<Error>((resolve) => {
    failedWith = resolve;
  });
  embedded.onFailure((error) => {
    down = true;
    failedWith(error);
  });
  // Files uploaded through presigned URLs are ingested when they land, as the S3-event Lambda does.
  embedded.onS3Event((event) => {
    ingestS3Event(deps, event, "as-is").catch((error) => log(`Import failed: ${(error as Error).message}`));
  });
  if (created && options.demo !== false) {
    const seeded = await seedDemoProvince(deps);
    log(
      `Seeded the demo province: ${seeded.units} units, ${seeded.reportVersions} report versions, ` +
        `${seeded.appraisals} appraisals, ${seeded.surveyAnswers} survey answers, ${seeded.scorecards} scorecards, ` +
        `${seeded.commitments} commitments.`,
    );
    const published = await publishDemoYears(deps);
    const password = options.demoPassword || DEMO_PASSWORD;
    const accounts = await seedDemoAccounts(deps, password);
    log(`Published ${published} cohort-years (2024, 2025) to /public/index.json.`);
    log(`Demo accounts (demo data only), password "${password}":`);
    for (const account of accounts)
      log(`  ${account.username.padEnd(15)} ${account.role.padEnd(10)} ${account.unitId ?? "toàn tỉnh"}`);
  } else if (created) {
    log(
      "New data folder without the demo: create the first admin with npm run -s cli -- user add --role admin --username NAME",
    );
  }

  const site = new Hono();
  site.route("/", createApp(deps, { identify: identifyBySession(deps) }));
  // An /api path no route answers is a JSON 404, never the dashboard's page.
  site.all("/api/*", (c) => notFoundJson(c));
  site.get("/public/*", publicFiles(deps));
  site.use("*", dashboardHeaders(embedded.endpoints.s3));
  site.use("/*", serveStatic({ root: options.webDir }));
  // The public transparency pages are their own small app (no sign-in, no staff API).
  const publicPages = join(options.webDir, "cong-khai.html");
  site.get("/cong-khai", (c) => (existsSync(publicPages) ? c.html(readFileSync(publicPages, "utf8")) : c.notFound()));
  site.get("/cong-khai/*", (c) => (existsSync(publicPages) ? c.html(readFileSync(publicPages, "utf8")) : c.notFound()));
  const indexFile = join(options.webDir, "index.html");
  // Client-side routes (/units/…, /leaderboard/…) all load the single-page app.
  site.get("*", (c) =>
    existsSync(indexFile)
      ? c.html(readFileSync(indexFile, "utf8"))
      : c.text("Dashboard not built: run npm run build", 503),
  );

  app = (request) => site.fetch(request);
  // Imports a crash interrupted are finished while the server already answers; each shows as being
  // completed in the import history until it is.
  const recovered: Promise<RecoverySummary> = created
    ? Promise.resolve({ applied: 0, failed: 0, uploads: 0 })
    : recoverAll(deps).then(
        (summary) => {
          if (summary.applied + summary.failed + summary.uploads > 0)
            log(
              `Imports recovered: ${summary.applied} finished, ${summary.uploads} uploaded files ingested, ` +
                `${summary.failed} marked failed (nothing of them was visible).`,
            );
          return summary;
        },
        (error: Error) => {
          log(`Import recovery stopped: ${error.message}`);
          return { applied: 0, failed: 0, uploads: 0 };
        },
      );
  const publicIndex: Promise<boolean> = created
    ? Promise.resolve(false)
    : repairPublicIndex(deps).then(
        (repaired) => {
          if (repaired) log("Publishing finished: the public index was rewritten from the published periods.");
          return repaired;
        },
        (error: Error) => {
          log(`The public index could not be checked: ${error.message}`);
          return false;
        },
      );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1"}:${port}`,
    deps,
    recovered,
    publicIndex,
    failed,
    async close() {
      await closeServer();
      // A recovery still running stops with the database; the next start picks it up where it stood.
      await local.close();
    },
  };
}

/** What a start's crash recovery did: committed imports finished, uploaded files ingested, others failed. */
export interface RecoverySummary {
  readonly applied: number;
  readonly failed: number;
  readonly uploads: number;
}

async function recoverAll(deps: Deps): Promise<RecoverySummary> {
  const imports = await recoverImports(deps);
  const uploads = await recoverUploads(deps);
  return { applied: imports.applied, failed: imports.failed + uploads.failed, uploads: uploads.ingested };
}
