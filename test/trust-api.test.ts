// Trust through the API on the embedded database: a period taken from open to published (and reopened),
// what each step demands of whom, the public snapshot it writes, the audit trail of it all, and the
// admin's accounts. Real sessions (tokens checked by the product's middleware), real DynamoDB and S3 APIs.

import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import { signedIn, type TestAccount } from "./support/session";
import { TEST_UNITS, useTestStack } from "./support/stack";

const stack = useTestStack();
const ADMIN: TestAccount = { username: "quantri", role: "admin" };
const INSPECTOR: TestAccount = { username: "thanhtra", role: "inspector" };
const CHAIR_A: TestAccount = { username: "chutich.a", role: "chair", unitId: "huyen-a" };
const REPORTER_A: TestAccount = { username: "baocao.a", role: "reporter", unitId: "huyen-a" };
let app: ReturnType<typeof signedIn>;

const json = (method: string, body?: unknown): RequestInit => ({
  method,
  headers: { "content-type": "application/json", "accept-language": "en" },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});
/** Moves the period a minute after the last change (the clock is the test's), as a person would. */
function move(to: string, who: TestAccount, reason?: string) {
  tick();
  return app.request("/api/workflow/district/2025", json("POST", { to, ...(reason ? { reason } : {}) }), who);
}
const tick = () => {
  stack.clock = new Date(stack.clock.getTime() + 60_000);
};
const quarter = (received: number, late: number) => ({
  received,
  resolvedEarly: received - late - 5,
  resolvedOnTime: 5,
  resolvedLate: late,
});

/** Every object the public-data bucket holds, with its text. */
async function publicFiles(): Promise<Map<string, string>> {
  const { Contents = [] } = await stack.embedded.s3.send(new ListObjectsV2Command({ Bucket: "parwatch-test-public" }));
  const files = new Map<string, string>();
  for (const { Key } of Contents) {
    const object = await stack.embedded.s3.send(new GetObjectCommand({ Bucket: "parwatch-test-public", Key }));
    files.set(Key as string, await (object.Body?.transformToString() ?? ""));
  }
  return files;
}

beforeAll(async () => {
  await stack.deps.store.putUnits(TEST_UNITS);
  app = signedIn(stack.deps, ADMIN);
  stack.clock = new Date("2026-01-20T03:00:00Z");
  for (const [unitId, late] of [
    ["huyen-a", 4],
    ["huyen-b", 1],
    ["huyen-c", 9],
  ] as const) {
    for (const [i, q] of ["Q1", "Q2", "Q3", "Q4"].entries()) {
      await app.request("/api/reports", json("POST", { unitId, period: `2025-${q}`, metrics: quarter(100 + i, late) }));
      await app.request("/api/reports", json("POST", { unitId, period: `2024-${q}`, metrics: quarter(90, late + 1) }));
    }
  }
});

describe("a period from open to published", () => {
  it("starts open; only the inspector may move it, one step at a time", async () => {
    const open = await (await app.request("/api/workflow/district/2025", json("GET"), INSPECTOR)).json();
    expect(open).toMatchObject({ status: "open", history: [], moves: [{ to: "closed", reasonRequired: false }] });
    const asReporter = await move("closed", REPORTER_A);
    expect(asReporter.status).toBe(403);
    expect((await asReporter.json()).errors[0].message).toBe(
      "The role “Reporter” may not close, appraise or publish a period.",
    );
    const skipping = await move("published", INSPECTOR);
    expect(skipping.status).toBe(409);
    expect((await skipping.json()).errors[0].message).toBe(
      "Period 2025 cannot go from “Open for filing” to “Published”.",
    );
    // A move made on a stale view (another revision) is refused rather than applied.
    tick();
    const stale = await app.request(
      "/api/workflow/district/2025",
      json("POST", { to: "closed", revision: 3 }),
      INSPECTOR,
    );
    expect(stale.status).toBe(409);
    const closed = await move("closed", INSPECTOR);
    expect(closed.status).toBe(200);
    expect((await closed.json()).moves).toEqual([
      { to: "open", reasonRequired: true },
      { to: "appraised", reasonRequired: false },
    ]);
  });

  it("takes a late correction after closing only with a reason, and marks it", async () => {
    tick();
    const correction = { unitId: "huyen-a", period: "2025-Q3", metrics: quarter(101, 3) };
    const unexplained = await app.request("/api/reports", json("POST", correction), REPORTER_A);
    expect(unexplained.status).toBe(400);
    expect((await unexplained.json()).errors).toEqual([
      { path: "reason", code: "reason.required", message: "Please give a reason for this change." },
    ]);
    const explained = await app.request(
      "/api/reports",
      json("POST", { ...correction, reason: "Sót 1 hồ sơ trễ hạn khi tổng hợp" }),
      REPORTER_A,
    );
    expect(explained.status).toBe(201);
    expect((await explained.json()).report).toMatchObject({
      version: 2,
      afterClose: true,
      reason: "Sót 1 hồ sơ trễ hạn khi tổng hợp",
      submittedBy: "baocao.a",
    });
  });

  it("publishes a frozen snapshot and points /public/index.json at it; the unpublished year is nowhere", async () => {
    expect(await stack.deps.publicBlobs.get("public/index.json")).toBeUndefined();
    expect((await move("appraised", INSPECTOR)).status).toBe(200);
    const published = await move("published", INSPECTOR);
    expect(published.status).toBe(200);
    const workflow = await published.json();
    expect(workflow.status).toBe("published");
    const files = await publicFiles();
    const index = JSON.parse(files.get("public/index.json") ?? "{}");
    expect(index.published).toHaveLength(1);
    const [entry] = index.published;
    expect(entry).toMatchObject({ cohort: "district", period: "2025", snapshotId: workflow.snapshot.snapshotId });
    expect(Object.keys(entry.files.rates)).toContain("onTimeRateOfResolved");
    expect(Object.keys(entry.files.units).sort()).toEqual(["huyen-a", "huyen-b", "huyen-c"]);
    const ranking = JSON.parse(files.get(entry.files.rates.onTimeRateOfResolved.json) ?? "{}");
    // Every table also as CSV (UTF-8 with BOM, for Excel) and XLSX (a zip), with a dictionary and a licence.
    const csv = files.get(entry.files.rates.onTimeRateOfResolved.csv) ?? "";
    expect(csv.startsWith("\ufeffrank,unitId,name,value")).toBe(true);
    expect(csv).toContain("1,huyen-b,Huyện Bình,");
    expect(files.get(entry.files.rates.onTimeRateOfResolved.xlsx)?.startsWith("PK")).toBe(true);
    expect(
      JSON.parse(files.get("public/v1/dictionary.json") ?? "{}").tables.rate.map((c: { id: string }) => c.id),
    ).toContain("value");
    expect(index.licence.url).toBe("https://creativecommons.org/licenses/by/4.0/");
    expect(ranking.rows.map((row: { unitId: string; rank: number }) => [row.unitId, row.rank])).toEqual([
      ["huyen-b", 1],
      ["huyen-a", 2],
      ["huyen-c", 3],
    ]);
    // 2024 is not published: no file of it, and no change column comparing with it.
    expect([...files.keys()].filter((key) => key.includes("/2024/"))).toEqual([]);
    expect(ranking.comparedWith).toBeNull();
    expect(ranking.rows[0]).not.toHaveProperty("change");
    // No user names, no reasons, no e-mails anywhere public (the XLSX files hold the CSV's table, zipped).
    for (const [key, text] of files) {
      if (key.endsWith(".xlsx")) continue;
      for (const secret of ["quantri", "thanhtra", "baocao.a", "Sót 1 hồ sơ", "@"]) {
        expect(text.includes(secret), `${secret} in ${key}`).toBe(false);
      }
    }
  });

  it("freezes published results: no filing, no recompute, no appraisal", async () => {
    const filing = await app.request(
      "/api/reports",
      json("POST", { unitId: "huyen-a", period: "2025-Q4", metrics: quarter(103, 0), reason: "x" }),
      REPORTER_A,
    );
    expect(filing.status).toBe(409);
    expect((await filing.json()).errors[0].message).toMatch(/published and cannot change/);
    const recompute = await app.request(
      "/api/scores/service-index/2025/recompute",
      json("POST", { cohort: "district" }),
      INSPECTOR,
    );
    expect(recompute.status).toBe(409);
  });

  it("reopens only by an admin with a reason; republishing replaces the pointer, the old snapshot stays", async () => {
    const first = JSON.parse((await publicFiles()).get("public/index.json") ?? "{}").published[0].snapshotId;
    expect((await move("appraised", INSPECTOR, "Sai số liệu")).status).toBe(403);
    const noReason = await move("appraised", ADMIN);
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).errors[0].path).toBe("reason");
    expect((await move("appraised", ADMIN, "=Phát hiện sai số liệu huyện Cát")).status).toBe(200);
    // Reopened: the last published results stay public until they are published again.
    expect(JSON.parse((await publicFiles()).get("public/index.json") ?? "{}").published[0].snapshotId).toBe(first);
    const again = await (await move("published", INSPECTOR)).json();
    expect(again.snapshot.snapshotId).not.toBe(first);
    const files = await publicFiles();
    expect(
      JSON.parse(files.get("public/index.json") ?? "{}").published.map((e: { snapshotId: string }) => e.snapshotId),
    ).toEqual([again.snapshot.snapshotId]);
    expect([...files.keys()].some((key) => key.includes(`/${first}/`))).toBe(true);
    const history = (await (await app.request("/api/workflow/district/2025", json("GET"))).json()).history;
    expect(
      history.map((step: { from: string; to: string; by: string }) => `${step.from}→${step.to} ${step.by}`),
    ).toEqual([
      "open→closed thanhtra",
      "closed→appraised thanhtra",
      "appraised→published thanhtra",
      "published→appraised quantri",
      "appraised→published thanhtra",
    ]);
  });
});

describe("the audit trail", () => {
  it("has an entry for every change of the day, with who, source, reason, before and after", async () => {
    const page = await (await app.request("/api/audit?period=2025&limit=200", json("GET"), INSPECTOR)).json();
    const actions = page.entries.map((entry: { action: string; actor: string }) => `${entry.action} ${entry.actor}`);
    expect(actions.filter((a: string) => a.startsWith("workflow.move") || a.startsWith("publish"))).toEqual([
      "publish thanhtra",
      "workflow.move quantri",
      "publish thanhtra",
      "workflow.move thanhtra",
      "workflow.move thanhtra",
    ]);
    const ofUnit = await (await app.request("/api/audit?unitId=huyen-a&limit=200", json("GET"), INSPECTOR)).json();
    const correction = ofUnit.entries.find(
      (entry: { entity: string; reason?: string }) => entry.entity === "report:huyen-a:2025-Q3" && entry.reason,
    );
    expect(correction).toMatchObject({
      actor: "baocao.a",
      role: "reporter",
      source: "api",
      unitId: "huyen-a",
      reason: "Sót 1 hồ sơ trễ hạn khi tổng hợp",
      outcome: "done",
      before: { version: 1, metrics: quarter(102, 4) },
      after: { version: 2, created: true, metrics: quarter(101, 3) },
    });
    // The refused filing of a frozen period was refused before any entry was written.
    expect(
      ofUnit.entries.filter((entry: { entity: string }) => entry.entity === "report:huyen-a:2025-Q4"),
    ).toHaveLength(1);
  });

  it("filters by unit and user, pages, and exports CSV with formula cells neutralised", async () => {
    const ofUnit = await (await app.request("/api/audit?unitId=huyen-a&user=baocao.a", json("GET"), INSPECTOR)).json();
    expect(ofUnit.entries.map((entry: { entity: string }) => entry.entity)).toEqual(["report:huyen-a:2025-Q3"]);
    const first = await (await app.request("/api/audit?limit=2", json("GET"), INSPECTOR)).json();
    expect(first.entries).toHaveLength(2);
    const second = await (
      await app.request(`/api/audit?limit=2&cursor=${encodeURIComponent(first.next)}`, json("GET"), INSPECTOR)
    ).json();
    expect(second.entries).toHaveLength(2);
    expect(second.entries[0].at <= first.entries[1].at).toBe(true);
    expect(second.entries.map((e: { id: string }) => e.id)).not.toContain(first.entries[1].id);
    const bytes = new Uint8Array(
      await (await app.request("/api/audit/export.csv?period=2025", json("GET"), INSPECTOR)).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv.startsWith("at,actor,role,action")).toBe(true);
    expect(csv).toContain(",'=Phát hiện sai số liệu huyện Cát,");
  });

  it("is for inspectors and admins only", async () => {
    expect((await app.request("/api/audit", json("GET"), CHAIR_A)).status).toBe(403);
    expect((await app.request("/api/audit", json("GET"), REPORTER_A)).status).toBe(403);
  });
});

describe("accounts", () => {
  it("are created, checked per field, disabled and reset by an admin only", async () => {
    expect((await app.request("/api/users", json("GET"), INSPECTOR)).status).toBe(403);
    const bad = await app.request("/api/users", json("POST", { username: "A B", role: "chair", password: "short" }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.map((e: { path: string }) => e.path)).toEqual(["username", "unitId", "password"]);
    const made = await app.request(
      "/api/users",
      json("POST", { username: "chutich.b", role: "chair", unitId: "huyen-b", password: "mot-mat-khau-dai" }),
    );
    expect(made.status).toBe(201);
    const user = (await made.json()).user;
    expect(user).toMatchObject({ username: "chutich.b", role: "chair", unitId: "huyen-b", disabled: false });
    expect(user).not.toHaveProperty("passwordHash");
    const login = await app.app.request(
      "/api/auth/login",
      json("POST", { username: "chutich.b", password: "mot-mat-khau-dai" }),
    );
    const { token } = await login.json();
    const asB = { authorization: `Bearer ${token}` };
    expect((await app.app.request("/api/units/huyen-b/reports", { headers: asB })).status).toBe(200);
    expect((await app.app.request("/api/units/huyen-a/reports", { headers: asB })).status).toBe(403);
    tick();
    expect((await app.request("/api/users/chutich.b", json("PUT", { disabled: true }))).status).toBe(200);
    // Disabled: the session it had ends at once.
    expect((await app.app.request("/api/units/huyen-b/reports", { headers: asB })).status).toBe(401);
    const audit = await (await app.request("/api/audit?user=quantri&limit=5", json("GET"), INSPECTOR)).json();
    expect(audit.entries[0]).toMatchObject({
      action: "user.update",
      entity: "user:chutich.b",
      after: { disabled: true },
    });
    expect(JSON.stringify(audit.entries)).not.toContain("mot-mat-khau-dai");
    expect(JSON.stringify(audit.entries)).not.toContain("scrypt$");
  });
});
