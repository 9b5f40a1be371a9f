// Hostile and careless input through the API on the embedded database: every case answers with a clear
// 4xx, never a 500, and writes nothing. The named cases are those a hostile caller tried before; the
// generated ones throw random JSON and random ids at every write route.

import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { officeOrInspector } from "./support/api";
import { signedIn, type TestAccount } from "./support/session";
import { TEST_UNITS, useTestStack } from "./support/stack";

const stack = useTestStack();
let app: ReturnType<typeof signedIn>;
const ADMIN: TestAccount = { username: "quantri", role: "admin" };

const send = (method: string, path: string, body?: string, who?: TestAccount) =>
  app.request(
    path,
    {
      method,
      headers: { "content-type": "application/json", "accept-language": "en" },
      ...(body === undefined ? {} : { body }),
    },
    who ?? (/^\/api\/(calendars|users)/.test(path) ? ADMIN : officeOrInspector(method, path)),
  );
/** {"a":{"a":…1…}} nested `depth` times, written out directly (stringifying it would overflow the stack). */
const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

beforeAll(async () => {
  await stack.deps.store.putUnits(TEST_UNITS);
  app = signedIn(stack.deps, ADMIN);
});

describe("the named hostile cases", () => {
  const long = (n: number) => "x".repeat(n);
  const cases: [string, string, string, string | undefined, number][] = [
    ["a unit id over 2 KB", "GET", `/api/units/${long(2100)}/reports`, undefined, 400],
    [
      "a methodology= of 3,000 characters",
      "GET",
      `/api/leaderboards/district/2025?methodology=${long(3000)}`,
      undefined,
      400,
    ],
    ["an import id of 3,000 characters", "GET", `/api/imports/${long(3000)}`, undefined, 400],
    [
      "a methodology version of 2,000 characters",
      "GET",
      `/api/methodologies/par-province?version=${long(2000)}`,
      undefined,
      400,
    ],
    [
      "a 500 KB commitment note",
      "PUT",
      "/api/units/huyen-a/commitments",
      JSON.stringify({
        year: 2026,
        measure: "onlineRate",
        comparator: ">",
        target: 50,
        signedBy: "X",
        signedOn: "2026-01-15",
        note: long(500_000),
      }),
      400,
    ],
    [
      "a 500 KB appraisal reason",
      "PUT",
      "/api/units/huyen-a/appraisals/par-province/2025",
      JSON.stringify({ scores: { "1.1.1": { appraisedScore: 1, reason: long(500_000) } } }),
      400,
    ],
    [
      "metrics nested 10,000 deep",
      "POST",
      "/api/reports",
      `{"unitId":"huyen-a","period":"2025-Q3","metrics":${deep(10_000)}}`,
      400,
    ],
    [
      "appraisal entries nested 10,000 deep",
      "PUT",
      "/api/units/huyen-a/appraisals/par-province/2025",
      `{"scores":${deep(10_000)}}`,
      400,
    ],
    [
      "methodology children nested 10,000 deep",
      "PUT",
      "/api/methodologies/par-province",
      `{"id":"par-province","areas":[${deep(10_000)}]}`,
      400,
    ],
    ["null as the body of a commitment template", "POST", "/api/commitments/template", "null", 400],
    ["null as the body of an import", "POST", "/api/imports", "null", 400],
    ["null as the body of a recompute", "POST", "/api/scores/par-province/2025/recompute", "null", 400],
    [
      "null calendar overrides",
      "PUT",
      "/api/calendars/district",
      JSON.stringify({ dueDays: 10, overrides: null }),
      400,
    ],
    [
      "null appraisal scores",
      "PUT",
      "/api/units/huyen-a/appraisals/par-province/2025",
      JSON.stringify({ scores: null }),
      400,
    ],
    ["null as a report", "POST", "/api/reports", "null", 400],
    ["?year=abc", "GET", "/api/units/huyen-a/commitments?year=abc", undefined, 400],
    ["?year=1e309", "GET", "/api/units/huyen-a/commitments?year=1e309", undefined, 400],
    ["?year=-1", "GET", "/api/units/huyen-a/commitments?year=-1", undefined, 400],
    ["?year=2026.5", "GET", "/api/units/huyen-a/commitments?year=2026.5", undefined, 400],
    ["a matrix for year abc", "GET", "/api/commitments/district/abc", undefined, 400],
    [
      "an empty target",
      "PUT",
      "/api/units/huyen-a/commitments",
      JSON.stringify({
        year: 2026,
        measure: "onlineRate",
        comparator: ">",
        target: "",
        signedBy: "X",
        signedOn: "2026-01-15",
      }),
      400,
    ],
    [
      "a hexadecimal target",
      "PUT",
      "/api/units/huyen-a/commitments",
      JSON.stringify({
        year: 2026,
        measure: "onlineRate",
        comparator: ">",
        target: "0x32",
        signedBy: "X",
        signedOn: "2026-01-15",
      }),
      400,
    ],
    [
      "31 February as a signing date",
      "PUT",
      "/api/units/huyen-a/commitments",
      JSON.stringify({
        year: 2026,
        measure: "onlineRate",
        comparator: ">",
        target: 50,
        signedBy: "X",
        signedOn: "2026-02-31",
      }),
      400,
    ],
    [
      "31 February as a due date",
      "PUT",
      "/api/calendars/district",
      JSON.stringify({ dueDays: 10, overrides: { "2025-Q1": "2026-02-31" } }),
      400,
    ],
    [
      "isAdmin inside an appraisal entry",
      "PUT",
      "/api/units/huyen-a/appraisals/par-province/2025",
      JSON.stringify({ scores: { "1.1.1": { appraisedScore: 1, isAdmin: true } } }),
      400,
    ],
    [
      "a calendar for a cohort that does not exist",
      "PUT",
      "/api/calendars/villages",
      JSON.stringify({ dueDays: 10 }),
      400,
    ],
    [
      "a 2 MB body",
      "POST",
      "/api/reports",
      JSON.stringify({ unitId: "huyen-a", period: "2025-Q3", metrics: {}, padding: long(2 * 1024 * 1024) }),
      413,
    ],
    ["a text/plain body", "POST", "/api/reports", "unitId=huyen-a", 400],
  ];
  for (const [name, method, path, body, status] of cases) {
    it(`${name} → ${status}`, async () => {
      const response = await send(method, path, body);
      expect(response.status).toBe(status);
      const answer = await response.json();
      expect(answer.errors[0].message.length).toBeGreaterThan(0);
    });
  }

  it("wrote nothing for any of them", async () => {
    expect(await stack.deps.store.commitmentsOfUnit("huyen-a", 2026)).toEqual([]);
    expect(await stack.deps.store.getAppraisal("huyen-a", "par-province", "2025")).toBeUndefined();
    expect(await stack.deps.store.getCalendar("district")).toBeUndefined();
    expect(await stack.deps.store.latestReport("huyen-a", "2025-Q3")).toBeUndefined();
  });
});

describe("generated input on every write route", () => {
  const routes: [string, string][] = [
    ["POST", "/api/reports"],
    ["PUT", "/api/units/huyen-a/commitments"],
    ["POST", "/api/commitments/template"],
    ["PUT", "/api/units/huyen-a/appraisals/par-province/2025"],
    ["PUT", "/api/calendars/district"],
    ["POST", "/api/imports"],
    ["POST", "/api/scores/par-province/2025/recompute"],
    ["POST", "/api/workflow/district/2025"],
    ["PUT", "/api/methodologies/mini"],
    ["POST", "/api/users"],
    ["PUT", "/api/users/nobody"],
    ["POST", "/api/quality/district/2025-Q3/checks"],
    ["PATCH", "/api/units/huyen-a/reports/2025-Q3"],
  ];
  it("never answers 500 to random JSON (200 bodies per route)", async () => {
    let cases = 0;
    for (const [method, path] of routes) {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
          const response = await send(method, path, JSON.stringify(value));
          cases++;
          return response.status < 500;
        }),
        { numRuns: 200, seed: 20261201 },
      );
    }
    expect(cases).toBe(routes.length * 200);
  }, 120_000);

  it("never answers 500 to random ids and query values in read routes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 400 }), fc.string({ maxLength: 40 }), async (id, value) => {
        const safe = encodeURIComponent(id) || "x";
        const q = encodeURIComponent(value);
        for (const path of [
          `/api/units/${safe}/reports/${safe}`,
          `/api/units/${safe}/commitments?year=${q}`,
          `/api/rankings/${safe}/${safe}?metric=${q}&parent=${q || "x"}`,
          `/api/leaderboards/district/${safe}?methodology=${q || "x"}`,
          `/api/filing/${safe}/${safe}`,
          `/api/audit?from=${q}&cursor=${q}`,
          `/api/workflow/${safe}/${safe}`,
          `/api/units/${safe}/explain?methodology=${q || "x"}&period=${q || "x"}`,
        ]) {
          const response = await send("GET", path, undefined, { username: "thanhtra", role: "inspector" });
          if (response.status >= 500) return false;
        }
        return true;
      }),
      { numRuns: 100, seed: 20261201 },
    );
  }, 120_000);
});
