// The route fuzzer's harness: every route the app lists (as test/routes-guarded.test.ts enumerates them),
// a generated path, query and body for each case, sent with a real session of a role the route's guard
// lets through (so validation, not authorization, is what answers) or as an anonymous caller or an
// out-of-role reporter; after each case the whole table (and, for the routes that may write files, both
// buckets) is compared with what it held before.

import fc from "fast-check";
import { expect } from "vitest";
import { createApp } from "../../functions/app";
import { guardOf } from "../../functions/auth/guard";
import { identifyBySession } from "../../functions/auth/identify";
import { type Action, GRANTS } from "../../shared/access/authorize";
import {
  answerProblem,
  bucketObjects,
  CaseCount,
  type Difference,
  describeDifference,
  difference,
  isEmpty,
  type Snapshot,
  snapshot,
  tableItems,
} from "./fuzz";
import { bodyFor, queryString, segmentFor } from "./fuzz-inputs";
import { signedIn, type TestAccount } from "./session";
import type { TestStack } from "./stack";

export const FUZZ_SEED = 20261216;

export const ADMIN: TestAccount = { username: "quantri", role: "admin" };
export const INSPECTOR: TestAccount = { username: "thanhtra", role: "inspector" };
export const REPORTER: TestAccount = { username: "baocao", role: "reporter", unitId: "xa-a1" };
/** Signs out in the logout cases (its own session, so no other case loses its session). */
export const LEAVER: TestAccount = { username: "roi-di", role: "chair", unitId: "huyen-a" };
/** The account the user routes may change. */
export const VICTIM: TestAccount = { username: "nguoi-thu", role: "reporter", unitId: "xa-a1" };

export interface Route {
  readonly method: string;
  readonly path: string;
  readonly key: string;
  readonly actions: readonly Action[] | "open" | "computed";
}

/** Every route of the full app with the actions its guard names. */
export function appRoutes(stack: TestStack): Route[] {
  const app = createApp(stack.deps, { identify: identifyBySession(stack.deps) });
  const routes = new Map<string, Route>();
  for (const route of app.routes) {
    if (route.method === "ALL") continue;
    const guard = guardOf(route.handler);
    if (guard === undefined) continue;
    const key = `${route.method} ${route.path}`;
    routes.set(key, {
      method: route.method,
      path: route.path,
      key,
      actions:
        guard === "open"
          ? "open"
          : typeof guard === "function"
            ? "computed"
            : typeof guard === "string"
              ? [guard]
              : guard,
    });
  }
  return [...routes.values()];
}

/**
 * The role a route's guard lets through: the admin when it holds one of the actions (the brief's "most
 * permissive role" — it is not: appraisals, recompute, commitments, workflow moves and quality checks are
 * the inspector's alone), else the inspector, else the reporter (self-assessment).
 */
export function permittedRole(route: Route): TestAccount {
  if (route.key === "POST /api/auth/logout") return LEAVER;
  if (route.actions === "open" || route.actions === "computed") return ADMIN;
  const holds = (role: keyof typeof GRANTS) => (route.actions as readonly Action[]).some((a) => GRANTS[role][a]);
  if (holds("admin")) return ADMIN;
  if (holds("inspector")) return INSPECTOR;
  return REPORTER;
}

type Caller = TestAccount | "anonymous";

export interface FuzzCase {
  readonly url: string;
  readonly body?: string;
  readonly contentType: string;
  readonly caller: Caller;
}

/** Routes whose successful writes put files in a bucket (publishing): their buckets are compared every case. */
const WRITES_FILES = new Set(["POST /api/workflow/:cohort/:period", "POST /api/imports"]);

/** A generated request for a route: each `:param` filled, a query string, a body for writes. */
export function caseFor(route: Route, known: Readonly<Record<string, readonly string[]>>): fc.Arbitrary<FuzzCase> {
  const names = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1] as string);
  const permitted = permittedRole(route);
  const caller: fc.Arbitrary<Caller> = fc.oneof(
    { weight: 8, arbitrary: fc.constant(permitted) },
    { weight: 1, arbitrary: fc.constant("anonymous" as const) },
    // Signing out ends the caller's session: only its own account does it, so no other case loses its own.
    { weight: 1, arbitrary: fc.constant(permitted === LEAVER ? LEAVER : permitted === REPORTER ? ADMIN : REPORTER) },
  );
  return fc
    .record({
      segments: fc.tuple(...names.map((name) => segmentFor(name, known[`${route.key}:${name}`] ?? []))),
      query: queryString,
      body: route.method === "GET" ? fc.constant(undefined) : bodyFor(route.key),
      contentType: fc.oneof(
        { weight: 9, arbitrary: fc.constant("application/json") },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            "text/plain",
            "",
            "application/x-www-form-urlencoded",
            "application/json; charset=latin1",
          ),
        },
      ),
      caller,
    })
    .map(({ segments, query, body, contentType, caller }) => {
      let i = 0;
      const url = route.path.replace(/:(\w+)/g, () => segments[i++] as string) + query;
      return { url, body, contentType, caller };
    });
}

/** What a case may leave in the store. */
export type Allowance = (route: Route, status: number, changed: Difference) => string | undefined;

/**
 * A refused request (4xx) changes nothing at all — no item, no audit entry, no file; a read that answers
 * changes nothing but read models (a list's first read builds its model).
 */
export const strict: Allowance = (route, status, changed) => {
  if (route.method !== "GET" && status >= 400 && !isEmpty(changed))
    return `a refused request (${status}) changed the store: ${describeDifference(changed)}`;
  if (route.method === "GET") {
    // A list's read model is built by its first read, before the list's own checks (read-models.ts): a
    // refused list read may leave a built model (derived from the sources, never anyone's input) — and
    // nothing else.
    const other = [...changed.added, ...changed.changed, ...changed.removed].filter((key) => !key.startsWith("VIEW#"));
    if (other.length > 0) return `a read changed the store: ${JSON.stringify(other.slice(0, 5))}`;
  }
  return undefined;
};

export class RouteFuzzer {
  readonly count = new CaseCount();
  readonly outcomes = new Map<string, Map<number, number>>();
  private last: Snapshot | undefined;
  private session: ReturnType<typeof signedIn> | undefined;

  constructor(
    private readonly stack: TestStack,
    private readonly allowance: Allowance = strict,
  ) {}

  private get app() {
    this.session ??= signedIn(this.stack.deps, ADMIN);
    return this.session;
  }

  async send(method: string, test: FuzzCase): Promise<Response> {
    const headers: Record<string, string> = { "accept-language": "en" };
    if (test.contentType) headers["content-type"] = test.contentType;
    const init: RequestInit = { method, headers, ...(test.body === undefined ? {} : { body: test.body }) };
    return test.caller === "anonymous"
      ? this.app.app.request(test.url, init)
      : this.app.request(test.url, init, test.caller);
  }

  /** One case: the answer checked, the store compared; throws with the case written out when either fails. */
  async run(route: Route, test: FuzzCase): Promise<number> {
    this.last ??= await snapshot(this.stack);
    const before = this.last;
    const response = await this.send(route.method, test);
    const text = await response.text();
    const sent = `${test.url}\n${test.body ?? ""}`;
    const shown = () =>
      `${route.method} ${test.url.slice(0, 300)} as ${test.caller === "anonymous" ? "anonymous" : test.caller.username} body ${JSON.stringify((test.body ?? "").slice(0, 300))}`;
    const problem = answerProblem(response.status, response.headers.get("content-type") ?? "", text, sent);
    if (problem) throw new Error(`${shown()} → ${problem}`);
    await this.stack.deps.readModels?.settled();
    const items = await tableItems(this.stack);
    const objects = WRITES_FILES.has(route.key) ? await bucketObjects(this.stack) : before.objects;
    const changed = difference(before.items, items);
    const files = difference(before.objects, objects);
    this.last = { items, objects };
    const refused =
      this.allowance(route, response.status, changed) ??
      (response.status >= 400 && !isEmpty(files)
        ? `a refused request changed files: ${describeDifference(files)}`
        : undefined);
    if (refused) throw new Error(`${shown()} → ${response.status}: ${refused}`);
    this.count.add(route.key);
    const statuses = this.outcomes.get(route.key) ?? new Map<number, number>();
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    this.outcomes.set(route.key, statuses);
    return response.status;
  }

  /** `runs` generated cases of one route, seeded by the route so each run is the same. */
  readonly timings = new Map<string, number>();

  async fuzz(route: Route, runs: number, known: Readonly<Record<string, readonly string[]>> = {}): Promise<void> {
    const started = performance.now();
    // Files are compared around the whole batch for the routes that never write any.
    const filesBefore = WRITES_FILES.has(route.key) ? undefined : await bucketObjects(this.stack);
    await fc.assert(
      fc.asyncProperty(caseFor(route, known), async (test) => {
        await this.run(route, test);
      }),
      { numRuns: runs, seed: seedOf(route.key), endOnFailure: true },
    );
    if (filesBefore) {
      const files = difference(filesBefore, await bucketObjects(this.stack));
      expect(isEmpty(files), `${route.key} wrote files: ${describeDifference(files)}`).toBe(true);
      this.last = undefined;
    }
    this.timings.set(route.key, Math.round(performance.now() - started));
  }
}

/** A fixed seed per route: the same cases every run, different cases for each route. */
export function seedOf(key: string): number {
  let hash = FUZZ_SEED;
  for (const char of key) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

/**
 * What the fuzzed routes find in the store: the test units, the accounts, a filed report, a commitment,
 * an appraisal and two imports (one rejected with errors, one applied), so known ids reach real records.
 * Returns the import ids.
 */
export async function seedFuzzStore(stack: TestStack): Promise<string[]> {
  const { runImport } = await import("../../functions/services/imports");
  const { ensureAccount } = await import("./session");
  const { TEST_UNITS } = await import("./stack");
  await stack.deps.store.putUnits(TEST_UNITS);
  for (const account of [ADMIN, INSPECTOR, REPORTER, LEAVER, VICTIM]) await ensureAccount(stack.deps, account);
  const session = signedIn(stack.deps, ADMIN);
  const json = (method: string, path: string, body: unknown, who: TestAccount) =>
    session.request(path, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) }, who);
  const seeded = [
    await json(
      "POST",
      "/api/reports",
      {
        unitId: "huyen-a",
        period: "2025-Q3",
        metrics: { received: 120, resolvedOnTime: 100, resolvedEarly: 15, resolvedLate: 2 },
      },
      ADMIN,
    ),
    await json(
      "POST",
      "/api/reports",
      { unitId: "xa-a1", period: "2025-Q3", metrics: { received: 12, resolvedOnTime: 10, resolvedLate: 2 } },
      ADMIN,
    ),
    await json(
      "PUT",
      "/api/units/huyen-a/commitments",
      { year: 2025, measure: "onlineRate", comparator: ">=", target: 50, signedBy: "Chủ tịch", signedOn: "2025-01-15" },
      INSPECTOR,
    ),
    await json(
      "PUT",
      "/api/units/huyen-a/appraisals/par-province/2025",
      { scores: { "1.1.1": { appraisedScore: 1, reason: "Đủ" } } },
      INSPECTOR,
    ),
  ];
  for (const response of seeded) expect(response.status, await response.clone().text()).toBeLessThan(300);
  const uploader = { kind: "user" as const, username: ADMIN.username, role: "admin" as const, unitId: null };
  const file = (text: string) => new TextEncoder().encode(text);
  const rejected = await runImport(stack.deps, {
    kind: "reports",
    fileName: "loi.csv",
    bytes: file("unitId,period,received\nnowhere,2025-Q9,-1\n"),
    uploadedBy: ADMIN.username,
    uploader,
  });
  const applied = await runImport(stack.deps, {
    kind: "reports",
    fileName: "tot.csv",
    bytes: file("unitId,period,received,resolvedOnTime\nhuyen-b,2025-Q3,40,38\n"),
    uploadedBy: ADMIN.username,
    uploader,
  });
  expect([rejected.record.status, applied.record.status]).toEqual(["rejected", "applied"]);
  await stack.deps.readModels?.settled();
  return [rejected.record.importId, applied.record.importId];
}
