import { describe, expect, it } from "vitest";
import { type Commitment, checkCommitment, evaluate, measureKind, type YearData, yearToDate } from "./commitments";
import { reasonText, targetText } from "./commitments-text";
import type { Metrics } from "./metrics";

const commitment = (measure: string, comparator: Commitment["comparator"], target: number): Commitment => ({
  id: "c1",
  unitId: "xa-a",
  year: 2026,
  measure,
  comparator,
  target,
  signedBy: "Chủ tịch UBND xã",
  signedOn: "2026-01-15",
});

const quarter = (early: number, onTime: number, late: number, extra: Metrics = {}): Metrics => ({
  received: early + onTime + late,
  carriedOver: 0,
  receivedOnline: Math.round((early + onTime + late) * 0.4),
  resolvedEarly: early,
  resolvedOnTime: onTime,
  resolvedLate: late,
  pendingOverdue: 0,
  ...extra,
});

const year = (quarters: Metrics[], extra: Partial<YearData> = {}): YearData => ({
  year: 2026,
  elapsedQuarters: quarters.length,
  filed: new Map(quarters.map((metrics, i) => [`2026-Q${i + 1}`, metrics])),
  ...extra,
});

describe("evaluate: rates", () => {
  it("calls 100 % on time missed as soon as one late application makes it impossible", () => {
    // 9 months: 354 of 368 on time (96.2 %); 14 late already.
    const evaluation = evaluate(
      commitment("onTimeRateOfResolved", ">=", 100),
      year([quarter(60, 60, 4), quarter(60, 55, 5), quarter(70, 49, 5)]),
    );
    expect(evaluation.status).toBe("missed");
    expect(evaluation.asOf).toBe("2026-9M");
    expect(evaluation.actual).toBeCloseTo((354 * 100) / 368, 10);
    expect(evaluation.needed).toBeGreaterThan(100);
    expect(evaluation.reason.key).toBe("impossible");
  });

  it("is on track when the latest quarter's pace carries the year past the target", () => {
    // Online share: 40 % so far, target > 35 %.
    const evaluation = evaluate(commitment("onlineRate", ">", 35), year([quarter(50, 50, 0), quarter(50, 50, 0)]));
    expect(evaluation).toMatchObject({ status: "onTrack", asOf: "2026-H1" });
    expect(evaluation.projection).toBeCloseTo(40, 10);
  });

  it("is at risk when the projection falls short but the target can still be reached", () => {
    // 45 % online so far with a weak last quarter; target > 50 %.
    const q1 = quarter(50, 50, 0, { receivedOnline: 60 });
    const q2 = quarter(50, 50, 0, { receivedOnline: 30 });
    const evaluation = evaluate(commitment("onlineRate", ">", 50), year([q1, q2]));
    expect(evaluation.status).toBe("atRisk");
    expect(evaluation.actual).toBe(45);
    expect(evaluation.projection).toBeCloseTo(37.5, 10);
    expect(evaluation.needed).toBeCloseTo(55, 10); // the second half must average 55 %
  });

  it("judges lower-is-better rates the other way round", () => {
    // 3 % late in the first quarter against "at most 2 %": reachable (the rest must stay under 1,67 %), not on pace.
    const evaluation = evaluate(commitment("lateRate", "<=", 2), year([quarter(50, 47, 3)]));
    expect(evaluation.status).toBe("atRisk");
    expect(evaluation.needed).toBeCloseTo(5 / 3, 10);
    const impossible = evaluate(
      commitment("lateRate", "<=", 2),
      year([quarter(0, 0, 100), quarter(0, 0, 100), quarter(0, 0, 100)]),
    );
    expect(impossible.status).toBe("missed");
  });

  it("gives only met or missed once the year is over", () => {
    const full = [quarter(50, 50, 0), quarter(50, 50, 0), quarter(50, 50, 0), quarter(50, 49, 1)];
    expect(evaluate(commitment("onTimeRateOfResolved", ">=", 99), year(full))).toMatchObject({
      status: "met",
      asOf: "2026",
    });
    expect(evaluate(commitment("onTimeRateOfResolved", ">=", 100), year(full))).toMatchObject({
      status: "missed",
      reason: { key: "missedYear" },
    });
  });

  it("has no data before the first quarter ends or when a quarter is missing", () => {
    expect(evaluate(commitment("onlineRate", ">", 50), year([])).status).toBe("noData");
    const gap: YearData = { year: 2026, elapsedQuarters: 2, filed: new Map([["2026-Q1", quarter(1, 1, 0)]]) };
    expect(evaluate(commitment("onlineRate", ">", 50), gap).status).toBe("noData");
  });
});

describe("evaluate: counts", () => {
  it("misses a ceiling the moment the count passes it", () => {
    const evaluation = evaluate(commitment("resolvedLate", "=", 0), year([quarter(50, 50, 0), quarter(50, 50, 2)]));
    expect(evaluation).toMatchObject({ status: "missed", actual: 2, reason: { key: "countExceeded" } });
  });

  it("projects a count at the year-to-date pace", () => {
    const ok = evaluate(commitment("resolvedLate", "<=", 10), year([quarter(50, 50, 2)]));
    expect(ok).toMatchObject({ status: "onTrack", actual: 2, projection: 8, needed: 8 });
    const risky = evaluate(commitment("resolvedLate", "<=", 10), year([quarter(50, 50, 4)]));
    expect(risky).toMatchObject({ status: "atRisk", projection: 16 });
  });

  it("judges stocks on their latest value, never missed before the year ends", () => {
    const evaluation = evaluate(
      commitment("pendingOverdue", "=", 0),
      year([quarter(1, 1, 0, { pendingOverdue: 0 }), quarter(1, 1, 0, { pendingOverdue: 3 })]),
    );
    expect(evaluation).toMatchObject({ status: "atRisk", actual: 3 });
  });
});

describe("evaluate: filing, index, rank", () => {
  it("misses all-on-time filing at the first late report", () => {
    const data = year([quarter(1, 1, 0), quarter(1, 1, 0)], {
      filings: [
        { period: "2026-Q1", late: false },
        { period: "2026-Q2", late: true },
      ],
    });
    expect(evaluate(commitment("filingOnTime", ">=", 100), data)).toMatchObject({
      status: "missed",
      actual: 50,
      reason: { key: "lateFiling", late: 1 },
    });
    const clean = year([quarter(1, 1, 0)], { filings: [{ period: "2026-Q1", late: false }] });
    expect(evaluate(commitment("filingOnTime", ">=", 100), clean).status).toBe("onTrack");
  });

  it("uses the year's score when there is one, and last year's as a guide before", () => {
    const scored = year([], { score: { index: 86.2, rank: 4, previousIndex: 80, previousRank: 7 } });
    expect(evaluate(commitment("index:par-commune", ">=", 85), scored)).toMatchObject({ status: "met", actual: 86.2 });
    expect(evaluate(commitment("rank:par-province", "<=", 5), scored)).toMatchObject({ status: "met", actual: 4 });
    const notYet = year([], { score: { index: null, rank: null, previousIndex: 80, previousRank: 7 } });
    expect(evaluate(commitment("rank:par-province", "<=", 5), notYet)).toMatchObject({
      status: "atRisk",
      reason: { key: "previousYear", year: 2025 },
    });
    expect(evaluate(commitment("index:par-commune", ">=", 85), year([])).status).toBe("noData");
  });
});

describe("measures", () => {
  it("knows every kind of measure and the year-to-date periods", () => {
    expect(
      ["onlineRate", "resolvedLate", "filingOnTime", "index:par-commune", "rank:par-province", "speed"].map(
        measureKind,
      ),
    ).toEqual(["rate", "count", "filing", "index", "rank", undefined]);
    expect([0, 1, 2, 3, 4].map((n) => yearToDate(2026, n))).toEqual([null, "2026-Q1", "2026-H1", "2026-9M", "2026"]);
  });
});

describe("reasons in words", () => {
  it("says why, with the reader's number format", () => {
    const c = commitment("onTimeRateOfResolved", ">=", 100);
    const evaluation = evaluate(c, year([quarter(60, 60, 4), quarter(60, 55, 5), quarter(70, 49, 5)]));
    expect(targetText("vi", c)).toBe("≥ 100,00\u00a0%");
    expect(reasonText("vi", c, evaluation)).toMatch(
      /^9 tháng năm 2026: 96,20\u00a0%; cần ≥ 100,00\u00a0%; các quý còn lại phải đạt \d+,\d\d\u00a0% — không thể đạt trong năm\.$/,
    );
    const late = commitment("resolvedLate", "=", 0);
    expect(reasonText("en", late, evaluate(late, year([quarter(50, 50, 14)])))).toBe(
      "Q1 2026: 14 already, past the commitment = 0; out of reach this year.",
    );
  });
});

describe("checkCommitment against careless and hostile input", () => {
  const good = {
    unitId: "xa-a",
    year: 2026,
    measure: "onlineRate",
    comparator: ">",
    target: 50,
    signedBy: "Chủ tịch UBND xã",
    signedOn: "2026-01-15",
  };
  const pathsOf = (input: unknown) => {
    const result = checkCommitment(input);
    return result.ok ? [] : result.issues.map((issue) => [issue.path, issue.key]);
  };

  it("refuses a target that is missing, empty, null, a list or hexadecimal instead of reading it as 0 or 50", () => {
    for (const target of [undefined, "", null, [], "0x32", "1e3", " ", {}]) {
      expect(pathsOf({ ...good, target }), JSON.stringify(target)).toEqual([["target", "error.commitment.target"]]);
    }
    expect(checkCommitment({ ...good, target: "97,5" })).toMatchObject({ ok: true, value: { target: 97.5 } });
  });

  it("refuses a day that does not exist, unknown fields and text too long to keep", () => {
    expect(pathsOf({ ...good, signedOn: "2026-02-31" })).toEqual([["signedOn", "error.commitment.date"]]);
    expect(pathsOf({ ...good, isAdmin: true })).toEqual([["isAdmin", "error.unknownField"]]);
    expect(pathsOf({ ...good, note: "x".repeat(500_000) })).toEqual([["note", "error.tooLong"]]);
    expect(pathsOf({ ...good, year: "abc" })).toEqual([["year", "error.year"]]);
  });
});
