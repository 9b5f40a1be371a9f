// Typed calls to the ParWatch API; errors carry the API's localized message.

import type { Account } from "../../../shared/access/account";
import type { AuditEntry } from "../../../shared/access/audit";
import type { FilingRow } from "../../../shared/calendar";
import type { Commitment, Evaluation } from "../../../shared/commitments";
import type { PeriodFigures } from "../../../shared/figures";
import type { LocalizedRowError } from "../../../shared/ingest/row-error";
import type { LeaderboardRow } from "../../../shared/leaderboard";
import type { Methodology } from "../../../shared/methodology/model";
import type { Ranking } from "../../../shared/ranking";
import type { ReportVersion } from "../../../shared/report";
import type { Unit, UnitNode } from "../../../shared/units";
import type { Workflow, WorkflowStatus } from "../../../shared/workflow";
import { locale, t } from "./i18n.svelte";
import { authHeaders, sessionExpired } from "./session.svelte";

/** A refused or failed call: the API's message, and its HTTP status (409: frozen or moved meanwhile). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface FieldError {
  path: string;
  code: string;
  message: string;
}

/** An API answer that carries per-field errors (400) rather than a failure. */
export class InvalidInput extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((error) => error.message).join(" "));
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers = {
    "accept-language": locale.lang,
    ...(await authHeaders()),
    // The audit trail labels changes made through the dashboard's forms.
    ...(method === "GET" ? {} : { "x-parwatch-source": "form" }),
    ...(body === undefined ? {} : { "content-type": "application/json" }),
  };
  const response = await fetch(path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  }).catch((failure: unknown) => {
    // The browser's own words ("Failed to fetch") are English and say nothing useful: the catalogue's instead.
    if (failure instanceof TypeError) throw new ApiError(t("common.network"), 0);
    throw failure;
  });
  const answer = await response.json().catch(() => undefined);
  const messages = (answer?.errors as FieldError[] | undefined)?.map((error) => error.message).join(" ");
  const said = messages || t("common.httpStatus", { status: response.status });
  if (response.status === 401) sessionExpired(said);
  if (response.status === 400 && answer?.errors) throw new InvalidInput(answer.errors);
  if (!response.ok) throw new ApiError(said, response.status);
  return answer as T;
}

const get = <T>(path: string) => call<T>("GET", path);

export interface MethodologySummary {
  id: string;
  version: string;
  name: Methodology["name"];
  kind: Methodology["kind"];
  validFrom: number;
  cohorts: string[];
}

export interface ScoreBoard {
  cohort: string;
  period: string;
  previousPeriod: string;
  methodology: Methodology;
  resultSet: { version: string; computedAt: string } | null;
  rows: (LeaderboardRow & Parented)[];
  mostImproved: LeaderboardRow[];
  bottom: LeaderboardRow[];
}

export interface ImportRecord {
  importId: string;
  kind: string;
  fileName: string;
  status: "pending" | "staged" | "committed" | "applied" | "rejected" | "duplicate" | "failed";
  /** Set while a restart completes this import after a crash. */
  recovering?: boolean;
  rows: number;
  accepted: number;
  errorCount: number;
  /** A template's untouched rows, counted and left out. */
  blank?: number;
  uploadedBy: string;
  createdAt: string;
}

export type CommitmentStatus = "met" | "onTrack" | "atRisk" | "missed" | "noData";

/** A change to a commitment after it was first recorded (the latest one). */
export interface CommitmentAmendment {
  at: string;
  by: string;
  reason: string;
  from: Pick<Commitment, "comparator" | "target" | "signedBy" | "signedOn"> & { note?: string | null };
}

export interface PresentedCommitment extends Commitment {
  version: number;
  amendment?: CommitmentAmendment;
  previousStatus: CommitmentStatus | null;
  evaluation: { status: CommitmentStatus; actual: number | null; projection: number | null; needed: number | null };
  text: { measure: string; target: string; status: string; reason: string };
  trend?: { period: string; value: number | null }[];
}

export interface CommitmentMatrix {
  cohort: string;
  year: number;
  asOfQuarters: number;
  measures: string[];
  measureNames: Record<string, string>;
  rows: ({ unitId: string; name: string; cells: PresentedCommitment[] } & Parented)[];
  counts: Record<CommitmentStatus, number>;
  moved: Record<CommitmentStatus, number>;
}

/** A cohort's period as the caller sees it: status, history, the published snapshot, the moves they may make. */
export interface WorkflowState extends Workflow {
  moves: { to: WorkflowStatus; reasonRequired: boolean }[];
}

export interface AuditPage {
  entries: AuditEntry[];
  /** The cursor of the next, older page; absent on the last. */
  next?: string;
}

/** Every list row names the unit it sits under (null for the province). */
export interface Parented {
  parent: { id: string; name: string } | null;
}

const parentQuery = (parent: string, lead = "&") => (parent ? `${lead}parent=${encodeURIComponent(parent)}` : "");

/** Why an index moved: each area's (or, with an area, each criterion's) part of the change. */
export interface Explanation {
  index: number | null;
  previousIndex: number | null;
  indexChange: number | null;
  /** label: the area's or criterion's full name; shortLabel: the name a sentence uses. */
  contributions: { areaId: string; label: string; shortLabel: string; delta: number; shown: number }[];
}

export type FlagKind = "historyOutlier" | "cohortOutlier" | "jump" | "perfection";

export interface QualityFlagView {
  id: string;
  unitId: string;
  name: string;
  kind: FlagKind;
  measure: string;
  value: number;
  evidence: {
    median?: number;
    mad?: number;
    score?: number;
    previous?: number;
    factor?: number;
    periods?: string[];
    compared?: number;
  };
  checked: { note: string; by: string; at: string } | null;
}

export interface QualityReport {
  cohort: string;
  period: string;
  periods: string[];
  completeness: { units: number; filed: number; onTime: number; late: number; missing: number };
  flags: QualityFlagView[];
}

/** A ranked row as the briefing carries it: a rate's value or an index and band. */
export interface BriefingRow {
  unitId: string;
  name: string;
  rank: number | null;
  value?: number | null;
  index?: number | null;
  band?: { id: string; label: { vi: string; en: string } } | null;
  change: number | null;
  rankChange: number | null;
}

export interface Briefing {
  unit: Unit;
  period: string;
  asOf: string;
  standing: (BriefingRow & { kind: string; measure: string; of: number }) | null;
  subUnits: {
    cohort: string;
    kind: string;
    measure: string;
    count: number;
    best: BriefingRow[];
    worst: BriefingRow[];
    movers: { kind: string; measure: string; rows: BriefingRow[] };
    unranked: BriefingRow[];
  } | null;
  commitments: {
    unitId: string;
    name: string;
    measure: string;
    comparator: string;
    target: number;
    status: CommitmentStatus;
    actual: number | null;
    needed: number | null;
    /** The evaluation behind the status: its reason's key and figures. */
    evaluation: Evaluation;
  }[];
  commitmentsYear: number;
  overdue: { unitId: string; name: string; pendingOverdue: number; resolvedLate: number }[];
  filing: {
    period: string;
    dueDate: string;
    counts: Record<FilingRow["state"], number>;
    rows: { unitId: string; name: string; state: FilingRow["state"]; daysLate: number; dueDate: string }[];
  } | null;
}

const workflowPath = (cohort: string, period: string) =>
  `/api/workflow/${encodeURIComponent(cohort)}/${encodeURIComponent(period)}`;

export const api = {
  users: () => get<{ users: Account[] }>("/api/users"),
  createUser: (body: unknown) => call<{ user: Account }>("POST", "/api/users", body),
  updateUser: (username: string, body: unknown) =>
    call<{ user: Account }>("PUT", `/api/users/${encodeURIComponent(username)}`, body),
  audit: (query: URLSearchParams) => get<AuditPage>(`/api/audit?${query}`),
  workflow: (cohort: string, period: string) => get<WorkflowState>(workflowPath(cohort, period)),
  moveWorkflow: (cohort: string, period: string, body: { to: WorkflowStatus; reason?: string }) =>
    call<Workflow>("POST", workflowPath(cohort, period), body),
  saveCommitment: (unitId: string, body: unknown) =>
    call<{ commitment: { version: number }; created: boolean }>(
      "PUT",
      `/api/units/${encodeURIComponent(unitId)}/commitments`,
      body,
    ),
  commitmentTemplate: (body: unknown) =>
    call<{ units: number; saved: number }>("POST", "/api/commitments/template", body),
  commitmentMatrix: (cohort: string, year: number, parent = "") =>
    get<CommitmentMatrix>(`/api/commitments/${encodeURIComponent(cohort)}/${year}${parentQuery(parent, "?")}`),
  unitCommitments: (id: string, year: number) =>
    get<{ year: number; commitments: PresentedCommitment[] }>(
      `/api/units/${encodeURIComponent(id)}/commitments?year=${year}`,
    ),
  submitReport: (body: unknown) => call<{ report: ReportVersion; created: boolean }>("POST", "/api/reports", body),
  figures: (id: string, period: string) => get<PeriodFigures>(`/api/units/${encodeURIComponent(id)}/reports/${period}`),
  announce: (body: { kind: string; fileName: string; period?: string }) =>
    call<{ importId: string; uploadUrl: string; headers: Record<string, string>; limitBytes: number }>(
      "POST",
      "/api/imports",
      body,
    ),
  importStatus: (id: string) => get<{ record: ImportRecord; errors: LocalizedRowError[] }>(`/api/imports/${id}`),
  imports: () => get<{ imports: ImportRecord[] }>("/api/imports"),
  importRows: (id: string) =>
    get<{ kind: string; total: number; rows: unknown[] }>(`/api/imports/${id}/rows?limit=200`),
  filing: (cohort: string, period: string, parent = "") =>
    get<{ dueDate: string; counts: Record<FilingRow["state"], number>; rows: (FilingRow & Parented)[] }>(
      `/api/filing/${encodeURIComponent(cohort)}/${period}${parentQuery(parent, "?")}`,
    ),
  methodologies: () => get<{ methodologies: MethodologySummary[] }>("/api/methodologies"),
  scoreBoard: (cohort: string, period: string, methodology: string, parent = "") =>
    get<ScoreBoard>(
      `/api/leaderboards/${encodeURIComponent(cohort)}/${period}?methodology=${encodeURIComponent(methodology)}${parentQuery(parent)}`,
    ),
  explain: (unitId: string, methodology: string, period: string, area = "") =>
    get<Explanation>(
      `/api/units/${encodeURIComponent(unitId)}/explain?methodology=${encodeURIComponent(methodology)}&period=${period}${area ? `&area=${encodeURIComponent(area)}` : ""}`,
    ),
  quality: (cohort: string, period: string) =>
    get<QualityReport>(`/api/quality/${encodeURIComponent(cohort)}/${period}`),
  checkFlag: (cohort: string, period: string, body: { flagId: string; note: string }) =>
    call<unknown>("POST", `/api/quality/${encodeURIComponent(cohort)}/${period}/checks`, body),
  briefing: (unitId: string, period: string) => get<Briefing>(`/api/briefing/${encodeURIComponent(unitId)}/${period}`),
  units: () => get<{ cohorts: string[]; tree: UnitNode[] }>("/api/units"),
  unit: (id: string) => get<{ unit: Unit; ancestry: Unit[]; children: Unit[] }>(`/api/units/${encodeURIComponent(id)}`),
  unitReports: (id: string) => get<{ reports: PeriodFigures[] }>(`/api/units/${encodeURIComponent(id)}/reports`),
  history: (id: string, period: string) =>
    get<{ versions: ReportVersion[] }>(`/api/units/${encodeURIComponent(id)}/reports/${period}/history`),
  periods: () => get<{ filed: string[]; selectable: string[] }>("/api/periods"),
  ranking: (cohort: string, period: string, metric: string, parent = "") =>
    get<Omit<Ranking, "rows"> & { rows: (Ranking["rows"][number] & Parented)[] }>(
      `/api/rankings/${encodeURIComponent(cohort)}/${period}?metric=${encodeURIComponent(metric)}${parentQuery(parent)}`,
    ),
};
