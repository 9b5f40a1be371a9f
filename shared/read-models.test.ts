import { describe, expect, it } from "vitest";
import { changeOfItem, isAffected, isStorable, parseReadModelId, type ReadModelKey, readModelId } from "./read-models";

const KEYS: ReadModelKey[] = [
  { kind: "rates", cohort: "commune", period: "2026-9M" },
  { kind: "board", cohort: "commune", period: "2025", methodology: "par-commune" },
  { kind: "matrix", cohort: "district", year: 2026 },
  { kind: "filing", cohort: "commune", period: "2026-Q3" },
];

describe("read model ids", () => {
  it("read back as the key they were made from", () => {
    for (const key of KEYS) expect(parseReadModelId(readModelId(key))).toEqual(key);
    expect(parseReadModelId("rates#commune")).toBeUndefined();
    expect(parseReadModelId("matrix#commune#20x6")).toBeUndefined();
    expect(parseReadModelId("other#a#b")).toBeUndefined();
  });

  it("are stored for 2015 to next year only", () => {
    const now = new Date("2026-12-01T00:00:00Z");
    expect(isStorable({ kind: "rates", cohort: "commune", period: "2027-Q1" }, now)).toBe(true);
    expect(isStorable({ kind: "rates", cohort: "commune", period: "2028" }, now)).toBe(false);
    expect(isStorable({ kind: "matrix", cohort: "commune", year: 2014 }, now)).toBe(false);
    expect(isStorable({ kind: "filing", cohort: "commune", period: "nonsense" }, now)).toBe(false);
  });
});

describe("changeOfItem", () => {
  it("names the change a stored item stands for", () => {
    expect(changeOfItem({ pk: "UNIT#xa-1", sk: "VERSION#2026-Q3#000002" })).toEqual({
      type: "report",
      unitId: "xa-1",
      period: "2026-Q3",
    });
    expect(changeOfItem({ pk: "UNIT#xa-1", sk: "PROFILE" })).toEqual({ type: "units" });
    expect(changeOfItem({ pk: "UNIT#xa-1", sk: "COMMITMENT#2026#onlineRate#000001" })).toEqual({
      type: "commitment",
      unitId: "xa-1",
      year: 2026,
    });
    expect(changeOfItem({ pk: "UNIT#xa-1", sk: "SURVEY#sipas#2025" })).toEqual({
      type: "survey",
      unitId: "xa-1",
      period: "2025",
    });
    expect(changeOfItem({ pk: "SCORES#par-commune#2024.1#2025", sk: "UNIT#xa-1" })).toEqual({
      type: "scores",
      methodology: "par-commune",
      period: "2025",
    });
    expect(changeOfItem({ pk: "RESULTSET#par-commune", sk: "PERIOD#2025" })).toEqual({
      type: "scores",
      methodology: "par-commune",
      period: "2025",
    });
    expect(changeOfItem({ pk: "CALENDARS", sk: "COHORT#commune" })).toEqual({ type: "calendar", cohort: "commune" });
    expect(changeOfItem({ pk: "METHODOLOGY#par-commune", sk: "VERSION#2" })).toEqual({
      type: "methodology",
      methodology: "par-commune",
    });
  });

  it("ignores what no read model depends on, read models themselves included", () => {
    for (const item of [
      { pk: "VIEW#rates#commune#2026-Q3", sk: "ROW#tinh/huyen/xa" },
      { pk: "AUDIT#2026-12", sk: "2026-12-01T00:00:00Z#x" },
      { pk: "IMPORT#abc", sk: "META" },
      { pk: "UNIT#xa-1", sk: "APPRAISAL#par-commune#2025#000001" },
      { pk: 5, sk: "x" },
    ])
      expect(changeOfItem(item)).toBeUndefined();
  });
});

describe("isAffected", () => {
  const rates = (period: string, cohort = "commune"): ReadModelKey => ({ kind: "rates", cohort, period });
  const report = { type: "report", unitId: "xa-1", period: "2026-Q3", cohort: "commune" } as const;

  it("a report: its period, every roll-up containing it and the period after each (their change column)", () => {
    for (const period of ["2026-Q3", "2026-H2", "2026-9M", "2026", "2026-Q4", "2027-H1", "2027-9M", "2027"])
      expect(isAffected(rates(period), report), period).toBe(true);
    for (const period of ["2026-Q2", "2026-H1", "2026-M09", "2027-Q1", "2025"])
      expect(isAffected(rates(period), report), period).toBe(false);
    expect(isAffected(rates("2026-Q3", "district"), report)).toBe(false);
    expect(isAffected({ kind: "filing", cohort: "commune", period: "2026-Q3" }, report)).toBe(true);
    expect(isAffected({ kind: "filing", cohort: "commune", period: "2026-Q2" }, report)).toBe(false);
    expect(isAffected({ kind: "matrix", cohort: "commune", year: 2026 }, report)).toBe(true);
    expect(isAffected({ kind: "board", cohort: "commune", period: "2026-Q3", methodology: "m" }, report)).toBe(false);
  });

  it("a report of a unit no longer known: every cohort", () => {
    expect(isAffected(rates("2026-Q3", "district"), { ...report, cohort: undefined })).toBe(true);
  });

  it("scores: the methodology's leaderboards of the period and the next, and the matrices of that year and the next", () => {
    const scores = { type: "scores", methodology: "par-commune", period: "2025" } as const;
    const board = (period: string, methodology = "par-commune"): ReadModelKey => ({
      kind: "board",
      cohort: "commune",
      period,
      methodology,
    });
    expect(isAffected(board("2025"), scores)).toBe(true);
    expect(isAffected(board("2026"), scores)).toBe(true);
    expect(isAffected(board("2024"), scores)).toBe(false);
    expect(isAffected(board("2025", "par-province"), scores)).toBe(false);
    expect(isAffected({ kind: "matrix", cohort: "commune", year: 2026 }, scores)).toBe(true);
    expect(isAffected({ kind: "matrix", cohort: "commune", year: 2027 }, scores)).toBe(false);
    expect(isAffected(rates("2025"), scores)).toBe(false);
  });

  it("commitments, calendars, methodologies and units", () => {
    const matrix: ReadModelKey = { kind: "matrix", cohort: "commune", year: 2026 };
    expect(isAffected(matrix, { type: "commitment", unitId: "x", year: 2026, cohort: "commune" })).toBe(true);
    expect(isAffected(matrix, { type: "commitment", unitId: "x", year: 2025, cohort: "commune" })).toBe(false);
    expect(isAffected(matrix, { type: "calendar", cohort: "commune" })).toBe(true);
    expect(isAffected(rates("2026-Q3"), { type: "calendar", cohort: "commune" })).toBe(false);
    expect(
      isAffected({ kind: "filing", cohort: "district", period: "2026-Q3" }, { type: "calendar", cohort: "commune" }),
    ).toBe(false);
    expect(
      isAffected(
        { kind: "board", cohort: "commune", period: "2026", methodology: "m" },
        { type: "methodology", methodology: "m" },
      ),
    ).toBe(true);
    for (const key of KEYS) expect(isAffected(key, { type: "units" })).toBe(true);
  });
});
