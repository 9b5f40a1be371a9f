import { describe, expect, it } from "vitest";
import { readCount } from "./cells";
import { normalizeHeading, reportColumn } from "./columns";
import { checkReportRows } from "./report-rows";
import { localizeRowError } from "./row-error";

const units = new Set(["xa-a", "xa-b", "huyen-c"]);
const problems = (rows: string[][]) => checkReportRows(rows, units).errors.kept.map((e) => [e.row, e.column, e.key]);

describe("cells and headings", () => {
  it("reads counts written either way, empty as missing, and refuses formulas and garbage", () => {
    expect(["12", "1.234", "1,234", "61.475", " 7 ", ""].map((text) => readCount(text))).toEqual([
      { ok: true, value: 12 },
      { ok: true, value: 1234 },
      { ok: true, value: 1234 },
      { ok: true, value: 61475 },
      { ok: true, value: 7 },
      { ok: true, value: undefined },
    ]);
    expect(
      ["=SUM(A1:A3)", "+1", "@cmd", "-5", "12.5", "1.23", "abc", "1e3", "١٢"].map((text) => readCount(text).ok),
    ).toEqual(Array(9).fill(false));
    expect(readCount("=1+1")).toEqual({ ok: false, key: "error.import.formula" });
  });

  it("knows ids and Vietnamese or English labels, with or without diacritics", () => {
    expect(normalizeHeading("  Tiếp nhận   TRỰC tuyến ")).toBe("tiep nhan truc tuyen");
    expect(
      ["received", "Tiếp nhận", "tiep nhan", "Received online", "Mã đơn vị", "Kỳ báo cáo", "PERIOD"].map(reportColumn),
    ).toEqual(["received", "received", "received", "receivedOnline", "unitId", "period", "period"]);
    expect(reportColumn("Số lượng")).toBeUndefined();
  });
});

describe("checkReportRows", () => {
  it("accepts good rows with Vietnamese headings and keeps their row numbers", () => {
    const result = checkReportRows(
      [
        ["Mã đơn vị", "Kỳ báo cáo", "Tiếp nhận", "Giải quyết đúng hạn", "Giải quyết quá hạn"],
        ["xa-a", "2025-Q3", "1.250", "1.200", "5"],
        ["xa-b", "2025-M07", "40", "", "0"],
      ],
      units,
    );
    expect(result.errors.count).toBe(0);
    expect(result.reports).toEqual([
      {
        row: 2,
        input: {
          unitId: "xa-a",
          period: "2025-Q3",
          metrics: { received: 1250, resolvedOnTime: 1200, resolvedLate: 5 },
        },
      },
      { row: 3, input: { unitId: "xa-b", period: "2025-M07", metrics: { received: 40, resolvedLate: 0 } } },
    ]);
  });

  it("lists every bad cell with its row and column", () => {
    expect(
      problems([
        ["unitId", "period", "received", "resolvedOnTime", "feedbackReceived", "feedbackOnTime"],
        ["xa-z", "2025-Q3", "10", "5", "", ""],
        ["xa-a", "2025-Q9", "-3", "=A1*2", "", ""],
        ["xa-a", "2025", "1", "1", "", ""],
        ["", "2025-Q2", "1", "", "", ""],
        ["xa-b", "2025-Q3", "", "", "", ""],
        ["xa-b", "2025-Q2", "5", "", "2", "3"],
        ["huyen-c", "2025-Q2", "5", "", "", ""],
        ["huyen-c", "2025-Q2", "6", "", "", ""],
      ]),
    ).toEqual([
      [2, "unitId", "error.unknownUnit"],
      [3, "period", "error.filingPeriod"],
      [3, "received", "error.import.count"],
      [3, "resolvedOnTime", "error.import.formula"],
      [4, "period", "error.rollUpPeriod"],
      [5, "unitId", "error.required"],
      // Row 6 has no figure at all: left out and counted, not refused.
      [7, "feedbackOnTime", "error.partExceedsWhole"],
      [9, "unitId", "error.import.duplicateRow"],
    ]);
  });

  it("skips a template's untouched rows and counts them; a file of nothing but blank rows is refused", () => {
    const template = [
      ["unitId", "unitName", "period", "received", "resolvedEarlyOrOnTime"],
      ["xa-a", "Xã A", "2025-Q3", "526", "516"],
      ["xa-b", "Xã B", "2025-Q3", "", ""],
      ["huyen-c", "Huyện C", "2025-Q3", "", ""],
    ];
    const result = checkReportRows(template, units, new Date("2025-10-02T00:00:00Z"));
    expect(result.errors.count).toBe(0);
    expect(result.blank).toBe(2);
    expect(result.reports.map((r) => r.input)).toEqual([
      { unitId: "xa-a", period: "2025-Q3", metrics: { received: 526, resolvedEarlyOrOnTime: 516 } },
    ]);
    const empty = checkReportRows([template[0] as string[], template[2] as string[]], units);
    expect(empty.errors.kept.map((e) => [e.key, e.params])).toEqual([["error.import.allBlank", { blank: 1 }]]);
  });

  it("refuses a period that has not ended in Vietnam on the row's period cell", () => {
    const rows = [
      ["unitId", "period", "received"],
      ["xa-a", "2026-Q4", "5"],
    ];
    const { errors } = checkReportRows(rows, units, new Date("2026-12-01T03:00:00Z"));
    expect(errors.kept).toEqual([
      {
        row: 2,
        column: "period",
        value: "2026-Q4",
        key: "error.periodNotEnded",
        params: { period: "2026-Q4", opensDate: "2027-01-01" },
      },
    ]);
  });

  it("refuses unknown, repeated and missing columns and files without rows", () => {
    expect(problems([["unitId", "Tiếp nhận", "received", "Số liệu lạ"]])).toEqual([
      [1, "received", "error.import.duplicateColumn"],
      [1, "Số liệu lạ", "error.import.unknownColumn"],
      [1, "period", "error.import.missingColumn"],
      [1, "", "error.import.noRows"],
    ]);
    expect(
      problems([
        ["unitId", "period"],
        ["xa-a", "2025-Q1"],
      ]),
    ).toEqual([[1, "", "error.import.noMetricColumns"]]);
  });

  it("explains a row in the reader's language", () => {
    const { errors } = checkReportRows(
      [
        ["unitId", "period", "received"],
        ["xa-a", "2025-Q1", "1.5"],
      ],
      units,
    );
    expect(localizeRowError(errors.kept[0] as NonNullable<(typeof errors.kept)[0]>, "vi")).toEqual({
      row: 2,
      column: "received",
      value: "1.5",
      code: "import.count",
      message: "Phải là số nguyên không âm (ví dụ 1234 hoặc 1.234).",
    });
  });
});
