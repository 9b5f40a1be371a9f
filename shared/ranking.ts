// Ranking within a cohort: best value first, ties share a rank (1, 2, 2, 4), units without a value
// come last without a rank, and the order of ties is stable (by name). Change is measured against
// the previous period's ranking of the same cohort.

export interface RankInput {
  readonly unitId: string;
  readonly name: string;
  readonly value: number | null;
}

export interface Ranked extends RankInput {
  /** null when the unit has no value for the period. */
  readonly rank: number | null;
}

export interface RankedWithChange extends Ranked {
  readonly previousValue: number | null;
  readonly previousRank: number | null;
  /** value − previous value, in the measure's own units (percentage points for rates). */
  readonly change: number | null;
  /** previous rank − rank: positive means the unit moved up. */
  readonly rankChange: number | null;
}

export type Direction = "higher" | "lower";

const collator = new Intl.Collator("vi");
// Rates come from different counts; values closer than this are the same figure for a ranking.
const TIE_TOLERANCE = 1e-9;

export function rank(rows: readonly RankInput[], better: Direction = "higher"): Ranked[] {
  const sign = better === "higher" ? -1 : 1;
  const withValue = rows.filter((row) => row.value !== null && Number.isFinite(row.value));
  const without = rows.filter((row) => row.value === null || !Number.isFinite(row.value));
  const byName = (a: RankInput, b: RankInput) =>
    collator.compare(a.name, b.name) || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0);
  withValue.sort((a, b) => {
    const diff = sign * ((a.value as number) - (b.value as number));
    return Math.abs(diff) > TIE_TOLERANCE ? diff : byName(a, b);
  });
  const ranked: Ranked[] = [];
  withValue.forEach((row, position) => {
    const before = ranked[position - 1];
    const tied = before && Math.abs((before.value as number) - (row.value as number)) <= TIE_TOLERANCE;
    ranked.push({ ...row, rank: tied ? before.rank : position + 1 });
  });
  return [...ranked, ...without.sort(byName).map((row) => ({ ...row, rank: null }))];
}

/** Ranks the current rows and sets each unit's change against its previous ranking. */
export function rankWithChange(
  current: readonly RankInput[],
  previous: readonly RankInput[],
  better: Direction = "higher",
): RankedWithChange[] {
  const before = new Map(rank(previous, better).map((row) => [row.unitId, row]));
  return rank(current, better).map((row) => {
    const old = before.get(row.unitId);
    const previousValue = old?.value ?? null;
    const previousRank = old?.rank ?? null;
    return {
      ...row,
      previousValue,
      previousRank,
      change: row.value !== null && previousValue !== null ? row.value - previousValue : null,
      rankChange: row.rank !== null && previousRank !== null ? previousRank - row.rank : null,
    };
  });
}

export interface RankingRow extends RankedWithChange {
  /** Component periods not filed: the unit is listed without a rank until they are. */
  readonly missing: readonly string[];
  /** Filed, but without these figures the rate needs (metric ids). */
  readonly missingInputs: readonly string[];
}

/** A cohort's leaderboard on one measure for one period (the API's answer, the dashboard's input). */
export interface Ranking {
  readonly cohort: string;
  readonly period: string;
  readonly previousPeriod: string;
  readonly metric: string;
  readonly better: Direction;
  readonly rows: RankingRow[];
}
