// Applying a committed import — its staged rows written through the normal versioned paths — and
// recovering imports a crash left behind. Separate from the file checks (imports.ts) so the scheduled
// job's bundle carries no file decoding.

import type { Commitment } from "../../shared/commitments";
import type { ReportRow } from "../../shared/ingest/report-rows";
import type { SipasUnitResult } from "../../shared/sipas";
import type { Unit } from "../../shared/units";
import type { Deps } from "../deps";
import type { ImportRecord } from "../ports";
import { mapLimit } from "../store/db";

const RECOVERY_CONCURRENCY = 16;

/** Progress and fault-injection seams: after staging (with the row count) and after each applied row. */
export interface ImportHooks {
  readonly afterStage?: (rows: number) => void;
  readonly afterApplyRow?: (applied: number, total: number) => void;
}

/** Writes a committed import's rows through the normal paths, then marks it applied. */
export async function applyImport(
  deps: Deps,
  record: ImportRecord,
  hooks: ImportHooks,
  recovering: boolean,
): Promise<ImportRecord> {
  const rows = await deps.store.importRows(record.importId);
  const sourceRef = `${record.fileName} · ${record.importId}`;
  // Read models hear of the import's writes once, when they are all in (not once per row).
  const applied = await deps.store.together(() => writeRows(deps, record, rows, sourceRef, hooks, recovering));
  const { recovering: _, ...rest } = record;
  const done: ImportRecord = { ...rest, status: "applied", accepted: applied, appliedAt: deps.now().toISOString() };
  await deps.store.moveImport(record.importId, "committed", done);
  return done;
}

/** The rows written through the normal versioned paths; how many were applied. */
async function writeRows(
  deps: Deps,
  record: ImportRecord,
  rows: readonly unknown[],
  sourceRef: string,
  hooks: ImportHooks,
  recovering: boolean,
): Promise<number> {
  let applied = 0;
  if (record.kind === "reports") {
    const reports = rows as ReportRow[];
    const submission = {
      submittedBy: record.uploadedBy,
      submittedAt: record.committedAt ?? deps.now().toISOString(),
      source: "file" as const,
      sourceRef,
    };
    if (!recovering) {
      await deps.store.saveReports(
        reports.map((row) => row.input),
        submission,
        (saved) => hooks.afterApplyRow?.(saved, reports.length),
      );
      applied = reports.length;
    } else {
      // After a crash, row by row against the table (the embedded database's index can disagree with
      // it after a kill): a row this import already wrote is not written again (a later edit may follow
      // it). Sixteen rows at a time.
      await mapLimit(reports, RECOVERY_CONCURRENCY, async (row) => {
        const history = await deps.store.reportHistory(row.input.unitId, row.input.period);
        if (!history.some((version) => version.sourceRef === sourceRef))
          await deps.store.saveReport(row.input, submission);
        hooks.afterApplyRow?.(++applied, reports.length);
      });
    }
  } else if (record.kind === "commitments") {
    const at = record.committedAt ?? deps.now().toISOString();
    for (const commitment of rows as Commitment[]) await deps.store.saveCommitment(commitment, record.uploadedBy, at);
    applied = rows.length;
  } else if (record.kind === "units") {
    await deps.store.putUnits(rows as Unit[]);
    applied = rows.length;
  } else {
    const [meta, ...results] = rows as [{ period: string }, ...SipasUnitResult[]];
    await deps.store.putSurveyResults("sipas", meta.period, results);
    applied = results.length;
  }
  return applied;
}

/**
 * Finishes what a crash interrupted: committed imports are applied (rolled forward); staged ones are
 * marked failed — they were never visible. Only imports idle for `staleAfterMs` are touched: at a process's
 * start nothing else can be running (0); the cloud's schedule leaves the ingest Lambda its time to finish.
 */
export async function recoverImports(deps: Deps, staleAfterMs = 0): Promise<{ applied: number; failed: number }> {
  let applied = 0;
  let failed = 0;
  const now = deps.now().getTime();
  const idle = (since: string | undefined) => staleAfterMs <= 0 || now - Date.parse(since ?? "") >= staleAfterMs;
  for (const record of await deps.store.listImports(1000)) {
    if (record.status === "committed" && idle(record.committedAt ?? record.createdAt)) {
      // Marked first: the import history shows it as being completed while its rows are written.
      const recovering: ImportRecord = { ...record, recovering: true };
      if (!(await deps.store.moveImport(record.importId, "committed", recovering))) continue;
      await applyImport(deps, recovering, {}, true);
      applied++;
    } else if (record.status === "staged" && idle(record.createdAt)) {
      if (await deps.store.moveImport(record.importId, "staged", { ...record, status: "failed" })) failed++;
    }
  }
  return { applied, failed };
}
