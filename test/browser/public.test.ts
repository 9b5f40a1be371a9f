// The public transparency pages (/cong-khai) in Debian's Chromium against the real local server: they read
// only the published files under /public/ (every /api/* request blocked, none even attempted), a period
// published beside one that is not (the other is on no page and in no file), axe-core at 1440 and 390 px,
// the keyboard, a phone's width, a printed leaderboard with its source and date, and the badge and card
// embedded by another site. Screenshots: .scratch/screenshots/public-*.png.

import { once } from "node:events";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatPercent } from "../../shared/format";
import type { Methodology } from "../../shared/methodology/model";
import type { SnapshotEntry } from "../../shared/publication";
import { bearerOf, openPage, SHOTS, useProduct } from "../support/browser";

const product = useProduct("parwatch-public-");
const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

interface Index {
  readonly published: readonly SnapshotEntry[];
}

const get = async <T>(path: string): Promise<T> => {
  const response = await fetch(`${product.server.url}${path}`);
  if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
};
const index = () => get<Index>("/public/index.json");
const entryOf = async (cohort: string, period: string) => {
  const entry = (await index()).published.find((item) => item.cohort === cohort && item.period === period);
  if (!entry) throw new Error(`${cohort} ${period} is not published`);
  return entry;
};

/** The public pages every check visits, by name (the screenshot's name too). */
const PAGES = {
  home: "/cong-khai",
  leaderboard: "/cong-khai/xep-hang/district/2025/par-province",
  rate: "/cong-khai/xep-hang/district/2025/lateRate",
  unit: "/cong-khai/don-vi/huyen-tan-phuoc",
  methods: "/cong-khai/phuong-phap",
  methodology: "/cong-khai/phuong-phap/par-province",
  "open-data": "/cong-khai/du-lieu-mo",
} as const;
type PageName = keyof typeof PAGES;

/**
 * A public page with the staff API cut off at the network: every /api/* request is aborted, and every
 * request the page makes is recorded (the attempt counts, blocked or not).
 */
async function openPublic(viewport = WIDE): Promise<{ page: Page; requests: string[] }> {
  const page = await openPage(product.browser, viewport);
  const requests: string[] = [];
  page.on("request", (request) => {
    requests.push(new URL(request.url()).pathname);
  });
  await page.route("**/api/**", (route) => route.abort());
  // axe-core is served from the page's own origin: the pages' Content-Security-Policy stays as it is.
  await page.route("**/__test/axe.min.js", (route) =>
    route.fulfill({ path: AXE, contentType: "text/javascript; charset=utf-8" }),
  );
  return { page, requests };
}

/** Opens a public path and waits until its content (not the loading line) is on screen. */
async function visit(page: Page, path: string): Promise<void> {
  await page.goto(`${product.server.url}${path}`);
  await page.waitForSelector("main h1");
}

/** Scrolls the trend chart into view and waits until chart.js has drawn it. */
async function chartShown(page: Page): Promise<void> {
  await page.locator("[data-chart-ready]").scrollIntoViewIfNeeded();
  await page.waitForSelector('[data-chart-ready="true"]');
}

const apiCalls = (requests: readonly string[]) => requests.filter((path) => path.startsWith("/api/"));
const mainText = async (page: Page) => (await page.locator("main").textContent()) ?? "";

describe("public pages read only /public/*", () => {
  it("show real published content on every page with the staff API blocked, and never call it", async () => {
    const { page, requests } = await openPublic();
    const district = await entryOf("district", "2025");
    const board = await get<{
      rows: { name: string; index: number; band: { label: { vi: string } }; rankChange: number }[];
    }>(`/${district.files.leaderboards["par-province"]?.json}`);
    const methodology = await get<Methodology>(`/${district.files.methodologies["par-province"]}`);

    await visit(page, PAGES.home);
    expect(await page.locator("main h1").textContent()).toBe("Kết quả cải cách hành chính đã công bố");
    const published = (await index()).published;
    const tables = published.reduce(
      (sum, entry) => sum + Object.keys(entry.files.leaderboards).length + Object.keys(entry.files.rates).length,
      0,
    );
    expect(await page.locator('main a[href^="/cong-khai/xep-hang/"]').count()).toBe(tables);
    expect(await mainText(page)).toContain("Năm 2025");
    expect(await mainText(page)).toContain("Huyện, thị xã, thành phố");
    await page.screenshot({ path: join(SHOTS, "public-home-1440.png"), fullPage: true });

    await page.locator(`main a[href="${PAGES.leaderboard}"]`).first().click();
    await page.waitForSelector("table.board tbody tr");
    expect(await page.locator("main h1").textContent()).toBe(methodology.name.vi);
    expect(await page.locator("table.board tbody tr").count()).toBe(board.rows.length);
    const first = board.rows[0];
    const firstRow = (await page.locator("table.board tbody tr").first().textContent()) ?? "";
    expect(firstRow).toContain(first?.name);
    expect(firstRow).toContain(formatPercent("vi", first?.index ?? 0));
    expect(firstRow).toContain(first?.band.label.vi);
    expect(firstRow).toMatch(/Tăng \d+ bậc|Giảm \d+ bậc|Giữ nguyên/);
    // Area columns are headed by the methodology's own area names.
    for (const area of methodology.areas) {
      expect(await page.locator("table.board thead").textContent()).toContain(area.label.vi);
    }
    expect(await mainText(page)).toMatch(/Nguồn: ParWatch — công bố ngày \d{2}\/\d{2}\/\d{4}/);
    // No chart on a leaderboard, so chart.js was never fetched.
    expect(requests.some((path) => /\/assets\/chart/.test(path))).toBe(false);
    await page.screenshot({ path: join(SHOTS, "public-leaderboard-1440.png"), fullPage: true });

    // Sorting by a column heading; the rank order comes back with the rank heading.
    await page.getByRole("button", { name: "Đơn vị", exact: true }).click();
    const names = await page.locator("table.board tbody th").allTextContents();
    expect(names).toEqual([...names].sort(new Intl.Collator("vi").compare));
    expect(await page.locator("th[aria-sort]").getAttribute("aria-sort")).toBe("ascending");
    await page.getByRole("button", { name: "Hạng", exact: true }).click();
    expect(await page.locator("table.board tbody tr td").first().textContent()).toBe("1");

    await visit(page, PAGES.rate);
    expect(await page.locator("main h1").textContent()).toBe("Tỷ lệ trễ hạn");
    expect(await mainText(page)).toContain("càng thấp càng tốt");
    expect(await page.locator("table.board tbody tr").count()).toBe(Object.keys(district.files.units).length);

    await visit(page, PAGES.unit);
    expect(await page.locator("main h1").textContent()).toBe("Huyện Tân Phước");
    expect(await mainText(page)).toMatch(/Hạng \d+\/8/);
    expect(await mainText(page)).toContain("Năm 2024");
    expect(await page.locator("table.areas").count()).toBe(Object.keys(district.files.leaderboards).length);
    await chartShown(page);
    const badge = page.locator('main img[src="/public/v1/badges/huyen-tan-phuoc.svg"]');
    await expect.poll(() => badge.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
    const embed = await page.getByLabel("Mã nhúng huy hiệu").inputValue();
    expect(embed).toContain(`<img src="${product.server.url}/public/v1/badges/huyen-tan-phuoc.svg"`);
    expect(embed).toContain(`<a href="${product.server.url}/cong-khai/don-vi/huyen-tan-phuoc">`);
    expect(await page.getByLabel("Mã nhúng thẻ kết quả").inputValue()).toContain(
      `<iframe src="${product.server.url}/public/v1/cards/huyen-tan-phuoc.html"`,
    );
    const card = page.frameLocator('main iframe[src="/public/v1/cards/huyen-tan-phuoc.html"]');
    await expect.poll(() => card.locator("body").textContent()).toContain("Huyện Tân Phước");
    // The commitments of the newest published year, as they ended: status and reason in words, no signatory.
    const commitments = page.locator("section[aria-labelledby=commitments]");
    expect(await commitments.locator("h2").textContent()).toBe("Cam kết năm 2025");
    expect(await commitments.locator("tbody tr").count()).toBeGreaterThan(0);
    expect(await commitments.textContent()).toMatch(/Đạt|Không đạt/);
    expect(await commitments.textContent()).not.toContain("Chủ tịch UBND");
    await page.screenshot({ path: join(SHOTS, "public-unit-1440.png"), fullPage: true });

    await visit(page, PAGES.methods);
    expect(await page.locator("main li a").count()).toBe(4);

    await visit(page, PAGES.methodology);
    const text = await mainText(page);
    expect(text).toContain("Quyết định số 876/QĐ-BNV (năm 2022)");
    expect(text).toContain("Tốt từ 90 trở lên");
    expect(text).toContain("Đo bằng tỷ lệ đúng hạn / đã giải quyết = Giải quyết đúng và trước hạn /");
    expect(text).toContain("Đơn vị tự chấm; Sở Nội vụ thẩm định");
    expect(await page.locator("main h3").count()).toBe(methodology.areas.length);
    for (const area of methodology.areas) expect(text).toContain(`Lĩnh vực ${area.id}: ${area.label.vi}`);
    await page.screenshot({ path: join(SHOTS, "public-methodology-1440.png"), fullPage: true });

    await visit(page, PAGES["open-data"]);
    expect(await page.locator('main a[href$=".csv"]').count()).toBe(tables);
    expect(await page.locator('main a[href$=".xlsx"]').count()).toBe(tables);
    expect(await page.locator('main a[href$=".json"][aria-label]').count()).toBe(tables);
    const openData = await mainText(page);
    expect(openData).toContain("Creative Commons Ghi công 4.0");
    expect(openData).toContain("/public/index.json");
    expect(openData).toContain("/public/v1/{cohort}/{period}/{snapshot}/leaderboards/{methodology}.{json,csv,xlsx}");
    expect(openData).toContain("rankChange");
    expect(openData).toContain("Thay đổi thứ hạng (dương: tăng hạng)");
    const csv = await fetch(
      `${product.server.url}${await page.locator('main a[href$=".csv"]').first().getAttribute("href")}`,
    );
    expect(csv.headers.get("content-type")).toContain("text/csv");
    await page.screenshot({ path: join(SHOTS, "public-open-data-1440.png"), fullPage: true });

    expect(apiCalls(requests)).toEqual([]);
    // Nothing but the page, its assets and the published files (and the browser's own favicon).
    expect(requests.filter((path) => !/^\/(public|assets|cong-khai)\b|^\/favicon\.ico$/.test(path))).toEqual([]);
    await page.close();
  });

  it("switches to English and remembers it, and says so when nothing is published", async () => {
    const { page, requests } = await openPublic();
    await visit(page, PAGES.leaderboard);
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.locator("main h1").textContent()).toBe("PAR Index of departments and districts");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await mainText(page)).toMatch(/\d{2}\.\d{2}%/);
    await page.reload();
    await page.waitForSelector("main h1");
    expect(await page.locator("main h1").textContent()).toBe("PAR Index of departments and districts");
    await page.getByRole("button", { name: "Tiếng Việt" }).click();
    await expect
      .poll(() => page.locator("main h1").textContent())
      .toBe("Chỉ số CCHC của sở, ban, ngành và UBND cấp huyện");

    await page.route("**/public/index.json", (route) => route.fulfill({ status: 404, body: "" }));
    await visit(page, PAGES.home);
    expect(await mainText(page)).toContain("Chưa có kết quả nào được công bố.");
    expect(apiCalls(requests)).toEqual([]);
    await page.close();
  });
});

describe("accessible, keyboard, phone and paper", () => {
  /** Serious and critical axe-core violations of the page as it is, one line each. */
  async function axeViolations(page: Page): Promise<string[]> {
    await page.addScriptTag({ url: "/__test/axe.min.js" });
    const result = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<AxeResult> } }).axe;
      const { passes, violations } = await axe.run();
      return { passed: passes.length, violations };
    });
    // axe really looked: a page of headings, links and tables passes dozens of rules.
    expect(result.passed).toBeGreaterThan(10);
    return result.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  }
  interface AxeResult {
    passes: unknown[];
    violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
  }

  for (const [label, viewport] of [
    ["1440", WIDE],
    ["390", PHONE],
  ] as const) {
    it(`has no serious or critical axe-core violation at ${label} px`, async () => {
      const { page, requests } = await openPublic(viewport);
      const found: Record<string, string[]> = {};
      for (const [name, path] of Object.entries(PAGES)) {
        await visit(page, path);
        if (name === "unit") await chartShown(page);
        const violations = await axeViolations(page);
        if (violations.length > 0) found[name] = violations;
      }
      expect(found).toEqual({});
      expect(apiCalls(requests)).toEqual([]);
      await page.close();
    });
  }

  it("fits a 390 px phone without sideways scrolling", async () => {
    const { page } = await openPublic(PHONE);
    for (const [name, path] of Object.entries(PAGES) as [PageName, string][]) {
      await visit(page, path);
      expect({ name, width: await page.evaluate(() => document.documentElement.scrollWidth) }).toEqual({
        name,
        width: 390,
      });
      if (name === "unit") {
        await chartShown(page);
        await page.evaluate(() => window.scrollTo(0, 0));
      }
      if (name !== "methods" && name !== "rate") {
        await page.screenshot({ path: join(SHOTS, `public-${name}-390.png`), fullPage: true });
      }
    }
    // The trend chart loads chart.js only once it is scrolled into view.
    await visit(page, PAGES.unit);
    const charts = () =>
      page.evaluate(
        () => performance.getEntriesByType("resource").filter((entry) => /\/assets\/chart/.test(entry.name)).length,
      );
    expect(await page.locator('[data-chart-ready="true"]').count()).toBe(0);
    expect(await charts()).toBe(0);
    await chartShown(page);
    expect(await charts()).toBeGreaterThan(0);
    await page.close();
  });

  it("works by keyboard: Tab reaches the language switch and the links, Enter follows one", async () => {
    const { page } = await openPublic();
    await visit(page, PAGES.home);
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        return {
          tag: element?.tagName ?? "",
          text: element?.textContent?.trim() ?? "",
          href: element?.getAttribute("href") ?? "",
        };
      });
    const tabUntil = async (wanted: (item: Awaited<ReturnType<typeof focused>>) => boolean, limit = 40) => {
      for (let i = 0; i < limit; i++) {
        await page.keyboard.press("Tab");
        const item = await focused();
        if (wanted(item)) return item;
      }
      throw new Error("not reached by Tab");
    };
    expect(await tabUntil((item) => item.text === "Bỏ qua đến nội dung chính", 1)).toMatchObject({ href: "#main" });
    await tabUntil((item) => item.tag === "BUTTON" && item.text === "English");
    const link = await tabUntil((item) => item.href.startsWith("/cong-khai/xep-hang/"));
    await page.keyboard.press("Enter");
    await page.waitForURL(`**${link.href}`);
    await page.waitForSelector("table.board tbody tr");
    // After the move the reader starts at the page's content; a unit's link is a few Tabs away.
    const unit = await tabUntil((item) => item.href.startsWith("/cong-khai/don-vi/"), 60);
    await page.keyboard.press("Enter");
    await page.waitForURL(`**${unit.href}`);
    await page.waitForSelector("main h1");
    expect(await page.locator("main h1").textContent()).toBe(unit.text);
    await page.close();
  });

  it("prints a leaderboard as a clean page with its title, period, source and date", async () => {
    const { page } = await openPublic(WIDE);
    await visit(page, PAGES.leaderboard);
    const district = await entryOf("district", "2025");
    const published = new Intl.DateTimeFormat("vi-VN", {
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      timeZone: "Asia/Ho_Chi_Minh",
    }).format(new Date(district.publishedAt));
    await page.emulateMedia({ media: "print" });
    for (const hidden of ["header.top", "footer.foot", ".controls", 'button:has-text("In trang")']) {
      expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
    }
    const pdf = await page.pdf({ format: "A4" });
    const text = pdfText(pdf);
    const has = (needle: string) => squeeze(text).includes(squeeze(needle));
    expect(has("Chỉ số CCHC của sở, ban, ngành và UBND cấp huyện")).toBe(true);
    expect(has("Huyện, thị xã, thành phố · Năm 2025")).toBe(true);
    expect(has(`Nguồn: ParWatch — công bố ngày ${published}`)).toBe(true);
    expect(has("In ngày")).toBe(true);
    expect(has("Huyện Tân Phước")).toBe(true);
    // The screen's controls are not on paper.
    expect(has("Tải về")).toBe(false);
    expect(has("Các bảng khác của kỳ này")).toBe(false);
    await page.screenshot({ path: join(SHOTS, "public-leaderboard-print.png"), fullPage: true });
    await page.close();
  });
});

describe("the badge on a unit's portal", () => {
  let portal: Server;
  let portalUrl = "";
  beforeAll(async () => {
    // Another origin, as a unit's own website: it embeds the badge image and the card with the code
    // the profile page gives.
    portal = createServer((_request, response) => {
      const base = product.server.url;
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin huyện Tân Phước</title></head>
<body style="font-family: sans-serif; padding: 16px"><h1>Cổng thông tin điện tử huyện Tân Phước</h1>
<p><a href="${base}/cong-khai/don-vi/huyen-tan-phuoc"><img id="badge" src="${base}/public/v1/badges/huyen-tan-phuoc.svg" width="280" height="64" alt="Huy hiệu ParWatch"></a></p>
<iframe id="card" src="${base}/public/v1/cards/huyen-tan-phuoc.html" width="320" height="130" style="border:0" title="Thẻ kết quả ParWatch"></iframe>
</body></html>`);
    });
    portal.listen(0, "127.0.0.1");
    await once(portal, "listening");
    portalUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((done) => portal?.close(() => done()));
  });

  it("shows the SVG badge and the framed card on another site", async () => {
    for (const [label, viewport] of [
      ["1440", WIDE],
      ["390", PHONE],
    ] as const) {
      const page = await openPage(product.browser, viewport);
      await page.goto(portalUrl);
      const badge = page.locator("#badge");
      await expect
        .poll(() => badge.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth))
        .toBe(280);
      const card = page.frameLocator("#card");
      await expect.poll(() => card.locator("body").textContent()).toContain("Huyện Tân Phước");
      expect(await card.locator(".big").textContent()).toMatch(/^\d{2},\d{2}$/);
      expect(await card.locator("a.card").isVisible()).toBe(true);
      const box = await page.locator("#card").boundingBox();
      expect(box?.height).toBe(130);
      await page.screenshot({ path: join(SHOTS, `public-badge-embed-${label}.png`), fullPage: true });
      await page.close();
    }
  });
});

describe("only what is published", () => {
  it("shows a newly published period and nowhere the period left unpublished", async () => {
    const url = product.server.url;
    const inspector = await bearerOf(url, "demo-inspector");
    // Commune quarters have their rates (no index: those are yearly); publish Q2 and leave Q1 alone.
    for (const to of ["closed", "appraised", "published"]) {
      const response = await fetch(`${url}/api/workflow/commune/2026-Q2`, {
        method: "POST",
        headers: { ...inspector, "content-type": "application/json" },
        body: JSON.stringify({ to }),
      });
      expect(response.status, to).toBe(200);
    }
    const published = (await index()).published;
    expect(published.some((entry) => entry.cohort === "commune" && entry.period === "2026-Q2")).toBe(true);
    expect(published.some((entry) => entry.period === "2026-Q1")).toBe(false);

    // No file the index lists names the unpublished quarter.
    const UNPUBLISHED = ["2026-Q1", "Quý 1/2026", "Q1 2026"];
    const files = [
      "/public/index.json",
      "/public/v1/dictionary.json",
      ...published.flatMap((entry) => [
        entry.files.manifest,
        ...Object.values(entry.files.leaderboards).flatMap((table) => [table.json, table.csv, table.xlsx]),
        ...Object.values(entry.files.rates).flatMap((table) => [table.json, table.csv, table.xlsx]),
        ...Object.values(entry.files.units),
        ...Object.values(entry.files.methodologies),
        ...Object.values(entry.files.badges ?? {}).flatMap((badge) => [badge.svg, badge.card]),
      ]),
    ].map((path) => (path.startsWith("/") ? path : `/${path}`));
    const leaks: string[] = [];
    for (let at = 0; at < files.length; at += 16) {
      await Promise.all(
        files.slice(at, at + 16).map(async (path) => {
          const response = await fetch(`${url}${path}`);
          expect(response.status, path).toBe(200);
          const text = path.endsWith(".xlsx") ? await sheetText(await response.arrayBuffer()) : await response.text();
          if (UNPUBLISHED.some((needle) => text.includes(needle))) leaks.push(path);
        }),
      );
    }
    expect(leaks).toEqual([]);
    expect(files.length).toBeGreaterThan(1000);

    // …and no public page shows it, links to it or loads anything of it.
    const quarter = await entryOf("commune", "2026-Q2");
    const pages = [
      PAGES.home,
      PAGES["open-data"],
      PAGES.methods,
      "/cong-khai/don-vi/huyen-tan-phuoc--bac-thanh",
      "/cong-khai/xep-hang/commune/2025/onlineRate",
      ...Object.keys(quarter.files.rates).map((rate) => `/cong-khai/xep-hang/commune/2026-Q2/${rate}`),
    ];
    const { page, requests } = await openPublic();
    for (const path of pages) {
      await visit(page, path);
      const html = await page.content();
      expect(
        UNPUBLISHED.filter((needle) => html.includes(needle)),
        path,
      ).toEqual([]);
    }
    expect(requests.filter((path) => path.includes("2026-Q1"))).toEqual([]);
    // The new quarter is there, without a change column (its previous quarter is not public).
    await visit(page, "/cong-khai/xep-hang/commune/2026-Q2/onlineRate");
    expect(await page.locator("main h1").textContent()).toBe("Tỷ lệ hồ sơ trực tuyến");
    expect(await mainText(page)).toContain("Quý 2/2026");
    expect(await mainText(page)).toContain("Kỳ trước không có kết quả đã công bố để so sánh");
    expect(await page.locator("table.board thead").textContent()).not.toContain("Thay đổi");
    await visit(page, PAGES.home);
    expect(await mainText(page)).toContain("Quý 2/2026");
    // Typed in, the unpublished quarter is simply not there — its name not even repeated.
    await visit(page, "/cong-khai/xep-hang/commune/2026-Q1/onlineRate");
    expect(await page.locator("main h1").textContent()).toBe("Không có trang này trong các kết quả đã công bố.");
    expect(await mainText(page)).not.toContain("Quý 1/2026");
    expect(apiCalls(requests)).toEqual([]);
    await page.close();
  });
});

/** Every cell of an XLSX file as text (the sheets are zipped: read them, not the bytes). */
async function sheetText(bytes: ArrayBuffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  const cells: string[] = [];
  workbook.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        cells.push(String(cell.value));
      });
    });
  });
  return cells.join("\n");
}

const squeeze = (text: string) => text.normalize("NFC").replace(/\s+/g, "");

/**
 * The text of a PDF as Chromium writes it: content streams (Flate) show glyph ids of Type0 fonts, each
 * font has a ToUnicode map. Enough to read back what was printed; not a general PDF reader.
 */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString("latin1");
  const objects = new Map<string, { dict: string; stream?: Buffer }>();
  for (const match of raw.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) {
    const body = match[2] as string;
    const at = body.indexOf("stream");
    if (at < 0) {
      objects.set(match[1] as string, { dict: body });
      continue;
    }
    const dict = body.slice(0, at);
    const start = at + (body[at + 6] === "\r" ? 8 : 7);
    const data = Buffer.from(body.slice(start, body.lastIndexOf("endstream")).replace(/\r?\n$/, ""), "latin1");
    objects.set(match[1] as string, { dict, stream: dict.includes("/FlateDecode") ? inflateSync(data) : data });
  }
  const hex = (text: string) => Buffer.from(text, "hex");
  const utf16 = (bytes: Buffer) => {
    let out = "";
    for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes.readUInt16BE(i));
    return out;
  };
  /** Font object id → glyph id → text. */
  const maps = new Map<string, Map<number, string>>();
  for (const [id, object] of objects) {
    const unicode = /\/ToUnicode (\d+) 0 R/.exec(object.dict)?.[1];
    const cmap = unicode ? objects.get(unicode)?.stream?.toString("latin1") : undefined;
    if (!cmap) continue;
    const map = new Map<number, string>();
    for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const pair of (block[1] as string).matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
        map.set(Number.parseInt(pair[1] as string, 16), utf16(hex(pair[2] as string)));
      }
    }
    for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const range of (block[1] as string).matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
        const low = Number.parseInt(range[1] as string, 16);
        const high = Number.parseInt(range[2] as string, 16);
        const first = hex(range[3] as string);
        for (let glyph = low; glyph <= high; glyph++) {
          const target = Buffer.from(first);
          target.writeUInt16BE(target.readUInt16BE(target.length - 2) + glyph - low, target.length - 2);
          map.set(glyph, utf16(target));
        }
      }
    }
    maps.set(id, map);
  }
  /** Resource name (/F4) → font object id, from every page's resources. */
  const fonts = new Map<string, string>();
  for (const object of objects.values()) {
    for (const block of object.dict.matchAll(/\/Font\s*<<([^>]*)>>/g)) {
      for (const ref of (block[1] as string).matchAll(/\/(\w+)\s+(\d+) 0 R/g))
        fonts.set(ref[1] as string, ref[2] as string);
    }
  }
  let text = "";
  for (const object of objects.values()) {
    const content = object.stream?.toString("latin1");
    if (!content?.includes("BT")) continue;
    let map: Map<number, string> | undefined;
    for (const token of content.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>|(ET)/g)) {
      if (token[1]) map = maps.get(fonts.get(token[1]) ?? "");
      else if (token[3]) text += "\n";
      else if (map && token[2]) {
        const glyphs = hex(token[2]);
        for (let i = 0; i + 1 < glyphs.length; i += 2) text += map.get(glyphs.readUInt16BE(i)) ?? "";
      }
    }
  }
  return text;
}
