import { describe, expect, it } from "vitest";
import { bottom, buildLeaderboard, mostImproved, type ScoredUnit } from "./leaderboard";
import type { Scorecard } from "./methodology/engine";

const card = (index: number, complete = true): Scorecard => ({
  methodologyId: "m",
  methodologyVersion: "1",
  max: 100,
  total: index,
  index,
  band: { id: index >= 90 ? "tot" : "kha", label: { vi: index >= 90 ? "Tốt" : "Khá" }, min: index >= 90 ? 90 : 70 },
  surveyIncluded: true,
  complete,
  missing: complete ? [] : [{ id: "1.1", reason: "notAppraised" }],
  areas: [{ id: "1", max: 100, score: index, deducted: 0, complete }],
});
const unit = (unitId: string, scorecard: Scorecard | null): ScoredUnit => ({
  unitId,
  name: unitId.toUpperCase(),
  scorecard,
});

describe("buildLeaderboard", () => {
  const rows = buildLeaderboard(
    [
      unit("a", card(92)),
      unit("b", card(88)),
      unit("c", card(92)),
      unit("d", card(75, false)),
      unit("e", null),
      unit("f", card(70)),
    ],
    [unit("a", card(95)), unit("b", card(80)), unit("c", card(85)), unit("f", card(71))],
  );

  it("ranks complete scorecards by index with shared ranks, band and area scores", () => {
    expect(rows.map((row) => [row.unitId, row.rank, row.band?.id ?? null])).toEqual([
      ["a", 1, "tot"],
      ["c", 1, "tot"],
      ["b", 3, "kha"],
      ["f", 4, "kha"],
      ["d", null, null],
      ["e", null, null],
    ]);
    expect(rows[0]?.areas).toEqual([{ id: "1", score: 92, max: 100 }]);
    expect(rows.find((row) => row.unitId === "d")).toMatchObject({ complete: false, missing: 1, index: 75 });
  });

  it("reports change in index and rank against the previous period", () => {
    expect(rows.find((row) => row.unitId === "b")).toMatchObject({
      previousIndex: 80,
      change: 8,
      previousRank: 3,
      rankChange: 0,
    });
    expect(rows.find((row) => row.unitId === "c")).toMatchObject({ previousRank: 2, rankChange: 1 });
  });

  it("lists the most improved and the bottom of the table", () => {
    expect(mostImproved(rows).map((row) => row.unitId)).toEqual(["b", "c"]);
    expect(bottom(rows, 2).map((row) => row.unitId)).toEqual(["b", "f"]);
  });
});
