// A methodology leaderboard: scorecards of one cohort ranked by index (ties share a rank), with band,
// area scores, change against the previous period, the most improved and the bottom of the table.

import type { Scorecard } from "./methodology/engine";
import type { Band } from "./methodology/model";
import { rankWithChange } from "./ranking";

export interface ScoredUnit {
  readonly unitId: string;
  readonly name: string;
  /** null when the unit has no scorecard for the period. */
  readonly scorecard: Scorecard | null;
}

export interface LeaderboardRow {
  readonly rank: number | null;
  readonly unitId: string;
  readonly name: string;
  readonly index: number | null;
  readonly band: Band | null;
  readonly areas: readonly { readonly id: string; readonly score: number; readonly max: number }[];
  readonly complete: boolean;
  readonly missing: number;
  readonly previousIndex: number | null;
  readonly change: number | null;
  readonly previousRank: number | null;
  readonly rankChange: number | null;
}

/** Only complete scorecards are ranked; an incomplete one is listed, unranked, with what it lacks. */
const rankedIndex = (unit: ScoredUnit) => (unit.scorecard?.complete ? unit.scorecard.index : null);

export function buildLeaderboard(current: readonly ScoredUnit[], previous: readonly ScoredUnit[]): LeaderboardRow[] {
  const cards = new Map(current.map((unit) => [unit.unitId, unit.scorecard]));
  const ranked = rankWithChange(
    current.map((unit) => ({ unitId: unit.unitId, name: unit.name, value: rankedIndex(unit) })),
    previous.map((unit) => ({ unitId: unit.unitId, name: unit.name, value: rankedIndex(unit) })),
  );
  return ranked.map((row) => {
    const card = cards.get(row.unitId) ?? null;
    return {
      rank: row.rank,
      unitId: row.unitId,
      name: row.name,
      index: card?.index ?? null,
      band: card?.complete ? card.band : null,
      areas: (card?.areas ?? []).map((area) => ({ id: area.id, score: area.score, max: area.max })),
      complete: card?.complete ?? false,
      missing: card ? card.missing.length : 0,
      previousIndex: row.previousValue,
      change: row.change,
      previousRank: row.previousRank,
      rankChange: row.rankChange,
    };
  });
}

/** The units whose index rose the most (ties by rank), at most n, only those that did rise. */
export function mostImproved(rows: readonly LeaderboardRow[], n = 5): LeaderboardRow[] {
  return rows
    .filter((row) => row.change !== null && row.change > 0)
    .sort((a, b) => (b.change as number) - (a.change as number) || (a.rank ?? 0) - (b.rank ?? 0))
    .slice(0, n);
}

/** The last n ranked units, worst last. */
export function bottom(rows: readonly LeaderboardRow[], n = 5): LeaderboardRow[] {
  return rows.filter((row) => row.rank !== null).slice(-n);
}
