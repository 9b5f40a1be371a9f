// The audit trail's entries: who did what to which record, when, from where, why, and the values before
// and after. Append-only: an entry is written before its change and only its outcome is set afterwards.

export const AUDIT_ACTIONS = [
  "report.file",
  "appraisal.save",
  "score.recompute",
  "commitment.save",
  "calendar.save",
  "unit.import",
  "methodology.save",
  "user.create",
  "user.update",
  "workflow.move",
  "publish",
  "import",
  "quality.check",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Where a change came from: the dashboard's forms, the API, a file (with its import id), the schedule, the CLI on the data folder, the demo seed. */
export type AuditSource = "form" | "api" | "file" | "schedule" | "cli" | "seed";

/** pending: written, the change not yet confirmed (a crash in between leaves it so) · done · failed: the change was refused or broke. */
export type AuditOutcome = "pending" | "done" | "failed";

export interface AuditEntry {
  readonly id: string;
  readonly at: string;
  readonly actor: string;
  /** The actor's role at the time, or "operator". */
  readonly role: string;
  readonly action: AuditAction;
  /** What changed, e.g. "report:xa-a1:2026-Q3", "calendar:commune", "user:demo-chair". */
  readonly entity: string;
  readonly unitId?: string;
  readonly period?: string;
  readonly source: AuditSource;
  /** The import id and file name of a file, the job of a schedule. */
  readonly sourceRef?: string;
  readonly reason?: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly outcome: AuditOutcome;
}

export interface AuditQuery {
  readonly unitId?: string;
  readonly period?: string;
  readonly user?: string;
  /** yyyy-mm-dd, inclusive, UTC. */
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly cursor?: string;
}

/** Months (yyyy-mm) from `to` back to `from`, newest first: the partitions an audit query reads. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = to.slice(0, 7).split("-").map(Number) as [number, number];
  const stop = from.slice(0, 7);
  for (let guard = 0; guard < 1200; guard++) {
    const id = `${year}-${String(month).padStart(2, "0")}`;
    if (id < stop) break;
    months.push(id);
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  return months;
}
