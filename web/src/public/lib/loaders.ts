// One loader per public page: it reads the index and the published files the page needs (nothing but
// /public/…), and hands the page plain data. A thing the index does not list is "not published".

import type { Methodology } from "../../../../shared/methodology/model";
import { comparePeriods, parsePeriod } from "../../../../shared/period";
import { latestBadgePaths, type TableFiles } from "../../../../shared/publication";
import { KNOWN_COHORTS } from "../../../../shared/units";
import { NotPublishedError, readIndex, readPublic } from "./files";
import type { Route } from "./router.svelte";
import type {
  AreaScore,
  Dictionary,
  MethodologyBoardFile,
  PublicIndex,
  RateBoardFile,
  SnapshotEntry,
  UnitFile,
} from "./types";

/** Newest period first; within a period the cohorts in the province's order. */
function newestFirst(a: SnapshotEntry, b: SnapshotEntry): number {
  const pa = parsePeriod(a.period);
  const pb = parsePeriod(b.period);
  const byPeriod = pa && pb ? comparePeriods(pb, pa) : b.period.localeCompare(a.period);
  const order = (cohort: string) => {
    const at = (KNOWN_COHORTS as readonly string[]).indexOf(cohort);
    return at < 0 ? KNOWN_COHORTS.length : at;
  };
  return byPeriod || order(a.cohort) - order(b.cohort) || a.cohort.localeCompare(b.cohort);
}

export const sortedEntries = (index: PublicIndex | null) => [...(index?.published ?? [])].sort(newestFirst);

export interface TableRef {
  readonly kind: "methodology" | "rate";
  readonly id: string;
  readonly files: TableFiles;
}

/** A snapshot's tables: its methodologies' leaderboards first, then the rates. */
export function tablesOf(entry: SnapshotEntry): TableRef[] {
  return [
    ...Object.entries(entry.files.leaderboards).map(([id, files]) => ({ kind: "methodology" as const, id, files })),
    ...Object.entries(entry.files.rates).map(([id, files]) => ({ kind: "rate" as const, id, files })),
  ];
}

/** The newest published document of each methodology (for its name, areas and rules). */
async function newestDocuments(entries: readonly SnapshotEntry[], signal: AbortSignal) {
  const paths = new Map<string, string>();
  for (const entry of entries) {
    for (const [id, path] of Object.entries(entry.files.methodologies)) if (!paths.has(id)) paths.set(id, path);
  }
  const documents = await Promise.all(
    [...paths].map(async ([id, path]) => [id, await readPublic<Methodology>(path, signal)] as const),
  );
  return new Map(documents);
}

export type MethodologyNames = ReadonlyMap<string, Methodology["name"]>;

export interface HomeData {
  readonly groups: readonly { readonly period: string; readonly entries: readonly SnapshotEntry[] }[];
  readonly names: MethodologyNames;
}

export async function loadHome(signal: AbortSignal): Promise<HomeData> {
  const entries = sortedEntries(await readIndex(signal));
  const groups: { period: string; entries: SnapshotEntry[] }[] = [];
  for (const entry of entries) {
    const last = groups.at(-1);
    if (last?.period === entry.period) last.entries.push(entry);
    else groups.push({ period: entry.period, entries: [entry] });
  }
  const documents = await newestDocuments(entries, signal);
  return { groups, names: new Map([...documents].map(([id, doc]) => [id, doc.name])) };
}

export type Board =
  | { readonly kind: "methodology"; readonly file: MethodologyBoardFile; readonly document: Methodology }
  | { readonly kind: "rate"; readonly file: RateBoardFile };

export interface BoardData {
  readonly entry: SnapshotEntry;
  readonly table: TableRef;
  readonly board: Board;
  /** The snapshot's other tables, and the cohort's other published periods of this table (newest first). */
  readonly tables: readonly TableRef[];
  readonly periods: readonly string[];
  readonly names: MethodologyNames;
}

export async function loadBoard(route: Extract<Route, { page: "board" }>, signal: AbortSignal): Promise<BoardData> {
  const entries = sortedEntries(await readIndex(signal));
  const entry = entries.find((candidate) => candidate.cohort === route.cohort && candidate.period === route.period);
  const tables = entry ? tablesOf(entry) : [];
  const table = tables.find((candidate) => candidate.id === route.table);
  if (!entry || !table) throw new NotPublishedError(`${route.cohort}/${route.period}/${route.table}`);
  const periods = entries
    .filter((other) => other.cohort === entry.cohort && tablesOf(other).some((ref) => ref.id === table.id))
    .map((other) => other.period);
  const documents = await newestDocuments([entry], signal);
  let board: Board;
  if (table.kind === "methodology") {
    const file = await readPublic<MethodologyBoardFile>(table.files.json, signal);
    const document = documents.get(table.id);
    if (!document) throw new NotPublishedError(table.id);
    board = { kind: "methodology", file, document };
  } else {
    board = { kind: "rate", file: await readPublic<RateBoardFile>(table.files.json, signal) };
  }
  return {
    entry,
    table,
    board,
    tables,
    periods,
    names: new Map([...documents].map(([id, doc]) => [id, doc.name])),
  };
}

export interface AreaAgainstAverage extends AreaScore {
  readonly label: Methodology["areas"][number]["label"];
  /** Mean of the ranked units' scores of the area (null when none is ranked). */
  readonly average: number | null;
}

export interface UnitData {
  /** The unit's published files, newest period first. */
  readonly history: readonly { readonly entry: SnapshotEntry; readonly file: UnitFile }[];
  readonly names: MethodologyNames;
  /** Per methodology of the newest period with indices: the unit's areas against the cohort's average. */
  readonly areas: readonly {
    readonly methodology: string;
    readonly period: string;
    readonly ranked: number;
    readonly rows: readonly AreaAgainstAverage[];
  }[];
  /** The latest badge and card (rewritten at each publishing that has them), when the unit has them. */
  readonly badge: { readonly svg: string; readonly card: string } | null;
  readonly parentPublished: boolean;
}

const mean = (values: readonly number[]) =>
  values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;

export async function loadUnit(route: Extract<Route, { page: "unit" }>, signal: AbortSignal): Promise<UnitData> {
  const entries = sortedEntries(await readIndex(signal));
  const mine = entries.filter((entry) => route.unitId in entry.files.units);
  if (mine.length === 0) throw new NotPublishedError(route.unitId);
  const history = await Promise.all(
    mine.map(async (entry) => ({
      entry,
      file: await readPublic<UnitFile>(entry.files.units[route.unitId] as string, signal),
    })),
  );
  const withIndices = history.find((item) => item.file.indices.length > 0);
  const documents = await newestDocuments(withIndices ? [withIndices.entry, ...mine] : mine, signal);
  const areas = withIndices
    ? await Promise.all(
        withIndices.file.indices.map(async (own) => {
          const files = withIndices.entry.files.leaderboards[own.methodology];
          const board = files ? await readPublic<MethodologyBoardFile>(files.json, signal) : null;
          const ranked = (board?.rows ?? []).filter((row) => row.rank !== null);
          const document = documents.get(own.methodology);
          return {
            methodology: own.methodology,
            period: withIndices.entry.period,
            ranked: ranked.length,
            rows: own.areas.map((area) => ({
              ...area,
              label: document?.areas.find((node) => node.id === area.id)?.label ?? { vi: area.id },
              average: mean(
                ranked.flatMap((row) => row.areas.filter((other) => other.id === area.id).map((other) => other.score)),
              ),
            })),
          };
        }),
      )
    : [];
  // A period without an index (a quarter's rates) has no badge and leaves the latest one as it was.
  const badge = mine.some((entry) => entry.files.badges?.[route.unitId]) ? latestBadgePaths(route.unitId) : null;
  const parent = history[0]?.file.unit.parent;
  return {
    history,
    names: new Map([...documents].map(([id, doc]) => [id, doc.name])),
    areas,
    badge,
    parentPublished: parent ? entries.some((entry) => parent.id in entry.files.units) : false,
  };
}

export interface MethodVersion {
  readonly version: string;
  readonly path: string;
  readonly uses: readonly { readonly cohort: string; readonly period: string }[];
}

export interface MethodsData {
  readonly methods: readonly {
    readonly id: string;
    readonly document: Methodology;
    readonly versions: readonly string[];
  }[];
}

/** The version of a document path (…/methodologies/<id>-<version>.json). */
function versionsOf(entries: readonly SnapshotEntry[], id: string): MethodVersion[] {
  const byVersion = new Map<string, { path: string; uses: { cohort: string; period: string }[] }>();
  for (const entry of entries) {
    const path = entry.files.methodologies[id];
    if (!path) continue;
    const file = decodeURIComponent(path.split("/").at(-1) ?? "");
    const version = file.slice(id.length + 1).replace(/\.json$/, "");
    const seen = byVersion.get(version) ?? { path, uses: [] };
    seen.uses.push({ cohort: entry.cohort, period: entry.period });
    byVersion.set(version, seen);
  }
  return [...byVersion].map(([version, seen]) => ({ version, ...seen }));
}

export async function loadMethods(signal: AbortSignal): Promise<MethodsData> {
  const entries = sortedEntries(await readIndex(signal));
  const documents = await newestDocuments(entries, signal);
  return {
    methods: [...documents].map(([id, document]) => ({
      id,
      document,
      versions: versionsOf(entries, id).map((version) => version.version),
    })),
  };
}

export interface MethodData {
  readonly document: Methodology;
  readonly versions: readonly MethodVersion[];
}

export async function loadMethod(route: Extract<Route, { page: "method" }>, signal: AbortSignal): Promise<MethodData> {
  const entries = sortedEntries(await readIndex(signal));
  const versions = versionsOf(entries, route.methodologyId);
  const chosen = route.version === null ? versions[0] : versions.find((item) => item.version === route.version);
  if (!chosen) throw new NotPublishedError(route.methodologyId);
  return { document: await readPublic<Methodology>(chosen.path, signal), versions };
}

export interface OpenData {
  readonly index: PublicIndex | null;
  readonly entries: readonly SnapshotEntry[];
  readonly dictionary: Dictionary | null;
  readonly dictionaryPath: string | null;
  readonly names: MethodologyNames;
}

export async function loadOpenData(signal: AbortSignal): Promise<OpenData> {
  const index = await readIndex(signal);
  const entries = sortedEntries(index);
  const [dictionary, documents] = await Promise.all([
    index ? readPublic<Dictionary>(index.dictionary, signal) : null,
    newestDocuments(entries, signal),
  ]);
  return {
    index,
    entries,
    dictionary,
    dictionaryPath: index?.dictionary ?? null,
    names: new Map([...documents].map(([id, doc]) => [id, doc.name])),
  };
}
