// The real product in a real browser: the local server on a temporary data folder (seeded with the demo
// province and its demo accounts), the built dashboard, Debian's Chromium; each page signs in through the
// sign-in page. Screenshots go to .scratch/screenshots/.

import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openPage, SHOTS, signIn, useProduct } from "../support/browser";

const product = useProduct("parwatch-e2e-");

const newPage = () => openPage(product.browser);

/** How many pixels of the chart's canvas are painted: a blank canvas has none. */
const paintedPixels = (page: Page) =>
  page.$eval(".chart canvas", (canvas) => {
    const { width, height } = canvas as HTMLCanvasElement;
    const pixels = (canvas as HTMLCanvasElement).getContext("2d")?.getImageData(0, 0, width, height).data ?? [];
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) painted++;
    return painted;
  });

describe("dashboard", () => {
  it("opens a chair on the district leaderboard for the latest 9 months, in Vietnamese, with rows and a drawn chart", async () => {
    const page = await newPage();
    await signIn(page, product.server.url, "demo-chair");
    // A chair starts on the own district's communes; the districts are one choice away.
    await page.waitForURL(/\/leaderboard\/commune\/2026-9M\?parent=huyen-tan-phuoc/);
    await page.waitForSelector("table.ranking tbody tr");
    await page.getByLabel("Nhóm đơn vị").selectOption("district");
    await page.waitForURL(/\/leaderboard\/district\/2026-9M/);
    await page.waitForSelector("table.ranking tbody tr");
    await page.waitForSelector('.chart[data-chart-ready="true"]');

    await expect(page.locator("h1").textContent()).resolves.toContain("9 tháng năm 2026");
    const rows = page.locator("table.ranking tbody tr");
    expect(await rows.count()).toBe(8);
    expect(await rows.first().locator("td").first().textContent()).toBe("1");
    // Vietnamese number format: 94,86 % (decimal comma, space before the sign).
    expect(await rows.first().locator("td").nth(1).textContent()).toMatch(/^\d{1,3},\d{2}\u00a0%$/);
    expect(await paintedPixels(page)).toBeGreaterThan(1000);
    await page.screenshot({ path: join(SHOTS, "leaderboard-vi.png"), fullPage: true });
    await page.close();
  });

  it("switches to English and to the commune cohort, keeping the choice in the URL", async () => {
    const page = await newPage();
    await signIn(page, product.server.url, "demo-inspector", "/leaderboard/district/2026-9M");
    await page.waitForSelector("table.ranking tbody tr");
    await page.getByRole("button", { name: "Ngôn ngữ" }).click();
    await expect(page.locator("h1").textContent()).resolves.toContain("Leaderboard");
    await page.getByRole("combobox", { name: /^Cohort/ }).selectOption("commune");
    await page.waitForURL(/\/leaderboard\/commune\/2026-9M/);
    await page.waitForFunction(() => document.querySelectorAll("table.ranking tbody tr").length > 100);
    const text = await page.locator("table.ranking tbody").textContent();
    expect(text).toContain("Incomplete (missing Q3 2026)");
    expect(await page.locator("table.ranking tbody tr").first().locator("td").nth(1).textContent()).toMatch(
      /^\d{1,3}\.\d{2}%$/,
    );
    await page.screenshot({ path: join(SHOTS, "leaderboard-communes-en.png") });
    await page.close();
  });

  it("opens a unit from the leaderboard and shows its trend and latest report", async () => {
    const page = await newPage();
    await signIn(page, product.server.url, "demo-inspector", "/leaderboard/district/2026-9M");
    await page.waitForSelector("table.ranking tbody tr");
    const first = page.locator("table.ranking tbody tr th a").first();
    const name = await first.textContent();
    await first.click();
    await page.waitForURL(/\/units\//);
    await page.waitForSelector('.chart[data-chart-ready="true"]');
    expect(await page.locator("h1").textContent()).toBe(name);
    await expect(page.locator("h2").allTextContents()).resolves.toContain("Báo cáo gần nhất: Quý 3/2026");
    expect(await paintedPixels(page)).toBeGreaterThan(1000);
    await page.screenshot({ path: join(SHOTS, "unit-vi.png"), fullPage: true });
    await page.close();
  });

  it("shows the PAR Index leaderboard of the demo province with bands, area scores and the bottom five", async () => {
    const page = await newPage();
    await signIn(page, product.server.url, "demo-inspector");
    await page.waitForSelector("table.ranking tbody tr");
    await page.getByRole("link", { name: "Chỉ số CCHC" }).click();
    await page.waitForURL(/\/scores\/district\/2025\?methodology=par-province/);
    await page.waitForSelector("table.score-table tbody tr");
    const rows = page.locator("table.score-table tbody tr");
    expect(await rows.count()).toBe(8);
    expect(await rows.first().locator("td").first().textContent()).toBe("1");
    // Band in words (Tốt / Khá / …), index in Vietnamese format, eight area columns.
    expect(await rows.first().locator(".band").textContent()).toMatch(/^(Tốt|Khá|Trung bình|Kém)$/);
    expect(await rows.first().locator("td").nth(1).textContent()).toMatch(/^\d{1,3},\d{2}\u00a0%$/);
    expect(await rows.first().locator("td.heat").count()).toBe(8);
    await expect(page.locator("h2").allTextContents()).resolves.toContain("Năm đơn vị cuối bảng");
    await page.screenshot({ path: join(SHOTS, "scores-par-province-vi.png"), fullPage: true });

    await page.getByLabel("Nhóm đơn vị").selectOption("commune");
    await page.waitForURL(/\/scores\/commune\/2025\?methodology=par-commune/);
    await page.waitForFunction(() => document.querySelectorAll("table.score-table tbody tr").length === 120);
    await page.close();
  });

  it("shows the inspector's commitment matrix: status in words, filter by status, amendments with their reason", async () => {
    const page = await newPage();
    await signIn(page, product.server.url, "demo-inspector", "/commitments/commune/2026");
    await page.waitForSelector("table.matrix tbody tr");
    expect(await page.locator("table.matrix tbody tr").count()).toBe(120);
    await expect(page.locator(".summary").textContent()).resolves.toMatch(/Không đạt: \d+/);
    await page.screenshot({ path: join(SHOTS, "commitments-matrix-vi.png") });
    await page.getByLabel("Lọc theo tình trạng").selectOption("atRisk");
    const rows = await page.locator("table.matrix tbody tr").allTextContents();
    expect(rows.length).toBeLessThan(120);
    expect(rows.every((row) => row.includes("Có nguy cơ không đạt"))).toBe(true);
    await page.locator("table.matrix tbody tr th a").first().click();
    await page.waitForSelector("table.commitments tbody tr");
    expect(await page.locator("table.commitments tbody tr").count()).toBe(5);
    // Each rate or count commitment has its quarterly trend drawn beside it.
    expect(await page.locator("table.commitments svg[role=img] polyline").count()).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: join(SHOTS, "unit-commitments-vi.png"), fullPage: true });

    // An inspector raises the online target: the signed commitment changes only with a reason, which the
    // API asks for under its field when it is missing; then a new version, evaluated at once, marked amended.
    await page.getByLabel("Chỉ tiêu", { exact: true }).selectOption("onlineRate");
    await page.getByLabel("So sánh").selectOption(">");
    await page.getByLabel("Mục tiêu", { exact: true }).fill("60");
    await page.getByLabel("Người ký").fill("Chủ tịch UBND xã");
    await page.getByRole("button", { name: "Lưu cam kết" }).click();
    await expect(page.locator("#cf-reason-error").textContent()).resolves.toContain("thay đổi cần ghi lý do");
    await page.getByLabel("Lý do điều chỉnh").fill("Nâng chỉ tiêu theo Kế hoạch số 12/KH-UBND");
    await page.getByRole("button", { name: "Lưu cam kết" }).click();
    await expect(page.locator(".commitment-form .ok").textContent()).resolves.toMatch(/Đã lưu \(phiên bản [23]\)/);
    await page.waitForFunction(() => document.querySelector("table.commitments")?.textContent?.includes("> 60,00"));
    const amended = page.locator("table.commitments .amended");
    await expect(amended.locator("summary").textContent()).resolves.toContain("Đã điều chỉnh");
    expect(await amended.getAttribute("title")).toContain("Nâng chỉ tiêu theo Kế hoạch số 12/KH-UBND");
    expect(await amended.getAttribute("title")).toContain("demo-inspector");
    await page.goBack();
    await page.waitForSelector("table.matrix .amended");
    await page.locator("table.matrix .amended summary").first().click();
    await expect(page.locator("table.matrix .amended p").first().textContent()).resolves.toContain("Trước đó: ");
    await page.screenshot({ path: join(SHOTS, "commitments-amended-vi.png") });
    await page.close();
  });

  it("shows a clear message for an unknown unit", async () => {
    const page = await newPage();
    await signIn(page, product.server.url, "demo-inspector", "/units/khong-co");
    await expect(page.getByRole("alert").textContent()).resolves.toContain("Không có đơn vị mã khong-co.");
    await page.close();
  });
});
