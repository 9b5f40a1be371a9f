import { describe, expect, it } from "vitest";
import type { Metrics } from "./metrics";
import { periodOf } from "./period";
import { deriveRates } from "./rates";
import { periodsToRead, rollUp } from "./rollup";

const quarter = (overrides: Metrics): Metrics => ({
  carriedOver: 10,
  received: 100,
  resolvedEarly: 50,
  resolvedOnTime: 40,
  resolvedLate: 10,
  pendingWithinDeadline: 5,
  pendingOverdue: 1,
  ...overrides,
});

describe("rollUp", () => {
  const filed = new Map<string, Metrics>([
    ["2024-Q1", quarter({ carriedOver: 7, pendingOverdue: 3 })],
    ["2024-Q2", quarter({ received: 300, resolvedEarly: 290, resolvedLate: 0 })],
    ["2024-Q3", quarter({ pendingWithinDeadline: 9, pendingOverdue: 2 })],
  ]);

  it("sums flows and takes opening and closing stocks from the first and last quarter", () => {
    const result = rollUp(periodOf("2024-9M"), filed);
    expect(result.metrics).toEqual({
      carriedOver: 7,
      received: 500,
      resolvedEarly: 390,
      resolvedOnTime: 120,
      resolvedLate: 20,
      pendingWithinDeadline: 9,
      pendingOverdue: 2,
    });
    expect(result.sources).toEqual(["2024-Q1", "2024-Q2", "2024-Q3"]);
    expect(result.missing).toEqual([]);
  });

  it("recomputes rates from summed counts instead of averaging them", () => {
    const rolled = deriveRates(rollUp(periodOf("2024-9M"), filed).metrics).onTimeRateOfResolved;
    const averaged =
      [...filed.values()].map((m) => deriveRates(m).onTimeRateOfResolved ?? 0).reduce((a, b) => a + b) / 3;
    expect(rolled).toBeCloseTo((510 / 530) * 100, 10);
    expect(rolled).not.toBeCloseTo(averaged, 2);
  });

  it("builds a quarter from its months when the quarter itself was not filed", () => {
    const months = new Map<string, Metrics>([
      ["2025-M01", { received: 10, carriedOver: 4, pendingOverdue: 1 }],
      ["2025-M02", { received: 20, carriedOver: 2, pendingOverdue: 0 }],
      ["2025-M03", { received: 30, carriedOver: 3, pendingOverdue: 5 }],
    ]);
    const result = rollUp(periodOf("2025-Q1"), months);
    expect(result.metrics).toEqual({ received: 60, carriedOver: 4, pendingOverdue: 5 });
    expect(result.sources).toEqual(["2025-M01", "2025-M02", "2025-M03"]);
  });

  it("prefers a filed quarter over its months", () => {
    const both = new Map<string, Metrics>([
      ["2025-Q1", { received: 99 }],
      ["2025-M01", { received: 1 }],
    ]);
    expect(rollUp(periodOf("2025-Q1"), both).metrics).toEqual({ received: 99 });
  });

  it("says which components are missing and leaves flows without them missing", () => {
    const result = rollUp(periodOf("2024"), filed);
    expect(result.missing).toEqual(["2024-Q4"]);
    expect(result.metrics.received).toBeUndefined();
    expect(result.metrics.carriedOver).toBe(7);
  });

  it("leaves a metric missing when one quarter did not report it", () => {
    const partial = new Map<string, Metrics>([
      ["2024-Q1", { received: 5, feedbackReceived: 2 }],
      ["2024-Q2", { received: 6 }],
    ]);
    expect(rollUp(periodOf("2024-H1"), partial).metrics).toEqual({ received: 11 });
  });

  it("returns nothing for a period with no filings at all", () => {
    expect(rollUp(periodOf("2023-Q2"), filed)).toEqual({
      period: "2023-Q2",
      metrics: {},
      sources: [],
      missing: ["2023-Q2"],
    });
  });
});

describe("periodsToRead", () => {
  it("lists the period and everything below it", () => {
    expect(periodsToRead(periodOf("2024-H1"))).toEqual([
      "2024-H1",
      "2024-Q1",
      "2024-M01",
      "2024-M02",
      "2024-M03",
      "2024-Q2",
      "2024-M04",
      "2024-M05",
      "2024-M06",
    ]);
  });
});
