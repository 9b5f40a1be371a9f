// What the API needs of imports without the file decoding (exceljs, papaparse) the ingest Lambda carries:
// the size limits, ids, the permission each kind needs and reading an import back.

import { randomUUID } from "node:crypto";
import type { Action } from "../../shared/access/authorize";
import { NotFoundError } from "../../shared/errors";
import type { RowError } from "../../shared/ingest/row-error";
import type { Deps } from "../deps";
import type { ImportKind, ImportRecord } from "../ports";

const MB = 1024 * 1024;

/** A size as people read it in messages: "20.0 MB". */
export const megabytes = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

/** The largest file each kind accepts (stated in the upload page and the README). */
export const IMPORT_LIMITS: Record<ImportKind, number> = {
  reports: 20 * MB,
  units: 5 * MB,
  sipas: 300 * MB,
  commitments: 5 * MB,
};

/**
 * An Excel file unpacks to XML several times its size; past these it is refused before exceljs reads it
 * (unpacked bytes as each kind's file limit; rows well above a province's year of reports).
 */
export const XLSX_LIMITS: Record<Exclude<ImportKind, "sipas">, { unpackedBytes: number; rows: number }> = {
  reports: { unpackedBytes: 20 * MB, rows: 100_000 },
  units: { unpackedBytes: 5 * MB, rows: 20_000 },
  commitments: { unpackedBytes: 5 * MB, rows: 100_000 },
};

export interface ImportOutcome {
  readonly record: ImportRecord;
  readonly errors: readonly RowError[];
}

export function newImportId(): string {
  // Sortable by time, unique without coordination.
  return `${Date.now().toString(36)}-${randomUUID().slice(0, 8)}`;
}

export async function getImport(deps: Deps, importId: string): Promise<ImportOutcome> {
  const record = await deps.store.getImport(importId);
  if (!record) throw new NotFoundError("error.import.notFound", { value: importId });
  return { record, errors: await deps.store.importErrors(importId) };
}

/** What uploading each kind of file takes. */
export const IMPORT_ACTIONS: Readonly<Record<ImportKind, Action>> = {
  reports: "report.file",
  units: "unit.write",
  sipas: "survey.import",
  commitments: "commitment.write",
};
