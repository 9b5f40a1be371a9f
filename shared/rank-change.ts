// Why an index moved: a unit's index change against the previous period split into what each area (and,
// within an area, each criterion) added or took away. index = Σ area scores ÷ max × 100, so an area's
// part is its score's share of the maximum now minus then — the parts sum exactly to the change, even
// across methodology versions with other maxima. Rounded parts are adjusted (largest remainder) so that
// the figures shown also add up to the rounded change.

import type { NodeScore, Scorecard } from "./methodology/engine";

export interface Contribution {
  readonly id: string;
  /** Index points, exact. */
  readonly delta: number;
  /** Index points rounded to 0.01 so that the rounded parts add up to the rounded change. */
  readonly shown: number;
}

export interface IndexChange {
  readonly indexChange: number;
  readonly contributions: readonly Contribution[];
}

const share = (score: number, max: number) => (max > 0 ? (score / max) * 100 : 0);

/** Rounds each value to cents so that their sum is the rounded total (largest remainder method). */
export function roundToTotal(values: readonly number[], total: number): number[] {
  const cents = values.map((value) => value * 100);
  const floors = cents.map(Math.floor);
  let missing = Math.round(total * 100) - floors.reduce((sum, value) => sum + value, 0);
  const order = cents.map((value, i) => ({ i, rest: value - (floors[i] as number) })).sort((a, b) => b.rest - a.rest);
  const result = [...floors];
  for (let k = 0; missing > 0 && order.length > 0; k = (k + 1) % order.length, missing--) {
    const at = (order[k] as { i: number }).i;
    result[at] = (result[at] as number) + 1;
  }
  for (
    let k = order.length - 1;
    missing < 0 && order.length > 0;
    k = (k - 1 + order.length) % order.length, missing++
  ) {
    const at = (order[k] as { i: number }).i;
    result[at] = (result[at] as number) - 1;
  }
  return result.map((value) => value / 100);
}

function split(
  current: readonly NodeScore[],
  currentMax: number,
  previous: readonly NodeScore[],
  previousMax: number,
): { id: string; delta: number }[] {
  const ids = [...new Set([...current.map((node) => node.id), ...previous.map((node) => node.id)])];
  return ids.map((id) => {
    const now = current.find((node) => node.id === id)?.score ?? 0;
    const then = previous.find((node) => node.id === id)?.score ?? 0;
    return { id, delta: share(now, currentMax) - share(then, previousMax) };
  });
}

function withShown(parts: { id: string; delta: number }[], change: number): IndexChange {
  const shown = roundToTotal(
    parts.map((part) => part.delta),
    change,
  );
  return { indexChange: change, contributions: parts.map((part, i) => ({ ...part, shown: shown[i] as number })) };
}

/** The change split into areas. Both scorecards must have an index. */
export function explainIndexChange(current: Scorecard, previous: Scorecard): IndexChange | undefined {
  if (current.index === null || previous.index === null) return undefined;
  return withShown(split(current.areas, current.max, previous.areas, previous.max), current.index - previous.index);
}

/** One click further: an area's part split into its criteria (their scores' shares of the whole maximum). */
export function explainArea(current: Scorecard, previous: Scorecard, areaId: string): IndexChange | undefined {
  const now = current.areas.find((area) => area.id === areaId);
  const then = previous.areas.find((area) => area.id === areaId);
  if (!now && !then) return undefined;
  const parts = split(now?.children ?? [], current.max, then?.children ?? [], previous.max);
  const change = share(now?.score ?? 0, current.max) - share(then?.score ?? 0, previous.max);
  return withShown(parts, change);
}

/**
 * A rate's change split into its two causes: Δ(N/D) = (N₁ − N₀)/D₁ (more or fewer in the numerator)
 * + N₀ (1/D₁ − 1/D₀) (a larger or smaller denominator); in percentage points, summing exactly.
 */
export function explainRateChange(
  now: { numerator: number; denominator: number },
  before: { numerator: number; denominator: number },
): { change: number; numeratorEffect: number; denominatorEffect: number } | undefined {
  if (now.denominator === 0 || before.denominator === 0) return undefined;
  const numeratorEffect = ((now.numerator - before.numerator) / now.denominator) * 100;
  const denominatorEffect = before.numerator * (1 / now.denominator - 1 / before.denominator) * 100;
  return {
    change: (now.numerator / now.denominator - before.numerator / before.denominator) * 100,
    numeratorEffect,
    denominatorEffect,
  };
}
