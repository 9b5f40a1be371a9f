// Typed calls to the ParWatch API; errors carry the API's localized message.

import type { PeriodFigures } from "../../../shared/figures";
import type { LeaderboardRow } from "../../../shared/leaderboard";
import type { Methodology } from "../../../shared/methodology/model";
import type { Ranking } from "../../../shared/ranking";
import type { ReportVersion } from "../../../shared/report";
import type { Unit, UnitNode } from "../../../shared/units";
import { locale } from "./i18n.svelte";

export class ApiError extends Error {}

async function get<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { "accept-language": locale.lang } });
  const body = await response.json().catch(() => undefined);
  if (!response.ok) {
    const messages = (body?.errors as { message: string }[] | undefined)?.map((error) => error.message);
    throw new ApiError(messages?.join(" ") || `HTTP ${response.status}`);
  }
  return body as T;
}

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

export const api = {
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
