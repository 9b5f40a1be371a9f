import { describe, expect, it } from "vitest";
import { formatPercent } from "./format";
import { deriveRates, isRateId, RATES, rateDefinition, whyNoValue } from "./rates";

describe("deriveRates", () => {
  it("computes the provincial city example of DOMAIN.md: 5,401 of 5,535 processed → 97.58 %", () => {
    const rates = deriveRates({ resolvedEarly: 3000, resolvedOnTime: 2401, resolvedLate: 134 });
    expect(rates.onTimeRateOfResolved).toBeCloseTo(97.579, 3);
  });

  it("computes the district example: 6,272 of 6,612 received on time → 94.86 %", () => {
    const rates = deriveRates({ received: 6612, resolvedEarly: 0, resolvedOnTime: 6272 });
    expect(rates.onTimeRateOfReceived).toBeCloseTo(94.8578, 3);
  });

  it("computes the Gia Lai late rate over need-to-process", () => {
    const rates = deriveRates({ received: 900, carriedOver: 100, resolvedLate: 30, pendingOverdue: 20 });
    expect(rates.lateRate).toBe(5);
  });

  it("computes online, feedback, satisfaction and plan rates", () => {
    const rates = deriveRates({
      received: 200,
      receivedOnline: 110,
      feedbackReceived: 8,
      feedbackOnTime: 6,
      satisfiedVotes: 95,
      unsatisfiedVotes: 5,
      planTasks: 12,
      planTasksDone: 9,
    });
    expect(rates.onlineRate).toBe(55);
    expect(rates.feedbackOnTimeRate).toBe(75);
    expect(rates.satisfactionRate).toBe(95);
    expect(rates.planCompletionRate).toBe(75);
  });

  it("reports a zero denominator as missing, never 0 % or 100 %", () => {
    const rates = deriveRates({
      received: 0,
      receivedOnline: 0,
      carriedOver: 0,
      resolvedEarly: 0,
      resolvedOnTime: 0,
      resolvedLate: 0,
      pendingOverdue: 0,
      feedbackReceived: 0,
      feedbackOnTime: 0,
      satisfiedVotes: 0,
      unsatisfiedVotes: 0,
      planTasks: 0,
      planTasksDone: 0,
    });
    for (const rate of RATES) expect(rates[rate.id], rate.id).toBeNull();
  });

  it("reports a rate as missing when one of its inputs was not reported", () => {
    const rates = deriveRates({ resolvedEarly: 10, resolvedOnTime: 5 });
    expect(rates.onTimeRateOfResolved).toBeNull();
    expect(rates.onTimeRateOfReceived).toBeNull();
  });

  it("knows which direction is better", () => {
    expect(rateDefinition("lateRate").better).toBe("lower");
    expect(rateDefinition("onlineRate").better).toBe("higher");
    expect(isRateId("onlineRate")).toBe(true);
    expect(isRateId("received")).toBe(false);
  });

  it("uses the combined early-or-on-time figure as officials publish it", () => {
    // Hà Quảng, 9 months of 2021: received 526, resolved early or on time 516 ("đạt 98 %").
    const rates = deriveRates({ received: 526, resolvedEarlyOrOnTime: 516 });
    expect(rates.onTimeRateOfReceived).toBeCloseTo((516 / 526) * 100, 10);
    expect(formatPercent("vi", rates.onTimeRateOfReceived as number)).toBe("98,10\u00a0%");
    // Without late, the share of resolved is unknown: missing is not zero.
    expect(rates.onTimeRateOfResolved).toBeNull();
    expect(deriveRates({ resolvedEarlyOrOnTime: 90, resolvedLate: 10 }).onTimeRateOfResolved).toBe(90);
  });

  it("never gives a share above 100 %: a backlog resolved beyond received leaves the rate empty", () => {
    expect(
      deriveRates({ received: 100, carriedOver: 40, resolvedEarly: 10, resolvedOnTime: 120 }).onTimeRateOfReceived,
    ).toBeNull();
  });

  it("names the inputs a rate lacks, so an empty cell can say what is missing", () => {
    expect(whyNoValue("onTimeRateOfResolved", { resolvedEarlyOrOnTime: 5 })).toEqual({
      missing: ["resolvedLate"],
      zero: false,
    });
    expect(whyNoValue("onTimeRateOfReceived", { received: 5 })).toEqual({
      missing: ["resolvedEarlyOrOnTime"],
      zero: false,
    });
    expect(whyNoValue("onlineRate", { received: 0, receivedOnline: 0 })).toEqual({ missing: [], zero: true });
  });
});
