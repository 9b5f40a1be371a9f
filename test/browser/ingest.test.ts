// Getting data in, as a reporter and a clerk would, in Debian's Chromium against the real server, signed in
// as the demo accounts: the report form, a good and a bad file through the Upload page, and the filing page.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bearerOf, openPage, SHOTS, signIn, useProduct } from "../support/browser";

const product = useProduct("parwatch-e2e-ingest-");

const newPage = () => openPage(product.browser);

describe("getting data in", () => {
  it("files a report through the form, with errors under their field first", async () => {
    const page = await newPage();
    await signIn(page, product.server.url, "demo-reporter", "/report");
    // The reporter's own commune is the only choice, made for them.
    expect(await page.getByLabel("Đơn vị", { exact: true }).inputValue()).toBe("huyen-tan-phuoc--bac-thanh");
    await page.getByLabel("Kỳ báo cáo (tháng hoặc quý)").selectOption("2026-M10");
    // The previous month (September) is shown beside each field: the demo has quarters, so the column reads —.
    await page.getByLabel("Tiếp nhận", { exact: true }).fill("1.250");
    await page.getByLabel("Giải quyết đúng hạn").fill("1.100");
    await page.getByLabel("Phản ánh, kiến nghị tiếp nhận").fill("4");
    await page.getByLabel("Phản ánh, kiến nghị xử lý đúng hạn").fill("6");
    await page.getByRole("button", { name: "Nộp báo cáo" }).click();
    await expect(page.locator(".field-error").first().textContent()).resolves.toContain(
      "Phản ánh, kiến nghị xử lý đúng hạn (6) không được lớn hơn Phản ánh, kiến nghị tiếp nhận (4).",
    );
    await page.screenshot({ path: join(SHOTS, "report-form-error-vi.png"), fullPage: true });
    await page.getByLabel("Phản ánh, kiến nghị xử lý đúng hạn").fill("4");
    await page.getByRole("button", { name: "Nộp báo cáo" }).click();
    await expect(page.locator(".message.good").textContent()).resolves.toContain("Đã lưu phiên bản 1");
    const reporter = await bearerOf(product.server.url, "demo-reporter");
    const saved = await (
      await fetch(`${product.server.url}/api/units/huyen-tan-phuoc--bac-thanh/reports/2026-M10`, { headers: reporter })
    ).json();
    expect(saved.report).toMatchObject({
      source: "form",
      metrics: { received: 1250, resolvedOnTime: 1100, feedbackOnTime: 4 },
    });
    await page.close();
  });

  it("uploads a good file and a bad one; the bad one writes nothing and lists its problems", async () => {
    const good = join(product.dir, "bao-cao-thang-10.csv");
    writeFileSync(
      good,
      "Mã đơn vị,Kỳ báo cáo,Tiếp nhận,Giải quyết trước hạn,Giải quyết đúng hạn\nso-tu-phap,2026-M10,410,200,190\nso-y-te,2026-M10,1.020,500,480\n",
    );
    const bad = join(product.dir, "bao-cao-loi.csv");
    writeFileSync(
      bad,
      "Mã đơn vị,Kỳ báo cáo,Tiếp nhận,Giải quyết đúng hạn\nso-xay-dung,2026-M10,12,10\nso-khong-co,2026-M10,5,5\nso-cong-thuong,2026-M13,=SUM(C2:C3),5\nso-xay-dung,2026-M10,12,10\n",
    );

    const page = await newPage();
    await signIn(page, product.server.url, "demo-admin", "/upload");
    await page.getByLabel("Tệp CSV (UTF-8) hoặc Excel .xlsx").setInputFiles(good);
    await page.getByRole("button", { name: "Tải lên" }).click();
    await page.waitForSelector('.result[data-status="applied"]');
    await expect(page.locator(".result").textContent()).resolves.toContain("Đã nhập 2 dòng từ bao-cao-thang-10.csv.");
    await page.waitForSelector("table.rows tbody tr");
    expect(await page.locator("table.rows tbody tr").nth(1).textContent()).toContain("Tiếp nhận 1.020");
    await page.screenshot({ path: join(SHOTS, "upload-good-vi.png"), fullPage: true });

    await page.getByLabel("Tệp CSV (UTF-8) hoặc Excel .xlsx").setInputFiles(bad);
    await page.getByRole("button", { name: "Tải lên" }).click();
    await page.waitForSelector('.result[data-status="rejected"]');
    const problems = await page.locator("table.errors tbody tr").allTextContents();
    expect(problems).toHaveLength(4);
    expect(problems.join("\n")).toContain("Không có đơn vị mã so-khong-co.");
    expect(problems.join("\n")).toContain("Ô chứa công thức");
    expect(problems.join("\n")).toContain("đã có ở dòng 2 của tệp");
    expect(await page.getByRole("link", { name: "Tải báo cáo lỗi (CSV)" }).getAttribute("href")).toMatch(
      /errors\.csv$/,
    );
    await page.screenshot({ path: join(SHOTS, "upload-bad-vi.png"), fullPage: true });
    const nothing = await fetch(`${product.server.url}/api/units/so-xay-dung/reports/2026-M10`, {
      headers: await bearerOf(product.server.url, "demo-admin"),
    });
    expect(nothing.status).toBe(404);

    const history = await page.locator("table.history tbody tr").allTextContents();
    expect(history[0]).toContain("Bị từ chối (4)");
    expect(history[1]).toContain("Đã nhập");
    await page.close();
  });

  it("lists units that have not filed the latest quarter, worst first", async () => {
    const page = await newPage();
    await signIn(page, product.server.url, "demo-inspector", "/filing");
    await page.waitForURL(/\/filing\/district\/2026-Q3/);
    await page.getByLabel("Nhóm đơn vị").selectOption("commune");
    await page.waitForURL(/\/filing\/commune\/2026-Q3/);
    await page.waitForFunction(() => document.querySelectorAll("table.filing tbody tr").length === 120);
    const first = await page.locator("table.filing tbody tr").first().textContent();
    expect(first).toMatch(/Chưa nộp \(quá hạn \d+ ngày\)/);
    await expect(page.locator(".summary").textContent()).resolves.toMatch(/chưa nộp/);
    await page.screenshot({ path: join(SHOTS, "filing-communes-vi.png"), fullPage: true });
    await page.close();
  });
});
