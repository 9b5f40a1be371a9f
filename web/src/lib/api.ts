// Typed calls to the ParWatch API; errors carry the API's localized message.

import type { FilingRow } from "../../../shared/calendar";
import type { PeriodFigures } from "../../../shared/figures";
import type { LocalizedRowError } from "../../../shared/ingest/row-error";
import type { LeaderboardRow } from "../../../shared/leaderboard";
import type { Methodology } from "../../../shared/methodology/model";
import type { Ranking } from "../../../shared/ranking";
import type { ReportVersion } from "../../../shared/report";
import type { Unit, UnitNode } from "../../../shared/units";
import { locale } from "./i18n.svelte";
import { authHeaders, sessionExpired } from "./session.svelte";

export class ApiError extends Error {}

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
  const response = await fetch(path, {
    method,
    headers: {
      "accept-language": locale.lang,
      ...(await authHeaders()),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.status === 401) sessionExpired();
  const answer = await response.json().catch(() => undefined);
  if (response.status === 400 && answer?.errors) throw new InvalidInput(answer.errors);
  if (!response.ok) {
    const messages = (answer?.errors as FieldError[] | undefined)?.map((error) => error.message);
    throw new ApiError(messages?.join(" ") || `HTTP ${response.status}`);
  }
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
  rows: LeaderboardRow[];
  mostImproved: LeaderboardRow[];
  bottom: LeaderboardRow[];
}

export interface ImportRecord {
  importId: string;
  kind: string;
  fileName: string;
  status: "pending" | "staged" | "committed" | "applied" | "rejected" | "duplicate" | "failed";
  rows: number;
  accepted: number;
  errorCount: number;
  uploadedBy: string;
  createdAt: string;
}

export type CommitmentStatus = "met" | "onTrack" | "atRisk" | "missed" | "noData";

export interface PresentedCommitment {
  unitId: string;
  year: number;
  measure: string;
  target: number;
  version: number;
  note?: string;
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
  rows: { unitId: string; name: string; cells: PresentedCommitment[] }[];
  counts: Record<CommitmentStatus, number>;
  moved: Record<CommitmentStatus, number>;
}

export const api = {
  saveCommitment: (unitId: string, body: unknown) =>
    call<{ commitment: { version: number }; created: boolean }>(
      "PUT",
      `/api/units/${encodeURIComponent(unitId)}/commitments`,
      body,
    ),
  commitmentTemplate: (body: unknown) =>
    call<{ units: number; saved: number }>("POST", "/api/commitments/template", body),
  commitmentMatrix: (cohort: string, year: number) =>
    get<CommitmentMatrix>(`/api/commitments/${encodeURIComponent(cohort)}/${year}`),
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
  filing: (cohort: string, period: string) =>
    get<{ dueDate: string; counts: Record<FilingRow["state"], number>; rows: FilingRow[] }>(
      `/api/filing/${encodeURIComponent(cohort)}/${period}`,
    ),
  methodologies: () => get<{ methodologies: MethodologySummary[] }>("/api/methodologies"),
  scoreBoard: (cohort: string, period: string, methodology: string) =>
    get<ScoreBoard>(
      `/api/leaderboards/${encodeURIComponent(cohort)}/${period}?methodology=${encodeURIComponent(methodology)}`,
    ),
  units: () => get<{ cohorts: string[]; tree: UnitNode[] }>("/api/units"),
  unit: (id: string) => get<{ unit: Unit; ancestry: Unit[]; children: Unit[] }>(`/api/units/${encodeURIComponent(id)}`),
  unitReports: (id: string) => get<{ reports: PeriodFigures[] }>(`/api/units/${encodeURIComponent(id)}/reports`),
  history: (id: string, period: string) =>
    get<{ versions: ReportVersion[] }>(`/api/units/${encodeURIComponent(id)}/reports/${period}/history`),
  periods: () => get<{ filed: string[]; selectable: string[] }>("/api/periods"),
  ranking: (cohort: string, period: string, metric: string) =>
    get<Ranking>(`/api/rankings/${encodeURIComponent(cohort)}/${period}?metric=${encodeURIComponent(metric)}`),
};
