// `npm start`: the whole product on one machine — embedded DynamoDB and S3 under DATA_DIR, the hono app
// on /api/*, the built dashboard on every other path, and the demo province on a new data folder.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { createApp } from "../app";
import { identifyBySession } from "../auth/identify";
import { ephemeralKeys, type SessionKeys } from "../auth/tokens";
import type { Deps } from "../deps";
import { ingestS3Event } from "../ingest/uploads";
import { recoverImports } from "../services/import-apply";
import { dynamoStore, ensureTable } from "../store/dynamodb";
import { ensureBucket, s3BlobStore } from "../store/s3";
import { DEMO_PASSWORD, publishDemoYears, seedDemoAccounts } from "./demo-accounts";
import { type EmbeddedStack, startEmbedded } from "./embedded";
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
    const created = await ensureTable(embedded.dynamo, LOCAL_TABLE);
    await ensureBucket(embedded.s3, LOCAL_BUCKET);
    await ensureBucket(embedded.s3, LOCAL_PUBLIC_BUCKET);
    const deps: Deps = {
      store: dynamoStore(embedded.dynamo, LOCAL_TABLE),
      blobs: s3BlobStore(embedded.s3, LOCAL_BUCKET),
      publicBlobs: s3BlobStore(embedded.s3, LOCAL_PUBLIC_BUCKET),
      now: () => new Date(),
      sessions: sessionKeys(dataDir),
    };
    return { deps, embedded, created, close: () => embedded.close() };
  } catch (error) {
    await embedded.close();
    throw error;
  }
}

export async function startLocal(options: LocalOptions): Promise<RunningServer> {
  const log = options.log ?? (() => {});
  const { deps, embedded, created } = await openLocalStore(options.dataDir);
  // Files uploaded through presigned URLs are ingested when they land, as the S3-event Lambda does.
  embedded.onS3Event((event) => {
    ingestS3Event(deps, event, "as-is").catch((error) => log(`Import failed: ${(error as Error).message}`));
  });
  if (!created) {
    const recovered = await recoverImports(deps);
    if (recovered.applied + recovered.failed > 0) {
      log(
        `Imports recovered: ${recovered.applied} finished, ${recovered.failed} marked failed (nothing of them was visible).`,
      );
    }
  }
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

  const server = serve({ fetch: site.fetch, port: options.port, hostname: options.host ?? "127.0.0.1" });
  await new Promise<void>((done, fail) => {
    server.once("listening", done);
    server.once("error", fail);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1"}:${port}`,
    deps,
    async close() {
      await new Promise<void>((done) => server.close(() => done()));
      await embedded.close();
    },
  };
}
