// The embedded stand-ins for AWS on one machine: dynalite (DynamoDB API on LevelDB) and s3rver (S3 API
// on the file system), reached through the normal AWS SDK v3 clients — no in-memory fakes.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { Level } from "level";
import S3rver from "s3rver";
import { isMessageKey, type Lang, type MessageKey, type MessageParams, translate } from "../../shared/i18n";
import type { S3EventNotification } from "../ingest/uploads";
import { checkLevelDb, type LevelDbDamage } from "./leveldb-check";

// This machine runs Node 20; the SDK's notice about Node 22 is for deployments, not local runs.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const REGION = "ap-southeast-1";
const LOCAL_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

export interface EmbeddedStack {
  readonly dynamo: DynamoDBClient;
  readonly s3: S3Client;
  readonly endpoints: { readonly dynamo: string; readonly s3: string };
  /** The data folder held data before this start (never seeded over). */
  readonly existing: boolean;
  /** Calls back with s3rver's event notifications: the same payload shape an S3-event Lambda receives. */
  onS3Event(listener: (event: S3EventNotification) => void): void;
  /** Calls back once if the database thread dies after the start. */
  onFailure(listener: (error: Error) => void): void;
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

/** A start refused with one plain sentence (from the catalogue): what is wrong and what to do. */
export class StartRefusedError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: MessageParams,
  ) {
    super(translate("en", key, params));
    this.name = "StartRefusedError";
  }
  /** The sentence in the operator's language. */
  sentence(lang: Lang): string {
    const problem = this.params.problem;
    const params =
      typeof problem === "string" && isMessageKey(`start.damage.${problem}`)
        ? { ...this.params, problem: translate(lang, `start.damage.${problem}` as MessageKey) }
        : this.params;
    return translate(lang, this.key, params);
  }
}

/** Thrown when another process (a running server, the CLI) holds the data folder's database. */
export class DataDirLockedError extends StartRefusedError {
  constructor(
    readonly dataDir: string,
    pid?: number,
  ) {
    super("start.refused.locked", { dataDir, pid: pid ?? "?" });
    this.name = "DataDirLockedError";
  }
}

/** The data folder exists and is not empty, but its database is damaged or absent: nothing is touched. */
export class DataDirDamagedError extends StartRefusedError {
  constructor(dataDir: string, damage: LevelDbDamage | undefined) {
    super(
      damage ? "start.refused.damaged" : "start.refused.noTable",
      damage ? { dataDir, file: `dynamodb/${damage.file}`, problem: damage.problem } : { dataDir },
    );
    this.name = "DataDirDamagedError";
  }
}

/** Who holds the data folder: the pid of the process that opened it, removed when it closes. */
const OWNER_FILE = "parwatch.pid";

/** Any file in the folder (the owner file aside) makes it an existing folder, never seeded over. */
function holdsFiles(dir: string, top = true): boolean {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (top && entry.name === OWNER_FILE) continue;
    if (entry.isDirectory() ? holdsFiles(join(dir, entry.name), false) : true) return true;
  }
  return false;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** The pid the owner file names, when that process is alive and not this one. */
function owner(dataDir: string): number | undefined {
  const file = join(dataDir, OWNER_FILE);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, "utf8").trim());
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : undefined;
}

/**
 * LevelDB allows one process per folder and dynalite would crash on a held lock, so try the lock first.
 * An existing folder is never created afresh (LevelDB would take a missing CURRENT for a new database).
 */
async function assertFree(dataDir: string, existing: boolean, pid: number | undefined): Promise<void> {
  const probe = new Level(join(dataDir, "dynamodb"), { createIfMissing: !existing });
  try {
    await probe.open();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    if (cause?.code === "LEVEL_LOCKED") throw new DataDirLockedError(dataDir, pid);
    throw error;
  } finally {
    await probe.close().catch(() => {});
  }
}

/**
 * Looks at a data folder before anything opens it: a new (absent or empty) folder is created; an existing
 * one must hold an intact database, else the start is refused with the folder left exactly as it was.
 */
async function openDataDir(dataDir: string): Promise<boolean> {
  const existing = existsSync(dataDir) && holdsFiles(dataDir);
  // A live owner first (its pid may have been reused: LevelDB's lock decides): a running server's files
  // change under the check and would look damaged.
  const pid = owner(dataDir);
  if (existing) {
    const database = join(dataDir, "dynamodb");
    if (!existsSync(database) || !holdsFiles(database, false)) throw new DataDirDamagedError(dataDir, undefined);
    if (pid !== undefined) await assertFree(dataDir, true, pid);
    const damage = checkLevelDb(database);
    if (damage) throw new DataDirDamagedError(dataDir, damage);
  }
  mkdirSync(join(dataDir, "dynamodb"), { recursive: true });
  await assertFree(dataDir, existing, pid);
  writeFileSync(join(dataDir, OWNER_FILE), `${process.pid}\n`);
  return existing;
}

/**
 * Starts both servers on free loopback ports. With a data folder they persist under it
 * (dynamodb/, s3/); without one the database lives in memory and S3 in a temporary folder.
 */
export async function startEmbedded(dataDir?: string, buckets: readonly string[] = []): Promise<EmbeddedStack> {
  const existing = dataDir ? await openDataDir(dataDir) : false;
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
  }).catch(async (error) => {
    await worker.terminate();
    if (dataDir) rmSync(join(dataDir, OWNER_FILE), { force: true });
    throw error;
  });
  // After the start, the database thread dying (an uncaught error, a corrupt block) is a fault the
  // server must not limp on with: its listeners hear of it once.
  let closing = false;
  let exited = false;
  let failure: Error | undefined;
  const failureListeners: ((error: Error) => void)[] = [];
  const fail = (error: Error) => {
    if (closing || failure) return;
    failure = error;
    for (const listener of failureListeners) listener(error);
  };
  worker.on("error", (error) => fail(error));
  worker.on("message", (message: { error?: string }) => {
    if (message.error) fail(new Error(message.error));
  });
  worker.on("exit", (code) => {
    exited = true;
    fail(new Error(`database thread exited with code ${code}`));
  });
  // Test seam (PARWATCH_FAULT=db-thread): SIGUSR2 makes the database thread die of an uncaught error.
  if (process.env.PARWATCH_FAULT === "db-thread") process.on("SIGUSR2", () => worker.postMessage("crash"));
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
    existing,
    endpoints: { dynamo: dynamoEndpoint, s3: s3Endpoint },
    onS3Event(listener) {
      // s3rver is a Koa app (an EventEmitter); its typings leave that out.
      (s3Server as unknown as NodeJS.EventEmitter).on("event", listener);
    },
    onFailure(listener) {
      if (failure) listener(failure);
      else failureListeners.push(listener);
    },
    async close() {
      closing = true;
      dynamo.destroy();
      s3.destroy();
      // A thread that died cannot answer: waiting for its reply would hang the stop for ever.
      if (!exited) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 5000);
          worker.once("exit", () => resolve());
          worker.once("message", () => {
            clearTimeout(timer);
            resolve();
          });
          worker.postMessage("close");
        });
      }
      await worker.terminate();
      await s3Server.close();
      if (dataDir) rmSync(join(dataDir, OWNER_FILE), { force: true });
      else rmSync(s3Dir, { recursive: true, force: true });
    },
  };
}
