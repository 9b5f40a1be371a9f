// Security on the running product: who may call which route on which unit (every unit-scoped read and
// write, as each role, in and out of scope), sessions that cannot be forged, a sign-in that cannot be
// guessed at, a cookie that cannot be ridden from another site (a real browser posting a text/plain
// form from another local origin), and the headers the dashboard and the API send.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueToken } from "../../functions/auth/tokens";
import { useProduct } from "../support/browser";

const product = useProduct("parwatch-security-");
const PASSWORD = "parwatch-demo";
const tokens: Record<string, string> = {};
let attacker: Server;
let attackerUrl = "";

// demo-chair leads huyen-tan-phuoc; demo-reporter files for its commune bac-thanh.
const OWN_COMMUNE = "huyen-tan-phuoc--bac-thanh";
const SIBLING_COMMUNE = "huyen-tan-phuoc--phuoc-hiep"; // same district, another commune
let OTHER_COMMUNE = ""; // another district's commune

async function login(username: string, password = PASSWORD) {
  return fetch(`${product.server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "accept-language": "vi" },
    body: JSON.stringify({ username, password }),
  });
}

const call = (method: string, path: string, who?: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${product.server.url}${path}`, {
    method,
    headers: {
      "accept-language": "vi",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

beforeAll(async () => {
  for (const username of ["demo-admin", "demo-inspector", "demo-chair", "demo-reporter"]) {
    tokens[username] = (await (await login(username)).json()).token;
  }
  const units = await product.server.deps.store.listUnits();
  OTHER_COMMUNE = units.find((unit) => unit.cohort === "commune" && !unit.id.startsWith("huyen-tan-phuoc"))?.id ?? "";
  // Another local origin (same site: SameSite does not stop it) serving a page that posts a form.
  attacker = createServer((_request, response) => {
    response.setHeader("content-type", "text/html; charset=utf-8");
    response.end(`<!doctype html><form id="f" method="POST" enctype="text/plain" action="${product.server.url}/api/reports">
      <input name='{"unitId":"${OWN_COMMUNE}","period":"2026-M10","metrics":{"received":1},"x":"' value='"}'></form>
      <script>document.getElementById("f").submit()</script>`);
  });
  await new Promise<void>((done) => attacker.listen(0, "127.0.0.1", done));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
}, 60_000);
afterAll(() => attacker?.close());

type Expect = "ok" | 401 | 403;
const allowed = (status: number) => status !== 401 && status !== 403 && status < 500;

describe("every unit-scoped route, as each role, in and out of scope", () => {
  // {u} is replaced by the unit tried. For each role: [own scope, out of scope].
  const manual = { scores: { "C1.1": { selfScore: 3 } } };
  const routes: {
    method: string;
    path: string;
    body?: (unit: string) => unknown;
    reporter: Expect[];
    chair: Expect[];
  }[] = [
    { method: "GET", path: "/api/units/{u}/reports", reporter: ["ok", 403], chair: ["ok", 403] },
    { method: "GET", path: "/api/units/{u}/reports/2025-Q3", reporter: ["ok", 403], chair: ["ok", 403] },
    { method: "GET", path: "/api/units/{u}/reports/2025-Q3/history", reporter: ["ok", 403], chair: ["ok", 403] },
    { method: "GET", path: "/api/units/{u}/appraisals/par-commune/2025", reporter: ["ok", 403], chair: ["ok", 403] },
    {
      method: "GET",
      path: "/api/units/{u}/appraisals/par-commune/2025/history",
      reporter: ["ok", 403],
      chair: ["ok", 403],
    },
    { method: "GET", path: "/api/units/{u}/scorecards/par-commune/2025", reporter: ["ok", 403], chair: ["ok", 403] },
    { method: "GET", path: "/api/units/{u}/commitments?year=2026", reporter: ["ok", 403], chair: ["ok", 403] },
    {
      method: "GET",
      path: "/api/units/{u}/commitments/onlineRate/history?year=2026",
      reporter: ["ok", 403],
      chair: ["ok", 403],
    },
    {
      method: "POST",
      path: "/api/reports",
      body: (unitId) => ({ unitId, period: "2026-M10", metrics: { received: 3, resolvedOnTime: 3 } }),
      reporter: ["ok", 403],
      chair: [403, 403],
    },
    {
      method: "PUT",
      path: "/api/units/{u}/appraisals/par-commune/2026",
      body: () => manual,
      reporter: ["ok", 403],
      chair: [403, 403],
    },
    {
      method: "PUT",
      path: "/api/units/{u}/commitments",
      body: () => ({
        year: 2026,
        measure: "onlineRate",
        comparator: ">",
        target: 10,
        signedBy: "X",
        signedOn: "2026-01-15",
      }),
      reporter: [403, 403],
      chair: [403, 403],
    },
  ];
  let cases = 0;
  for (const route of routes) {
    it(`${route.method} ${route.path}`, async () => {
      const tries: [string, string, Expect][] = [
        ["demo-reporter", OWN_COMMUNE, route.reporter[0] as Expect],
        ["demo-reporter", SIBLING_COMMUNE, route.reporter[1] as Expect],
        ["demo-chair", SIBLING_COMMUNE, route.chair[0] as Expect],
        ["demo-chair", OTHER_COMMUNE, route.chair[1] as Expect],
        ["", OWN_COMMUNE, 401],
      ];
      for (const [who, unit, expected] of tries) {
        const response = await call(
          route.method,
          route.path.replace("{u}", unit),
          who || undefined,
          route.body?.(unit),
        );
        const label = `${who || "anonymous"} ${route.method} ${route.path} on ${unit}: ${response.status}`;
        if (expected === "ok") expect(allowed(response.status), label).toBe(true);
        else expect(response.status, label).toBe(expected);
        cases++;
      }
    });
  }
  it("tried every case", () => expect(cases).toBe(routes.length * 5));

  it("refuses demo-reporter another unit's report with a sentence in Vietnamese, writing nothing", async () => {
    const response = await call("POST", "/api/reports", "demo-reporter", {
      unitId: SIBLING_COMMUNE,
      period: "2026-M11",
      metrics: { received: 9 },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      errors: [
        {
          path: "",
          code: "forbidden",
          message: `Đơn vị ${SIBLING_COMMUNE} nằm ngoài phạm vi phụ trách của bạn (${OWN_COMMUNE}).`,
        },
      ],
    });
    expect(await product.server.deps.store.latestReport(SIBLING_COMMUNE, "2026-M11")).toBeUndefined();
  });

  it("keeps lists to the caller's scope: filing, the commitments matrix, templates, imports", async () => {
    const filing = async (who: string) =>
      (await (await call("GET", "/api/filing/commune/2026-Q3", who)).json()).rows.map(
        (row: { unitId: string }) => row.unitId,
      );
    expect(await filing("demo-reporter")).toEqual([OWN_COMMUNE]);
    const chairs = await filing("demo-chair");
    expect(chairs).toHaveLength(15);
    expect(chairs.every((id: string) => id.startsWith("huyen-tan-phuoc--"))).toBe(true);
    expect(await filing("demo-inspector")).toHaveLength(120);
    const matrix = await (await call("GET", "/api/commitments/commune/2026", "demo-chair")).json();
    expect(matrix.rows).toHaveLength(15);
    expect(Object.values(matrix.counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(
      15 * matrix.measures.length,
    );
    // Leaderboards compare with peers: the chair reads the district cohort's, the reporter no cohort's.
    expect((await call("GET", "/api/rankings/district/2026-9M", "demo-chair")).status).toBe(200);
    expect((await call("GET", "/api/rankings/district/2026-9M", "demo-reporter")).status).toBe(403);
  });

  it("refuses every province-wide write to chairs and reporters, and everything to the anonymous", async () => {
    const writes: [string, string, unknown][] = [
      ["PUT", "/api/calendars/commune", { dueDays: 0 }],
      ["PUT", "/api/methodologies/par-commune", {}],
      ["POST", "/api/scores/par-commune/2025/recompute", {}],
      ["POST", "/api/commitments/template", { cohort: "commune", year: 2026, commitments: [] }],
      ["POST", "/api/workflow/commune/2026-Q3", { to: "closed" }],
      ["POST", "/api/users", { username: "x", role: "admin", password: "xxxxxxxxxxxx" }],
      ["PUT", "/api/users/demo-admin", { disabled: true }],
      ["POST", "/api/imports", { kind: "units", fileName: "u.csv" }],
      ["POST", "/api/imports", { kind: "sipas", fileName: "s.csv", period: "2025" }],
      ["POST", "/api/imports", { kind: "commitments", fileName: "c.csv" }],
    ];
    for (const [method, path, body] of writes) {
      for (const who of ["demo-chair", "demo-reporter"]) {
        expect((await call(method, path, who, body)).status, `${who} ${method} ${path}`).toBe(403);
      }
      expect((await call(method, path, undefined, body)).status, `anonymous ${method} ${path}`).toBe(401);
    }
    for (const path of ["/api/audit", "/api/audit/export.csv", "/api/users"]) {
      expect((await call("GET", path, "demo-chair")).status).toBe(403);
    }
    for (const path of [
      "/api/units",
      "/api/periods",
      "/api/methodologies",
      "/api/imports",
      "/api/templates/reports.csv",
    ]) {
      expect((await call("GET", path)).status, path).toBe(401);
    }
    expect((await call("GET", "/api/health")).status).toBe(200);
  });
});

describe("sign-in and sessions", () => {
  it("signs in with the contract's answer and an HttpOnly, SameSite cookie; refuses a wrong password", async () => {
    const response = await login("demo-chair");
    expect(response.status).toBe(200);
    expect((await response.json()).user).toEqual({
      username: "demo-chair",
      role: "chair",
      unitId: "huyen-tan-phuoc",
      displayName: "Chủ tịch UBND huyện Tân Phước (demo)",
    });
    expect(response.headers.get("set-cookie")).toMatch(
      /^parwatch_session=[^;]+; Max-Age=28800; Path=\/; HttpOnly; SameSite=Strict$/,
    );
    const wrong = await login("demo-chair", "doan-mo");
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).errors[0].message).toBe("Tên đăng nhập hoặc mật khẩu không đúng.");
  });

  it("refuses further attempts for a while after repeated failures, even the right password", async () => {
    for (let attempt = 0; attempt < 5; attempt++)
      expect((await login("demo-admin", `sai-${attempt}`)).status).toBe(401);
    const locked = await login("demo-admin");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(800);
    expect((await locked.json()).errors[0].message).toMatch(
      /^Đăng nhập sai quá nhiều lần\. Vui lòng thử lại sau 1[45] phút\.$/,
    );
  });

  it("answers 401 to a tampered, an expired, an unsigned (alg none) and a logged-out token", async () => {
    const [header, payload, signature] = (tokens["demo-reporter"] as string).split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, role: "admin", unitId: null })).toString("base64url");
    const none = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    const account = await product.server.deps.store.getUser("demo-reporter");
    const keys = product.server.deps.sessions;
    if (!account || !keys) throw new Error("no demo reporter");
    const expired = (await issueToken(keys, account, Math.floor(Date.now() / 1000) - 9 * 3600)).token;
    for (const [name, token] of [
      ["tampered", `${header}.${forged}.${signature}`],
      ["alg none", `${none}.${forged}.`],
      ["expired", expired],
      ["garbage", "abc.def"],
    ]) {
      const response = await fetch(`${product.server.url}/api/units`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status, name).toBe(401);
      expect((await response.json()).errors[0].code).toBe("unauthorized");
    }
    const session = (await (await login("demo-inspector")).json()).token;
    const asSession = { authorization: `Bearer ${session}` };
    expect((await fetch(`${product.server.url}/api/units`, { headers: asSession })).status).toBe(200);
    expect((await fetch(`${product.server.url}/api/auth/logout`, { method: "POST", headers: asSession })).status).toBe(
      204,
    );
    expect((await fetch(`${product.server.url}/api/units`, { headers: asSession })).status).toBe(401);
  });
});

describe("the session cookie from another site", () => {
  it("is refused on writes by fetch from a foreign Origin, and accepted from our own", async () => {
    const cookie = (await login("demo-reporter")).headers.get("set-cookie")?.split(";")[0] ?? "";
    const body = { unitId: OWN_COMMUNE, period: "2026-M09", metrics: { received: 2 } };
    const foreign = await call("POST", "/api/reports", undefined, body, { cookie, origin: "http://127.0.0.1:1" });
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).errors[0].message).toBe(
      "Yêu cầu từ trang web khác bị từ chối (bảo vệ phiên đăng nhập).",
    );
    const noOrigin = await call("POST", "/api/reports", undefined, body, { cookie });
    expect(noOrigin.status).toBe(403);
    const own = await call("POST", "/api/reports", undefined, body, { cookie, origin: product.server.url });
    expect(own.status).toBe(201);
  });

  it("is refused when a page on another local origin posts a text/plain form in a real browser", async () => {
    const context = await product.browser.newContext();
    const page = await context.newPage();
    // Signed in to ParWatch in this browser: the cookie is in the jar.
    expect(
      (
        await context.request.post(`${product.server.url}/api/auth/login`, {
          data: { username: "demo-reporter", password: PASSWORD },
        })
      ).status(),
    ).toBe(200);
    const answer = page.waitForResponse((response) => response.url().endsWith("/api/reports"));
    await page.goto(attackerUrl);
    const response = await answer;
    expect(response.request().headers()["content-type"]).toBe("text/plain");
    expect(response.status()).toBe(403);
    expect(await product.server.deps.store.latestReport(OWN_COMMUNE, "2026-M10")).toMatchObject({
      metrics: { received: 3, resolvedOnTime: 3 }, // the matrix test's own filing, not the form's
    });
    await context.close();
  });
});

describe("headers and unknown paths", () => {
  it("sends CSP without inline script, frame-ancestors, nosniff and a referrer policy on the dashboard and the API", async () => {
    const page = await fetch(`${product.server.url}/leaderboard/district/2026-9M`);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp.match(/script-src [^;]*/)?.[0]).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    const html = await page.text();
    expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g)).toBeNull();
    const api = await call("GET", "/api/units", "demo-chair");
    expect(api.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");
    expect(api.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("answers an unknown /api path with a JSON 404, signed in or not", async () => {
    for (const who of [undefined, "demo-chair"]) {
      const response = await call("GET", "/api/nothing/here", who);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toContain("application/json");
    }
  });
});
