// Read models are correct by construction: random sequences of writes (new reports, corrections, late
// filings, appraisal changes with a recompute, unit moves, commitments, calendar changes) on the embedded
// database, then every stored read model equals a build from the source items, and every list answer
// equals the on-read computation (the oracle) — all rows, a parent's rows, a chair's scope.

import { gunzipSync } from "node:zlib";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { inScope } from "../functions/auth/guard";
import { commitmentMatrix } from "../functions/services/commitments";
import { filing } from "../functions/services/filing";
import { filingList, leaderboardList, matrixList, rankingList } from "../functions/services/lists";
import { rankCohort } from "../functions/services/rankings";
import { checkSample, rebuildAll } from "../functions/services/read-model-refresh";
import { buildReadModel } from "../functions/services/read-models";
import { leaderboard, recompute } from "../functions/services/scoring";
import { subtreeOf, withinSubtree } from "../functions/services/subtree";
import type { Identity } from "../shared/access/identity";
import type { Metrics } from "../shared/metrics";
import { parseReadModelId } from "../shared/read-models";
import type { Unit } from "../shared/units";
import { cli } from "./support/cli";
import { signedIn } from "./support/session";
import { pointSdkAt, useTestStack } from "./support/stack";

const stack = useTestStack();

const COMMUNES = ["xa-1", "xa-2", "xa-3", "xa-4", "xa-5", "xa-6"];
const UNITS: Unit[] = [
  { id: "tinh", name: "Tỉnh Thử", parentId: null, cohort: "province" },
  { id: "huyen-a", name: "Huyện An", parentId: "tinh", cohort: "district" },
  { id: "huyen-b", name: "Huyện Bình", parentId: "tinh", cohort: "district" },
  ...COMMUNES.map((id, i) => ({
    id,
    name: `Xã ${"ABCDEF"[i]}`,
    parentId: i < 3 ? "huyen-a" : "huyen-b",
    cohort: "commune",
  })),
];
const QUARTERS = ["2026-Q1", "2026-Q2", "2026-Q3"];
const SHOWN = [...QUARTERS, "2026-H1", "2026-9M", "2026-Q4"];
const METRICS = ["onTimeRateOfResolved", "onlineRate", "lateRate"];
const METHODOLOGY = "par-commune";
const inspector: Identity = { kind: "user", username: "thanhtra", role: "inspector", unitId: null };
const chair: Identity = { kind: "user", username: "chutich", role: "chair", unitId: "huyen-b" };

type Write =
  | { op: "file"; unit: string; period: string; received: number; onTime: number; late: number; lateFiling: boolean }
  | { op: "appraise"; unit: string; period: string; score: number }
  | { op: "move"; unit: string; to: "huyen-a" | "huyen-b" }
  | { op: "commit"; unit: string; target: number }
  | { op: "calendar"; dueDays: number };

const unit = fc.constantFrom(...COMMUNES);
const period = fc.constantFrom(...QUARTERS);
const write: fc.Arbitrary<Write> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant("file" as const),
      unit,
      period,
      received: fc.integer({ min: 0, max: 200 }),
      onTime: fc.integer({ min: 0, max: 100 }),
      late: fc.integer({ min: 0, max: 50 }),
      lateFiling: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant("appraise" as const), unit, period, score: fc.integer({ min: 0, max: 2 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("move" as const),
      unit,
      to: fc.constantFrom("huyen-a" as const, "huyen-b" as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant("commit" as const), unit, target: fc.integer({ min: 50, max: 100 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant("calendar" as const), dueDays: fc.integer({ min: 1, max: 30 }) }),
  },
);

let units = [...UNITS];
let commitmentVersion = 0;

async function apply(change: Write): Promise<void> {
  const { store } = stack.deps;
  switch (change.op) {
    case "file": {
      const resolved = Math.min(change.received, change.onTime + change.late);
      const metrics: Metrics = {
        received: change.received,
        carriedOver: 0,
        resolvedEarlyOrOnTime: Math.min(change.onTime, resolved),
        resolvedLate: resolved - Math.min(change.onTime, resolved),
        receivedOnline: Math.floor(change.received / 2),
        pendingOverdue: change.late % 7,
      } as Metrics;
      const due = change.lateFiling ? "2026-11-20T03:00:00.000Z" : `${change.period.slice(0, 4)}-10-02T03:00:00.000Z`;
      await store.saveReport(
        { unitId: change.unit, period: change.period, metrics },
        { submittedBy: "baocao", submittedAt: due, source: "form" },
      );
      return;
    }
    case "appraise": {
      const at = "2026-11-01T00:00:00.000Z";
      const latest = await store.getAppraisal(change.unit, METHODOLOGY, change.period);
      await store.putAppraisal({
        unitId: change.unit,
        methodologyId: METHODOLOGY,
        period: change.period,
        scores: { "C1.1": { appraisedScore: change.score, by: "thanhtra", at } },
        deductions: {},
        revision: (latest?.revision ?? 0) + 1,
        savedBy: "thanhtra",
        savedAt: at,
      });
      await recompute(stack.deps, METHODOLOGY, change.period, {}, "thanhtra");
      return;
    }
    case "move":
      units = units.map((u) => (u.id === change.unit ? { ...u, parentId: change.to } : u));
      await store.putUnits(units.filter((u) => u.id === change.unit));
      return;
    case "commit":
      commitmentVersion++;
      await store.saveCommitment(
        {
          id: `${change.unit}-2026-onTime`,
          unitId: change.unit,
          year: 2026,
          measure: "onTimeRateOfResolved",
          comparator: ">=",
          target: change.target,
          signedBy: "Chủ tịch",
          signedOn: "2026-01-15",
        },
        "thanhtra",
        "2026-01-15T00:00:00.000Z",
        `thay đổi ${commitmentVersion}`,
      );
      return;
    case "calendar":
      await store.putCalendar({ cohort: "commune", dueDays: change.dueDays, overrides: {} });
      return;
  }
}

/** Every list a reader can open on the test cohort, through the read models (opening stores them). */
async function openEverything(who: Identity, parent?: string) {
  const lists: unknown[] = [];
  for (const shown of SHOWN) {
    for (const metric of METRICS) lists.push(await rankingList(stack.deps, "commune", shown, metric, parent));
    lists.push(await leaderboardList(stack.deps, "commune", shown, METHODOLOGY, parent));
  }
  for (const quarter of QUARTERS) lists.push(await filingList(stack.deps, who, "commune", quarter, parent));
  lists.push(await matrixList(stack.deps, who, "commune", 2026, parent));
  return lists;
}

/** The same lists computed from the source items on request, as the routes did before read models. */
async function oracle(who: Identity, parent?: string) {
  const all = await stack.deps.store.listUnits();
  const subtree = subtreeOf(all, parent);
  const lists: unknown[] = [];
  const limited = parent ? { parent } : {};
  for (const shown of SHOWN) {
    for (const metric of METRICS) {
      const ranking = await rankCohort(stack.deps, "commune", shown, metric);
      lists.push({ ...ranking, ...limited, rows: withinSubtree(ranking.rows, subtree) });
    }
    const board = await leaderboard(stack.deps, "commune", shown, METHODOLOGY);
    lists.push({
      ...board,
      ...limited,
      rows: withinSubtree(board.rows, subtree),
      mostImproved: withinSubtree(board.mostImproved, subtree),
      bottom: withinSubtree(board.bottom, subtree),
    });
  }
  for (const quarter of QUARTERS) {
    const visible = inScope(who, "filing.read", all);
    const status = await filing(stack.deps, "commune", quarter, (id) => visible(id) && subtree.keeps(id));
    lists.push({ ...status, ...limited, rows: withinSubtree(status.rows, subtree) });
  }
  const visible = inScope(who, "commitment.read", all);
  const matrix = await commitmentMatrix(stack.deps, "commune", 2026, (id) => visible(id) && subtree.keeps(id));
  lists.push({ ...matrix, ...limited, rows: withinSubtree(matrix.rows, subtree) });
  return lists;
}

/** Every stored read model against a build from the source items: header and rows. */
async function storedMatchSources(): Promise<number> {
  const ids = await stack.deps.store.listReadModels();
  for (const id of ids) {
    const key = parseReadModelId(id);
    if (!key) throw new Error(`unreadable read model id ${id}`);
    const [head, rows, built] = await Promise.all([
      stack.deps.store.readModelHead(id),
      stack.deps.store.readModelRows(id),
      buildReadModel(stack.deps, key),
    ]);
    expect(head?.header, id).toEqual(built.header);
    expect(rows, id).toEqual([...built.rows].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)));
  }
  return ids.length;
}

beforeAll(async () => {
  stack.clock = new Date("2026-12-01T03:00:00Z");
  await stack.deps.store.putUnits(UNITS);
  await recompute(stack.deps, METHODOLOGY, "2026-Q1", {}, "thanhtra");
});

describe("read models against the on-read computation", () => {
  it("equal it after any sequence of writes: stored rows, all rows, a parent's rows, a chair's scope", async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 8 }), async (writes) => {
        runs++;
        await openEverything(inspector);
        for (const change of writes) await apply(change);
        await stack.deps.readModels?.settled();
        expect(await storedMatchSources()).toBe(SHOWN.length * 2 + QUARTERS.length + 1);
        expect(await openEverything(inspector)).toEqual(await oracle(inspector));
        expect(await openEverything(inspector, "huyen-a")).toEqual(await oracle(inspector, "huyen-a"));
        expect(await openEverything(chair)).toEqual(await oracle(chair));
      }),
      { numRuns: 20, seed: 20261201 },
    );
    expect(runs).toBe(20);
  }, 240_000);

  it("shows a report in the rankings of its quarter, the roll-ups containing it and the next quarter's change", async () => {
    await openEverything(inspector);
    await apply({
      op: "file",
      unit: "xa-6",
      period: "2026-Q2",
      received: 100,
      onTime: 100,
      late: 0,
      lateFiling: false,
    });
    await stack.deps.readModels?.settled();
    const q2 = await rankingList(stack.deps, "commune", "2026-Q2", "onTimeRateOfResolved");
    expect(q2.rows.find((row) => row.unitId === "xa-6")?.value).toBe(100);
    const q3 = await rankingList(stack.deps, "commune", "2026-Q3", "onTimeRateOfResolved");
    expect(q3.rows.find((row) => row.unitId === "xa-6")?.previousValue).toBe(100);
    const h1 = await stack.deps.store.readModelRows("rates#commune#2026-H1", "tinh/");
    expect(h1.length).toBe(COMMUNES.length);
  });

  it("the nightly check finds a stored row that differs from its sources, names it and builds the model again", async () => {
    await openEverything(inspector);
    await stack.deps.readModels?.settled();
    const id = "rates#commune#2026-Q2";
    const head = await stack.deps.store.readModelHead(id);
    const rows = await stack.deps.store.readModelRows(id);
    const damaged = rows.map((row, i) => (i === 0 ? { ...row, data: { ...(row.data as object), name: "sai" } } : row));
    const written = await stack.deps.store.writeReadModel(
      id,
      { generation: "damaged", builtAt: "2026-12-01T00:00:00.000Z", header: head?.header ?? {}, rows: damaged },
      head?.generation ?? null,
    );
    expect(written).toMatchObject({ written: true, rowsWritten: 1 });
    const { checked, differences } = await checkSample(stack.deps, 1000);
    expect(checked).toBe(await stack.deps.store.listReadModels().then((ids) => ids.length));
    expect(differences).toEqual([{ id, rows: [rows[0]?.path] }]);
    expect(await storedMatchSources()).toBe(SHOWN.length * 2 + QUARTERS.length + 1);
    expect((await checkSample(stack.deps, 1000)).differences).toEqual([]);
  });

  it("cli rebuild builds every openable read model from the sources and drops one that cannot be built", async () => {
    pointSdkAt(stack);
    // A stored model of a cohort that no longer exists.
    await stack.deps.store.writeReadModel(
      "rates#ward#2026-Q3",
      { generation: "old", builtAt: "2026-01-01T00:00:00.000Z", header: {}, rows: [] },
      null,
    );
    const { code, stdout, stderr } = await cli(
      ["rebuild", "--table", "parwatch-test", "--bucket", "parwatch-test"],
      "vi",
    );
    expect(code).toBe(0);
    expect(stderr).toContain("Bỏ bảng rates#ward#2026-Q3");
    expect(stdout).toMatch(/^Đã tính lại \d+ bảng từ dữ liệu gốc, bỏ 1 bảng \(/);
    const ids = await stack.deps.store.listReadModels();
    expect(ids).not.toContain("rates#ward#2026-Q3");
    // Every cohort's rates for each filed quarter and its roll-ups, filing for each quarter, a matrix per year.
    for (const cohort of ["province", "district", "commune"]) {
      expect(ids).toContain(`rates#${cohort}#2026-Q3`);
      expect(ids).toContain(`filing#${cohort}#2026-Q1`);
      expect(ids).toContain(`matrix#${cohort}#2026`);
    }
    expect(ids).toContain("board#par-commune#2026-Q1#commune");
    expect(await storedMatchSources()).toBe(ids.length);
    // Without a progress callback (the nationwide bench, the cloud) it counts the same.
    expect(await rebuildAll(stack.deps)).toEqual({ refreshed: ids.length, failed: [], dropped: 0 });
  });

  it("the list routes send a text again only for the same stored rows, reader and language", async () => {
    const app = signedIn(stack.deps, { username: "thanhtra.json", role: "inspector" });
    const chairAccount = { username: "chutich.json", role: "chair", unitId: "huyen-b" } as const;
    const get = async (path: string, lang: string, who?: typeof chairAccount) =>
      (await app.request(path, { headers: { "accept-language": lang } }, who)).json();
    const path = "/api/commitments/commune/2026";
    const [vi, en, again] = [await get(path, "vi"), await get(path, "en"), await get(path, "vi")];
    expect(vi.rows[0].cells[0].text.status).not.toBe(en.rows[0].cells[0].text.status);
    expect(again).toEqual(vi);
    const chair = await get(path, "vi", chairAccount);
    const ofB = units
      .filter((u) => u.parentId === "huyen-b")
      .map((u) => u.id)
      .sort();
    expect(chair.rows.map((row: { unitId: string }) => row.unitId).sort()).toEqual(ofB);
    expect((await get(path, "vi")).rows).toHaveLength(COMMUNES.length);
    // Gzipped when the caller accepts it, the same JSON inside.
    const zipped = await app.request(path, { headers: { "accept-language": "vi", "accept-encoding": "gzip, br" } });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(JSON.parse(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString("utf8"))).toEqual(vi);
    await apply({ op: "commit", unit: "xa-1", target: 77 });
    const changed = await get(path, "vi");
    const cell = changed.rows.find((row: { unitId: string }) => row.unitId === "xa-1").cells[0];
    expect(cell.target).toBe(77);
  });
});
