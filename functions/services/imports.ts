// File imports — reports, units, SIPAS answers, commitments — all or nothing: a file is checked whole; a valid one is
// staged under its import id (invisible), committed by one conditional flip of its record, then applied
// row by row through the normal versioned writes. A crash before the flip leaves nothing visible (the
// import is marked failed); a crash after it is rolled forward by recoverImports, which every process
// runs at start. The same file twice is recognised by its content hash and writes nothing.

import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import Papa from "papaparse";
import { authorize, reachOf } from "../../shared/access/authorize";
import type { Identity } from "../../shared/access/identity";
import type { Commitment } from "../../shared/commitments";
import { InvalidInputError } from "../../shared/errors";
import { checkCommitmentRows } from "../../shared/ingest/commitment-rows";
import { checkReportRows, type ReportRow } from "../../shared/ingest/report-rows";
import { type RowError, RowErrors } from "../../shared/ingest/row-error";
import { checkUnitRows } from "../../shared/ingest/unit-rows";
import { bundledMethodology } from "../../shared/methodology/bundled";
import type { Methodology } from "../../shared/methodology/model";
import { parsePeriod } from "../../shared/period";
import { addAnswerRow, SIPAS_COLUMNS, SipasAggregator, type SipasUnitResult } from "../../shared/sipas";
import type { Unit } from "../../shared/units";
import type { Deps } from "../deps";
import { decodeTable } from "../ingest/decode";
import { IMPORT_KINDS, type ImportKind, type ImportRecord } from "../ports";
import { recorded } from "./audit";
import { applyImport, type ImportHooks } from "./import-apply";
import {
  IMPORT_ACTIONS,
  IMPORT_LIMITS,
  type ImportOutcome,
  megabytes,
  newImportId,
  XLSX_LIMITS,
} from "./import-records";
import { commitmentRowsAllowed, reportRowsAllowed } from "./import-scope";

export interface ImportRequest {
  readonly kind: string;
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly uploadedBy: string;
  /** Who uploaded, with role and unit: what the file may change is checked against it. */
  readonly uploader: Identity;
  /** SIPAS answers belong to one survey period (usually a year). */
  readonly period?: string;
  /** Given when the import was announced before the upload (the presigned-URL path). */
  readonly importId?: string;
  /** A restart is finishing this upload after a crash: the record says so until it is applied. */
  readonly recovering?: boolean;
}

type Staged =
  | { kind: "reports"; rows: ReportRow[]; blank: number }
  | { kind: "commitments"; rows: Commitment[] }
  | { kind: "units"; rows: Unit[] }
  | { kind: "sipas"; rows: SipasUnitResult[]; period: string };

function requireKind(kind: string): ImportKind {
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
    throw new InvalidInputError([{ path: "kind", key: "error.import.kind", params: { value: kind } }]);
  }
  return kind as ImportKind;
}

/** An S3 event delivered twice, or a retried Lambda, finds its import already settled: its outcome stands. */
async function settledOutcome(
  deps: Deps,
  existing: ImportRecord | undefined,
  hooks: ImportHooks,
): Promise<ImportOutcome | undefined> {
  if (!existing || existing.status === "staged" || existing.status === "pending") return undefined;
  if (existing.status === "committed") await applyImport(deps, existing, hooks, true);
  return {
    record: (await deps.store.getImport(existing.importId)) ?? existing,
    errors: await deps.store.importErrors(existing.importId),
  };
}

/** A settled import (rejected, duplicate) is no longer being completed. */
function withoutRecovering(record: ImportRecord): ImportRecord {
  const { recovering: _, ...rest } = record;
  return rest;
}

export async function runImport(deps: Deps, request: ImportRequest, hooks: ImportHooks = {}): Promise<ImportOutcome> {
  const kind = requireKind(request.kind);
  const importId = request.importId ?? newImportId();
  const existing = await deps.store.getImport(importId);
  const settled = await settledOutcome(deps, existing, hooks);
  if (settled) return settled;
  // The same answers file for another survey period is a different import: the period is part of the content.
  const contentHash = createHash("sha256")
    .update(request.bytes)
    .update(`\u0000${request.period ?? ""}`)
    .digest("hex");
  let base: ImportRecord = {
    importId,
    kind,
    fileName: request.fileName,
    contentHash,
    status: "staged",
    rows: 0,
    accepted: 0,
    errorCount: 0,
    uploadedBy: request.uploadedBy,
    uploader: request.uploader,
    createdAt: existing?.createdAt ?? deps.now().toISOString(),
    ...(request.recovering ? { recovering: true } : {}),
  };

  const checked = await checkFile(deps, kind, request);
  if (!checked.ok) {
    const record: ImportRecord = {
      ...withoutRecovering(base),
      status: "rejected",
      rows: checked.rows,
      errorCount: checked.errors.count,
    };
    // The errors first: a record never counts errors that were not stored.
    await deps.store.putImportErrors(importId, checked.errors.kept);
    await deps.store.putImport(record);
    return { record, errors: checked.errors.kept };
  }

  const holder = await deps.store.claimContentHash(kind, contentHash, importId);
  if (holder && holder !== importId) {
    const previous = await deps.store.getImport(holder);
    if (previous && ["staged", "committed", "applied"].includes(previous.status)) {
      const record: ImportRecord = {
        ...withoutRecovering(base),
        status: "duplicate",
        rows: checked.staged.rows.length,
        duplicateOf: holder,
      };
      await deps.store.putImport(record);
      return { record, errors: [] };
    }
    await deps.store.reassignContentHash(kind, contentHash, importId);
  }

  const staged = checked.staged;
  const rows = staged.rows.length;
  // A template's untouched rows are counted, not imported ("3 rows imported, 117 left blank").
  if (staged.kind === "reports" && staged.blank > 0) base = { ...base, blank: staged.blank };
  await deps.store.putImport({ ...base, rows });
  await deps.store.putImportRows(
    importId,
    staged.kind === "sipas" ? [{ period: staged.period }, ...staged.rows] : staged.rows,
  );
  hooks.afterStage?.(rows);
  const committed: ImportRecord = { ...base, rows, status: "committed", committedAt: deps.now().toISOString() };
  // One audit entry per file (its rows are in the import's staged rows), written before the commit flip.
  return recorded(
    deps,
    { identity: request.uploader, source: "file", sourceRef: `${request.fileName} · ${importId}` },
    {
      action: kind === "units" ? "unit.import" : "import",
      entity: `import:${importId}`,
      ...(staged.kind === "sipas" ? { period: staged.period } : {}),
      after: { kind, rows, fileName: request.fileName },
    },
    async () => {
      if (!(await deps.store.moveImport(importId, "staged", committed))) {
        // Marked failed by a recovery that thought this process dead: nothing of it is visible.
        return { record: (await deps.store.getImport(importId)) ?? committed, errors: [] };
      }
      return { record: await applyImport(deps, committed, hooks, false), errors: [] };
    },
    ({ record }) => ({ status: record.status, accepted: record.accepted }),
  );
}

/**
 * Refuses an uploaded file by its size alone, before reading it: an upload URL cannot cap the size, and
 * the ingest Lambda's memory is finite. Nothing of it is written but the rejection.
 */
export async function refuseOversize(
  deps: Deps,
  request: Omit<ImportRequest, "bytes"> & { readonly importId: string },
  size: number,
): Promise<ImportOutcome> {
  const kind = requireKind(request.kind);
  const existing = await deps.store.getImport(request.importId);
  const settled = await settledOutcome(deps, existing, {});
  if (settled) return settled;
  const errors: RowError[] = [
    {
      row: 0,
      column: "",
      value: request.fileName,
      key: "error.import.tooLarge",
      params: { size: megabytes(size), limit: megabytes(IMPORT_LIMITS[kind]) },
    },
  ];
  const record: ImportRecord = {
    importId: request.importId,
    kind,
    fileName: request.fileName,
    contentHash: "",
    status: "rejected",
    rows: 0,
    accepted: 0,
    errorCount: 1,
    uploadedBy: request.uploadedBy,
    createdAt: existing?.createdAt ?? deps.now().toISOString(),
  };
  await deps.store.putImport(record);
  await deps.store.putImportErrors(request.importId, errors);
  return { record, errors };
}

type Checked = { ok: true; staged: Staged } | { ok: false; rows: number; errors: RowErrors };

async function checkFile(deps: Deps, kind: ImportKind, request: ImportRequest): Promise<Checked> {
  const fileError = (key: RowError["key"], params?: RowError["params"]): Checked => {
    const errors = new RowErrors();
    errors.push({ row: 0, column: "", value: request.fileName, key, ...(params ? { params } : {}) });
    return { ok: false, rows: 0, errors };
  };
  const permission = authorize(request.uploader, IMPORT_ACTIONS[kind]);
  // Reports: any reach will do here; each row's unit is checked below.
  if (!permission.allow && !(kind === "reports" && reachOf(request.uploader, "report.file"))) {
    return fileError(permission.allow ? "auth.required" : permission.key, permission.allow ? {} : permission.params);
  }
  if (kind === "sipas") return checkSipas(deps, request, fileError);
  const decoded = await decodeTable(request.bytes, request.fileName, IMPORT_LIMITS[kind], XLSX_LIMITS[kind]);
  if (!decoded.ok) return fileError(decoded.key, decoded.params);
  const units = await deps.store.listUnits();
  if (kind === "reports") {
    const { reports, errors, blank } = checkReportRows(decoded.rows, new Set(units.map((unit) => unit.id)), deps.now());
    const refused = errors.count > 0 ? errors : await reportRowsAllowed(deps, request.uploader, units, reports);
    return refused.count > 0
      ? { ok: false, rows: decoded.rows.length - 1, errors: refused }
      : { ok: true, staged: { kind, rows: reports, blank } };
  }
  if (kind === "commitments") {
    const { commitments, errors } = checkCommitmentRows(decoded.rows, new Set(units.map((unit) => unit.id)));
    const refused = errors.count > 0 ? errors : await commitmentRowsAllowed(deps, commitments);
    return refused.count > 0
      ? { ok: false, rows: decoded.rows.length - 1, errors: refused }
      : { ok: true, staged: { kind, rows: commitments.map((row) => row.commitment) } };
  }
  const { units: rows, errors } = checkUnitRows(decoded.rows, units);
  return errors.count > 0
    ? { ok: false, rows: decoded.rows.length - 1, errors }
    : { ok: true, staged: { kind: "units", rows: rows.map((row) => row.unit) } };
}

/** UTF-8 text a megabyte at a time; throws on bytes that are not UTF-8. */
function* utf8Chunks(bytes: Uint8Array, size = 1 << 20): Generator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (let offset = 0; offset < bytes.length; offset += size) {
    yield decoder.decode(bytes.subarray(offset, offset + size), { stream: true });
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

async function checkSipas(
  deps: Deps,
  request: ImportRequest,
  fileError: (key: RowError["key"], params?: RowError["params"]) => Checked,
): Promise<Checked> {
  const period = parsePeriod(request.period ?? "");
  if (!period) return fileError("error.period", { value: request.period ?? "" });
  if (request.bytes.length === 0) return fileError("error.import.empty");
  if (request.bytes.length > IMPORT_LIMITS.sipas) {
    return fileError("error.import.tooLarge", {
      size: megabytes(request.bytes.length),
      limit: megabytes(IMPORT_LIMITS.sipas),
    });
  }
  const survey = bundledMethodology("sipas") as Methodology;
  const aggregator = new SipasAggregator(survey);
  const units = new Set((await deps.store.listUnits()).map((unit) => unit.id));
  const errors = new RowErrors();
  let header: Map<string, number> | undefined;
  let row = 1;
  let current: string[] = [];
  const cell = (column: string) => (current[header?.get(column) ?? -1] ?? "").trim();
  try {
    // Decoded and parsed a megabyte at a time: a million answers never sit in memory as text or rows.
    await new Promise<void>((resolve, reject) => {
      Papa.parse<string[]>(Readable.from(utf8Chunks(request.bytes)), {
        skipEmptyLines: true,
        step: (results) => {
          if (!header) {
            header = new Map(
              results.data.map((name, i) => [
                name
                  .replace(/^\ufeff/, "")
                  .trim()
                  .toLowerCase(),
                i,
              ]),
            );
            for (const column of SIPAS_COLUMNS.required) {
              if (!header.has(column)) errors.push({ row: 1, column, value: "", key: "error.import.missingColumn" });
            }
            return;
          }
          if (errors.count > 0 && row === 1) return;
          row++;
          current = results.data;
          const unit = cell("unit");
          if (!units.has(unit)) {
            errors.push({
              row,
              column: "unit",
              value: unit,
              key: unit ? "error.unknownUnit" : "error.required",
              params: { value: unit },
            });
            return;
          }
          errors.pushIssues(row, addAnswerRow(aggregator, cell), cell);
        },
        complete: () => resolve(),
        error: (error) => reject(error),
      });
    });
  } catch {
    return fileError("error.import.encoding");
  }
  if (!header) return fileError("error.import.empty");
  if (row === 1 && errors.count === 0) errors.push({ row: 1, column: "", value: "", key: "error.import.noRows" });
  if (errors.count > 0) return { ok: false, rows: row - 1, errors };
  return { ok: true, staged: { kind: "sipas", rows: aggregator.results(), period: period.id } };
}
