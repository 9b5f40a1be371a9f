// Data-quality flags through the API on the demo province: completeness and timeliness agree with the
// filing status, every history outlier's numbers are recomputed here from the unit's own reports, an
// inspector's check is kept and audited, and nobody else may check.

import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoProvince } from "../functions/local/seed";
import { signedIn, type TestAccount } from "./support/session";
import { useTestStack } from "./support/stack";

const stack = useTestStack();
const INSPECTOR: TestAccount = { username: "thanhtra", role: "inspector" };
const ADMIN: TestAccount = { username: "quantri", role: "admin" };
const CHAIR: TestAccount = { username: "chutich", role: "chair", unitId: "huyen-tan-phuoc" };
let app: ReturnType<typeof signedIn>;
let review: {
  completeness: { units: number; filed: number; onTime: number; late: number; missing: number };
  periods: string[];
  flags: {
    id: string;
    unitId: string;
    kind: string;
    measure: string;
    value: number;
    evidence: Record<string, number>;
    checked: unknown;
  }[];
};

const get = async (path: string, who: TestAccount = INSPECTOR) => (await app.request(path, {}, who)).json();
const post = (path: string, body: unknown, who: TestAccount = INSPECTOR) =>
  app.request(
    path,
    {
      method: "POST",
      headers: { "content-type": "application/json", "accept-language": "en" },
      body: JSON.stringify(body),
    },
    who,
  );

const middle = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const half = sorted.length / 2;
  return sorted.length % 2
    ? (sorted[Math.floor(half)] as number)
    : ((sorted[half - 1] as number) + (sorted[half] as number)) / 2;
};

beforeAll(async () => {
  await seedDemoProvince(stack.deps);
  stack.clock = new Date("2026-12-01T03:00:00Z");
  app = signedIn(stack.deps, INSPECTOR);
  review = await get("/api/quality/commune/2026-Q3");
}, 60_000);

describe("GET /api/quality/:cohort/:period", () => {
  it("gives completeness and timeliness that agree with the filing status", async () => {
    const filing = await get("/api/filing/commune/2026-Q3");
    expect(review.completeness).toEqual({
      units: 120,
      filed: filing.counts.onTime + filing.counts.late,
      onTime: filing.counts.onTime,
      late: filing.counts.late,
      missing: filing.counts.missing + filing.counts.notDue,
    });
    expect(review.periods.at(-1)).toBe("2026-Q3");
    expect(review.periods).toHaveLength(9);
  });

  it("raises a handful of flags, each history outlier's median and MAD recomputed from the unit's reports", async () => {
    expect(review.flags.length).toBeGreaterThan(0);
    expect(review.flags.length).toBeLessThan(20);
    const outliers = review.flags.filter((flag) => flag.kind === "historyOutlier");
    expect(outliers.length).toBeGreaterThan(0);
    for (const flag of outliers) {
      const history: number[] = [];
      for (const period of review.periods.slice(0, -1)) {
        const response = await app.request(`/api/units/${flag.unitId}/reports/${period}`);
        if (response.status !== 200) continue;
        const figures = await response.json();
        const m = figures.metrics;
        const value =
          flag.measure === "resolvedEarlyOrOnTime"
            ? (m.resolvedEarlyOrOnTime ?? m.resolvedEarly + m.resolvedOnTime)
            : m[flag.measure];
        if (value !== undefined && figures.missing.length === 0) history.push(value);
      }
      const median = middle(history);
      const mad = middle(history.map((v) => Math.abs(v - median)));
      expect(flag.evidence, flag.id).toMatchObject({ median, mad, compared: history.length });
      expect(Math.abs(flag.value - median), flag.id).toBeGreaterThanOrEqual(median / 3);
      if (mad > 0) expect(flag.evidence.score, flag.id).toBeCloseTo((0.6745 * (flag.value - median)) / mad, 1);
    }
  });

  it("is for inspectors and admins; a chair may not read it", async () => {
    expect((await app.request("/api/quality/commune/2026-Q3", {}, CHAIR)).status).toBe(403);
    expect((await app.request("/api/quality/commune/2026-Q3", {}, ADMIN)).status).toBe(200);
    expect((await app.request("/api/quality/commune/2026-9M", {}, INSPECTOR)).status).toBe(400);
  });
});

describe("checking a flag", () => {
  it("keeps the inspector's note beside the flag, audits it, and changes no figure", async () => {
    const [flag] = review.flags;
    if (!flag) throw new Error("no flag");
    const before = await get(`/api/units/${flag.unitId}/reports/2026-Q3`);
    expect((await post("/api/quality/commune/2026-Q3/checks", { flagId: flag.id, note: "" })).status).toBe(400);
    expect((await post("/api/quality/commune/2026-Q3/checks", { flagId: "nope", note: "x" })).status).toBe(400);
    expect((await post("/api/quality/commune/2026-Q3/checks", { flagId: flag.id, note: "x" }, ADMIN)).status).toBe(403);
    const note = "Đã gọi điện xác minh: xã mở thêm quầy trực tuyến từ tháng 7";
    const checked = await post("/api/quality/commune/2026-Q3/checks", { flagId: flag.id, note });
    expect(checked.status).toBe(200);
    const again = await get("/api/quality/commune/2026-Q3");
    expect(again.flags.find((f: { id: string }) => f.id === flag.id).checked).toMatchObject({ note, by: "thanhtra" });
    expect(await get(`/api/units/${flag.unitId}/reports/2026-Q3`)).toEqual(before);
    const audit = await get(`/api/audit?unitId=${flag.unitId}&limit=5`);
    expect(audit.entries[0]).toMatchObject({
      action: "quality.check",
      actor: "thanhtra",
      reason: note,
      period: "2026-Q3",
    });
  });
});
