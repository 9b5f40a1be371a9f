import { describe, expect, it } from "vitest";
import { bundledMethodology } from "./bundled";
import { applyScoring, bandFor, scoreUnit } from "./engine";
import type { Methodology } from "./model";

const tiny: Methodology = {
  id: "tiny",
  version: "1",
  name: { vi: "Thử" },
  description: "",
  validFrom: 2024,
  cohorts: ["district"],
  kind: "points",
  surveyOptional: true,
  bands: [
    { id: "A", label: { vi: "A" }, min: 90 },
    { id: "B", label: { vi: "B" }, min: 80 },
    { id: "C", label: { vi: "C" }, min: 0 },
  ],
  areas: [
    {
      id: "1",
      label: { vi: "Một cửa" },
      max: 40,
      deductions: [
        { id: "1.d", label: { vi: "Báo cáo trễ" }, max: 5 },
        { id: "1.late", label: { vi: "Hồ sơ quá hạn" }, max: 4, measure: "pendingOverdue", perUnit: 0.5 },
      ],
      children: [
        {
          id: "1.1",
          label: { vi: "Đúng hạn" },
          max: 20,
          rule: {
            kind: "formula",
            measure: "onTimeRateOfResolved",
            scoring: {
              kind: "thresholds",
              steps: [
                { min: 100, points: 20 },
                { min: 95, points: 15 },
                { min: 90, points: 5 },
              ],
            },
          },
        },
        { id: "1.2", label: { vi: "Tự chấm" }, max: 20, rule: { kind: "manual" } },
      ],
    },
    {
      id: "2",
      label: { vi: "Khảo sát" },
      max: 60,
      children: [{ id: "2.1", label: { vi: "SIPAS" }, max: 60, rule: { kind: "survey", index: "sipas" } }],
    },
  ],
};

describe("applyScoring", () => {
  it("takes the first threshold that holds, for higher- and lower-is-better scales", () => {
    const up = {
      kind: "thresholds" as const,
      steps: [
        { min: 100, points: 3 },
        { min: 95, points: 2 },
      ],
    };
    expect([applyScoring(up, 100, 3), applyScoring(up, 97, 3), applyScoring(up, 94.99, 3)]).toEqual([3, 2, 0]);
    const down = {
      kind: "thresholds" as const,
      steps: [
        { max: 0, points: 2 },
        { max: 3, points: 1 },
      ],
    };
    expect([applyScoring(down, 0, 2), applyScoring(down, 2.5, 2), applyScoring(down, 3.01, 2)]).toEqual([2, 1, 0]);
  });

  it("scales proportionally with clamping, either direction", () => {
    expect(applyScoring({ kind: "proportional", from: 80, to: 100 }, 90, 4)).toBe(2);
    expect(applyScoring({ kind: "proportional", from: 80, to: 100 }, 70, 4)).toBe(0);
    expect(applyScoring({ kind: "proportional", from: 10, to: 0 }, 2.5, 8)).toBe(6);
    expect(applyScoring({ kind: "proportional", from: 0, to: 80 }, 95, 3)).toBe(3);
  });

  it("gives all or nothing on pass/fail", () => {
    expect(applyScoring({ kind: "passFail", comparator: "=", target: 0 }, 0, 3)).toBe(3);
    expect(applyScoring({ kind: "passFail", comparator: ">=", target: 100 }, 99.9, 3)).toBe(0);
  });
});

describe("scoreUnit", () => {
  it("scores leaves, areas, deductions, total, index and band", () => {
    const card = scoreUnit(tiny, {
      measures: { onTimeRateOfResolved: 96, pendingOverdue: 3 },
      manual: { "1.2": { selfScore: 20, appraisedScore: 17, reason: "Thiếu minh chứng" } },
      survey: { sipas: 85 },
      deductions: { "1.d": 2 },
    });
    const [area1, area2] = card.areas;
    expect(area1?.children?.map((c) => [c.id, c.score, c.value])).toEqual([
      ["1.1", 15, 96],
      ["1.2", 17, 17],
    ]);
    expect(area1?.children?.[1]?.selfScore).toBe(20);
    expect(area1?.deducted).toBe(3.5); // 2 entered + 0.5 × 3 overdue
    expect(area1?.score).toBe(28.5);
    expect(area2?.score).toBe(51);
    expect(card.total).toBe(79.5);
    expect(card.index).toBe(79.5);
    expect(card.band?.id).toBe("C");
    expect(card.complete).toBe(true);
    expect(card.methodologyVersion).toBe("1");
  });

  it("never takes an area below zero", () => {
    const card = scoreUnit(tiny, {
      measures: { onTimeRateOfResolved: 50, pendingOverdue: 100 },
      manual: { "1.2": { appraisedScore: 1 } },
      survey: { sipas: 50 },
      deductions: { "1.d": 5 },
    });
    expect(card.areas[0]?.score).toBe(0);
    expect(card.areas[0]?.deducted).toBe(1);
  });

  it("reports missing inputs as missing instead of scoring them 0 silently", () => {
    const card = scoreUnit(tiny, { manual: { "1.2": { selfScore: 18 } }, survey: { sipas: 90 } });
    expect(card.complete).toBe(false);
    expect(card.missing).toEqual([
      { id: "1.1", reason: "noData" },
      { id: "1.2", reason: "notAppraised" },
      { id: "1.late", reason: "noData" },
    ]);
  });

  it("rescales to 100 without the survey when the survey is optional and absent", () => {
    const card = scoreUnit(tiny, {
      measures: { onTimeRateOfResolved: 100, pendingOverdue: 0 },
      manual: { "1.2": { appraisedScore: 16 } },
    });
    expect(card.surveyIncluded).toBe(false);
    expect(card.max).toBe(40);
    expect(card.total).toBe(36);
    expect(card.index).toBe(90);
    expect(card.band?.id).toBe("A");
    expect(card.complete).toBe(true);
    expect(card.areas[1]?.children?.[0]?.excluded).toBe(true);
  });

  it("counts a required survey as missing when absent", () => {
    const card = scoreUnit(
      { ...tiny, surveyOptional: false },
      { measures: { onTimeRateOfResolved: 100, pendingOverdue: 0 }, manual: { "1.2": { appraisedScore: 16 } } },
    );
    expect(card.max).toBe(100);
    expect(card.missing).toEqual([{ id: "2.1", reason: "noSurvey" }]);
  });

  it("takes straight leaf values (the CLI's long format) over measures", () => {
    const card = scoreUnit(tiny, {
      leafValues: { "1.1": 100, "1.2": 20, "2.1": 100 },
      measures: { onTimeRateOfResolved: 10, pendingOverdue: 0 },
    });
    expect(card.total).toBe(100);
  });

  it("scores the bundled provincial template to its full 100 when everything is perfect", () => {
    const par = bundledMethodology("par-province") as Methodology;
    const manual = Object.fromEntries(
      [
        "1.1.1",
        "1.2",
        "1.3",
        "1.4",
        "1.5",
        "1.6",
        "2.1",
        "2.2",
        "2.3",
        "3.1",
        "3.2",
        "4.1",
        "4.2",
        "4.3",
        "5.1",
        "5.2",
        "5.3",
        "5.4",
        "5.5",
        "6.1",
        "6.2",
        "6.3",
        "7.1",
        "7.4",
        "7.5",
        "8.2",
      ].map((id) => [id, { appraisedScore: 100 }]),
    );
    const card = scoreUnit(par, {
      manual,
      measures: {
        planCompletionRate: 100,
        onTimeRateOfResolved: 100,
        lateRate: 0,
        feedbackOnTimeRate: 100,
        satisfactionRate: 100,
        onlineRate: 80,
        onlinePaymentRate: 50,
        digitizedRate: 95,
      },
      survey: { sipas: 100 },
    });
    expect(card.complete).toBe(true);
    expect(card.total).toBeCloseTo(100, 10);
    expect(card.areas.map((area) => area.max)).toEqual([10, 10, 14.5, 11, 16, 7, 16, 15.5]);
  });
});

describe("bandFor", () => {
  it("puts an index in the band whose minimum it reaches", () => {
    expect([90, 89.99, 80, 0].map((index) => bandFor(tiny.bands, index)?.id)).toEqual(["A", "B", "B", "C"]);
    expect(bandFor(tiny.bands, null)).toBeNull();
  });
});
