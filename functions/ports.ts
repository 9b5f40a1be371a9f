// The ports the services depend on. Adapters: store/dynamodb.ts (DynamoDB or the embedded dynalite,
// through the same AWS SDK code) and store/s3.ts (S3 or the embedded s3rver).

import type { ReportInput, ReportSource, ReportVersion } from "../shared/report";
import type { Unit } from "../shared/units";

export interface UnitStore {
  listUnits(): Promise<Unit[]>;
  getUnit(id: string): Promise<Unit | undefined>;
  putUnits(units: readonly Unit[]): Promise<void>;
}

export interface Submission {
  readonly submittedBy: string;
  readonly submittedAt: string;
  readonly source: ReportSource;
}

export interface SaveResult {
  readonly report: ReportVersion;
  /** false when the figures equal the latest version's: a repeated submission adds no version. */
  readonly created: boolean;
}

export interface ReportStore {
  /** Keeps a new version (never overwrites one) and makes it the latest; safe under concurrent writers. */
  saveReport(input: ReportInput, submission: Submission): Promise<SaveResult>;
  /** Adds versions in bulk to a store that has none for those unit-periods (seeding, staged imports). */
  loadReportVersions(versions: readonly ReportVersion[]): Promise<void>;
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
  put(key: string, body: string | Uint8Array, contentType?: string): Promise<void>;
  /** The object's bytes, or undefined when there is none. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** Resolves when the bucket is reachable. */
  ping(): Promise<void>;
}

export interface Store extends UnitStore, ReportStore {
  /** Resolves when the table is reachable. */
  ping(): Promise<void>;
}
