// What the public may see of a cohort's period, as static files: leaderboards of each methodology and of
// the main rates, one profile per unit, and the methodology documents used. Built from plain data and
// nothing else: no user names, no e-mails, no signatories, and no figure of a period that is not
// published (a change column needs the previous period published too).

import type { LeaderboardRow } from "./leaderboard";
import type { Methodology } from "./methodology/model";
import type { Ranking } from "./ranking";
import type { Unit } from "./units";

export const PUBLIC_PREFIX = "public";
export const PUBLIC_INDEX = `${PUBLIC_PREFIX}/index.json`;
export const PUBLIC_SCHEMA = "parwatch-public/1";

export interface MethodologyBoard {
  readonly methodology: Methodology;
  readonly rows: readonly LeaderboardRow[];
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
}

export interface SnapshotEntry {
  readonly cohort: string;
  readonly period: string;
  readonly snapshotId: string;
  readonly publishedAt: string;
  /** Paths (below /) of the snapshot's files. */
  readonly files: {
    readonly manifest: string;
    readonly leaderboards: Readonly<Record<string, string>>;
    readonly rates: Readonly<Record<string, string>>;
    readonly units: Readonly<Record<string, string>>;
    readonly methodologies: Readonly<Record<string, string>>;
  };
}

export interface Snapshot {
  readonly entry: SnapshotEntry;
  /** Object key → JSON value. */
  readonly files: ReadonlyMap<string, unknown>;
}

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
  const files = new Map<string, unknown>();
  const withChange = input.previousPublished;
  const meta = {
    schema: PUBLIC_SCHEMA,
    cohort: input.cohort,
    period: input.period,
    comparedWith: withChange ? input.previousPeriod : null,
    publishedAt: input.publishedAt,
    snapshotId: input.snapshotId,
  };
  const leaderboards: Record<string, string> = {};
  const methodologies: Record<string, string> = {};
  for (const board of input.boards) {
    const { methodology } = board;
    const path = `${base}/leaderboards/${safe(methodology.id)}.json`;
    leaderboards[methodology.id] = path;
    const documentPath = `${base}/methodologies/${safe(methodology.id)}-${safe(methodology.version)}.json`;
    methodologies[methodology.id] = documentPath;
    files.set(documentPath, methodology);
    files.set(path, {
      ...meta,
      methodology: {
        id: methodology.id,
        version: methodology.version,
        name: methodology.name,
        bands: methodology.bands,
      },
      rows: board.rows.map((row) => publicRow(row, withChange)),
    });
  }
  const rates: Record<string, string> = {};
  for (const ranking of input.rankings) {
    const path = `${base}/rates/${safe(ranking.metric)}.json`;
    rates[ranking.metric] = path;
    files.set(path, {
      ...meta,
      rate: ranking.metric,
      better: ranking.better,
      rows: ranking.rows.map((row) => ({
        rank: row.rank,
        unitId: row.unitId,
        name: row.name,
        value: row.value,
        ...(withChange ? { change: row.change, rankChange: row.rankChange } : {}),
      })),
    });
  }
  const byId = new Map(input.units.map((unit) => [unit.id, unit]));
  const units: Record<string, string> = {};
  for (const unit of input.units) {
    const path = `${base}/units/${safe(unit.id)}.json`;
    units[unit.id] = path;
    const parent = unit.parentId ? byId.get(unit.parentId) : undefined;
    files.set(path, {
      ...meta,
      unit: {
        id: unit.id,
        name: unit.name,
        cohort: unit.cohort,
        parent: parent ? { id: parent.id, name: parent.name } : null,
      },
      indices: input.boards.flatMap(({ methodology, rows }) => {
        const row = rows.find((candidate) => candidate.unitId === unit.id);
        return row
          ? [
              {
                methodology: methodology.id,
                of: rows.filter((r) => r.rank !== null).length,
                ...publicRow(row, withChange),
              },
            ]
          : [];
      }),
      rates: input.rankings.flatMap((ranking) => {
        const row = ranking.rows.find((candidate) => candidate.unitId === unit.id);
        return row
          ? [
              {
                rate: ranking.metric,
                rank: row.rank,
                value: row.value,
                of: ranking.rows.filter((r) => r.rank !== null).length,
              },
            ]
          : [];
      }),
    });
  }
  const manifest = `${base}/manifest.json`;
  const entry: SnapshotEntry = {
    cohort: input.cohort,
    period: input.period,
    snapshotId: input.snapshotId,
    publishedAt: input.publishedAt,
    files: { manifest, leaderboards, rates, units, methodologies },
  };
  files.set(manifest, { ...meta, files: entry.files });
  return { entry, files };
}

/** /public/index.json: every published cohort-period and its files, newest period first. */
export function buildIndex(entries: readonly SnapshotEntry[], generatedAt: string) {
  return {
    schema: PUBLIC_SCHEMA,
    generatedAt,
    published: [...entries].sort((a, b) => b.period.localeCompare(a.period) || a.cohort.localeCompare(b.cohort)),
  };
}
