// What the public may see of a cohort's period, as static files: leaderboards of each methodology and of
// the main rates, one profile per unit, and the methodology documents used. Built from plain data and
// nothing else: no user names, no e-mails, no signatories, and no figure of a period that is not
// published (a change column needs the previous period published too).

import { badgeCard, badgeSvg } from "./badge";
import { periodLabel } from "./i18n/labels";
import type { LeaderboardRow } from "./leaderboard";
import type { Methodology } from "./methodology/model";
import { LICENCE, leaderboardTable, rateTable, type Table, tableCsv } from "./open-data";
import type { Ranking } from "./ranking";
import type { Unit } from "./units";

export const PUBLIC_PREFIX = "public";
export const PUBLIC_INDEX = `${PUBLIC_PREFIX}/index.json`;
export const PUBLIC_DICTIONARY = `${PUBLIC_PREFIX}/v1/dictionary.json`;
export const PUBLIC_SCHEMA = "parwatch-public/1";

export interface MethodologyBoard {
  readonly methodology: Methodology;
  readonly rows: readonly LeaderboardRow[];
}

/** A unit's commitment as the public may see it: the terms and how it stands, no signatory or editor. */
export interface PublicCommitment {
  readonly measure: string;
  readonly name: { readonly vi: string; readonly en: string };
  readonly target: { readonly vi: string; readonly en: string };
  readonly status: string;
  readonly statusName: { readonly vi: string; readonly en: string };
  readonly reason: { readonly vi: string; readonly en: string };
  readonly actual: number | null;
  /** The terms changed after they were first recorded (when). */
  readonly amendedOn?: string;
}

export interface SnapshotInput {
  readonly snapshotId: string;
  readonly cohort: string;
  readonly period: string;
  readonly previousPeriod: string;
  /** Whether the previous period's results are public: only then is a change shown. */
  readonly previousPublished: boolean;
  readonly publishedAt: string;
  readonly units: readonly Unit[];
  readonly boards: readonly MethodologyBoard[];
  readonly rankings: readonly Ranking[];
  /** The year's commitments of each unit, evaluated as the period is published. */
  readonly commitments?: { readonly year: number; readonly byUnit: ReadonlyMap<string, readonly PublicCommitment[]> };
}

/** A table's three forms: JSON (the rows with their meaning), CSV and XLSX (the same columns). */
export interface TableFiles {
  readonly json: string;
  readonly csv: string;
  readonly xlsx: string;
}

export interface SnapshotEntry {
  readonly cohort: string;
  readonly period: string;
  readonly snapshotId: string;
  readonly publishedAt: string;
  /** Paths (below /) of the snapshot's files. */
  readonly files: {
    readonly manifest: string;
    readonly leaderboards: Readonly<Record<string, TableFiles>>;
    readonly rates: Readonly<Record<string, TableFiles>>;
    readonly units: Readonly<Record<string, string>>;
    readonly methodologies: Readonly<Record<string, string>>;
    /**
     * The units with a badge (SVG) and card (HTML) for this period, at their latest paths: badges are
     * the one thing rewritten in place, when a newer period of the cohort is published.
     */
    readonly badges: Readonly<Record<string, { readonly svg: string; readonly card: string }>>;
  };
}

export interface SnapshotFile {
  readonly body: string;
  readonly contentType: string;
}

export interface Snapshot {
  readonly entry: SnapshotEntry;
  /** Object key → JSON, CSV, SVG or HTML text. */
  readonly files: ReadonlyMap<string, SnapshotFile>;
  /** Object key → a table to write as XLSX (the writer lives with the adapters). */
  readonly sheets: ReadonlyMap<string, { readonly name: string; readonly table: Table }>;
  /** The units' latest badge and card files: written only when this is the cohort's newest period. */
  readonly badgeFiles: ReadonlyMap<string, SnapshotFile>;
}

export const CONTENT_TYPES = {
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  svg: "image/svg+xml; charset=utf-8",
  html: "text/html; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/** Snapshot files never change (a new snapshot gets new keys); the index and the latest badges move. */
export const CACHE = {
  immutable: "public, max-age=31536000, immutable",
  pointer: "public, max-age=60",
} as const;

const json = (value: unknown): SnapshotFile => ({ body: JSON.stringify(value), contentType: CONTENT_TYPES.json });

/** Where a unit's latest badge and card stay (rewritten when a newer period of its cohort is published). */
export function latestBadgePaths(unitId: string) {
  return {
    svg: `${PUBLIC_PREFIX}/v1/badges/${encodeURIComponent(unitId)}.svg`,
    card: `${PUBLIC_PREFIX}/v1/cards/${encodeURIComponent(unitId)}.html`,
  };
}

/** The public profile page of a unit (the badge links there). */
export const profilePath = (unitId: string) => `/cong-khai/don-vi/${encodeURIComponent(unitId)}`;

const safe = (id: string) => encodeURIComponent(id);

export function snapshotBase(cohort: string, period: string, snapshotId: string): string {
  return `${PUBLIC_PREFIX}/v1/${safe(cohort)}/${safe(period)}/${safe(snapshotId)}`;
}

function publicRow(row: LeaderboardRow, withChange: boolean) {
  return {
    rank: row.rank,
    unitId: row.unitId,
    name: row.name,
    index: row.index,
    band: row.band ? { id: row.band.id, label: row.band.label } : null,
    areas: row.areas,
    complete: row.complete,
    ...(withChange ? { change: row.change, rankChange: row.rankChange, previousIndex: row.previousIndex } : {}),
  };
}

export function buildSnapshot(input: SnapshotInput): Snapshot {
  const base = snapshotBase(input.cohort, input.period, input.snapshotId);
  const files = new Map<string, SnapshotFile>();
  const sheets = new Map<string, { name: string; table: Table }>();
  const withChange = input.previousPublished;
  const meta = {
    schema: PUBLIC_SCHEMA,
    cohort: input.cohort,
    period: input.period,
    comparedWith: withChange ? input.previousPeriod : null,
    publishedAt: input.publishedAt,
    snapshotId: input.snapshotId,
    licence: LICENCE,
  };
  /** Writes a table as JSON (with `rows`), CSV and XLSX beside each other. */
  const table = (path: string, name: string, value: Record<string, unknown>, flat: Table): TableFiles => {
    const paths = { json: `${path}.json`, csv: `${path}.csv`, xlsx: `${path}.xlsx` };
    files.set(paths.json, json({ ...meta, ...value, columns: flat.columns.map((column) => column.id) }));
    files.set(paths.csv, { body: tableCsv(flat), contentType: CONTENT_TYPES.csv });
    sheets.set(paths.xlsx, { name, table: flat });
    return paths;
  };
  const leaderboards: Record<string, TableFiles> = {};
  const methodologies: Record<string, string> = {};
  for (const board of input.boards) {
    const { methodology } = board;
    const documentPath = `${base}/methodologies/${safe(methodology.id)}-${safe(methodology.version)}.json`;
    methodologies[methodology.id] = documentPath;
    files.set(documentPath, json(methodology));
    leaderboards[methodology.id] = table(
      `${base}/leaderboards/${safe(methodology.id)}`,
      methodology.id,
      {
        methodology: {
          id: methodology.id,
          version: methodology.version,
          name: methodology.name,
          bands: methodology.bands,
        },
        rows: board.rows.map((row) => publicRow(row, withChange)),
      },
      leaderboardTable(methodology, board.rows, withChange),
    );
  }
  const rates: Record<string, TableFiles> = {};
  for (const ranking of input.rankings) {
    rates[ranking.metric] = table(
      `${base}/rates/${safe(ranking.metric)}`,
      ranking.metric,
      {
        rate: ranking.metric,
        better: ranking.better,
        rows: ranking.rows.map((row) => ({
          rank: row.rank,
          unitId: row.unitId,
          name: row.name,
          value: row.value,
          ...(withChange ? { change: row.change, rankChange: row.rankChange } : {}),
        })),
      },
      rateTable(ranking, withChange),
    );
  }
  const byId = new Map(input.units.map((unit) => [unit.id, unit]));
  const units: Record<string, string> = {};
  const badges: Record<string, { svg: string; card: string }> = {};
  const badgeFiles = new Map<string, SnapshotFile>();
  // The badge shows the cohort's PAR-style index when it has one, else its first methodology.
  const badgeBoard = input.boards.find((board) => board.methodology.id.startsWith("par-")) ?? input.boards[0];
  for (const unit of input.units) {
    const path = `${base}/units/${safe(unit.id)}.json`;
    units[unit.id] = path;
    const parent = unit.parentId ? byId.get(unit.parentId) : undefined;
    files.set(
      path,
      json({
        ...meta,
        unit: {
          id: unit.id,
          name: unit.name,
          cohort: unit.cohort,
          parent: parent ? { id: parent.id, name: parent.name } : null,
        },
        indices: input.boards.flatMap(({ methodology, rows }) => {
          const row = rows.find((candidate) => candidate.unitId === unit.id);
          return row ? [{ methodology: methodology.id, of: rankedCount(rows), ...publicRow(row, withChange) }] : [];
        }),
        rates: input.rankings.flatMap((ranking) => {
          const row = ranking.rows.find((candidate) => candidate.unitId === unit.id);
          return row ? [{ rate: ranking.metric, rank: row.rank, value: row.value, of: rankedCount(ranking.rows) }] : [];
        }),
        ...(input.commitments
          ? { commitments: { year: input.commitments.year, items: input.commitments.byUnit.get(unit.id) ?? [] } }
          : {}),
      }),
    );
    const row = badgeBoard?.rows.find((candidate) => candidate.unitId === unit.id);
    if (badgeBoard && row) {
      const facts = {
        unitName: unit.name,
        methodologyName: badgeBoard.methodology.name.vi,
        periodLabel: periodLabel("vi", input.period),
        index: row.index,
        rank: row.rank,
        of: rankedCount(badgeBoard.rows),
        band: row.band?.label.vi ?? null,
        profileUrl: profilePath(unit.id),
      };
      const badge = latestBadgePaths(unit.id);
      badges[unit.id] = badge;
      badgeFiles.set(badge.svg, { body: badgeSvg(facts), contentType: CONTENT_TYPES.svg });
      badgeFiles.set(badge.card, { body: badgeCard(facts), contentType: CONTENT_TYPES.html });
    }
  }
  const manifest = `${base}/manifest.json`;
  const entry: SnapshotEntry = {
    cohort: input.cohort,
    period: input.period,
    snapshotId: input.snapshotId,
    publishedAt: input.publishedAt,
    files: { manifest, leaderboards, rates, units, methodologies, badges },
  };
  files.set(manifest, json({ ...meta, files: entry.files }));
  return { entry, files, sheets, badgeFiles };
}

const rankedCount = (rows: readonly { rank: number | null }[]) => rows.filter((row) => row.rank !== null).length;

/** /public/index.json: every published cohort-period and its files, newest period first. */
export function buildIndex(entries: readonly SnapshotEntry[], generatedAt: string) {
  return {
    schema: PUBLIC_SCHEMA,
    generatedAt,
    licence: LICENCE,
    dictionary: PUBLIC_DICTIONARY,
    published: [...entries].sort((a, b) => b.period.localeCompare(a.period) || a.cohort.localeCompare(b.cohort)),
  };
}
