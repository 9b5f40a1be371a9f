import { describe, expect, it } from "vitest";
import { periodEndDate, periodOf } from "../period";
import { deriveRates } from "../rates";
import { validateReport } from "../report";
import { treeProblems } from "../units";
import { DEMO_DUE_DAYS, DEMO_LAST_QUARTER, demoProvince, slug } from "./province";

const demo = demoProvince();

describe("demo province", () => {
  it("is a sound tree of about 15 departments, 8 districts and 120 communes", () => {
    expect(treeProblems(demo.units)).toEqual([]);
    const count = (cohort: string) => demo.units.filter((unit) => unit.cohort === cohort).length;
    expect([count("province"), count("department"), count("district"), count("commune")]).toEqual([1, 15, 8, 120]);
    expect(new Set(demo.units.map((unit) => unit.name)).size).toBe(demo.units.length);
  });

  it("is the same on every call", () => {
    expect(demoProvince()).toEqual(demo);
  });

  it("only holds reports that pass validation", () => {
    for (const report of demo.reports) {
      const result = validateReport(report);
      expect(result.ok, `${report.unitId} ${report.period}`).toBe(true);
    }
  });

  it("has late filers, corrections and units that have not filed the latest quarter", () => {
    const dueBy = (period: string) => {
      const due = new Date(`${periodEndDate(periodOf(period))}T23:59:59Z`);
      due.setUTCDate(due.getUTCDate() + DEMO_DUE_DAYS);
      return due.toISOString();
    };
    const late = demo.reports.filter((report) => report.submittedAt > dueBy(report.period));
    expect(late.length).toBeGreaterThan(10);
    const keys = demo.reports.map((report) => `${report.unitId}/${report.period}`);
    expect(keys.length - new Set(keys).size).toBeGreaterThan(10);
    const filedLatest = new Set(demo.reports.filter((r) => r.period === DEMO_LAST_QUARTER).map((r) => r.unitId));
    const communes = demo.units.filter((unit) => unit.cohort === "commune");
    expect(communes.filter((unit) => !filedLatest.has(unit.id)).length).toBeGreaterThan(0);
  });

  it("varies: on-time rates spread out and some units improve while others slide", () => {
    const rates = demo.reports.map((report) => deriveRates(report.metrics).onTimeRateOfResolved ?? 0);
    expect(Math.min(...rates)).toBeLessThan(85);
    expect(rates.filter((rate) => rate === 100).length).toBeGreaterThan(10);
    const change = (unitId: string) => {
      const own = demo.reports.filter((report) => report.unitId === unitId);
      const first = deriveRates((own[0] ?? own[1])?.metrics ?? {}).onTimeRateOfResolved ?? 0;
      const last = deriveRates(own.at(-1)?.metrics ?? {}).onTimeRateOfResolved ?? 0;
      return last - first;
    };
    const changes = demo.units.filter((unit) => unit.cohort !== "province").map((unit) => change(unit.id));
    expect(changes.filter((delta) => delta > 3).length).toBeGreaterThan(5);
    expect(changes.filter((delta) => delta < -3).length).toBeGreaterThan(5);
  });

  it("makes ascii ids from Vietnamese names", () => {
    expect(slug("Huyện Đông Sơn")).toBe("huyen-dong-son");
    expect(slug("Sở Văn hóa, Thể thao và Du lịch")).toBe("so-van-hoa-the-thao-va-du-lich");
  });
});
