// Read models: the leaderboards, commitment matrices and filing lists stored precomputed, one item per
// row, so that a reader pays one Query. This module names them, says which stored item a change touches
// (the same answer for the local refresher and the cloud's DynamoDB Streams handler) and which read
// models a change makes stale. Pure: no I/O.

import { type Period, parsePeriod, previousPeriod } from "./period";
import { periodsToRead } from "./rollup";

export type ReadModelKey =
  /** Every rate's ranking of a cohort for a period (one row per unit carries all rates). */
  | { readonly kind: "rates"; readonly cohort: string; readonly period: string }
  /** A methodology's leaderboard of a cohort for a period. */
  | { readonly kind: "board"; readonly cohort: string; readonly period: string; readonly methodology: string }
  /** A cohort's commitments matrix of a year. */
  | { readonly kind: "matrix"; readonly cohort: string; readonly year: number }
  /** Who filed a cohort's month or quarter. */
  | { readonly kind: "filing"; readonly cohort: string; readonly period: string };

/** A read model's id: its kind first, so that one kind (or one methodology) lists by prefix. */
export function readModelId(key: ReadModelKey): string {
  switch (key.kind) {
    case "rates":
      return `rates#${key.cohort}#${key.period}`;
    case "board":
      return `board#${key.methodology}#${key.period}#${key.cohort}`;
    case "matrix":
      return `matrix#${key.cohort}#${key.year}`;
    case "filing":
      return `filing#${key.cohort}#${key.period}`;
  }
}

export function parseReadModelId(id: string): ReadModelKey | undefined {
  const [kind, a, b, c, extra] = id.split("#");
  if (extra !== undefined || !a || !b) return undefined;
  if (kind === "rates" && c === undefined) return { kind, cohort: a, period: b };
  if (kind === "filing" && c === undefined) return { kind, cohort: a, period: b };
  if (kind === "matrix" && c === undefined && /^\d{4}$/.test(b)) return { kind, cohort: a, year: Number(b) };
  if (kind === "board" && c) return { kind, methodology: a, period: b, cohort: c };
  return undefined;
}

/** The first year a read model is kept for: older periods are computed when asked, never stored. */
export const FIRST_STORED_YEAR = 2015;

/**
 * Whether a read model may be stored: a period from 2015 to next year. Anything else a caller can name
 * (the year 9999) is computed on request and not kept, so that requests cannot fill the table.
 */
export function isStorable(key: ReadModelKey, now: Date): boolean {
  const year = key.kind === "matrix" ? key.year : parsePeriod(key.period)?.year;
  return year !== undefined && year >= FIRST_STORED_YEAR && year <= now.getUTCFullYear() + 1;
}

/** What a write changed, in the terms read models depend on. */
export type SourceChange =
  | { readonly type: "report"; readonly unitId: string; readonly period: string }
  | { readonly type: "scores"; readonly methodology: string; readonly period: string }
  | { readonly type: "commitment"; readonly unitId: string; readonly year: number }
  | { readonly type: "survey"; readonly unitId: string; readonly period: string }
  | { readonly type: "calendar"; readonly cohort: string }
  /** A new methodology version: leaderboards without a result set show the latest valid one. */
  | { readonly type: "methodology"; readonly methodology: string }
  | { readonly type: "units" };

/**
 * The change a stored item stands for, from its keys (and, for scorecards, nothing more): undefined for
 * items no read model depends on (imports, audit entries, sessions, read models themselves).
 */
export function changeOfItem(item: { readonly pk?: unknown; readonly sk?: unknown }): SourceChange | undefined {
  if (typeof item.pk !== "string" || typeof item.sk !== "string") return undefined;
  const [pkKind, ...pkRest] = item.pk.split("#");
  const sk = item.sk.split("#");
  if (pkKind === "UNIT" && pkRest.length === 1) {
    const unitId = pkRest[0] as string;
    if (sk[0] === "PROFILE") return { type: "units" };
    if (sk[0] === "VERSION" && sk[1]) return { type: "report", unitId, period: sk[1] };
    if (sk[0] === "COMMITMENT" && sk[1] && /^\d{4}$/.test(sk[1]))
      return { type: "commitment", unitId, year: Number(sk[1]) };
    if (sk[0] === "SURVEY" && sk[2]) return { type: "survey", unitId, period: sk[2] };
    return undefined;
  }
  // SCORES#<methodology>#<version>#<period> / UNIT#… and RESULTSET#<methodology> / PERIOD#<period>
  if (pkKind === "SCORES" && pkRest.length === 3) {
    return { type: "scores", methodology: pkRest[0] as string, period: pkRest[2] as string };
  }
  if (pkKind === "RESULTSET" && pkRest.length === 1 && sk[0] === "PERIOD" && sk[1]) {
    return { type: "scores", methodology: pkRest[0] as string, period: sk[1] };
  }
  if (item.pk === "CALENDARS" && sk[0] === "COHORT" && sk[1]) return { type: "calendar", cohort: sk[1] };
  if (pkKind === "METHODOLOGY" && pkRest.length === 1) return { type: "methodology", methodology: pkRest[0] as string };
  return undefined;
}

/** A change with the cohort of the unit it is about (undefined: a unit no longer known — every cohort). */
export type ResolvedChange = SourceChange & { readonly cohort?: string };

/** Whether period `view` shows figures of `filed`: it is, or rolls up, that period. */
function reads(view: Period, filed: string): boolean {
  return periodsToRead(view).includes(filed);
}

/** Whether a period's figures, or its "change" column (the previous period), include `filed`. */
function showsPeriod(viewPeriod: string, filed: string): boolean {
  const view = parsePeriod(viewPeriod);
  return view !== undefined && (reads(view, filed) || reads(previousPeriod(view), filed));
}

/** Whether `change` makes the read model `key` stale. */
export function isAffected(key: ReadModelKey, change: ResolvedChange): boolean {
  const cohortMatches = (cohort: string) => change.cohort === undefined || change.cohort === cohort;
  switch (change.type) {
    case "units":
      return true;
    case "report": {
      if (!cohortMatches(key.cohort)) return false;
      const year = parsePeriod(change.period)?.year;
      if (key.kind === "rates") return showsPeriod(key.period, change.period);
      if (key.kind === "filing") return key.period === change.period;
      if (key.kind === "matrix") return key.year === year;
      return false;
    }
    case "scores": {
      if (key.kind === "board") return key.methodology === change.methodology && showsPeriod(key.period, change.period);
      // Index and rank commitments read the methodology's yearly leaderboards of the year and the one before.
      const year = parsePeriod(change.period)?.year;
      return key.kind === "matrix" && year !== undefined && (key.year === year || key.year === year + 1);
    }
    case "commitment":
      return key.kind === "matrix" && key.year === change.year && cohortMatches(key.cohort);
    case "survey":
      return key.kind === "matrix" && key.year === parsePeriod(change.period)?.year && cohortMatches(key.cohort);
    case "calendar":
      return (key.kind === "filing" || key.kind === "matrix") && key.cohort === change.cohort;
    case "methodology":
      return key.kind === "board" && key.methodology === change.methodology;
  }
}

/** Changes that say the same thing once (an import of 3,321 rows touches a period once per unit). */
export function distinctChanges(changes: readonly SourceChange[]): SourceChange[] {
  const seen = new Map<string, SourceChange>();
  for (const change of changes) seen.set(JSON.stringify(change), change);
  return [...seen.values()];
}

/** Where a row sits in its read model's key: its ancestors from the root, so a parent's rows share a prefix. */
export function rowPath(ancestors: readonly string[], unitId: string): string {
  return [...ancestors, unitId].join("/");
}

/** The key prefix of the rows below `parentPath` (the parent's own row path). */
export function belowPrefix(parentPath: string): string {
  return `${parentPath}/`;
}
