import { describe, expect, it } from "vitest";
import { METRIC_IDS } from "../metrics";
import { RATE_IDS } from "../rates";
import { KNOWN_COHORTS } from "../units";
import { isMessageKey, pickLang, translate } from ".";
import { en } from "./en";
import { cohortLabel, periodLabel } from "./labels";
import { vi } from "./vi";

describe("i18n", () => {
  it("has a Vietnamese and an English label for every metric, rate and cohort", () => {
    const keys = [
      ...METRIC_IDS.map((id) => `metric.${id}`),
      ...RATE_IDS.flatMap((id) => [`rate.${id}`, `rate.${id}.help`]),
      ...KNOWN_COHORTS.map((id) => `cohort.${id}`),
    ];
    for (const key of keys) {
      expect(isMessageKey(key), key).toBe(true);
    }
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(translate("vi", "period.quarter", { index: 3, year: 2025 })).toBe("Quý 3/2025");
    expect(translate("en", "period.quarter", { index: 3 })).toBe("Q3 {year}");
  });

  it("picks Vietnamese unless English is preferred", () => {
    expect(pickLang(undefined)).toBe("vi");
    expect(pickLang("en-GB,en;q=0.9")).toBe("en");
    expect(pickLang("vi-VN,en;q=0.5")).toBe("vi");
    expect(pickLang("fr")).toBe("vi");
  });
});

describe("labels", () => {
  it("names periods as officials say them", () => {
    expect(periodLabel("vi", "2026-9M")).toBe("9 tháng năm 2026");
    expect(periodLabel("vi", "2026-H1")).toBe("6 tháng đầu năm 2026");
    expect(periodLabel("vi", "2025-Q3")).toBe("Quý 3/2025");
    expect(periodLabel("vi", "2025-M07")).toBe("Tháng 7/2025");
    expect(periodLabel("en", "2025")).toBe("Year 2025");
    expect(periodLabel("en", "nonsense")).toBe("nonsense");
    expect(cohortLabel("vi", "commune")).toBe("Xã, phường, thị trấn");
    expect(cohortLabel("en", "village")).toBe("village");
  });
});
