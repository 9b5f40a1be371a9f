import { describe, expect, it } from "vitest";
import { checkRelations, validateReport } from "./report";
import { localizeIssues } from "./validation";

const good = {
  unitId: "xa-an-binh",
  period: "2025-Q3",
  metrics: {
    carriedOver: 10,
    received: 100,
    receivedOnline: 60,
    resolvedEarly: 40,
    resolvedOnTime: 50,
    resolvedLate: 5,
    pendingWithinDeadline: 10,
    pendingOverdue: 2,
    returned: 3,
    feedbackReceived: 4,
    feedbackOnTime: 4,
  },
};

const issuesOf = (input: unknown) => {
  const result = validateReport(input);
  return result.ok ? [] : result.issues;
};

describe("validateReport", () => {
  it("accepts a consistent report and normalises nothing it should not", () => {
    const result = validateReport(good);
    expect(result).toEqual({ ok: true, value: good });
  });

  it("accepts a monthly report and trims the unit id", () => {
    const result = validateReport({ unitId: "  so-tu-phap ", period: "2025-M07", metrics: { received: 3 } });
    expect(result).toEqual({ ok: true, value: { unitId: "so-tu-phap", period: "2025-M07", metrics: { received: 3 } } });
  });

  it("gives one issue per bad field", () => {
    const issues = issuesOf({
      unitId: "",
      period: "2025-Q7",
      metrics: { received: -1, resolvedLate: 2.5, returned: "3", bogus: 1 },
    });
    expect(issues.map((issue) => [issue.path, issue.key])).toEqual(
      expect.arrayContaining([
        ["unitId", "error.text"],
        ["metrics.received", "error.count"],
        ["metrics.resolvedLate", "error.count"],
        ["metrics.returned", "error.count"],
        ["metrics.bogus", "error.unknownField"],
        ["period", "error.filingPeriod"],
      ]),
    );
    expect(issues).toHaveLength(6);
  });

  it("names missing required fields", () => {
    expect(issuesOf({ metrics: { received: 1 } }).map((issue) => [issue.path, issue.key])).toEqual([
      ["unitId", "error.required"],
      ["period", "error.required"],
    ]);
  });

  it("rejects roll-up periods: reports are filed monthly or quarterly", () => {
    expect(issuesOf({ ...good, period: "2025-9M" })).toEqual([
      { path: "period", key: "error.rollUpPeriod", params: { value: "2025-9M" } },
    ]);
  });

  it("rejects a body that is not an object, and an empty report", () => {
    expect(issuesOf([1, 2])).toEqual([{ path: "", key: "error.notAnObject" }]);
    expect(issuesOf(null)).toEqual([{ path: "", key: "error.notAnObject" }]);
    expect(issuesOf({ ...good, metrics: {} })).toEqual([{ path: "metrics", key: "error.noMetrics" }]);
  });

  it("checks relations only after the fields themselves are valid", () => {
    const issues = issuesOf({ ...good, metrics: { ...good.metrics, received: "x", resolvedEarly: 1000 } });
    expect(issues.map((issue) => issue.key)).toEqual(["error.count"]);
  });
});

describe("checkRelations", () => {
  it("rejects outcomes that exceed received + carried over", () => {
    expect(checkRelations({ ...good.metrics, resolvedOnTime: 60 })).toEqual([
      { path: "metrics.received", key: "error.balance", params: { used: 120, available: 110 } },
    ]);
  });

  it("refuses more resolved than received when carried over is not given, asking for it", () => {
    // The reporter's case: received 100, on time 120, early 10, carried over blank — was "130 % on time".
    expect(checkRelations({ received: 100, resolvedOnTime: 120, resolvedEarly: 10 })).toEqual([
      { path: "metrics.carriedOver", key: "error.balanceNeedsCarriedOver", params: { resolved: 130, received: 100 } },
    ]);
    // With the backlog given, the same figures can be true.
    expect(checkRelations({ received: 100, carriedOver: 40, resolvedOnTime: 120, resolvedEarly: 10 })).toEqual([]);
    // Pending and returned alone are not judged without carried over (the backlog may hold them).
    expect(checkRelations({ received: 10, pendingWithinDeadline: 30 })).toEqual([]);
  });

  it("counts the combined early-or-on-time figure in the balance, and refuses it beside a split that disagrees", () => {
    expect(checkRelations({ received: 526, resolvedEarlyOrOnTime: 516 })).toEqual([]);
    expect(checkRelations({ received: 526, resolvedEarlyOrOnTime: 530 })[0]?.key).toBe("error.balanceNeedsCarriedOver");
    expect(checkRelations({ received: 50, carriedOver: 0, resolvedEarlyOrOnTime: 40, resolvedLate: 11 })[0]?.key).toBe(
      "error.balance",
    );
    expect(checkRelations({ resolvedEarly: 3, resolvedOnTime: 4, resolvedEarlyOrOnTime: 8 })).toEqual([
      { path: "metrics.resolvedEarlyOrOnTime", key: "error.combinedMismatch", params: { combined: 8, sum: 7 } },
    ]);
    expect(checkRelations({ resolvedEarly: 3, resolvedOnTime: 4, resolvedEarlyOrOnTime: 7 })).toEqual([]);
  });

  it("keeps every share's parts within its whole: channels, payments, digitised", () => {
    const issues = checkRelations({
      received: 10,
      receivedOnline: 6,
      receivedPostal: 5,
      onlinePayments: 7,
      digitized: 11,
    });
    expect(issues.map((issue) => [issue.path, issue.key])).toEqual([
      ["metrics.receivedPostal", "error.partsExceedWhole"],
      ["metrics.onlinePayments", "error.partExceedsWhole"],
      ["metrics.digitized", "error.partExceedsWhole"],
    ]);
  });

  it("rejects a part larger than its whole, on the part's field", () => {
    const issues = checkRelations({ feedbackReceived: 3, feedbackOnTime: 4, planTasks: 2, planTasksDone: 5 });
    expect(issues.map((issue) => issue.path)).toEqual(["metrics.feedbackOnTime", "metrics.planTasksDone"]);
  });

  it("allows parts equal to the whole", () => {
    expect(checkRelations({ received: 5, receivedOnline: 5, receivedPostal: 0 })).toEqual([]);
  });
});

describe("messages", () => {
  it("speaks Vietnamese and English, with labels and numbers filled in", () => {
    const issues = checkRelations({ received: 50, receivedOnline: 61 });
    expect(localizeIssues(issues, "vi")).toEqual([
      {
        path: "metrics.receivedOnline",
        code: "partExceedsWhole",
        message: "Tiếp nhận trực tuyến (61) không được lớn hơn Tiếp nhận (50).",
      },
    ]);
    expect(localizeIssues(issues, "en")[0]?.message).toBe("Received online (61) cannot be greater than Received (50).");
  });

  it("formats large numbers the reader's way", () => {
    const issues = checkRelations({ received: 61475, carriedOver: 0, resolvedOnTime: 70000 });
    expect(localizeIssues(issues, "vi")[0]?.message).toContain("(70.000)");
    expect(localizeIssues(issues, "en")[0]?.message).toContain("(70,000)");
  });
});
