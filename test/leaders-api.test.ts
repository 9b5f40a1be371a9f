// The chair's and inspector's reads on the demo province: lists limited to a parent unit with a parent
// column, why an index moved (areas summing to the change, checked against the leaderboard and by hand
// from the two scorecards), and the briefing's lines with the numbers behind them.

import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoProvince } from "../functions/local/seed";
import { signedIn, type TestAccount } from "./support/session";
import { useTestStack } from "./support/stack";

const stack = useTestStack();
const CHAIR: TestAccount = { username: "chutich.tp", role: "chair", unitId: "huyen-tan-phuoc" };
const REPORTER: TestAccount = { username: "baocao.bt", role: "reporter", unitId: "huyen-tan-phuoc--bac-thanh" };
let app: ReturnType<typeof signedIn>;
const get = async (path: string, who?: TestAccount) => {
  const response = await app.request(path, { headers: { "accept-language": "vi" } }, who);
  return { status: response.status, body: await response.json() };
};

beforeAll(async () => {
  await seedDemoProvince(stack.deps);
  stack.clock = new Date("2026-12-01T03:00:00Z");
  app = signedIn(stack.deps, CHAIR);
}, 60_000);

describe("?parent= on the lists", () => {
  it("limits rankings, leaderboards, filing and the matrix to a district's communes, with the parent column", async () => {
    const ranking = (await get("/api/rankings/commune/2026-9M?parent=huyen-tan-phuoc")).body;
    expect(ranking.rows).toHaveLength(15);
    expect(ranking.rows.every((row: { parent: { id: string } }) => row.parent.id === "huyen-tan-phuoc")).toBe(true);
    // Ranks stay the province's: a district's communes are ranked among all 120.
    expect(Math.max(...ranking.rows.map((row: { rank: number | null }) => row.rank ?? 0))).toBeGreaterThan(15);
    const all = (await get("/api/rankings/commune/2026-9M")).body;
    expect(all.rows).toHaveLength(120);
    expect(all.rows[0].parent).toMatchObject({ id: expect.any(String), name: expect.any(String) });
    const board = (await get("/api/leaderboards/commune/2025?methodology=par-commune&parent=huyen-tan-phuoc")).body;
    expect(board.rows).toHaveLength(15);
    expect((await get("/api/filing/commune/2026-Q3?parent=huyen-tan-phuoc")).body.rows.length).toBeLessThanOrEqual(15);
    expect((await get("/api/commitments/commune/2026?parent=huyen-tan-phuoc")).body.rows).toHaveLength(15);
    const unknown = await get("/api/rankings/commune/2026-9M?parent=nowhere");
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ path: "parent", code: "unknownUnit" });
  });
});

describe("GET /api/units/:id/explain", () => {
  it("splits a real index change into areas that sum to it, as the leaderboard shows it", async () => {
    const { body } = await get("/api/units/huyen-tan-phuoc/explain?methodology=par-province&period=2025");
    const board = (await get("/api/leaderboards/district/2025?methodology=par-province")).body;
    const row = board.rows.find((candidate: { unitId: string }) => candidate.unitId === "huyen-tan-phuoc");
    expect(body.indexChange).toBeCloseTo(row.change, 10);
    const sum = body.contributions.reduce((total: number, part: { delta: number }) => total + part.delta, 0);
    expect(Math.abs(sum - body.indexChange)).toBeLessThan(0.005);
    const shown = body.contributions.reduce((total: number, part: { shown: number }) => total + part.shown, 0);
    expect(Math.round(shown * 100)).toBe(Math.round(body.indexChange * 100));
    expect(body.contributions.map((part: { areaId: string }) => part.areaId)).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
    ]);
    expect(body.contributions[2].label).toBe("Cải cách thủ tục hành chính");
    // By hand from the two scorecards: area 3's score share now minus then (max 100 both years).
    const now = (await get("/api/units/huyen-tan-phuoc/scorecards/par-province/2025")).body.scorecard;
    const then = (await get("/api/units/huyen-tan-phuoc/scorecards/par-province/2024")).body.scorecard;
    const area3 = (card: { areas: { id: string; score: number }[]; max: number }) =>
      ((card.areas.find((area) => area.id === "3")?.score ?? 0) / card.max) * 100;
    expect(body.contributions[2].delta).toBeCloseTo(area3(now) - area3(then), 10);
    const criteria = (await get("/api/units/huyen-tan-phuoc/explain?methodology=par-province&period=2025&area=3")).body;
    expect(criteria.indexChange).toBeCloseTo(body.contributions[2].delta, 10);
    expect(criteria.contributions.length).toBeGreaterThan(1);
  });

  it("keeps to the caller's scope and says when there is nothing to compare", async () => {
    expect((await get("/api/units/huyen-hoa-thuan/explain?methodology=par-province&period=2025")).status).toBe(403);
    expect((await get("/api/units/huyen-tan-phuoc/explain?methodology=par-province&period=2024")).status).toBe(404);
    expect((await get("/api/units/huyen-tan-phuoc/explain?period=2025")).status).toBe(400);
  });
});

describe("GET /api/briefing/:unitId/:period", () => {
  it("gives the chair's lines for the district's 9 months, each with its number", async () => {
    const { status, body } = await get("/api/briefing/huyen-tan-phuoc/2026-9M");
    expect(status).toBe(200);
    expect(body.standing).toMatchObject({ unitId: "huyen-tan-phuoc", of: 8 });
    expect(body.standing.rank).toBeGreaterThanOrEqual(1);
    expect(body.subUnits).toMatchObject({ cohort: "commune", count: 15 });
    expect(body.subUnits.best).toHaveLength(3);
    expect(body.subUnits.worst).toHaveLength(3);
    const ranks = body.subUnits.best.map((row: { rank: number }) => row.rank);
    expect(ranks).toEqual([...ranks].sort((a: number, b: number) => a - b));
    // The same rows the commune leaderboard gives, limited to the district.
    const ranking = (
      await get(
        `/api/${body.subUnits.kind === "rate" ? "rankings" : "leaderboards"}/commune/2026-9M?${body.subUnits.kind === "rate" ? "metric" : "methodology"}=${body.subUnits.measure}&parent=huyen-tan-phuoc`,
      )
    ).body;
    const best = ranking.rows.filter((row: { rank: number | null }) => row.rank !== null).slice(0, 3);
    expect(body.subUnits.best.map((row: { unitId: string }) => row.unitId)).toEqual(
      best.map((row: { unitId: string }) => row.unitId),
    );
    // 2026-9M has no comparable index for 2025-9M in the demo: movers by the on-time rate, with the change.
    expect(body.subUnits.movers.rows.length).toBeGreaterThan(0);
    for (const row of body.subUnits.movers.rows) expect(row.change).not.toBeNull();
    for (const line of body.commitments) {
      expect(["missed", "atRisk"]).toContain(line.status);
      expect(line.unitId === "huyen-tan-phuoc" || line.unitId.startsWith("huyen-tan-phuoc--")).toBe(true);
    }
    for (const line of body.overdue) expect(line.pendingOverdue).toBeGreaterThan(0);
    expect(body.filing.period).toBe("2026-Q3");
    for (const row of body.filing.rows) expect(["missing", "late"]).toContain(row.state);
  });

  it("is for the unit's chair, inspectors and admins, not reporters or other chairs", async () => {
    expect((await get("/api/briefing/huyen-hoa-thuan/2026-9M")).status).toBe(403);
    expect((await get("/api/briefing/huyen-tan-phuoc--bac-thanh/2026-9M", REPORTER)).status).toBe(403);
  });
});
