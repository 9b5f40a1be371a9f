// The chair's and inspector's views in Debian's Chromium against the real local server: a report
// correction with its diff and history, the data-quality list and a check, leaderboards limited to a
// parent with drill-down, the one-page briefing, why a rank moved, the unit profile, compare, and every
// page at 390 px without sideways scrolling; a leaderboard's XLSX (real numbers, vi-VN formats, frozen
// heading), a chosen unit ± 5, the chart scaled to the data with the cohort average, the band filter and
// heat-map legend, the commitments matrix's actual values and the moves named. Screenshots go to
// .scratch/screenshots/.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { formatPercent } from "../../shared/format";
import { isRateId } from "../../shared/rates";
import { bearerOf, openPage, SHOTS, signIn, useProduct } from "../support/browser";

const product = useProduct("parwatch-views-");
const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const COMMUNE = "huyen-tan-phuoc--bac-thanh";
const DISTRICT = "huyen-tan-phuoc";

/** A zip's entries as text (stored or deflated), read from its central directory. */
function unzip(bytes: Buffer): Map<string, string> {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const files = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    const local = bytes.readUInt32LE(at + 42);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + size);
    files.set(name, (method === 8 ? inflateRawSync(data) : data).toString("utf8"));
    at += 46 + nameLength + extra;
  }
  return files;
}

async function apiGet<T>(path: string): Promise<T> {
  const response = await fetch(`${product.server.url}${path}`, {
    headers: await bearerOf(product.server.url, "demo-inspector"),
  });
  if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

interface Version {
  version: number;
  metrics: Record<string, number>;
  source: string;
}

describe("figures you can trust", () => {
  it("opens the report form on a filed period, shows a correction's diff and saves a whole new version", async () => {
    const page = await openPage(product.browser, WIDE);
    await signIn(page, product.server.url, "demo-reporter", `/report?unit=${COMMUNE}&period=2026-Q3`);
    await page.waitForSelector(".editing");
    await expect(page.locator(".editing").textContent()).resolves.toContain(
      "Đang sửa phiên bản 2 của báo cáo Xã Bắc Thạnh",
    );
    expect(await page.getByLabel("Kỳ báo cáo (tháng hoặc quý)").inputValue()).toBe("2026-Q3");
    expect(await page.locator("#m-received").inputValue()).toBe("445");
    // The combined figure is offered with its help text.
    await expect(page.locator("#h-resolvedEarlyOrOnTime").textContent()).resolves.toContain("không tách được");
    // Only ended periods (Vietnam time), newest first, back to 2015: not the current month nor quarter.
    const offered = await page
      .locator("#report-period option")
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    const vietnam = new Date(Date.now() + 7 * 3600 * 1000);
    const year = vietnam.getUTCFullYear();
    const month = vietnam.getUTCMonth() + 1;
    const monthId = (y: number, m: number) => `${y}-M${String(m).padStart(2, "0")}`;
    expect(offered).toContain("2015-Q1");
    expect(offered).not.toContain(monthId(year, month));
    expect(offered).not.toContain(`${year}-Q${Math.ceil(month / 3)}`);
    // A quarter is listed before its months: the newest is the quarter that just ended, or last month.
    const newest =
      month === 1 ? `${year - 1}-Q4` : (month - 1) % 3 === 0 ? `${year}-Q${(month - 1) / 3}` : monthId(year, month - 1);
    expect(offered[0]).toBe(newest);

    await page.locator("#m-onlinePayments").fill("212");
    await page.getByRole("button", { name: "Lưu bản sửa" }).click();
    await page.waitForSelector(".confirm table.figure-changes");
    const diff = await page.locator(".confirm table.figure-changes tbody tr").allTextContents();
    expect(diff).toHaveLength(1);
    expect(diff[0]).toMatch(/Thanh toán trực tuyến.*211.*→\s*212/);
    await page.screenshot({ path: join(SHOTS, "report-correction-vi.png"), fullPage: true });

    await page.getByRole("button", { name: "Xác nhận và lưu" }).click();
    await expect(page.locator(".message.good").textContent()).resolves.toContain("Đã lưu phiên bản 3");
    await page.waitForSelector(".report-history li");

    const answer = await fetch(`${product.server.url}/api/units/${COMMUNE}/reports/2026-Q3/history`, {
      headers: await bearerOf(product.server.url, "demo-inspector"),
    });
    const { versions } = (await answer.json()) as { versions: Version[] };
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    const [, before, after] = versions as [Version, Version, Version];
    expect(after.metrics).toEqual({ ...before.metrics, onlinePayments: 212 });
    expect(after.source).toBe("form");
    // The history on the page names the change from version 2.
    await expect(page.locator(".report-history").textContent()).resolves.toContain("Thay đổi so với phiên bản 2");
    await page.close();
  });

  it("offers the report template once a cohort and period are chosen, and counts an import's blank rows", async () => {
    const page = await openPage(product.browser, WIDE);
    await signIn(page, product.server.url, "demo-admin", "/upload");
    await expect(page.locator(".template").textContent()).resolves.toContain("Chọn nhóm đơn vị và kỳ");
    expect(await page.locator(".template a").count()).toBe(0);
    await page.locator(".template").getByLabel("Nhóm đơn vị").selectOption("department");
    await page.locator(".template").getByLabel("Kỳ").selectOption("2026-M10");
    const href = await page.locator(".template a", { hasText: "CSV" }).getAttribute("href");
    expect(href).toMatch(/^\/api\/templates\/reports\.csv\?cohort=department&period=2026-M10/);

    // The template as downloaded, one unit's row filled in, the others left as they came.
    const template = await (
      await fetch(`${product.server.url}${href}`, { headers: await bearerOf(product.server.url, "demo-admin") })
    ).text();
    const lines = template
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    const header = (lines[0] ?? "").split(",");
    const filled = (lines[1] ?? "").split(",").map((cell, i) => {
      const column = header[i];
      if (column === "Tiếp nhận") return "40";
      if (column === "Giải quyết đúng hạn") return "30";
      return cell;
    });
    const file = join(product.dir, "mau-bao-cao-thang-10.csv");
    writeFileSync(file, [lines[0], filled.join(","), ...lines.slice(2)].join("\n"));
    await page.getByLabel("Tệp CSV (UTF-8) hoặc Excel .xlsx").setInputFiles(file);
    await expect(page.locator(".chosen").textContent()).resolves.toBe("mau-bao-cao-thang-10.csv");
    await page.getByRole("button", { name: "Tải lên" }).click();
    await page.waitForSelector('.result[data-status="applied"]');
    await expect(page.locator(".result").textContent()).resolves.toContain(
      `1 dòng đã nhập, ${lines.length - 2} dòng để trống`,
    );
    await page.close();
  });

  it("lists the quality flags with their numbers in words and saves an inspector's check", async () => {
    const page = await openPage(product.browser, WIDE);
    await signIn(page, product.server.url, "demo-inspector", "/quality/commune/2026-Q3");
    await page.waitForSelector("li.flag");
    await expect(page.locator(".completeness").textContent()).resolves.toMatch(/Đã nộp \d+\/120 đơn vị/);
    const text = await page.locator("ul.flags").textContent();
    expect(text).toContain("Tiếp nhận trực tuyến 744, trung vị 8 kỳ trước 555 (MAD 12,5; điểm z hiệu chỉnh 10,2)");
    expect(await page.getByRole("link", { name: "Chất lượng số liệu" }).count()).toBe(1);

    const flag = page.locator("li.flag").first();
    await flag.getByLabel(/Ghi chú kiểm tra/).fill("Đã gọi xã: số liệu đúng, có đợt cao điểm cấp đổi giấy tờ.");
    await flag.getByRole("button", { name: "Đánh dấu đã kiểm tra" }).click();
    await page.waitForSelector("li.flag.checked");
    await expect(page.locator("li.flag.checked").first().textContent()).resolves.toContain("cao điểm cấp đổi giấy tờ");
    await page.screenshot({ path: join(SHOTS, "quality-vi.png"), fullPage: true });
    await page.close();
  });
});

describe("the chair's and inspector's views", () => {
  it("lands a chair on the communes of their district, and drills a district row down in place", async () => {
    const chair = await openPage(product.browser, WIDE);
    await signIn(chair, product.server.url, "demo-chair");
    await chair.waitForURL(new RegExp(`/leaderboard/commune/[^?]+\\?parent=${DISTRICT}`));
    await chair.waitForSelector("table.ranking tbody tr");
    expect(await chair.locator("table.ranking tbody tr").count()).toBe(15);
    await chair.close();

    const page = await openPage(product.browser, WIDE);
    await signIn(page, product.server.url, "demo-inspector", "/leaderboard/district/2026-Q3");
    await page.waitForSelector("table.ranking tbody tr");
    // Headings sort by click and keyboard.
    const value = page.locator("table.ranking thead th", { hasText: "Giá trị" });
    await value.getByRole("button").click();
    expect(await value.getAttribute("aria-sort")).toBe("ascending");
    await value.getByRole("button").press("Enter");
    expect(await value.getAttribute("aria-sort")).toBe("descending");

    await page.getByRole("link", { name: "Xem Xã, phường, thị trấn thuộc Huyện Tân Phước" }).click();
    await page.waitForURL(new RegExp(`/leaderboard/commune/2026-Q3\\?metric=onTimeRateOfResolved&parent=${DISTRICT}`));
    await page.waitForFunction(() => document.querySelectorAll("table.ranking tbody tr").length === 15);
    await expect(page.locator("table.ranking thead").textContent()).resolves.not.toContain("Trực thuộc");
    expect(await page.getByLabel("Thuộc đơn vị").inputValue()).toBe(DISTRICT);
    await page.screenshot({ path: join(SHOTS, "leaderboard-drill-vi.png"), fullPage: true });

    // The whole cohort again: the parent column comes back, every commune listed.
    await page.getByLabel("Thuộc đơn vị").selectOption("");
    await page.waitForFunction(() => document.querySelectorAll("table.ranking tbody tr").length === 120);
    await expect(page.locator("table.ranking thead").textContent()).resolves.toContain("Trực thuộc");
    const incomplete = await page.locator("td.missing").allTextContents();
    expect(incomplete.every((line) => !/thiếu\s*\)?$/.test(line.trim()))).toBe(true);
    await page.close();
  });

  it("prints the chair's briefing on exactly one A4 page", async () => {
    const page = await openPage(product.browser, WIDE);
    await signIn(page, product.server.url, "demo-chair", `/briefing/${DISTRICT}/2026-Q3`);
    await page.waitForSelector(".briefing .source");
    const text = (await page.locator(".briefing").textContent()) ?? "";
    expect(text).toContain("Báo cáo nhanh — Huyện Tân Phước");
    expect(text).toMatch(/Hạng \d+\/8 trong nhóm/);
    expect(text).toContain("Số liệu tính đến");
    expect(text).toContain("Nguồn: ParWatch");
    expect(await page.locator(`.briefing a[href*="parent=${DISTRICT}"]`).count()).toBeGreaterThan(0);
    // A commitment missed or at risk carries its reason with the figures, the sentence the commitments API
    // gives as text.reason for that unit and measure; its unit links to the unit's page (the evidence).
    const line = page.locator(".briefing li", { has: page.locator(".status") }).first();
    const href = (await line.locator("a").first().getAttribute("href")) ?? "";
    const unitId = decodeURIComponent(href.replace("/units/", ""));
    const { commitments } = await apiGet<{ commitments: { text: { measure: string; reason: string } }[] }>(
      `/api/units/${encodeURIComponent(unitId)}/commitments?year=2026`,
    );
    // Spaces normalised on both sides (numbers are written with no-break spaces: "95,45 %").
    const spaced = (text: string) => text.replace(/\s+/g, " ");
    const shown = spaced((await line.textContent()) ?? "");
    const match = commitments.find((c) => shown.includes(`— ${spaced(c.text.measure)} `));
    expect(match, shown).toBeDefined();
    expect(shown).toContain(spaced(match?.text.reason ?? "?"));
    expect(match?.text.reason).toMatch(/\d/);
    // Changes carry their unit: percentage points of a rate ("điểm %") or points of an index.
    expect(text).toMatch(/so với kỳ trước [+−]\d+,\d{2} điểm/);
    await page.screenshot({ path: join(SHOTS, "briefing-vi.png"), fullPage: true });

    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    writeFileSync(join(SHOTS, "briefing-print.pdf"), pdf);
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages).toHaveLength(1);
    await page.close();
  });

  it("says why a district's PAR Index rank moved, area by area, and one click further its criteria", async () => {
    const page = await openPage(product.browser, WIDE);
    await signIn(page, product.server.url, "demo-inspector", "/scores/district/2025?methodology=par-province");
    await page.waitForSelector("table.score-table tbody tr");
    // Area columns are headed by their short names and maximum points (vi-VN: 14,5); the whole name is the
    // heading's tooltip and follows the visible words in the sort button's name.
    await expect(page.locator("table.score-table thead").textContent()).resolves.toContain(
      "3. Cải cách TTHC (tối đa 14,5)",
    );
    const areaButton = page.getByRole("button", {
      name: "Sắp xếp theo 3. Cải cách TTHC (tối đa 14,5) — Lĩnh vực 3: Cải cách thủ tục hành chính (tối đa 14,5 điểm)",
    });
    expect(await areaButton.count()).toBe(1);
    const row = page.locator("table.score-table tbody tr", { hasText: "Huyện Tân Phước" });
    await row.locator("summary").click();
    const sentence = row.locator(".sentence");
    await sentence.waitFor();
    const said = ((await sentence.textContent()) ?? "").replace(/\s+/g, " ").trim();
    expect(said).toMatch(/^↑ 3 bậc: .+ [+−]\d+,\d{2} điểm/);
    // The sentence names the areas by their short names (the methodology's shortLabel).
    expect(said).toContain("Chính quyền số +1,42 điểm");
    expect(said).not.toContain("Xây dựng và phát triển chính quyền điện tử");
    expect(said).not.toContain("0,00 điểm");
    await row.getByRole("button", { name: /Xây dựng và tổ chức thực hiện văn bản/ }).click();
    await expect(row.locator(".criteria").textContent()).resolves.toContain("2.3");

    // The language switch: the page and <html lang> follow, the explanation is asked again in English.
    await page.getByRole("button", { name: "Ngôn ngữ" }).click();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe("en");
    await row.locator("summary").click();
    await expect(row.locator(".sentence").textContent()).resolves.toMatch(/^\s*↑ 3 places: .+ points/);
    await page.close();
  });

  it("shows a unit's ranks per methodology and compares it with its peers", async () => {
    const page = await openPage(product.browser, WIDE);
    await signIn(page, product.server.url, "demo-inspector", `/units/${DISTRICT}`);
    await page.waitForSelector("table.unit-standing tbody tr td");
    await expect(page.locator("table.unit-standing").textContent()).resolves.toMatch(/1\/8/);
    expect(await page.getByRole("link", { name: /Báo cáo nhanh/ }).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, "unit-profile-vi.png"), fullPage: true });

    await page.getByRole("link", { name: "So sánh với đơn vị khác" }).click();
    await page.waitForURL(/\/compare\?units=/);
    await page.waitForSelector('.chart[data-chart-ready="true"]');
    expect(await page.locator("table.compare-table tbody tr").count()).toBe(3);
    await page.screenshot({ path: join(SHOTS, "compare-vi.png"), fullPage: true });
    await page.close();
  });

  it("fits every page on a 390 px phone, with the navigation behind a menu button", async () => {
    const page = await openPage(product.browser, PHONE);
    await signIn(page, product.server.url, "demo-inspector", "/leaderboard/commune/2026-Q3");
    await page.waitForSelector("table.ranking tbody tr");
    expect(await page.getByRole("navigation", { name: "Điều hướng chính" }).isVisible()).toBe(false);
    await page.getByRole("button", { name: /Trình đơn/ }).click();
    expect(await page.getByRole("navigation", { name: "Điều hướng chính" }).isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, "phone-menu.png") });
    await page.getByRole("button", { name: /Đóng trình đơn/ }).click();
    await page.locator(".summary").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "phone-leaderboard.png") });

    const wide: string[] = [];
    const measure = async (on: typeof page, paths: string[]) => {
      for (const path of paths) {
        await on.goto(`${product.server.url}${path}`);
        await on.waitForSelector("main h1");
        await on.waitForFunction(() => !document.querySelector("main [role=status][aria-live]"));
        const width = await on.evaluate(() => document.documentElement.scrollWidth);
        if (width > 390) wide.push(`${path}: ${width}`);
      }
    };
    // The inspector's pages (the commitment form included), then the admin's report form and uploads.
    await measure(page, [
      "/leaderboard/commune/2026-Q3",
      "/scores/district/2025?methodology=par-province",
      "/filing/commune/2026-Q3",
      "/commitments/commune/2026",
      "/quality/commune/2026-Q3",
      `/briefing/${DISTRICT}/2026-Q3`,
      `/units/${DISTRICT}`,
      `/units/${COMMUNE}`,
      `/compare?units=${DISTRICT},huyen-phu-loc`,
      "/audit",
    ]);
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe("vi");
    await page.close();
    const admin = await openPage(product.browser, PHONE);
    await signIn(admin, product.server.url, "demo-admin", "/users");
    await admin.waitForSelector("main h1");
    await measure(admin, [`/report?unit=${COMMUNE}&period=2026-Q2`, "/upload", "/users"]);
    await admin.close();
    expect(wide).toEqual([]);
  });
});

describe("leaderboards, exports and the matrix as officials read them", () => {
  it("downloads a leaderboard as XLSX: numbers in numeric cells with vi-VN formats, the heading frozen", async () => {
    const ranking = await apiGet<{ rows: { rank: number | null; name: string; value: number | null }[] }>(
      "/api/rankings/district/2026-Q3?metric=onTimeRateOfResolved",
    );
    const first = ranking.rows[0];
    if (!first || first.value === null) throw new Error("no ranked district in the demo");
    const page = await openPage(product.browser, WIDE);
    await signIn(page, product.server.url, "demo-inspector", "/leaderboard/district/2026-Q3");
    await page.waitForSelector("table.ranking tbody tr");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Tải Excel (XLSX)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("parwatch-district-2026-Q3-onTimeRateOfResolved.xlsx");
    const file = join(product.dir, "leaderboard.xlsx");
    await download.saveAs(file);
    const parts = unzip(readFileSync(file));
    const sheet = parts.get("xl/worksheets/sheet1.xml") ?? "";
    const styles = parts.get("xl/styles.xml") ?? "";
    const formats = [...styles.matchAll(/<xf numFmtId="(\d+)"[^>]*xfId="0"/g)].map((m) => Number(m[1]));
    const cell = (ref: string) => sheet.match(new RegExp(`<c r="${ref}"(?: s="(\\d+)")?(?: t="(\\w+)")?>(.*?)</c>`));
    // The first district's rate: a number (a share under a percent format), not text.
    const value = cell("D2");
    expect(value?.[2]).toBeUndefined();
    expect(Number(value?.[3]?.match(/^<v>([^<]+)<\/v>$/)?.[1])).toBeCloseTo(first.value / 100, 10);
    expect(formats[Number(value?.[1])]).toBe(10); // 0.00 %: 94,86 % in a Vietnamese Excel
    const rank = cell("A2");
    expect(rank?.[3]).toBe(`<v>${first.rank}</v>`);
    expect(formats[Number(rank?.[1])]).toBe(3); // #,##0
    // The unit's name is text; the heading row stays on screen.
    expect(cell("C2")?.[2]).toBe("inlineStr");
    expect(cell("C2")?.[3]).toContain(first.name);
    expect(sheet).toMatch(/<pane ySplit="1" topLeftCell="A2"[^>]*state="frozen"\/>/);
    await page.close();
  });

  it("shows a chosen unit with the five rows above and below, and every row on request", async () => {
    const ranking = await apiGet<{ rows: { unitId: string; name: string }[] }>(
      "/api/rankings/commune/2026-Q3?metric=onTimeRateOfResolved",
    );
    const at = ranking.rows.findIndex((row) => row.unitId === COMMUNE);
    const name = ranking.rows[at]?.name ?? "";
    const expected = ranking.rows.slice(Math.max(0, at - 5), at + 6).map((row) => row.name);
    const page = await openPage(product.browser, WIDE);
    await signIn(page, product.server.url, "demo-inspector", "/leaderboard/commune/2026-Q3");
    await page.waitForFunction(() => document.querySelectorAll("table.ranking tbody tr").length === 120);
    await page.getByLabel("Đơn vị của tôi").selectOption(COMMUNE);
    await page.waitForURL(new RegExp(`unit=${COMMUNE}`));
    await page.waitForFunction(
      (count) => document.querySelectorAll("table.ranking tbody tr").length === count,
      expected.length,
    );
    const shown = await page.locator("table.ranking tbody th a:not(.drill)").allTextContents();
    expect(shown).toEqual(expected);
    await expect(page.locator('table.ranking tbody tr[aria-current="true"]').textContent()).resolves.toContain(name);
    await expect(page.locator(".around").textContent()).resolves.toContain(
      `Đang hiện ${name} cùng 5 đơn vị liền trên và liền dưới`,
    );
    await page.screenshot({ path: join(SHOTS, "leaderboard-around-vi.png"), fullPage: true });
    await page.getByRole("button", { name: "Hiện tất cả 120 dòng" }).click();
    await page.waitForFunction(() => document.querySelectorAll("table.ranking tbody tr").length === 120);
    await page.getByRole("button", { name: `Chỉ hiện ${name} ± 5` }).click();
    await page.waitForFunction(
      (count) => document.querySelectorAll("table.ranking tbody tr").length === count,
      expected.length,
    );
    await page.close();
  });

  it("scales the bar chart's axis to the data and draws the cohort average", async () => {
    const ranking = await apiGet<{ rows: { value: number | null; rank: number | null }[] }>(
      "/api/rankings/district/2026-Q3?metric=onTimeRateOfResolved",
    );
    const values = ranking.rows.filter((row) => row.rank !== null).map((row) => row.value as number);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const page = await openPage(product.browser, WIDE);
    await signIn(page, product.server.url, "demo-inspector", "/leaderboard/district/2026-Q3");
    await page.waitForSelector('.chart[data-chart-ready="true"]');
    const note = ((await page.locator(".chart-note").textContent()) ?? "").replace(/\s+/g, " ");
    expect(note).toContain(formatPercent("vi", mean).replace(/\s/g, " "));
    const [, low, high] = note.match(/trục từ (\d+) % đến (\d+) %/) ?? [];
    expect(Number(low)).toBeLessThanOrEqual(Math.min(...values));
    expect(Number(high)).toBeGreaterThanOrEqual(Math.max(...values));
    // Rates of 80–99 % are not drawn from 0: the axis says where it starts.
    if (Math.min(...values) > 10) {
      expect(Number(low)).toBeGreaterThan(0);
      expect(note).toContain("không bắt đầu từ 0");
    }
    await page.locator(".chart").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "leaderboard-chart-vi.png"), fullPage: true });
    await page.close();
  });

  it("filters the PAR Index by band and explains the heat-map's colours", async () => {
    const board = await apiGet<{ rows: { name: string; band: { id: string; label: { vi: string } } | null }[] }>(
      "/api/leaderboards/district/2025?methodology=par-province",
    );
    const counts = new Map<string, number>();
    for (const row of board.rows) if (row.band) counts.set(row.band.id, (counts.get(row.band.id) ?? 0) + 1);
    const [band, count] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
    const label = board.rows.find((row) => row.band?.id === band)?.band?.label.vi ?? "";
    expect(count).toBeLessThan(board.rows.length);
    const page = await openPage(product.browser, WIDE);
    await signIn(page, product.server.url, "demo-inspector", "/scores/district/2025?methodology=par-province");
    await page.waitForSelector("table.score-table tbody tr");
    await expect(page.locator(".heat-legend").textContent()).resolves.toMatch(/0\s% điểm tối đa.*100\s% điểm tối đa/s);
    expect(await page.locator(".heat-legend li").count()).toBe(5);
    await page.getByLabel("Xếp loại").selectOption(band);
    await page.waitForFunction((n) => document.querySelectorAll("table.score-table tbody tr").length === n, count);
    const bands = await page.locator("table.score-table tbody .band").allTextContents();
    expect(bands).toEqual(Array(count).fill(label));
    await expect(page.locator(".band-count").textContent()).resolves.toContain(`${count}/${board.rows.length} đơn vị`);
    await page.screenshot({ path: join(SHOTS, "scores-band-vi.png"), fullPage: true });
    await page.close();
  });

  it("shows each commitment's actual value beside its status and names the ones that moved", async () => {
    interface Cell {
      measure: string;
      unitId: string;
      previousStatus: string | null;
      evaluation: { status: string; actual: number | null };
      text: { measure: string; status: string };
    }
    const matrix = await apiGet<{
      rows: { unitId: string; name: string; cells: Cell[] }[];
      moved: Record<string, number>;
    }>("/api/commitments/commune/2026");
    const page = await openPage(product.browser, WIDE);
    await signIn(page, product.server.url, "demo-inspector", "/commitments/commune/2026");
    await page.waitForSelector("table.matrix tbody tr");
    const withRate = matrix.rows.find((row) =>
      row.cells.some((cell) => isRateId(cell.measure) && cell.evaluation.actual !== null),
    );
    const rateCell = withRate?.cells.find((cell) => isRateId(cell.measure) && cell.evaluation.actual !== null);
    if (!withRate || !rateCell) throw new Error("no rate commitment with figures in the demo");
    const row = page.locator("table.matrix tbody tr", {
      has: page.getByRole("link", { name: withRate.name, exact: true }),
    });
    const shownActual = formatPercent("vi", rateCell.evaluation.actual as number).replace(/\s/g, " ");
    await expect(row.textContent().then((text) => (text ?? "").replace(/\s/g, " "))).resolves.toContain(
      `thực tế ${shownActual}`,
    );

    const STATUS = {
      met: "Đạt",
      onTrack: "Đúng hướng",
      atRisk: "Có nguy cơ không đạt",
      missed: "Không đạt",
      noData: "Chưa có số liệu",
    } as Record<string, string>;
    const moved = Object.entries(matrix.moved).filter(([status, n]) => n > 0 && status !== "noData");
    expect(moved.length).toBeGreaterThan(0);
    for (const [status, n] of moved) {
      const block = page.locator(".moved", { hasText: `chuyển sang "${STATUS[status]}"` });
      const more = block.getByRole("button", { name: `Xem cả ${n} cam kết` });
      if (n > 5) {
        expect(await block.locator("li").count()).toBe(5);
        await more.click();
      }
      const items = await block.locator("li").allTextContents();
      expect(items).toHaveLength(n);
      const expected = matrix.rows.flatMap((unit) =>
        unit.cells
          .filter(
            (cell) =>
              cell.previousStatus !== null &&
              cell.previousStatus !== cell.evaluation.status &&
              cell.evaluation.status === status,
          )
          .map(
            (cell) =>
              `${unit.name} · ${cell.text.measure}: ${STATUS[cell.previousStatus as string]} → ${cell.text.status}`,
          ),
      );
      expect(items.map((item) => item.trim())).toEqual(expected);
    }
    await page.screenshot({ path: join(SHOTS, "commitments-moved-vi.png"), fullPage: true });
    await page.close();
  });
});
