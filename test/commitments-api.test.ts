// Commitments through the API on the embedded database: templates, per-unit edits as versions, evaluation
// with reasons in words, the cohort matrix.

import { beforeAll, describe, expect, it } from "vitest";
import { officeOrInspector, requester } from "./support/api";
import { TEST_UNITS, useTestStack } from "./support/stack";

const stack = useTestStack();
const send = requester(() => stack.deps, officeOrInspector);

const quarter = (early: number, onTime: number, late: number) => ({
  carriedOver: 0,
  received: early + onTime + late,
  receivedOnline: Math.round((early + onTime + late) * 0.6),
  resolvedEarly: early,
  resolvedOnTime: onTime,
  resolvedLate: late,
  pendingOverdue: 0,
});

beforeAll(async () => {
  await stack.deps.store.putUnits(TEST_UNITS);
  // Filed on 2026-04-05 (Q1: on time), 2026-07-05 (Q2: on time) and 2026-10-15 (Q3: late, due 10 October).
  for (const [period, at] of [
    ["2026-Q1", "2026-04-05T02:00:00Z"],
    ["2026-Q2", "2026-07-05T02:00:00Z"],
    ["2026-Q3", "2026-10-15T02:00:00Z"],
  ] as const) {
    stack.clock = new Date(at);
    await send("POST", "/api/reports", { unitId: "huyen-a", period, metrics: quarter(50, 50, 0) });
    await send("POST", "/api/reports", {
      unitId: "huyen-b",
      period,
      metrics: quarter(50, 45, period === "2026-Q2" ? 5 : 0),
    });
  }
  stack.clock = new Date("2026-11-23T03:00:00Z");
});

describe("commitments", () => {
  it("issues a cohort template to every unit, then keeps a unit's adjustment as a new version", async () => {
    const applied = await send("POST", "/api/commitments/template", {
      cohort: "district",
      year: 2026,
      commitments: [
        {
          measure: "onTimeRateOfResolved",
          comparator: ">=",
          target: 100,
          signedBy: "Chủ tịch UBND huyện",
          signedOn: "2026-01-15",
        },
        {
          measure: "resolvedLate",
          comparator: "=",
          target: 0,
          signedBy: "Chủ tịch UBND huyện",
          signedOn: "2026-01-15",
        },
        {
          measure: "filingOnTime",
          comparator: ">=",
          target: 100,
          signedBy: "Chủ tịch UBND huyện",
          signedOn: "2026-01-15",
        },
      ],
    });
    expect(await applied.json()).toEqual({ units: 3, saved: 9 });
    const adjustment = {
      year: 2026,
      measure: "resolvedLate",
      comparator: "<=",
      target: 10,
      signedBy: "Chủ tịch UBND huyện",
      signedOn: "2026-02-20",
      note: "Điều chỉnh",
    };
    // A signed commitment changes only with a reason, which the new version keeps.
    const unexplained = await send("PUT", "/api/units/huyen-b/commitments", adjustment);
    expect(unexplained.status).toBe(400);
    expect((await unexplained.json()).errors).toMatchObject([{ path: "reason", code: "commitment.reasonRequired" }]);
    const reason = "Quyết định 45/QĐ-UBND điều chỉnh chỉ tiêu do sáp nhập";
    const edit = await send("PUT", "/api/units/huyen-b/commitments", { ...adjustment, reason });
    expect(edit.status).toBe(201);
    const history = await (await send("GET", "/api/units/huyen-b/commitments/resolvedLate/history?year=2026")).json();
    expect(history.versions.map((v: { version: number; target: number }) => [v.version, v.target])).toEqual([
      [1, 0],
      [2, 10],
    ]);
    expect(history.versions[1].amendment).toMatchObject({
      by: "thanhtra",
      reason,
      from: { comparator: "=", target: 0, signedOn: "2026-01-15" },
    });
  });

  it("evaluates a unit's commitments with the reason in words (checked by hand)", async () => {
    const body = await (await send("GET", "/api/units/huyen-b/commitments?year=2026")).json();
    const byMeasure = Object.fromEntries(body.commitments.map((c: { measure: string }) => [c.measure, c]));
    // 9 months: 285 of 290 resolved on time = 98.28 %. To end the year at 100 % the last quarter (≈ 96.7
    // applications at this pace) would need (386.67 − 285) / 96.67 = 105.17 %: out of reach.
    expect(byMeasure.onTimeRateOfResolved.evaluation.status).toBe("missed");
    expect(byMeasure.onTimeRateOfResolved.text.reason).toBe(
      "9 months of 2026: 98.28%; needs ≥ 100.00%; the remaining quarters would need 105.17% — out of reach this year.",
    );
    // 5 late so far, at most 10 a year: on pace for 6.67 — on track.
    expect(byMeasure.resolvedLate.evaluation).toMatchObject({ status: "onTrack", actual: 5 });
    expect(byMeasure.resolvedLate.text.reason).toBe(
      "9 months of 2026: 5; projected for the year 6.7; commitment ≤ 10.",
    );
    // Q3 filed on 15 October, five days after its due date.
    expect(byMeasure.filingOnTime.evaluation.status).toBe("missed");
    // The sparkline's points: last year has no reports, this year's quarters do (Q4 not reached yet).
    expect(byMeasure.onTimeRateOfResolved.trend.slice(-3)).toEqual([
      { period: "2026-Q1", value: 100 },
      { period: "2026-Q2", value: 95 },
      { period: "2026-Q3", value: 100 },
    ]);
    expect(byMeasure.onTimeRateOfResolved.trend.at(-4)).toEqual({ period: "2025-Q4", value: null });
    expect(byMeasure.filingOnTime.text.reason).toBe(
      "9 months of 2026: 1 reports filed late; all reports on time is out of reach this year.",
    );
  });

  it("shows the cohort matrix with counts per status and what moved since the last quarter", async () => {
    const matrix = await (await send("GET", "/api/commitments/district/2026", undefined, "vi")).json();
    expect(matrix.asOfQuarters).toBe(3);
    expect(matrix.measures).toEqual(["filingOnTime", "onTimeRateOfResolved", "resolvedLate"]);
    const a = matrix.rows.find((row: { unitId: string }) => row.unitId === "huyen-a");
    expect(
      a.cells.map((c: { measure: string; evaluation: { status: string } }) => [c.measure, c.evaluation.status]),
    ).toEqual(
      expect.arrayContaining([
        ["onTimeRateOfResolved", "onTrack"],
        ["resolvedLate", "onTrack"],
        ["filingOnTime", "missed"],
      ]),
    );
    expect(a.cells.find((c: { measure: string }) => c.measure === "filingOnTime").text.status).toBe("Không đạt");
    // huyen-c has no reports: no data for all three.
    expect(matrix.counts).toEqual({ met: 0, onTrack: 3, atRisk: 0, missed: 3, noData: 3 });
    // Both filing commitments were on track after the half year and missed after 9 months.
    expect(matrix.moved.missed).toBeGreaterThanOrEqual(2);
  });

  it("rejects a commitment with an unknown measure, a bad comparator or target, per field", async () => {
    const response = await send("PUT", "/api/units/huyen-a/commitments", {
      year: 2026,
      measure: "happiness",
      comparator: "≈",
      target: 120,
      signedBy: "",
      signedOn: "15/01/2026",
    });
    expect(response.status).toBe(400);
    expect((await response.json()).errors.map((e: { path: string }) => e.path)).toEqual([
      "measure",
      "comparator",
      "signedBy",
      "signedOn",
    ]);
    const percent = await send("PUT", "/api/units/huyen-a/commitments", {
      year: 2026,
      measure: "onlineRate",
      comparator: ">",
      target: 150,
      signedBy: "X",
      signedOn: "2026-01-15",
    });
    expect((await percent.json()).errors[0].path).toBe("target");
  });
});
