// `npm start`: the whole product on one machine — embedded DynamoDB and S3 under DATA_DIR, the hono app
// on /api/*, the built dashboard on every other path, and the demo province on a new data folder.

import { existsSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { createApp } from "../app";
import type { Deps } from "../deps";
import { ingestS3Event } from "../ingest/uploads";
import { recoverImports } from "../services/import-apply";
import { dynamoStore, ensureTable } from "../store/dynamodb";
import { ensureBucket, s3BlobStore } from "../store/s3";
import { type EmbeddedStack, startEmbedded } from "./embedded";
import { seedDemoProvince } from "./seed";

export const LOCAL_TABLE = "parwatch";
export const LOCAL_BUCKET = "parwatch-uploads";

export interface LocalOptions {
  readonly port: number;
  /** Interface to listen on: loopback by default; 0.0.0.0 to serve the office network. */
  readonly host?: string;
  /** Where the database and blobs persist; in memory when undefined. */
  readonly dataDir: string | undefined;
  /** The built dashboard (vite build output). */
  readonly webDir: string;
  readonly log?: (line: string) => void;
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

/** The embedded database and S3 on a data folder, with the table and bucket in place. */
export async function openLocalStore(dataDir: string | undefined): Promise<LocalStore> {
  const embedded = await startEmbedded(dataDir, [LOCAL_BUCKET]);
  try {
    const created = await ensureTable(embedded.dynamo, LOCAL_TABLE);
    await ensureBucket(embedded.s3, LOCAL_BUCKET);
    const deps: Deps = {
      store: dynamoStore(embedded.dynamo, LOCAL_TABLE),
      blobs: s3BlobStore(embedded.s3, LOCAL_BUCKET),
      now: () => new Date(),
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
    ingestS3Event(deps, event).catch((error) => log(`Import failed: ${(error as Error).message}`));
  });
  if (!created) {
    const recovered = await recoverImports(deps);
    if (recovered.applied + recovered.failed > 0) {
      log(
        `Imports recovered: ${recovered.applied} finished, ${recovered.failed} marked failed (nothing of them was visible).`,
      );
    }
  }
  if (created) {
    const seeded = await seedDemoProvince(deps);
    log(
      `Seeded the demo province: ${seeded.units} units, ${seeded.reportVersions} report versions, ` +
        `${seeded.appraisals} appraisals, ${seeded.surveyAnswers} survey answers, ${seeded.scorecards} scorecards, ` +
        `${seeded.commitments} commitments.`,
    );
  }

  const site = new Hono();
  site.route("/", createApp(deps));
  site.use("/*", serveStatic({ root: options.webDir }));
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
