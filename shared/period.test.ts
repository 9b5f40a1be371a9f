import { describe, expect, it } from "vitest";
import {
  comparePeriods,
  componentPeriods,
  parsePeriod,
  periodEndDate,
  periodOf,
  previousPeriod,
  quartersBetween,
  selectablePeriods,
  sortPeriodIds,
} from "./period";

describe("parsePeriod", () => {
  it.each([
    ["2024", "year", 1, 12],
    ["2024-H1", "half", 1, 6],
    ["2024-H2", "half", 7, 12],
    ["2024-9M", "nineMonths", 1, 9],
    ["2024-Q3", "quarter", 7, 9],
    ["2024-M07", "month", 7, 7],
    ["2024-M12", "month", 12, 12],
  ])("reads %s as a %s covering months %i–%i", (id, kind, start, end) => {
    expect(parsePeriod(id)).toMatchObject({ id, kind, startMonth: start, endMonth: end, year: 2024 });
  });

  it.each(["", "24", "2024-Q5", "2024-Q0", "2024-M13", "2024-M7", "2024-H3", "2024-8M", "1999", "2024-q1", "2024Q1"])(
    "rejects %j",
    (id) => {
      expect(parsePeriod(id)).toBeUndefined();
    },
  );

  it("throws from periodOf on an invalid id", () => {
    expect(() => periodOf("2024-Q9")).toThrow(RangeError);
  });
});

describe("ordering", () => {
  it("sorts by end month, shorter span first when they end together", () => {
    expect(sortPeriodIds(["2024", "2024-9M", "2024-Q3", "2023-Q4", "2024-M09", "2024-H1", "2024-Q1"])).toEqual([
      "2023-Q4",
      "2024-Q1",
      "2024-H1",
      "2024-M09",
      "2024-Q3",
      "2024-9M",
      "2024",
    ]);
  });

  it("treats equal periods as equal", () => {
    expect(comparePeriods(periodOf("2025-Q2"), periodOf("2025-Q2"))).toBe(0);
  });
});

describe("previousPeriod", () => {
  it.each([
    ["2024", "2023"],
    ["2024-H1", "2023-H2"],
    ["2024-H2", "2024-H1"],
    ["2024-Q1", "2023-Q4"],
    ["2024-Q3", "2024-Q2"],
    ["2024-M01", "2023-M12"],
    ["2024-M10", "2024-M09"],
    ["2024-9M", "2023-9M"],
  ])("before %s comes %s", (id, expected) => {
    expect(previousPeriod(periodOf(id)).id).toBe(expected);
  });
});

describe("componentPeriods", () => {
  const ids = (id: string) => componentPeriods(periodOf(id)).map((p) => p.id);
  it("builds years, halves and 9M from quarters and quarters from months", () => {
    expect(ids("2024")).toEqual(["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]);
    expect(ids("2024-H2")).toEqual(["2024-Q3", "2024-Q4"]);
    expect(ids("2024-9M")).toEqual(["2024-Q1", "2024-Q2", "2024-Q3"]);
    expect(ids("2024-Q2")).toEqual(["2024-M04", "2024-M05", "2024-M06"]);
    expect(ids("2024-M05")).toEqual([]);
  });
});

describe("calendar helpers", () => {
  it("knows the last day of a period, leap years included", () => {
    expect(periodEndDate(periodOf("2024-M02"))).toBe("2024-02-29");
    expect(periodEndDate(periodOf("2025-Q1"))).toBe("2025-03-31");
    expect(periodEndDate(periodOf("2024-9M"))).toBe("2024-09-30");
  });

  it("lists quarters across years", () => {
    expect(quartersBetween("2024-Q3", "2025-Q2")).toEqual(["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"]);
    expect(() => quartersBetween("2024", "2025-Q2")).toThrow(RangeError);
  });
});

describe("selectablePeriods", () => {
  it("offers a roll-up only when all its quarters have filings", () => {
    const selectable = selectablePeriods(["2025-Q1", "2025-Q2", "2025-Q3", "2025-M10"]);
    expect(selectable).toContain("2025-9M");
    expect(selectable).toContain("2025-H1");
    expect(selectable).toContain("2025-Q4");
    expect(selectable).toContain("2025-H2");
    expect(selectable).toContain("2025");
    expect(selectable[0]).toBe("2025");
  });

  it("does not offer a year still in progress", () => {
    const selectable = selectablePeriods(["2026-Q1", "2026-Q2", "2026-Q3"]);
    expect(selectable).toEqual(["2026-9M", "2026-Q3", "2026-H1", "2026-Q2", "2026-Q1"]);
  });
});
