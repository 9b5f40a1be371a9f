import { describe, expect, it } from "vitest";
import { formatChange, formatNumber, formatPercent } from "./format";

describe("number formats", () => {
  it("writes Vietnamese numbers as officials read them", () => {
    expect(formatPercent("vi", 94.8578)).toBe("94,86\u00a0%");
    expect(formatNumber("vi", 61475)).toBe("61.475");
    expect(formatNumber("vi", 1234567.891, 1)).toBe("1.234.567,9");
  });

  it("writes English numbers the English way", () => {
    expect(formatPercent("en", 94.8578)).toBe("94.86%");
    expect(formatNumber("en", 61475)).toBe("61,475");
  });

  it("signs changes with a true minus", () => {
    expect(formatChange("vi", 1.5)).toBe("+1,50");
    expect(formatChange("vi", -0.25)).toBe("\u22120,25");
    expect(formatChange("en", 0, 0)).toBe("0");
  });
});
