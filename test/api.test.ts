// The hono API end to end on the embedded database: requests through app.request, real SDK underneath.

import { beforeAll, describe, expect, it } from "vitest";
import { signedIn, type TestAccount } from "./support/session";
import { TEST_UNITS, useTestStack } from "./support/stack";

const stack = useTestStack();
let app: ReturnType<typeof signedIn>;

// The province's data office loads the history; two reporters file for their own units.
const OFFICE: TestAccount = { username: "seed", role: "admin" };
const LAN: TestAccount = { username: "lan", role: "reporter", unitId: "xa-a1" };
const THU: TestAccount = { username: "thu", role: "reporter", unitId: "huyen-c" };

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: typeof body === "string" ? body : JSON.stringify(body),
});

const quarter = (received: number, early: number, onTime: number, late: number) => ({
  carriedOver: 0,
  received,
  receivedOnline: Math.floor(received / 2),
  resolvedEarly: early,
  resolvedOnTime: onTime,
  resolvedLate: late,
  pendingWithinDeadline: received - early - onTime - late,
  pendingOverdue: 0,
});

beforeAll(async () => {
  await stack.deps.store.putUnits(TEST_UNITS);
  app = signedIn(stack.deps, OFFICE);
  const file = (unitId: string, period: string, metrics: object) =>
    app.request("/api/reports", json({ unitId, period, metrics }));
  for (const [unitId, q1, q2, q3] of [
    ["huyen-a", quarter(100, 50, 40, 10), quarter(100, 50, 45, 5), quarter(100, 60, 40, 0)],
    ["huyen-b", quarter(200, 100, 90, 10), quarter(200, 100, 96, 4), quarter(200, 150, 45, 5)],
    ["huyen-c", quarter(50, 20, 20, 10), quarter(50, 20, 20, 10), quarter(50, 25, 25, 0)],
  ] as const) {
    await file(unitId, "2025-Q1", q1);
    await file(unitId, "2025-Q2", q2);
    await file(unitId, "2025-Q3", q3);
  }
  await file("huyen-a", "2024-Q1", quarter(100, 40, 40, 20));
  await file("huyen-a", "2024-Q2", quarter(100, 40, 40, 20));
  await file("huyen-a", "2024-Q3", quarter(100, 40, 40, 20));
  await file("huyen-b", "2024-Q1", quarter(100, 50, 49, 1));
  await file("huyen-b", "2024-Q2", quarter(100, 50, 49, 1));
  await file("huyen-b", "2024-Q3", quarter(100, 50, 49, 1));
});

describe("GET /api/health", () => {
  it("answers 200 with the store and blobs reachable", async () => {
    const response = await app.request("/api/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", store: "ok", blobs: "ok" });
  });
});

describe("units", () => {
  it("lists the tree and the cohorts", async () => {
    const body = await (await app.request("/api/units")).json();
    expect(body.cohorts).toEqual(["province", "district", "commune"]);
    expect(body.tree[0].id).toBe("tinh");
    expect(body.tree[0].children.map((c: { id: string }) => c.id)).toEqual(["huyen-a", "huyen-b", "huyen-c"]);
  });

  it("gets one unit with its ancestry and children, and 404s an unknown one in the caller's language", async () => {
    const body = await (await app.request("/api/units/huyen-a")).json();
    expect(body.ancestry.map((u: { id: string }) => u.id)).toEqual(["tinh", "huyen-a"]);
    expect(body.children.map((u: { id: string }) => u.id)).toEqual(["xa-a1"]);
    const missing = await app.request("/api/units/nowhere", { headers: { "accept-language": "en" } });
    expect(missing.status).toBe(404);
    expect((await missing.json()).errors[0].message).toBe("There is no unit with id nowhere.");
  });
});

describe("POST /api/reports", () => {
  it("stores a valid report and answers 201 with the version; a repeat answers 200 without a new version", async () => {
    const report = { unitId: "xa-a1", period: "2025-M07", metrics: { received: 12, resolvedOnTime: 12 } };
    stack.clock = new Date("2025-08-03T01:00:00Z");
    const first = await app.request("/api/reports", json({ ...report, source: "form" }), LAN);
    expect(first.status).toBe(201);
    expect((await first.json()).report).toEqual({
      ...report,
      version: 1,
      submittedBy: "lan",
      submittedAt: "2025-08-03T01:00:00.000Z",
      filedAt: "2025-08-03T01:00:00.000Z",
      source: "form",
    });
    const repeat = await app.request("/api/reports", json(report));
    expect(repeat.status).toBe(200);
    expect((await repeat.json()).created).toBe(false);
  });

  it("rejects bad input with one Vietnamese message per field and stores nothing", async () => {
    const response = await app.request(
      "/api/reports",
      json({ unitId: "xa-a1", period: "2025-M08", metrics: { received: -3, feedbackOnTime: 1.5, oops: 1 } }),
    );
    expect(response.status).toBe(400);
    const { errors } = await response.json();
    expect(errors).toEqual([
      { path: "metrics.received", code: "count", message: "Phải là số nguyên không âm (0, 1, 2, …); đã nhận: -3." },
      {
        path: "metrics.feedbackOnTime",
        code: "count",
        message: "Phải là số nguyên không âm (0, 1, 2, …); đã nhận: 1.5.",
      },
      { path: "metrics.oops", code: "unknownField", message: "Trường không được hỗ trợ: oops." },
    ]);
    const after = await app.request("/api/units/xa-a1/reports/2025-M08");
    expect(after.status).toBe(404);
  });

  it("rejects an unknown unit, a bad source and a cross-field violation, in English on request", async () => {
    stack.clock = new Date("2025-10-08T01:00:00Z");
    const unknown = await app.request(
      "/api/reports?lang=en",
      json({ unitId: "ghost", period: "2025-Q3", metrics: { received: 1 } }),
    );
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).errors).toEqual([
      { path: "unitId", code: "unknownUnit", message: "There is no unit with id ghost." },
    ]);
    const source = await app.request(
      "/api/reports?lang=en",
      json({ unitId: "xa-a1", period: "2025-Q3", metrics: { received: 1 }, source: "seed" }),
    );
    expect((await source.json()).errors[0]).toMatchObject({ path: "source", code: "source" });
    const balance = await app.request(
      "/api/reports?lang=en",
      json({ unitId: "xa-a1", period: "2025-Q3", metrics: { received: 10, carriedOver: 0, resolvedOnTime: 11 } }),
    );
    expect((await balance.json()).errors).toEqual([
      {
        path: "metrics.received",
        code: "balance",
        message: "Resolved + pending + returned (11) exceeds received + carried over (10).",
      },
    ]);
    expect((await app.request("/api/units/xa-a1/reports/2025-Q3/history")).status).toBe(404);
  });

  it("rejects a body that is not JSON", async () => {
    const response = await app.request("/api/reports", json("{not json"));
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].code).toBe("invalidJson");
  });
});

describe("reading reports", () => {
  it("returns the latest filed report with its derived rates", async () => {
    const body = await (await app.request("/api/units/huyen-a/reports/2025-Q1")).json();
    expect(body.report.version).toBe(1);
    expect(body.rates.onTimeRateOfResolved).toBe(90);
    expect(body.rates.onTimeRateOfReceived).toBe(90);
    expect(body.rates.onlineRate).toBe(50);
    expect(body.rates.feedbackOnTimeRate).toBeNull();
  });

  it("computes 9 months on read from the quarters, rates from the summed counts", async () => {
    const body = await (await app.request("/api/units/huyen-a/reports/2025-9M")).json();
    expect(body.sources).toEqual(["2025-Q1", "2025-Q2", "2025-Q3"]);
    expect(body.missing).toEqual([]);
    expect(body.metrics.received).toBe(300);
    expect(body.rates.onTimeRateOfResolved).toBeCloseTo((285 / 300) * 100, 10);
    expect(body.report).toBeUndefined();
  });

  it("marks a roll-up with unfiled quarters as incomplete", async () => {
    const body = await (await app.request("/api/units/huyen-a/reports/2025")).json();
    expect(body.missing).toEqual(["2025-Q4"]);
    expect(body.rates.onTimeRateOfResolved).toBeNull();
  });

  it("lists the versions of a report oldest first, with who, when and how", async () => {
    stack.clock = new Date("2025-10-08T01:00:00Z");
    await app.request(
      "/api/reports",
      json({ unitId: "huyen-c", period: "2025-Q3", metrics: quarter(50, 30, 20, 0), source: "form" }),
      THU,
    );
    const body = await (await app.request("/api/units/huyen-c/reports/2025-Q3/history")).json();
    expect(
      body.versions.map((v: { version: number; submittedBy: string; source: string }) => [
        v.version,
        v.submittedBy,
        v.source,
      ]),
    ).toEqual([
      [1, "seed", "api"],
      [2, "thu", "form"],
    ]);
    expect((await (await app.request("/api/units/huyen-c/reports/2025-Q3")).json()).report.version).toBe(2);
  });

  it("lists a unit's filed periods in order for trend lines", async () => {
    const body = await (await app.request("/api/units/huyen-a/reports")).json();
    expect(body.reports.map((r: { period: string }) => r.period)).toEqual([
      "2024-Q1",
      "2024-Q2",
      "2024-Q3",
      "2025-Q1",
      "2025-Q2",
      "2025-Q3",
    ]);
  });

  it("answers 400 for an invalid period id", async () => {
    const response = await app.request("/api/units/huyen-a/reports/2025-Q9");
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].path).toBe("period");
  });
});

describe("GET /api/rankings/:cohort/:period", () => {
  it("ranks a cohort on 9 months with the change against the previous year's 9 months", async () => {
    const body = await (await app.request("/api/rankings/district/2025-9M?metric=onTimeRateOfResolved")).json();
    expect(body.previousPeriod).toBe("2024-9M");
    const rows = body.rows.map(
      (r: { unitId: string; rank: number; previousRank: number | null; rankChange: number | null }) => [
        r.unitId,
        r.rank,
        r.previousRank,
        r.rankChange,
      ],
    );
    // huyen-a: 285/300 = 95 %; huyen-b: 581/600 ≈ 96.83 %; huyen-c (after its correction): 135/150 = 90 %
    expect(rows).toEqual([
      ["huyen-b", 1, 1, 0],
      ["huyen-a", 2, 2, 0],
      ["huyen-c", 3, null, null],
    ]);
    expect(body.rows[1].value).toBeCloseTo(95, 10);
    expect(body.rows[1].change).toBeCloseTo(95 - 80, 10);
  });

  it("ranks lower-is-better measures ascending and shares ranks on ties", async () => {
    const body = await (await app.request("/api/rankings/district/2025-Q1?metric=onlineRate")).json();
    expect(body.rows.map((r: { rank: number }) => r.rank)).toEqual([1, 1, 1]);
    const late = await (await app.request("/api/rankings/district/2025-Q3?metric=lateRate")).json();
    expect(late.better).toBe("lower");
    expect(late.rows.map((r: { unitId: string }) => r.unitId)).toEqual(["huyen-a", "huyen-c", "huyen-b"]);
  });

  it("lists units without the period unranked, and rejects bad cohorts, periods and metrics", async () => {
    const body = await (await app.request("/api/rankings/district/2024-9M")).json();
    expect(body.rows.at(-1)).toMatchObject({ unitId: "huyen-c", rank: null, value: null, missing: ["2024-9M"] });
    const bad = await app.request("/api/rankings/planets/2025-9X?metric=speed&lang=en");
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.map((e: { path: string }) => e.path)).toEqual(["period", "metric", "cohort"]);
  });
});

describe("GET /api/periods", () => {
  it("lists filed periods and the roll-ups a reader can choose", async () => {
    const body = await (await app.request("/api/periods")).json();
    expect(body.filed).toEqual(["2024-Q1", "2024-Q2", "2024-Q3", "2025-Q1", "2025-Q2", "2025-M07", "2025-Q3"]);
    expect(body.selectable.slice(0, 5)).toEqual(["2025-9M", "2025-Q3", "2025-M07", "2025-H1", "2025-Q2"]);
  });
});

describe("unknown routes", () => {
  it("answer 404 as JSON", async () => {
    const response = await app.request("/api/nothing");
    expect(response.status).toBe(404);
    expect((await response.json()).errors[0].code).toBe("notFound");
  });
});

describe("filing status", () => {
  it("tells who filed on time, late or not at all, by the first version's time", async () => {
    // Moving a due date that has passed changes who counts as late: refused without a reason.
    const unexplained = await app.request("/api/calendars/district", {
      method: "PUT",
      body: JSON.stringify({ dueDays: 10, overrides: { "2025-Q2": "2025-07-05" } }),
    });
    expect(unexplained.status).toBe(400);
    expect((await unexplained.json()).errors).toMatchObject([{ path: "reason", code: "calendar.pastDue" }]);
    expect((await (await app.request("/api/calendars/district")).json()).overrides?.["2025-Q2"]).toBeUndefined();
    await app.request("/api/calendars/district", {
      method: "PUT",
      body: JSON.stringify({
        dueDays: 10,
        overrides: { "2025-Q2": "2025-07-05" },
        reason: "Công văn 123/UBND: hạn nộp quý 2 là 05/7",
      }),
    });
    const calendar = await (await app.request("/api/calendars/district")).json();
    expect(calendar).toEqual({ cohort: "district", dueDays: 10, overrides: { "2025-Q2": "2025-07-05" } });
    stack.clock = new Date("2025-07-20T03:00:00Z");
    const body = await (await app.request("/api/filing/district/2025-Q2")).json();
    expect(body.dueDate).toBe("2025-07-05");
    // All three districts filed 2025-Q2 during the test set-up, on the clock's date then (2025-10-05): late.
    expect(body.rows.map((r: { unitId: string; state: string }) => [r.unitId, r.state])).toEqual([
      ["huyen-a", "late"],
      ["huyen-b", "late"],
      ["huyen-c", "late"],
    ]);
    const june = await (await app.request("/api/filing/commune/2025-M06")).json();
    expect(june.counts).toEqual({ onTime: 0, late: 0, missing: 1, notDue: 0 });
    expect(june.rows[0]).toMatchObject({ unitId: "xa-a1", state: "missing", dueDate: "2025-07-10", daysLate: 10 });
    const august = await (await app.request("/api/filing/commune/2025-M08")).json();
    expect(august.counts).toEqual({ onTime: 0, late: 0, missing: 0, notDue: 1 });
    const bad = await app.request("/api/filing/district/2025-9M");
    expect((await bad.json()).errors[0].code).toBe("rollUpPeriod");
    const badCalendar = await app.request("/api/calendars/district", {
      method: "PUT",
      body: JSON.stringify({ dueDays: -1 }),
    });
    expect(badCalendar.status).toBe(400);
  });
});
