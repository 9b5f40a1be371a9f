import { describe, expect, it } from "vitest";
import type { Metrics } from "./metrics";
import { modifiedZ, qualityFlags, type UnitSeries } from "./quality";

const series = (unitId: string, ...metrics: (Metrics | undefined)[]): UnitSeries => ({
  unitId,
  periods: metrics.map((m, i) => ({ period: `2025-Q${i + 1}`, metrics: m })),
});
const quarter = (received: number, inTime: number, late: number, pending = 5): Metrics => ({
  received,
  resolvedEarly: Math.floor(inTime / 2),
  resolvedOnTime: inTime - Math.floor(inTime / 2),
  resolvedLate: late,
  pendingWithinDeadline: pending,
});

describe("modifiedZ", () => {
  it("is 0.6745 (x − median) / MAD, checked by hand", () => {
    // median of 100, 105, 98, 102 is 101; deviations 1, 4, 3, 1 → MAD 2; (0.6745 × 399) / 2 = 134.56.
    expect(modifiedZ(500, [100, 105, 98, 102])).toEqual({ score: (0.6745 * 399) / 2, median: 101, mad: 2 });
  });

  it("falls back to the mean absolute deviation when MAD is 0, and to infinity when all values are equal", () => {
    // 10, 10, 10, 14: MAD 0; mean absolute deviation from 10 is 1 → (20 − 10) / 1.253314.
    expect(modifiedZ(20, [10, 10, 10, 14]).score).toBeCloseTo(10 / 1.253314, 10);
    expect(modifiedZ(11, [10, 10, 10, 10]).score).toBe(Number.POSITIVE_INFINITY);
    expect(modifiedZ(10, [10, 10, 10, 10]).score).toBe(0);
  });
});

describe("qualityFlags", () => {
  it("flags a figure far from the unit's own history, with the numbers behind it", () => {
    const flags = qualityFlags([
      series(
        "xa-a",
        quarter(100, 90, 5),
        quarter(105, 95, 5),
        quarter(98, 88, 5),
        quarter(102, 92, 5),
        quarter(500, 92, 5),
      ),
    ]);
    expect(flags.filter((flag) => flag.measure === "received")).toEqual([
      {
        id: "xa-a:historyOutlier:received",
        unitId: "xa-a",
        kind: "historyOutlier",
        measure: "received",
        value: 500,
        evidence: { median: 101, mad: 2, score: 134.56, compared: 4 },
      },
    ]);
  });

  it("leaves a smooth trend alone: an outlier must be a third away from the median and by 10 or more", () => {
    // 100, 101, 102, 103 then 110: |M| = 0.6745 × 8.5 / 1 = 5.7, yet 8.5 applications (8 %) is no news.
    const growing = [100, 101, 102, 103, 110].map((n) => quarter(n, n - 10, 5));
    expect(qualityFlags([series("xa-z", ...growing)]).filter((flag) => flag.measure === "received")).toEqual([]);
  });

  it("flags a sudden jump quarter on quarter, but not among small numbers or without history", () => {
    const jumped = qualityFlags([series("xa-b", quarter(20, 15, 1), quarter(120, 100, 2))]);
    expect(jumped.map((flag) => [flag.kind, flag.measure, flag.evidence])).toEqual([
      ["jump", "received", { previous: 20, factor: 6 }],
      ["jump", "resolvedEarlyOrOnTime", { previous: 15, factor: 6.67 }],
    ]);
    expect(qualityFlags([series("xa-c", quarter(2, 2, 0), quarter(12, 10, 0))])).toEqual([]);
    expect(qualityFlags([series("xa-d", quarter(20, 15, 1))])).toEqual([]);
  });

  it("flags 100 % on time with many applications and nothing pending three periods running", () => {
    const perfect = (n: number) => ({
      received: n,
      resolvedEarlyOrOnTime: n,
      resolvedLate: 0,
      pendingWithinDeadline: 0,
      pendingOverdue: 0,
    });
    const flags = qualityFlags([series("xa-e", perfect(150), perfect(160), perfect(155))]);
    expect(flags).toEqual([
      {
        id: "xa-e:perfection:onTimeRateOfResolved",
        unitId: "xa-e",
        kind: "perfection",
        measure: "onTimeRateOfResolved",
        value: 100,
        evidence: { periods: ["2025-Q1", "2025-Q2", "2025-Q3"] },
      },
    ]);
    // Two perfect periods, or a small commune's perfect quarter, are not suspicious.
    expect(qualityFlags([series("xa-f", quarter(150, 140, 10), perfect(160), perfect(155))])).toEqual([]);
    expect(qualityFlags([series("xa-g", perfect(20), perfect(22), perfect(25))])).toEqual([]);
  });

  it("flags a rate far from the cohort's, checked by hand", () => {
    // On-time shares 90, 92, 91, 93, 89, 40: median 90.5, MAD 1.5; (0.6745 × −50.5) / 1.5 = −22.71.
    const units = [90, 92, 91, 93, 89, 40].map((share, i) =>
      series(`xa-${i}`, { resolvedEarlyOrOnTime: share, resolvedLate: 100 - share }),
    );
    const flags = qualityFlags(units).filter((flag) => flag.kind === "cohortOutlier");
    expect(flags).toEqual([
      {
        id: "xa-5:cohortOutlier:onTimeRateOfResolved",
        unitId: "xa-5",
        kind: "cohortOutlier",
        measure: "onTimeRateOfResolved",
        value: 40,
        evidence: { median: 90.5, mad: 1.5, score: -22.71, compared: 6 },
      },
    ]);
  });

  it("says nothing about a unit that did not file the period", () => {
    expect(qualityFlags([series("xa-h", quarter(20, 15, 1), undefined)])).toEqual([]);
  });
});
