// Debian's Chromium driven by playwright-core (no browser download: the network is closed here).

import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { DEMO_PASSWORD } from "../../functions/local/demo-accounts";
import { type RunningServer, startLocal } from "../../functions/local/server";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags for a closed network: without them Chromium floods refused connections at every start. */
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Launches Chromium with a fresh temporary profile (playwright makes and removes it). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run "npm test" (it installs it) or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS });
}

/** A page as a Vietnamese official's desktop browser shows it (or `viewport`); a script error in the page fails the test. */
export async function openPage(
  browser: Browser,
  viewport: { width: number; height: number } = { width: 1280, height: 900 },
): Promise<Page> {
  // Each page is a new browser context: its own cookies, so each signs in on its own.
  const page = await browser.newPage({ viewport, locale: "vi-VN" });
  // Three seeded servers, bundling and Chromium share two cores while the suite runs: give a wait 45 s
  // (under the test's own 60 s) before calling it a failure.
  page.setDefaultTimeout(45_000);
  page.on("pageerror", (error) => {
    throw error;
  });
  return page;
}

export const SHOTS = resolve(".scratch/screenshots");

/** The demo accounts the local server seeds on a new data folder (functions/local/demo-accounts.ts). */
export type DemoAccount = "demo-admin" | "demo-inspector" | "demo-chair" | "demo-reporter";

/**
 * Opens `path` and signs in through the dashboard's own sign-in page, as a person would; resolves once
 * the header names the account (the page then goes on to the path or the role's home).
 */
export async function signIn(page: Page, url: string, username: DemoAccount, path = "/"): Promise<void> {
  await page.goto(`${url}${path}`);
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.waitForSelector("header .user");
}

/** `Authorization: Bearer …` of a demo account, for the test's own API calls beside the browser. */
export async function bearerOf(url: string, username: DemoAccount): Promise<Record<string, string>> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${username}: HTTP ${response.status}`);
  return { authorization: `Bearer ${((await response.json()) as { token: string }).token}` };
}
const WEB_DIR = resolve("web/dist");

export interface Product {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A temporary folder of the test file's own (the data folder is inside it). */
  readonly dir: string;
}

/**
 * The real product for a test file: the local server on a temporary data folder (seeded with the demo
 * province on its first start), the built dashboard, and Debian's Chromium; all stopped and removed after.
 */
export function useProduct(prefix: string): Product {
  const product = {} as { -readonly [K in keyof Product]: Product[K] };
  beforeAll(async () => {
    if (!existsSync(join(WEB_DIR, "index.html"))) throw new Error("web/dist is missing: run npm run build first");
    mkdirSync(SHOTS, { recursive: true });
    product.dir = mkdtempSync(join(tmpdir(), prefix));
    product.server = await startLocal({ port: 0, dataDir: join(product.dir, "data"), webDir: WEB_DIR });
    product.browser = await launchChromium();
  });
  afterAll(async () => {
    await product.browser?.close();
    await product.server?.close();
    if (product.dir) rmSync(product.dir, { recursive: true, force: true });
  });
  return product;
}
