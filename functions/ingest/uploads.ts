// Ingesting an uploaded file when its object lands — from the S3 event in the cloud (the ingest Lambda),
// from the embedded s3rver's event locally: one code path.

import { ANONYMOUS, actorName } from "../../shared/access/identity";
import type { Deps } from "../deps";
import { IMPORT_LIMITS, type ImportOutcome } from "../services/import-records";
import { refuseOversize, runImport } from "../services/imports";
import { UPLOAD_URL_SECONDS } from "../store/s3";
import { parseUploadKey, uploadKey } from "./announce";

/** The part of an S3 event notification ParWatch reads (Records[].eventName, s3.bucket.name, s3.object.key). */
export interface S3EventNotification {
  readonly Records?: readonly {
    readonly eventName?: string;
    readonly s3?: { readonly bucket?: { readonly name?: string }; readonly object?: { readonly key?: string } };
  }[];
}

/**
 * How an event names its objects: AWS's S3 notifications URL-encode the key (spaces as +); the embedded
 * s3rver hands over the key itself, already decoded — decoding it again would name another object.
 */
export type KeyEncoding = "url-encoded" | "as-is";

/** Object keys created in an S3 event notification. */
export function keysOfS3Event(event: S3EventNotification, encoding: KeyEncoding = "url-encoded"): string[] {
  return (event.Records ?? [])
    .filter((record) => record.eventName === undefined || record.eventName.startsWith("ObjectCreated"))
    .map((record) => record.s3?.object?.key)
    .filter((key): key is string => typeof key === "string")
    .map((key) => (encoding === "as-is" ? key : decodeURIComponent(key.replace(/\+/g, " "))));
}

/**
 * The one ingest entry for storage events: the S3-event Lambda (cloud) and the embedded s3rver's event
 * (local) both hand their notification here.
 */
export async function ingestS3Event(
  deps: Deps,
  event: S3EventNotification,
  encoding: KeyEncoding = "url-encoded",
): Promise<{ key: string; status: string }[]> {
  const outcomes: { key: string; status: string }[] = [];
  for (const key of keysOfS3Event(event, encoding)) {
    const outcome = await ingestUpload(deps, key);
    outcomes.push({ key, status: outcome?.record.status ?? "ignored" });
  }
  return outcomes;
}

/** Ingests one uploaded object: the handler of the S3 event (cloud) and of the s3rver event (local). */
export async function ingestUpload(
  deps: Deps,
  key: string,
  options: { readonly recovering?: boolean } = {},
): Promise<ImportOutcome | undefined> {
  const parsed = parseUploadKey(key);
  if (!parsed) return undefined;
  const head = await deps.blobs.head(key);
  if (!head) return undefined;
  // Who uploaded is what the announce recorded (role and unit included); an object nobody announced
  // is checked as the anonymous public, so it can change nothing.
  const announced = await deps.store.getImport(parsed.importId);
  const uploader = announced?.uploader ?? ANONYMOUS;
  const request = {
    ...parsed,
    uploadedBy: announced?.uploadedBy ?? actorName(uploader),
    uploader,
    period: head.metadata.period,
  };
  if (head.size > IMPORT_LIMITS[parsed.kind]) {
    // Not read at all; the object is removed (the versioned bucket keeps it 30 days should anyone ask).
    const outcome = await refuseOversize(deps, request, head.size);
    await deps.blobs.remove(key);
    return outcome;
  }
  const bytes = await deps.blobs.get(key);
  if (!bytes) return undefined;
  return runImport(deps, { ...request, bytes, ...(options.recovering ? { recovering: true } : {}) });
}

/**
 * Uploads a crash interrupted between the PUT and the import: a pending import whose file is in the
 * bucket is ingested now; one whose upload URL expired without a file is marked failed (nothing was
 * written). At a process's start nothing else ingests (staleAfterMs 0 for the files).
 */
export async function recoverUploads(deps: Deps, staleAfterMs = 0): Promise<{ ingested: number; failed: number }> {
  let ingested = 0;
  let failed = 0;
  const now = deps.now().getTime();
  for (const record of await deps.store.listImports(1000)) {
    if (record.status !== "pending") continue;
    const age = now - Date.parse(record.createdAt);
    if (age < staleAfterMs) continue;
    const key = uploadKey(record.kind, record.importId, record.fileName);
    if (await deps.blobs.head(key)) {
      await deps.store.moveImport(record.importId, "pending", { ...record, recovering: true });
      await ingestUpload(deps, key, { recovering: true });
      ingested++;
    } else if (age >= UPLOAD_URL_SECONDS * 1000) {
      if (await deps.store.moveImport(record.importId, "pending", { ...record, status: "failed" })) failed++;
    }
  }
  return { ingested, failed };
}
