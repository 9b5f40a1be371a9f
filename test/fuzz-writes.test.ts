// Property-based fuzzing of every write route the app lists (POST, PUT, PATCH): each route's documented
// body mutated (a field replaced by any JSON, unicode text, a huge number, null, half a megabyte of text;
// a field removed; a prototype key or an unknown key added anywhere), any JSON, raw text that is not JSON
// or nests past the limit, with generated path parameters and query strings, as the role the guard
// admits, anonymous and out of role. Each answer: never a 5xx, no stack trace or internal path, a 4xx as
// {errors:[{path, code, message}]}; a refused request leaves the table — audit trail included — and the
// buckets exactly as they were (the whole table scanned before and after). Fixed seeds.

import { beforeAll, describe, expect, it } from "vitest";
import { GOOD_BODIES } from "./support/fuzz-inputs";
import { appRoutes, INSPECTOR, type Route, RouteFuzzer, seedFuzzStore } from "./support/fuzz-routes";
import { useTestStack } from "./support/stack";

const stack = useTestStack();
const RUNS = Number(process.env.FUZZ_RUNS ?? 140);
/** Sign-in and new accounts hash a password (scrypt, ≈ 100 ms): fewer cases there. */
const runsOf = (route: Route) =>
  route.key === "POST /api/auth/login" || route.key === "POST /api/users" ? Math.min(RUNS, 40) : RUNS;
let routes: Route[] = [];
let fuzzer: RouteFuzzer;
let regressions: RouteFuzzer;

beforeAll(async () => {
  await seedFuzzStore(stack);
  routes = appRoutes(stack).filter((route) => route.method !== "GET");
  fuzzer = new RouteFuzzer(stack);
  regressions = new RouteFuzzer(stack);
});

describe("the cases fuzzing found, kept as regressions", () => {
  const route = (key: string) => routes.find((found) => found.key === key) as Route;
  const cases: [string, string, string, string, number][] = [
    [
      // Was a 404 that left a failed audit entry behind: the methodology's version was looked up after the
      // entry was written. Now every refusal of a recompute comes before it.
      "a recompute of a methodology version that does not exist writes no audit entry",
      "POST /api/scores/:methodology/:period/recompute",
      "/api/scores/service-index/2024/recompute",
      JSON.stringify({ version: "2024.1" }),
      404,
    ],
    [
      "a recompute of a period that is none writes no audit entry",
      "POST /api/scores/:methodology/:period/recompute",
      "/api/scores/par-province/2025-Q9/recompute",
      "{}",
      400,
    ],
    [
      "a recompute of a cohort the methodology does not score writes no audit entry",
      "POST /api/scores/:methodology/:period/recompute",
      "/api/scores/par-province/2025/recompute",
      JSON.stringify({ cohort: "commune" }),
      400,
    ],
    [
      // Was a 500 ("Cannot convert object to primitive value"): String() of a cohort object whose own
      // toString key is an object.
      "a template cohort that is an object with its own toString key",
      "POST /api/commitments/template",
      "/api/commitments/template?valueOf=1e309",
      '{"cohort":{"toString":{},"__proto__":[true]},"commitments":[{"measure":false,"comparator":">=","target":50,"signedBy":"Chủ tịch","signedOn":"2026-01-15"}]}',
      400,
    ],
    [
      "a template cohort that is a number",
      "POST /api/commitments/template",
      "/api/commitments/template",
      JSON.stringify({ cohort: 7, year: 2026, commitments: [] }),
      400,
    ],
    [
      "a template of 101 commitments",
      "POST /api/commitments/template",
      "/api/commitments/template",
      JSON.stringify({
        cohort: "district",
        year: 2026,
        commitments: Array.from({ length: 101 }, () => ({
          measure: "onlineRate",
          comparator: ">=",
          target: 50,
          signedBy: "X",
          signedOn: "2026-01-15",
        })),
      }),
      400,
    ],
  ];
  for (const [name, key, url, body, status] of cases) {
    it(`${name} → ${status}, nothing stored`, async () => {
      const answered = await regressions.run(route(key), {
        url,
        body,
        contentType: "application/json",
        caller: INSPECTOR,
      });
      expect(answered).toBe(status);
    });
  }
});

describe("generated bodies, paths and queries on every write route", () => {
  it("has a documented body to mutate for each write route", () => {
    expect(routes.length).toBeGreaterThanOrEqual(14);
    expect(routes.map((route) => route.key).filter((key) => !(key in GOOD_BODIES))).toEqual([]);
  });

  it("answers each without a 5xx or a leak, and a refused one writes nothing", async () => {
    const started = performance.now();
    for (const route of routes) await fuzzer.fuzz(route, runsOf(route));
    for (const route of routes) expect(fuzzer.count.of(route.key), route.key).toBe(runsOf(route));
    expect(fuzzer.count.total).toBe(routes.reduce((sum, route) => sum + runsOf(route), 0));
    expect(fuzzer.count.total).toBeGreaterThanOrEqual(1800);
    console.log(`timings ${JSON.stringify(Object.fromEntries(fuzzer.timings))}`);
    console.log(
      `fuzz-writes: ${fuzzer.count.total} cases on ${routes.length} routes in ${Math.round(performance.now() - started)} ms; statuses ${JSON.stringify(
        Object.fromEntries([...fuzzer.outcomes].map(([key, statuses]) => [key, Object.fromEntries(statuses)])),
      )}`,
    );
  }, 300_000);
});
