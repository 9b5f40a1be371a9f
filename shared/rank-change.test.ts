import { describe, expect, it } from "vitest";
import type { NodeScore, Scorecard } from "./methodology/engine";
import { explainArea, explainIndexChange, explainRateChange, roundToTotal } from "./rank-change";

const node = (id: string, score: number, max: number, children?: NodeScore[]): NodeScore => ({
  id,
  max,
  score,
  deducted: 0,
  complete: true,
  ...(children ? { children } : {}),
});
const card = (max: number, areas: NodeScore[]): Scorecard => {
  const total = areas.reduce((sum, area) => sum + area.score, 0);
  return {
    methodologyId: "m",
    methodologyVersion: "1",
    max,
    total,
    index: (total / max) * 100,
    band: null,
    surveyIncluded: true,
    complete: true,
    missing: [],
    areas,
  };
};

describe("explainIndexChange", () => {
  it("splits the change into areas, summing exactly, checked by hand", () => {
    // Max 100: area 1 from 8 to 9 (+1), area 3 from 14 to 11.9 (−2.1); index 80 → 78.9 (−1.1).
    const before = card(100, [node("1", 8, 10), node("3", 14, 14.5), node("7", 58, 75.5)]);
    const now = card(100, [node("1", 9, 10), node("3", 11.9, 14.5), node("7", 58, 75.5)]);
    const explained = explainIndexChange(now, before);
    expect(explained?.indexChange).toBeCloseTo(-1.1, 10);
    expect(explained?.contributions.map((c) => [c.id, Number(c.delta.toFixed(10))])).toEqual([
      ["1", 1],
      ["3", -2.1],
      ["7", 0],
    ]);
    const sum = explained?.contributions.reduce((total, c) => total + c.delta, 0) ?? 0;
    expect(sum).toBeCloseTo(explained?.indexChange ?? 0, 10);
  });

  it("sums exactly across versions with other maxima, and areas that exist on one side only", () => {
    const before = card(90, [node("1", 30, 40), node("2", 45, 50)]);
    const now = card(100, [node("1", 32, 40), node("2", 44, 50), node("3", 8, 10)]);
    const explained = explainIndexChange(now, before);
    const sum = explained?.contributions.reduce((total, c) => total + c.delta, 0) ?? 0;
    expect(sum).toBeCloseTo((84 / 100 - 75 / 90) * 100, 10);
    expect(explained?.contributions.find((c) => c.id === "3")?.delta).toBeCloseTo(8, 10);
  });

  it("rounds the parts so the shown figures add up to the shown change", () => {
    const before = card(3, [node("a", 1, 1), node("b", 1, 1), node("c", 1, 1)]);
    const now = card(3, [node("a", 0, 1), node("b", 0, 1), node("c", 0, 1)]);
    const explained = explainIndexChange(now, before);
    const shown = explained?.contributions.map((c) => c.shown) ?? [];
    expect(Math.round(shown.reduce((a, b) => a + b, 0) * 100)).toBe(-10000);
    expect(shown.sort((a, b) => a - b)).toEqual([-33.34, -33.33, -33.33]);
  });

  it("goes one click further into an area's criteria", () => {
    const before = card(100, [node("3", 14, 14.5, [node("3.1", 7, 7), node("3.2", 7, 7.5)])]);
    const now = card(100, [node("3", 11.9, 14.5, [node("3.1", 4.9, 7), node("3.2", 7, 7.5)])]);
    const explained = explainArea(now, before, "3");
    expect(explained?.indexChange).toBeCloseTo(-2.1, 10);
    expect(explained?.contributions.map((c) => [c.id, c.shown])).toEqual([
      ["3.1", -2.1],
      ["3.2", 0],
    ]);
  });
});

describe("explainRateChange", () => {
  it("splits a rate's change into the numerator's and the denominator's part, summing exactly", () => {
    // 90/100 → 95/110: +5 on time, +10 applications.
    const explained = explainRateChange({ numerator: 95, denominator: 110 }, { numerator: 90, denominator: 100 });
    expect(explained?.numeratorEffect).toBeCloseTo((5 / 110) * 100, 10);
    expect(explained?.denominatorEffect).toBeCloseTo(90 * (1 / 110 - 1 / 100) * 100, 10);
    expect((explained?.numeratorEffect ?? 0) + (explained?.denominatorEffect ?? 0)).toBeCloseTo(
      explained?.change ?? 0,
      10,
    );
  });
});

describe("roundToTotal", () => {
  it("keeps the rounded sum", () => {
    expect(roundToTotal([0.333, 0.333, 0.334], 1)).toEqual([0.33, 0.33, 0.34]);
    // −100.5 and 200.4 cents floor to −101 and 200 (99); the total 99.9 rounds to 100: +1 to the larger remainder.
    expect(roundToTotal([-1.005, 2.004], 0.999)).toEqual([-1, 2]);
  });
});
