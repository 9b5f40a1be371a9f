// Announcing an upload: an import id, its object key and a URL the browser PUTs the file to. The API
// Lambda runs this; the file itself is read by the ingest side (uploads.ts) when the object lands.

import { actorName, type Identity } from "../../shared/access/identity";
import { InvalidInputError } from "../../shared/errors";
import { parsePeriod } from "../../shared/period";
import type { ValidationIssue } from "../../shared/validation";
import type { Deps } from "../deps";
import { IMPORT_KINDS, type ImportKind, type ImportRecord } from "../ports";
import { IMPORT_LIMITS, newImportId } from "../services/import-records";

/** Every upload is stored under this prefix; the cloud stack scopes grants, events and lifecycle to it. */
export const UPLOAD_PREFIX = "uploads";

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
  return `${UPLOAD_PREFIX}/${kind}/${importId}/${encodeURIComponent(fileName)}`;
}

export function parseUploadKey(key: string): { kind: ImportKind; importId: string; fileName: string } | undefined {
  const [prefix, kind, importId, name, ...rest] = key.split("/");
  if (prefix !== UPLOAD_PREFIX || !kind || !importId || !name || rest.length > 0) return undefined;
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) return undefined;
  return { kind: kind as ImportKind, importId, fileName: decodeURIComponent(name) };
}

export async function announceUpload(
  deps: Deps,
  body: { kind?: unknown; fileName?: unknown; period?: unknown },
  uploader: Identity,
): Promise<Announced> {
  const uploadedBy = actorName(uploader);
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
    uploader,
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
