// The embedded stand-ins for AWS on one machine: dynalite (DynamoDB API on LevelDB) and s3rver (S3 API
// on the file system), reached through the normal AWS SDK v3 clients — no in-memory fakes.

import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { Level } from "level";
import S3rver from "s3rver";
import type { S3EventNotification } from "../ingest/uploads";

// This machine runs Node 20; the SDK's notice about Node 22 is for deployments, not local runs.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const REGION = "ap-southeast-1";
const LOCAL_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

export interface EmbeddedStack {
  readonly dynamo: DynamoDBClient;
  readonly s3: S3Client;
  readonly endpoints: { readonly dynamo: string; readonly s3: string };
  /** Calls back with s3rver's event notifications: the same payload shape an S3-event Lambda receives. */
  onS3Event(listener: (event: S3EventNotification) => void): void;
  close(): Promise<void>;
}

// Browsers PUT uploads straight to the bucket through presigned URLs, from the dashboard's origin.
const UPLOAD_CORS = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

/**
 * Starts both servers on free loopback ports. With a data folder they persist under it
 * (dynamodb/, s3/); without one the database lives in memory and S3 in a temporary folder.
 */
/** Thrown when another process (a running server) holds the data folder's database. */
export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(`data folder ${dataDir} is locked by another process`);
    this.name = "DataDirLockedError";
  }
}

/**
 * LevelDB allows one process per folder; dynalite would crash on a held lock, so look first.
 * (A lock taken between this check and dynalite's own open still fails, less politely.)
 */
async function assertFree(dataDir: string): Promise<void> {
  const probe = new Level(join(dataDir, "dynamodb"));
  try {
    await probe.open();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    if (cause?.code === "LEVEL_LOCKED") throw new DataDirLockedError(dataDir);
    throw error;
  } finally {
    await probe.close().catch(() => {});
  }
}

export async function startEmbedded(dataDir?: string, buckets: readonly string[] = []): Promise<EmbeddedStack> {
  if (dataDir) {
    mkdirSync(join(dataDir, "dynamodb"), { recursive: true });
    await assertFree(dataDir);
  }
  const s3Dir = dataDir ? join(dataDir, "s3") : mkdtempSync(join(tmpdir(), "parwatch-s3-"));
  mkdirSync(s3Dir, { recursive: true });

  // dynalite in a worker thread: the database and its callers then run on two cores, not one.
  const worker = new Worker(new URL("./dynalite-worker.mjs", import.meta.url), {
    workerData: dataDir ? { path: join(dataDir, "dynamodb") } : {},
  });
  const dynamoPort = await new Promise<number>((resolve, reject) => {
    worker.once("error", reject);
    worker.once("message", (message: { port?: number; error?: string }) =>
      message.port ? resolve(message.port) : reject(new Error(message.error ?? "dynalite did not start")),
    );
  });
  const dynamoEndpoint = `http://127.0.0.1:${dynamoPort}`;

  const s3Server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    directory: s3Dir,
    silent: true,
    configureBuckets: buckets.map((name) => ({ name, configs: [UPLOAD_CORS] })),
  });
  const { port: s3Port } = await s3Server.run();
  const s3Endpoint = `http://127.0.0.1:${s3Port}`;

  const dynamo = new DynamoDBClient({ endpoint: dynamoEndpoint, region: REGION, credentials: LOCAL_CREDENTIALS });
  const s3 = new S3Client({
    endpoint: s3Endpoint,
    region: REGION,
    forcePathStyle: true,
    credentials: LOCAL_CREDENTIALS,
  });

  return {
    dynamo,
    s3,
    endpoints: { dynamo: dynamoEndpoint, s3: s3Endpoint },
    onS3Event(listener) {
      // s3rver is a Koa app (an EventEmitter); its typings leave that out.
      (s3Server as unknown as NodeJS.EventEmitter).on("event", listener);
    },
    async close() {
      dynamo.destroy();
      s3.destroy();
      await new Promise<void>((resolve) => {
        worker.once("message", () => resolve());
        worker.postMessage("close");
      });
      await worker.terminate();
      await s3Server.close();
      if (!dataDir) rmSync(s3Dir, { recursive: true, force: true });
    },
  };
}
