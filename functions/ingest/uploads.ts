// Uploads: announcing a file (an import id and a URL the browser PUTs it to), and ingesting it when the
// object lands — from the S3 event in the cloud, from the embedded s3rver's event locally: one code path.

import { InvalidInputError } from "../../shared/errors";
import { parsePeriod } from "../../shared/period";
import type { ValidationIssue } from "../../shared/validation";
import type { Deps } from "../deps";
import { IMPORT_KINDS, type ImportKind, type ImportRecord } from "../ports";
import { IMPORT_LIMITS, type ImportOutcome, newImportId, runImport } from "../services/imports";

/** The part of an S3 event notification ParWatch reads (Records[].eventName, s3.bucket.name, s3.object.key). */
export interface S3EventNotification {
  readonly Records?: readonly {
    readonly eventName?: string;
    readonly s3?: { readonly bucket?: { readonly name?: string }; readonly object?: { readonly key?: string } };
  }[];
}

const PREFIX = "uploads";

export interface Announced {
  readonly importId: string;
  readonly key: string;
  readonly uploadUrl: string;
  /** Headers the PUT must carry, exactly (they are signed). */
  readonly headers: Record<string, string>;
  readonly limitBytes: number;
}

const CONTENT_TYPES: Record<string, string> = {
  csv: "text/csv",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export function uploadKey(kind: ImportKind, importId: string, fileName: string): string {
  return `${PREFIX}/${kind}/${importId}/${encodeURIComponent(fileName)}`;
}

export function parseUploadKey(key: string): { kind: ImportKind; importId: string; fileName: string } | undefined {
  const [prefix, kind, importId, name, ...rest] = key.split("/");
  if (prefix !== PREFIX || !kind || !importId || !name || rest.length > 0) return undefined;
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) return undefined;
  return { kind: kind as ImportKind, importId, fileName: decodeURIComponent(name) };
}

/** Object keys created in an S3 event notification (they arrive URL-encoded, spaces as +). */
export function keysOfS3Event(event: S3EventNotification): string[] {
  return (event.Records ?? [])
    .filter((record) => record.eventName === undefined || record.eventName.startsWith("ObjectCreated"))
    .map((record) => record.s3?.object?.key)
    .filter((key): key is string => typeof key === "string")
    .map((key) => decodeURIComponent(key.replace(/\+/g, " ")));
}

/**
 * The one ingest entry for storage events: the S3-event Lambda (cloud) and the embedded s3rver's event
 * (local) both hand their notification here.
 */
export async function ingestS3Event(
  deps: Deps,
  event: S3EventNotification,
): Promise<{ key: string; status: string }[]> {
  const outcomes: { key: string; status: string }[] = [];
  for (const key of keysOfS3Event(event)) {
    const outcome = await ingestUpload(deps, key);
    outcomes.push({ key, status: outcome?.record.status ?? "ignored" });
  }
  return outcomes;
}

export async function announceUpload(
  deps: Deps,
  body: { kind?: unknown; fileName?: unknown; period?: unknown },
  uploadedBy: string,
): Promise<Announced> {
  const issues: ValidationIssue[] = [];
  const kind = String(body.kind ?? "");
  const fileName = typeof body.fileName === "string" ? body.fileName.trim() : "";
  const period = typeof body.period === "string" ? body.period : undefined;
  if (!(IMPORT_KINDS as readonly string[]).includes(kind))
    issues.push({ path: "kind", key: "error.import.kind", params: { value: kind } });
  if (fileName === "" || fileName.length > 200 || fileName.includes("/"))
    issues.push({ path: "fileName", key: "error.text" });
  const extension = fileName.split(".").at(-1)?.toLowerCase() ?? "";
  if (fileName !== "" && !(extension in CONTENT_TYPES))
    issues.push({ path: "fileName", key: "error.import.format", params: { fileName } });
  if (kind === "sipas" && !parsePeriod(period ?? ""))
    issues.push({ path: "period", key: "error.period", params: { value: period ?? "" } });
  if (issues.length > 0) throw new InvalidInputError(issues);

  const importId = newImportId();
  const key = uploadKey(kind as ImportKind, importId, fileName);
  const contentType = CONTENT_TYPES[extension] as string;
  // S3 metadata is ASCII: names are carried URL-encoded.
  const metadata: Record<string, string> = {
    "uploaded-by": encodeURIComponent(uploadedBy),
    ...(period ? { period } : {}),
  };
  const pending: ImportRecord = {
    importId,
    kind: kind as ImportKind,
    fileName,
    contentHash: "",
    status: "pending",
    rows: 0,
    accepted: 0,
    errorCount: 0,
    uploadedBy,
    createdAt: deps.now().toISOString(),
  };
  await deps.store.putImport(pending);
  const uploadUrl = await deps.blobs.uploadUrl(key, contentType, metadata);
  const headers = {
    "content-type": contentType,
    ...Object.fromEntries(Object.entries(metadata).map(([name, value]) => [`x-amz-meta-${name}`, value])),
  };
  return { importId, key, uploadUrl, headers, limitBytes: IMPORT_LIMITS[kind as ImportKind] };
}

/** Ingests one uploaded object: the handler of the S3 event (cloud) and of the s3rver event (local). */
export async function ingestUpload(deps: Deps, key: string): Promise<ImportOutcome | undefined> {
  const parsed = parseUploadKey(key);
  if (!parsed) return undefined;
  const object = await deps.blobs.getWithMetadata(key);
  if (!object) return undefined;
  return runImport(deps, {
    kind: parsed.kind,
    fileName: parsed.fileName,
    bytes: object.bytes,
    uploadedBy: decodeURIComponent(object.metadata["uploaded-by"] ?? "unknown"),
    period: object.metadata.period,
    importId: parsed.importId,
  });
}
