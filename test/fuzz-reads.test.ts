// Property-based fuzzing of every read route the app lists (GET): generated path parameters (ids the
// store knows, unicode of every plane, prototype keys, overlong and badly escaped ids) and query strings,
// as the role the route's guard admits, as an anonymous caller and as an out-of-role reporter. Each
// answer: never a 5xx, no stack trace or internal path, a 4xx as {errors:[{path, code, message}]}; and the
// store, scanned whole before and after, changed by nothing but read models. Fixed seeds: the same cases
// every run.

import { beforeAll, describe, expect, it } from "vitest";
import { appRoutes, type Route, RouteFuzzer, seedFuzzStore } from "./support/fuzz-routes";
import { useTestStack } from "./support/stack";

const stack = useTestStack();
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
/**
 * The audit trail is read one Query per month from 2000 (store/audit-repo.ts): ≈ 1–3 s a request on a
 * near-empty table, so its routes get fewer cases (reported; not this file's to change).
 */
const runsOf = (route: Route) => (route.path.startsWith("/api/audit") ? Math.min(RUNS, 8) : RUNS);
let routes: Route[] = [];
let fuzzer: RouteFuzzer;
let known: Record<string, string[]> = {};

beforeAll(async () => {
  const imports = await seedFuzzStore(stack);
  known = {
    "GET /api/imports/:id:id": imports,
    "GET /api/imports/:id/rows:id": imports,
    "GET /api/imports/:id/errors.csv:id": imports,
  };
  routes = appRoutes(stack).filter((route) => route.method === "GET");
  fuzzer = new RouteFuzzer(stack);
});

describe("generated paths and queries on every read route", () => {
  it("lists the read routes", () => {
    expect(routes.length).toBeGreaterThanOrEqual(30);
  });

  it("answers each without a 5xx, a leak or a write", async () => {
    const started = performance.now();
    for (const route of routes) await fuzzer.fuzz(route, runsOf(route), known);
    for (const route of routes) expect(fuzzer.count.of(route.key), route.key).toBe(runsOf(route));
    expect(fuzzer.count.total).toBe(routes.reduce((sum, route) => sum + runsOf(route), 0));
    expect(fuzzer.count.total).toBeGreaterThanOrEqual(3000);
    console.log(`timings ${JSON.stringify(Object.fromEntries(fuzzer.timings))}`);
    console.log(
      `fuzz-reads: ${fuzzer.count.total} cases on ${routes.length} routes in ${Math.round(performance.now() - started)} ms; statuses ${JSON.stringify(
        Object.fromEntries([...fuzzer.outcomes].map(([key, statuses]) => [key, Object.fromEntries(statuses)])),
      )}`,
    );
  }, 300_000);
});
