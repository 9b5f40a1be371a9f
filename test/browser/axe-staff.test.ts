// axe-core on every staff page of the dashboard in Debian's Chromium against the real local server, at
// 1440 and 390 px: sign-in, leaderboard, scores, unit, report form, upload, filing, commitments, quality,
// briefing, compare, users, audit. No serious or critical violation. axe is served from the page's own
// origin (a route), so the dashboard's Content-Security-Policy stays as it is.

import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { type DemoAccount, openPage, signIn, useProduct } from "../support/browser";

const product = useProduct("parwatch-axe-staff-");
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const DISTRICT = "huyen-tan-phuoc";
const COMMUNE = "huyen-tan-phuoc--bac-thanh";

/** Each staff page by name, with the account that may open it. */
const PAGES: readonly (readonly [name: string, account: DemoAccount, path: string])[] = [
  ["leaderboard", "demo-inspector", "/leaderboard/commune/2026-Q3"],
  ["leaderboard, a unit chosen", "demo-inspector", `/leaderboard/commune/2026-Q3?unit=${COMMUNE}`],
  ["scores", "demo-inspector", "/scores/district/2025?methodology=par-province"],
  ["unit", "demo-inspector", `/units/${DISTRICT}`],
  ["filing", "demo-inspector", "/filing/commune/2026-Q3"],
  ["commitments", "demo-inspector", "/commitments/commune/2026"],
  ["quality", "demo-inspector", "/quality/commune/2026-Q3"],
  ["briefing", "demo-inspector", `/briefing/${DISTRICT}/2026-Q3`],
  ["compare", "demo-inspector", `/compare?units=${DISTRICT},huyen-phu-loc`],
  ["audit", "demo-inspector", "/audit"],
  ["report form", "demo-admin", `/report?unit=${COMMUNE}&period=2026-Q2`],
  ["upload", "demo-admin", "/upload"],
  ["users", "demo-admin", "/users"],
];

interface AxeResult {
  passes: unknown[];
  violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
}

async function withAxe(page: Page): Promise<void> {
  await page.route("**/__test/axe.min.js", (route) =>
    route.fulfill({ path: AXE, contentType: "text/javascript; charset=utf-8" }),
  );
}

/** Serious and critical violations of the page as it is, one line each. */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ url: "/__test/axe.min.js" });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<AxeResult> } }).axe;
    const { passes, violations } = await axe.run();
    return { passed: passes.length, violations };
  });
  // axe really looked: a page of headings, links, forms and tables passes dozens of rules.
  expect(result.passed).toBeGreaterThan(10);
  return result.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

/** Opens a path in the signed-in app and waits until the page's content (not a loading line) is there. */
async function visit(page: Page, path: string): Promise<void> {
  await page.goto(`${product.server.url}${path}`);
  await page.waitForSelector("main h1");
  await page.waitForFunction(() => !document.querySelector("main [role=status][aria-live]"));
  // Charts and other late parts: let them draw before axe reads the page.
  await page.waitForFunction(() =>
    [...document.querySelectorAll("[data-chart-ready]")].every(
      (chart) => chart.getAttribute("data-chart-ready") === "true",
    ),
  );
}

for (const [label, viewport] of [
  ["1440", { width: 1440, height: 900 }],
  ["390", { width: 390, height: 844 }],
] as const) {
  describe(`staff pages at ${label} px`, () => {
    it("the sign-in page has no serious or critical axe-core violation", async () => {
      const page = await openPage(product.browser, viewport);
      await withAxe(page);
      await page.goto(`${product.server.url}/`);
      await page.getByLabel("Tên đăng nhập").waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });

    it("every signed-in page has no serious or critical axe-core violation", async () => {
      const found: Record<string, string[]> = {};
      const checked: string[] = [];
      for (const account of ["demo-inspector", "demo-admin"] as const) {
        const page = await openPage(product.browser, viewport);
        await withAxe(page);
        const mine = PAGES.filter(([, who]) => who === account);
        await signIn(page, product.server.url, account, mine[0]?.[2]);
        for (const [name, , path] of mine) {
          await visit(page, path);
          const violations = await axeViolations(page);
          checked.push(name);
          if (violations.length > 0) found[name] = violations;
        }
        await page.close();
      }
      expect(checked).toHaveLength(PAGES.length);
      expect(found).toEqual({});
    });
  });
}
