import { describe, expect, it } from "vitest";
import { dueDate, dueInstant, filingStatus, isLate, type ReportingCalendar } from "./calendar";
import { periodOf } from "./period";
import type { Unit } from "./units";

const calendar: ReportingCalendar = { cohort: "commune", dueDays: 10, overrides: { "2025-Q4": "2026-01-05" } };
const units: Unit[] = ["a", "b", "c", "d"].map((id) => ({ id, name: `Xã ${id}`, parentId: null, cohort: "commune" }));

describe("reporting calendar", () => {
  it("puts the due date some days after the period ends, unless a period has its own", () => {
    expect(dueDate(calendar, periodOf("2025-Q3"))).toBe("2025-10-10");
    expect(dueDate(calendar, periodOf("2024-M02"))).toBe("2024-03-10");
    expect(dueDate(calendar, periodOf("2025-Q4"))).toBe("2026-01-05");
    expect(dueInstant(calendar, periodOf("2025-Q3"))).toBe("2025-10-10T16:59:59.999Z");
  });

  it("counts a report filed late only after the end of the due day, Vietnam time", () => {
    expect(isLate(calendar, periodOf("2025-Q3"), "2025-10-10T16:30:00.000Z")).toBe(false); // 23:30 in Hà Nội
    expect(isLate(calendar, periodOf("2025-Q3"), "2025-10-10T17:00:00.000Z")).toBe(true); // 00:00 next day
  });

  it("lists on-time, late, missing and not-yet-due units", () => {
    const filed = new Map([
      ["a", "2025-10-02T03:00:00.000Z"],
      ["b", "2025-10-14T03:00:00.000Z"],
    ]);
    const rows = filingStatus(calendar, "2025-Q3", units, filed, new Date("2025-10-20T00:00:00Z"));
    expect(rows.map((r) => [r.unitId, r.state, r.daysLate])).toEqual([
      ["a", "onTime", 0],
      ["b", "late", 4],
      ["c", "missing", 10],
      ["d", "missing", 10],
    ]);
    const early = filingStatus(calendar, "2025-Q3", units, new Map(), new Date("2025-10-05T00:00:00Z"));
    expect(early.every((r) => r.state === "notDue")).toBe(true);
  });
});
