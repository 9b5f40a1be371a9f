// The ports the services depend on. Adapters: store/dynamodb.ts (DynamoDB or the embedded dynalite,
// through the same AWS SDK code) and store/s3.ts (S3 or the embedded s3rver).

import type { Account } from "../shared/access/account";
import type { AuditEntry, AuditOutcome, AuditQuery } from "../shared/access/audit";
import type { Identity } from "../shared/access/identity";
import type { ReportingCalendar } from "../shared/calendar";
import type { Commitment } from "../shared/commitments";
import type { RowError } from "../shared/ingest/row-error";
import type { ManualScore, Scorecard } from "../shared/methodology/engine";
import type { Methodology } from "../shared/methodology/model";
import type { ReportInput, ReportSource, ReportVersion } from "../shared/report";
import type { SipasUnitResult } from "../shared/sipas";
import type { Unit } from "../shared/units";
import type { Workflow } from "../shared/workflow";

export interface UnitStore {
  listUnits(): Promise<Unit[]>;
  getUnit(id: string): Promise<Unit | undefined>;
  putUnits(units: readonly Unit[]): Promise<void>;
  /** A cohort's reporting calendar, if one was set (otherwise the default applies). */
  getCalendar(cohort: string): Promise<ReportingCalendar | undefined>;
  putCalendar(calendar: ReportingCalendar): Promise<void>;
}

export interface Submission {
  readonly submittedBy: string;
  readonly submittedAt: string;
  readonly source: ReportSource;
  readonly sourceRef?: string;
  /** A filing after the period closed carries its reason and the late flag. */
  readonly afterClose?: boolean;
  readonly reason?: string;
}

export interface SaveResult {
  readonly report: ReportVersion;
  /** false when the figures equal the latest version's: a repeated submission adds no version. */
  readonly created: boolean;
}

export interface ReportStore {
  /** Keeps a new version (never overwrites one) and makes it the latest; safe under concurrent writers. */
  saveReport(input: ReportInput, submission: Submission): Promise<SaveResult>;
  /** Adds versions in bulk to a store that has none for those unit-periods (seeding). */
  loadReportVersions(versions: readonly ReportVersion[]): Promise<void>;
  /**
   * saveReport for many reports at once (file imports): the same guarantees — a new version never
   * overwrites one, the latest only moves forward, identical figures add nothing — with the reads done
   * per period and the conditional writes in parallel. Returns how many versions were created.
   */
  saveReports(
    inputs: readonly ReportInput[],
    submission: Submission,
    onSaved?: (saved: number) => void,
  ): Promise<number>;
  latestReport(unitId: string, period: string): Promise<ReportVersion | undefined>;
  /** All versions of a unit-period, oldest first. */
  reportHistory(unitId: string, period: string): Promise<ReportVersion[]>;
  /** The latest report of every period a unit has filed. */
  latestReportsOfUnit(unitId: string): Promise<ReportVersion[]>;
  /** The latest report of every unit that filed the period. */
  latestReportsOfPeriod(period: string): Promise<ReportVersion[]>;
  /** Every period id any unit has filed. */
  filedPeriods(): Promise<string[]>;
}

export interface BlobStore {
  /** Stores an object; `cacheControl` is what CloudFront and browsers are told to keep it for. */
  put(
    key: string,
    body: string | Uint8Array,
    contentType?: string,
    metadata?: Record<string, string>,
    cacheControl?: string,
  ): Promise<void>;
  /** The object's bytes, or undefined when there is none. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** The object's size in bytes, user metadata and headers, without reading it; undefined when there is none. */
  head(
    key: string,
  ): Promise<
    { size: number; metadata: Record<string, string>; contentType?: string; cacheControl?: string } | undefined
  >;
  remove(key: string): Promise<void>;
  /** A URL a browser can PUT the object to directly, with these headers, for a limited time. */
  uploadUrl(key: string, contentType: string, metadata: Record<string, string>): Promise<string>;
  /** Resolves when the bucket is reachable. */
  ping(): Promise<void>;
}

export interface MethodologySummary {
  readonly id: string;
  readonly version: string;
  readonly name: Methodology["name"];
  readonly kind: Methodology["kind"];
  readonly validFrom: number;
  readonly cohorts: readonly string[];
  readonly savedBy: string;
  readonly savedAt: string;
}

export interface MethodologyStore {
  /** Adds a version; false when that id and version exist already (a version is never changed). */
  putMethodology(methodology: Methodology, savedBy: string, savedAt: string): Promise<boolean>;
  getMethodology(id: string, version: string): Promise<Methodology | undefined>;
  /** Every stored version of every methodology. */
  listMethodologies(): Promise<MethodologySummary[]>;
}

/** An appraised manual score, with who entered it and when. */
export interface AppraisedScore extends ManualScore {
  readonly by: string;
  readonly at: string;
}

export interface DeductionEntry {
  readonly points: number;
  readonly reason?: string;
  readonly by: string;
  readonly at: string;
}

/** The manual inputs of one unit, methodology and period: leaf scores and deductions. */
export interface Appraisal {
  readonly unitId: string;
  readonly methodologyId: string;
  readonly period: string;
  readonly scores: Readonly<Record<string, AppraisedScore>>;
  readonly deductions: Readonly<Record<string, DeductionEntry>>;
  /** Incremented on every save; a save names the revision it read (optimistic concurrency). */
  readonly revision: number;
  /** Who saved this revision, when, and why (required once a score is changed after appraisal). */
  readonly savedBy?: string;
  readonly savedAt?: string;
  readonly changeReason?: string;
}

export interface StoredScorecard {
  readonly unitId: string;
  readonly period: string;
  readonly scorecard: Scorecard;
  readonly computedAt: string;
}

/** Which stored result set a leaderboard shows for a methodology and period. */
export interface ResultSet {
  readonly methodologyId: string;
  readonly period: string;
  readonly version: string;
  readonly computedAt: string;
  readonly computedBy: string;
}

export interface ScoreStore {
  getAppraisal(unitId: string, methodologyId: string, period: string): Promise<Appraisal | undefined>;
  /** Adds revision appraisal.revision; false when that revision exists already (someone saved in between). */
  putAppraisal(appraisal: Appraisal): Promise<boolean>;
  /** Every saved revision of one appraisal, oldest first. */
  appraisalHistory(unitId: string, methodologyId: string, period: string): Promise<Appraisal[]>;
  appraisalsOfPeriod(methodologyId: string, period: string): Promise<Appraisal[]>;
  putAppraisals(appraisals: readonly Appraisal[]): Promise<void>;

  putSurveyResults(methodologyId: string, period: string, results: readonly SipasUnitResult[]): Promise<void>;
  surveyResultsOfPeriod(methodologyId: string, period: string): Promise<SipasUnitResult[]>;

  /** Scorecards are keyed by methodology version: a recompute with another version never overwrites them. */
  putScorecards(methodologyId: string, version: string, cards: readonly StoredScorecard[]): Promise<void>;
  scorecards(methodologyId: string, version: string, period: string): Promise<StoredScorecard[]>;
  getResultSet(methodologyId: string, period: string): Promise<ResultSet | undefined>;
  /** Every period a methodology has a result set for. */
  resultSetPeriods(methodologyId: string): Promise<string[]>;
  putResultSet(resultSet: ResultSet): Promise<void>;
}

export const IMPORT_KINDS = ["reports", "units", "sipas", "commitments"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * pending: announced, file not received yet · staged: rows written under the import, invisible · committed: the one flip that makes it count ·
 * applied: every row is in place · rejected: invalid, nothing written · duplicate: same file as an
 * earlier import, nothing written · failed: stopped before its commit, nothing visible.
 */
export type ImportStatus = "pending" | "staged" | "committed" | "applied" | "rejected" | "duplicate" | "failed";

export interface ImportRecord {
  readonly importId: string;
  readonly kind: ImportKind;
  readonly fileName: string;
  readonly contentHash: string;
  readonly status: ImportStatus;
  readonly rows: number;
  readonly accepted: number;
  readonly errorCount: number;
  /** Rows of a report file without any figure (an untouched template row): skipped, not refused. */
  readonly blank?: number;
  readonly uploadedBy: string;
  /** The uploader's identity when the upload was announced: the file is checked against its role and unit. */
  readonly uploader?: Identity;
  readonly createdAt: string;
  readonly committedAt?: string;
  readonly appliedAt?: string;
  readonly duplicateOf?: string;
  /** Set while a restart finishes this import after a crash (shown as "being completed"). */
  readonly recovering?: boolean;
}

export interface ImportStore {
  putImport(record: ImportRecord): Promise<void>;
  /** Moves an import from one status to the next only if it still has the first (the commit flip). */
  moveImport(importId: string, from: ImportStatus, to: ImportRecord): Promise<boolean>;
  getImport(importId: string): Promise<ImportRecord | undefined>;
  /** Newest first. */
  listImports(limit?: number): Promise<ImportRecord[]>;
  putImportErrors(importId: string, errors: readonly RowError[]): Promise<void>;
  importErrors(importId: string): Promise<RowError[]>;
  /** Staged rows (reports, units, survey results) as JSON-ready values, in order. */
  putImportRows(importId: string, rows: readonly unknown[]): Promise<void>;
  importRows(importId: string): Promise<unknown[]>;
  /** Claims a file's content hash for an import; returns the import that already holds it, if any. */
  claimContentHash(kind: ImportKind, contentHash: string, importId: string): Promise<string | undefined>;
  /** Gives the hash to another import (when the holder failed or was rejected). */
  reassignContentHash(kind: ImportKind, contentHash: string, importId: string): Promise<void>;
}

/** A change to a commitment after it was first recorded: when, by whom, why, and the terms before. */
export interface CommitmentAmendment {
  readonly at: string;
  readonly by: string;
  readonly reason: string;
  readonly from: Pick<Commitment, "comparator" | "target" | "signedBy" | "signedOn" | "note">;
}

/** A stored version of a commitment: who changed it and when. */
export interface CommitmentVersion extends Commitment {
  readonly version: number;
  readonly savedBy: string;
  readonly savedAt: string;
  /** On every version after the first: the latest amendment of the signed terms. */
  readonly amendment?: CommitmentAmendment;
}

export interface CommitmentStore {
  /**
   * Keeps a new version of (unit, year, measure); identical terms add nothing. Changing a commitment
   * that exists needs a reason (ConflictError without one): the new version records the amendment.
   */
  saveCommitment(
    commitment: Commitment,
    savedBy: string,
    savedAt: string,
    reason?: string,
  ): Promise<{ commitment: CommitmentVersion; created: boolean }>;
  commitmentsOfUnit(unitId: string, year: number): Promise<CommitmentVersion[]>;
  /** The latest version of every commitment of a year. */
  commitmentsOfYear(year: number): Promise<CommitmentVersion[]>;
  commitmentHistory(unitId: string, year: number, measure: string): Promise<CommitmentVersion[]>;
  /** Writes versions in bulk into a store that has none of them (the demo seed). */
  loadCommitmentVersions(versions: readonly CommitmentVersion[]): Promise<void>;
}

/** An account as stored: with its password hash, which no API answer carries. */
export interface StoredAccount extends Account {
  readonly passwordHash: string;
}

export interface UserStore {
  getUser(username: string): Promise<StoredAccount | undefined>;
  /** Every account, without password hashes. */
  listUsers(): Promise<Account[]>;
  /** false when the user name is taken. */
  createUser(account: StoredAccount): Promise<boolean>;
  /** Saves when the stored account still has `previousUpdatedAt`; false otherwise. */
  updateUser(account: StoredAccount, previousUpdatedAt: string): Promise<boolean>;
  revokeSession(jti: string, expiresAt: number): Promise<void>;
  isRevoked(jti: string): Promise<boolean>;
}

export interface AuditPage {
  readonly entries: AuditEntry[];
  /** Pass as `cursor` for the next (older) page; absent on the last page. */
  readonly next?: string;
}

export interface AuditStore {
  /** Appends an entry; false when an entry with its id exists (the same change written twice). */
  writeAudit(entry: AuditEntry): Promise<boolean>;
  /** Records how the change went; only a pending entry changes. */
  settleAudit(entry: AuditEntry, outcome: AuditOutcome, after?: unknown): Promise<void>;
  /** Newest first. */
  listAudit(query: AuditQuery): Promise<AuditPage>;
}

export interface WorkflowStore {
  getWorkflow(cohort: string, period: string): Promise<Workflow | undefined>;
  listWorkflows(): Promise<Workflow[]>;
  /** Saves revision n when the stored one is n − 1 (or none for 1); false otherwise. */
  putWorkflow(workflow: Workflow): Promise<boolean>;
}

/** An inspector's check of a data-quality flag: the figure stays as filed; the note says what was found. */
export interface QualityCheck {
  readonly flagId: string;
  readonly note: string;
  readonly by: string;
  readonly at: string;
}

export interface QualityStore {
  qualityChecks(cohort: string, period: string): Promise<QualityCheck[]>;
  /** The latest check of a flag replaces an earlier one; every check is in the audit trail. */
  putQualityCheck(cohort: string, period: string, check: QualityCheck): Promise<void>;
}

/** A read model's header as stored: which build wrote it, when, and what its rows share. */
export interface ReadModelHead {
  readonly id: string;
  /** Changes on every build; a writer replaces the header only if it still has the one it read. */
  readonly generation: string;
  readonly builtAt: string;
  readonly rowCount: number;
  readonly header: Record<string, unknown>;
}

/** One row: its key is the unit's path of ancestors (`province/district/commune`). */
export interface ReadModelRow {
  readonly path: string;
  readonly data: unknown;
}

export interface ReadModelStore {
  readModelHead(id: string): Promise<ReadModelHead | undefined>;
  /** The rows (one Query); with a prefix, only the rows whose path starts with it. */
  readModelRows(id: string, pathPrefix?: string): Promise<ReadModelRow[]>;
  /** Ids of the stored read models, optionally those starting with a prefix (`board#par-commune#`). */
  listReadModels(prefix?: string): Promise<string[]>;
  /**
   * Writes the rows that differ from the stored ones, deletes rows no longer there, then the header —
   * only if the stored header's generation is still `expected` (null: none stored). `written: false`
   * means another build won in between: compute again.
   */
  writeReadModel(
    id: string,
    model: { generation: string; builtAt: string; header: Record<string, unknown>; rows: readonly ReadModelRow[] },
    expected: string | null,
  ): Promise<{ written: boolean; rowsWritten: number; rowsDeleted: number }>;
  removeReadModel(id: string): Promise<void>;
}

export interface Store
  extends UnitStore,
    ReadModelStore,
    ReportStore,
    MethodologyStore,
    ScoreStore,
    ImportStore,
    CommitmentStore,
    UserStore,
    AuditStore,
    WorkflowStore,
    QualityStore {
  /** Resolves when the table is reachable. */
  ping(): Promise<void>;
  /** Runs bulk writes (an import) that read models hear of once, together, when the work ends. */
  together<T>(work: () => Promise<T>): Promise<T>;
}
