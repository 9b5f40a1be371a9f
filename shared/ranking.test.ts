import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Ranked, type RankInput, rank, rankWithChange } from "./ranking";

const row = (unitId: string, value: number | null, name = unitId): RankInput => ({ unitId, name, value });

describe("rank", () => {
  it("gives ties the same rank and skips the next ranks (1, 2, 2, 4)", () => {
    const ranked = rank([row("a", 90), row("b", 95), row("c", 90), row("d", 80)]);
    expect(ranked.map((r) => [r.unitId, r.rank])).toEqual([
      ["b", 1],
      ["a", 2],
      ["c", 2],
      ["d", 4],
    ]);
  });

  it("orders ties by Vietnamese name so the display is stable", () => {
    const ranked = rank([row("1", 50, "Xã Đông Hòa"), row("2", 50, "Xã Bình An"), row("3", 50, "Xã Ân Thi")]);
    expect(ranked.map((r) => r.name)).toEqual(["Xã Ân Thi", "Xã Bình An", "Xã Đông Hòa"]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 1, 1]);
  });

  it("treats rates from different counts as tied when they are the same figure", () => {
    const ranked = rank([row("a", (1 * 100) / 3), row("b", (2 * 100) / 6), row("c", (3 * 100) / 9)]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 1, 1]);
  });

  it("puts units without a value last, unranked", () => {
    const ranked = rank([row("a", null), row("b", 10), row("c", Number.NaN)]);
    expect(ranked.map((r) => [r.unitId, r.rank])).toEqual([
      ["b", 1],
      ["a", null],
      ["c", null],
    ]);
  });

  it("ranks the lowest first when lower is better", () => {
    expect(rank([row("a", 5), row("b", 1)], "lower").map((r) => r.unitId)).toEqual(["b", "a"]);
  });
});

describe("rank invariants", () => {
  const rows = fc.uniqueArray(
    fc.record({
      unitId: fc.string({ minLength: 1, maxLength: 6 }),
      value: fc.option(fc.integer({ min: 0, max: 100 })),
    }),
    { selector: (r) => r.unitId, maxLength: 40 },
  );
  const inputs = (list: { unitId: string; value: number | null }[]) => list.map((r) => row(r.unitId, r.value));

  it("ranks are consistent with the order and equal values share a rank", () => {
    fc.assert(
      fc.property(rows, (list) => {
        const ranked = rank(inputs(list)).filter((r) => r.rank !== null);
        for (let i = 1; i < ranked.length; i++) {
          const before = ranked[i - 1] as Ranked;
          const after = ranked[i] as Ranked;
          expect(before.value as number).toBeGreaterThanOrEqual(after.value as number);
          if (before.value === after.value) expect(after.rank).toBe(before.rank);
          else expect(after.rank).toBe(i + 1);
        }
      }),
    );
  });

  it("raising a unit's value never lowers its rank", () => {
    fc.assert(
      fc.property(rows, fc.nat(), fc.integer({ min: 1, max: 50 }), (list, pick, raise) => {
        const withValue = list.filter((r) => r.value !== null);
        fc.pre(withValue.length > 0);
        const target = withValue[pick % withValue.length] as { unitId: string; value: number };
        const before = rank(inputs(list)).find((r) => r.unitId === target.unitId)?.rank as number;
        const raised = list.map((r) => (r.unitId === target.unitId ? { ...r, value: target.value + raise } : r));
        const after = rank(inputs(raised)).find((r) => r.unitId === target.unitId)?.rank as number;
        expect(after).toBeLessThanOrEqual(before);
      }),
    );
  });

  it("every unit appears once", () => {
    fc.assert(
      fc.property(rows, (list) => {
        expect(
          rank(inputs(list))
            .map((r) => r.unitId)
            .sort(),
        ).toEqual(list.map((r) => r.unitId).sort());
      }),
    );
  });
});

describe("rankWithChange", () => {
  it("reports value change and places moved up", () => {
    const current = [row("a", 90), row("b", 95), row("c", 70)];
    const previous = [row("a", 96), row("b", 92), row("d", 99)];
    const ranked = rankWithChange(current, previous);
    expect(ranked.map((r) => [r.unitId, r.rank, r.previousRank, r.rankChange, r.change])).toEqual([
      ["b", 1, 3, 2, 3],
      ["a", 2, 2, 0, -6],
      ["c", 3, null, null, null],
    ]);
  });
});
