// Methodologies, appraisals, recompute and leaderboards through the API on the embedded database.

import { beforeAll, describe, expect, it } from "vitest";
import type { Methodology } from "../shared/methodology/model";
import { officeOrInspector, requester } from "./support/api";
import { TEST_UNITS, useTestStack } from "./support/stack";

const stack = useTestStack();
const send = requester(() => stack.deps, officeOrInspector);
const unitReporter = requester(
  () => stack.deps,
  () => ({ username: "bc.huyena", role: "reporter", unitId: "huyen-a" }),
);

const mini = (version: string, validFrom: number, onTimeMax = 60): Methodology => ({
  id: "mini-par",
  version,
  name: { vi: "Chỉ số thử", en: "Test index" },
  description: "A small methodology for tests",
  validFrom,
  cohorts: ["district"],
  kind: "points",
  bands: [
    { id: "tot", label: { vi: "Tốt" }, min: 90 },
    { id: "kha", label: { vi: "Khá" }, min: 70 },
    { id: "kem", label: { vi: "Kém" }, min: 0 },
  ],
  areas: [
    {
      id: "1",
      label: { vi: "Một cửa" },
      max: onTimeMax,
      children: [
        {
          id: "1.1",
          label: { vi: "Đúng hạn" },
          max: onTimeMax,
          rule: {
            kind: "formula",
            measure: "onTimeRateOfResolved",
            scoring: { kind: "proportional", from: 80, to: 100 },
          },
        },
      ],
    },
    {
      id: "2",
      label: { vi: "Thẩm định" },
      max: 100 - onTimeMax,
      deductions: [{ id: "2.d", label: { vi: "Trễ báo cáo" }, max: 5 }],
      children: [{ id: "2.1", label: { vi: "Chỉ đạo điều hành" }, max: 100 - onTimeMax, rule: { kind: "manual" } }],
    },
  ],
});

const report = (unitId: string, period: string, early: number, onTime: number, late: number) =>
  send("POST", "/api/reports", {
    unitId,
    period,
    metrics: { received: early + onTime + late, resolvedEarly: early, resolvedOnTime: onTime, resolvedLate: late },
  });

beforeAll(async () => {
  await stack.deps.store.putUnits(TEST_UNITS);
  // After the end of 2025: every quarter of both years can be filed.
  stack.clock = new Date("2026-01-20T03:00:00Z");
  for (const quarter of ["Q1", "Q2", "Q3", "Q4"]) {
    await report("huyen-a", `2024-${quarter}`, 50, 40, 10); // 90 %
    await report("huyen-b", `2024-${quarter}`, 50, 50, 0); // 100 %
    await report("huyen-c", `2024-${quarter}`, 45, 40, 15); // 85 %
    await report("huyen-a", `2025-${quarter}`, 50, 48, 2); // 98 %
    await report("huyen-b", `2025-${quarter}`, 50, 45, 5); // 95 %
  }
});

describe("methodologies", () => {
  it("lists the bundled methodologies", async () => {
    const body = await (await send("GET", "/api/methodologies")).json();
    expect(body.methodologies.map((m: { id: string }) => m.id)).toEqual([
      "par-commune",
      "par-province",
      "service-index",
      "sipas",
    ]);
  });

  it("loads a new methodology version, refuses to change it, and validates what it stores", async () => {
    expect((await send("PUT", "/api/methodologies/mini-par", mini("2024.1", 2024))).status).toBe(201);
    const again = await send("PUT", "/api/methodologies/mini-par", mini("2024.1", 2024, 50));
    expect(again.status).toBe(409);
    expect((await again.json()).errors[0].message).toContain("already has version 2024.1");
    const broken = {
      ...mini("2024.2", 2024),
      areas: [{ ...mini("x", 2024).areas[0], max: 70 }, mini("x", 2024).areas[1]],
    };
    const invalid = await send("PUT", "/api/methodologies/mini-par", broken, "vi");
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).errors).toEqual([
      {
        path: "areas[0].max",
        code: "methodology.pointsMismatch",
        message: "Tổng điểm các mục con của 1 (60) khác điểm tối đa (70).",
      },
    ]);
    const mismatch = await send("PUT", "/api/methodologies/other-id", mini("9", 2024));
    expect((await mismatch.json()).errors[0].path).toBe("id");
    expect(
      (await send("PUT", "/api/methodologies/par-province", { ...mini("2024.1", 2024), id: "par-province" })).status,
    ).toBe(409);
    const read = await (await send("GET", "/api/methodologies/mini-par?version=2024.1")).json();
    expect(read.areas[0].children[0].rule.measure).toBe("onTimeRateOfResolved");
  });
});

describe("appraisals", () => {
  it("stores manual scores and deductions with who and when, merging later entries", async () => {
    stack.clock = new Date("2025-02-01T02:00:00Z");
    // The unit assesses itself; the inspector may not enter its self-score, nor the unit its appraisal.
    const self = { scores: { "2.1": { selfScore: 40, evidence: ["15/BC-UBND"] } } };
    expect((await send("PUT", "/api/units/huyen-a/appraisals/mini-par/2024", self)).status).toBe(403);
    const selfAssessed = await unitReporter("PUT", "/api/units/huyen-a/appraisals/mini-par/2024", self);
    expect(selfAssessed.status).toBe(200);
    const overreach = await unitReporter("PUT", "/api/units/huyen-a/appraisals/mini-par/2024", {
      scores: { "2.1": { appraisedScore: 40 } },
    });
    expect(overreach.status).toBe(403);
    const first = await send("PUT", "/api/units/huyen-a/appraisals/mini-par/2024", {
      scores: { "2.1": { appraisedScore: 35, reason: "Thiếu minh chứng" } },
    });
    expect(first.status).toBe(200);
    await send("PUT", "/api/units/huyen-a/appraisals/mini-par/2024", {
      deductions: { "2.d": { points: 1, reason: "Trễ báo cáo quý" } },
    });
    const stored = await (await send("GET", "/api/units/huyen-a/appraisals/mini-par/2024")).json();
    expect(stored.revision).toBe(3);
    expect(stored.scores["2.1"]).toEqual({
      selfScore: 40,
      appraisedScore: 35,
      reason: "Thiếu minh chứng",
      evidence: ["15/BC-UBND"],
      by: "thanhtra",
      at: "2025-02-01T02:00:00.000Z",
    });
    expect(stored.deductions["2.d"]).toMatchObject({ points: 1, reason: "Trễ báo cáo quý" });
    await send("PUT", "/api/units/huyen-b/appraisals/mini-par/2024", { scores: { "2.1": { appraisedScore: 40 } } });
  });

  it("keeps both of two concurrent appraisals of one unit", async () => {
    await Promise.all([
      send("PUT", "/api/units/huyen-c/appraisals/mini-par/2024", { scores: { "2.1": { appraisedScore: 30 } } }),
      send("PUT", "/api/units/huyen-c/appraisals/mini-par/2024", { deductions: { "2.d": { points: 2 } } }),
    ]);
    const stored = await (await send("GET", "/api/units/huyen-c/appraisals/mini-par/2024")).json();
    expect(stored.scores["2.1"].appraisedScore).toBe(30);
    expect(stored.deductions["2.d"].points).toBe(2);
    expect(stored.revision).toBe(2);
  });

  it("rejects unknown criteria, formula criteria and points out of range, storing nothing", async () => {
    const response = await send("PUT", "/api/units/huyen-b/appraisals/mini-par/2024", {
      scores: { "9.9": { appraisedScore: 1 }, "1.1": { appraisedScore: 1 }, "2.1": { appraisedScore: 41 } },
      deductions: { "2.d": { points: 6 } },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ["scores.9.9", "appraisal.unknownLeaf"],
      ["scores.1.1", "appraisal.notManual"],
      ["scores.2.1.appraisedScore", "appraisal.range"],
      ["deductions.2.d.points", "appraisal.range"],
    ]);
    const stored = await (await send("GET", "/api/units/huyen-b/appraisals/mini-par/2024")).json();
    expect(stored.scores["2.1"].appraisedScore).toBe(40);
  });
});

describe("recompute and leaderboards", () => {
  it("scores the cohort, ranks complete scorecards and lists incomplete ones", async () => {
    const summary = await (await send("POST", "/api/scores/mini-par/2024/recompute", {})).json();
    expect(summary).toMatchObject({ version: "2024.1", units: 3, complete: 3 });
    const board = await (await send("GET", "/api/leaderboards/district/2024?methodology=mini-par")).json();
    // huyen-b: 60 × (100−80)/20 + 40 = 100; huyen-a: 60 × 0.5 + 35 − 1 = 64; huyen-c: 60 × 0.25 + 30 − 2 = 43.
    expect(
      board.rows.map((r: { unitId: string; rank: number; index: number; band: { id: string } }) => [
        r.unitId,
        r.rank,
        r.index,
        r.band.id,
      ]),
    ).toEqual([
      ["huyen-b", 1, 100, "tot"],
      ["huyen-a", 2, 64, "kem"],
      ["huyen-c", 3, 43, "kem"],
    ]);
    expect(board.rows[1].areas).toEqual([
      { id: "1", score: 30, max: 60 },
      { id: "2", score: 34, max: 40 },
    ]);
    expect(board.bottom.map((r: { unitId: string }) => r.unitId)).toEqual(["huyen-b", "huyen-a", "huyen-c"]);
  });

  it("keeps old results when a newer version is recomputed, unless asked to replace them", async () => {
    await send("PUT", "/api/methodologies/mini-par", mini("2025.1", 2025, 50));
    const kept = await (await send("POST", "/api/scores/mini-par/2024/recompute", { version: "2025.1" })).json();
    expect(kept.resultSet.version).toBe("2024.1");
    let board = await (await send("GET", "/api/leaderboards/district/2024?methodology=mini-par")).json();
    expect(board.methodology.version).toBe("2024.1");
    expect(board.rows[1].index).toBe(64);
    const replaced = await (
      await send("POST", "/api/scores/mini-par/2024/recompute", { version: "2025.1", replace: true })
    ).json();
    expect(replaced.resultSet.version).toBe("2025.1");
    board = await (await send("GET", "/api/leaderboards/district/2024?methodology=mini-par")).json();
    expect(board.rows[0].areas).toEqual([
      { id: "1", score: 50, max: 50 },
      { id: "2", score: 40, max: 50 },
    ]);
  });

  it("uses the version valid for the period, compares with the previous period, and shows missing appraisals", async () => {
    const summary = await (await send("POST", "/api/scores/mini-par/2025/recompute", {})).json();
    expect(summary).toMatchObject({ version: "2025.1", units: 3, complete: 0 });
    const board = await (await send("GET", "/api/leaderboards/district/2025?methodology=mini-par")).json();
    expect(board.previousPeriod).toBe("2024");
    expect(board.rows.every((r: { rank: number | null }) => r.rank === null)).toBe(true);
    expect(board.rows.find((r: { unitId: string }) => r.unitId === "huyen-a")).toMatchObject({
      complete: false,
      missing: 1,
    });
  });

  it("returns a unit's scorecard with its appraisal, and an empty leaderboard before any recompute", async () => {
    const card = await (await send("GET", "/api/units/huyen-a/scorecards/mini-par/2024")).json();
    expect(card.scorecard.methodologyVersion).toBe("2025.1");
    expect(card.appraisal.scores["2.1"].selfScore).toBe(40);
    const none = await (await send("GET", "/api/leaderboards/district/2023?methodology=mini-par")).json();
    expect(none).toMatchObject({ resultSet: null, rows: [] });
    expect((await send("GET", "/api/units/huyen-a/scorecards/mini-par/2023")).status).toBe(404);
    const wrongCohort = await send("POST", "/api/scores/mini-par/2024/recompute", { cohort: "commune" });
    expect(wrongCohort.status).toBe(400);
  });
});
