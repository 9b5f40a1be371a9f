// Sign-in, roles, accounts, the audit trail and the period workflow in Debian's Chromium against the real
// local server and its demo accounts: what each role sees, what an admin and an inspector can change, and
// that text from the data is shown as text. Screenshots at 1440 px (and a phone) go to .scratch/screenshots/.

import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../functions/local/demo-accounts";
import { bearerOf, openPage, SHOTS, signIn, useProduct } from "../support/browser";

const product = useProduct("parwatch-trust-");
const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

const wide = () => openPage(product.browser, WIDE);
const navLinks = (page: Page) =>
  page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link").allTextContents();

describe("sign-in and roles", () => {
  it("refuses a wrong password with the API's Vietnamese message, on a desktop and a phone", async () => {
    const page = await wide();
    await page.goto(product.server.url);
    await page.waitForSelector("#sign-in-title");
    expect(await page.locator("#sign-in-title").textContent()).toBe("Đăng nhập");
    // Nothing of the dashboard is offered before signing in.
    expect(await page.getByRole("navigation", { name: "Điều hướng chính" }).count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, "signin-vi.png") });

    await page.getByLabel("Tên đăng nhập").fill("demo-admin");
    await page.getByLabel("Mật khẩu").fill("khong-dung-mat-khau");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page.getByRole("alert").textContent()).resolves.toContain("Tên đăng nhập hoặc mật khẩu không đúng.");
    expect(await page.locator("header .user").count()).toBe(0);
    expect(await page.getByLabel("Mật khẩu").inputValue()).toBe("");
    await page.screenshot({ path: join(SHOTS, "signin-error-vi.png") });
    await page.close();

    const phone = await openPage(product.browser, PHONE);
    await phone.goto(product.server.url);
    await phone.waitForSelector("#sign-in-title");
    await phone.screenshot({ path: join(SHOTS, "signin-phone.png"), fullPage: true });
    await phone.close();
  });

  it("gives a reporter only the reporter's pages and no commitment editing", async () => {
    const page = await wide();
    await signIn(page, product.server.url, "demo-reporter");
    await page.waitForURL(/\/report$/);
    expect(await navLinks(page)).toEqual(["Tình hình nộp", "Cam kết", "Nộp báo cáo", "Tải lên"]);
    expect(await page.locator("header .user").textContent()).toBe("Cán bộ một cửa xã Bắc Thạnh (demo)");
    expect(await page.locator("header .role").textContent()).toBe("Cán bộ báo cáo");
    // The one unit the reporter files for is chosen for them; no other is offered.
    expect(await page.getByLabel("Đơn vị", { exact: true }).inputValue()).toBe("huyen-tan-phuoc--bac-thanh");
    expect(await page.locator("#report-unit option:not([value=''])").count()).toBe(1);

    await page.getByRole("link", { name: "Cam kết" }).click();
    await page.waitForURL(/\/commitments\/commune\/\d{4}/);
    await page.waitForSelector("table.matrix tbody tr");
    expect(await page.locator("table.matrix tbody tr").count()).toBe(1);
    expect(await page.getByRole("button", { name: "Lưu cam kết" }).count()).toBe(0);
    await page.locator("table.matrix tbody tr th a").first().click();
    await page.waitForSelector("table.commitments tbody tr");
    expect(await page.locator(".commitment-form").count()).toBe(0);

    // A page of another role, typed in: refused in words, not attempted.
    await page.goto(`${product.server.url}/users`);
    await expect(page.getByRole("alert").textContent()).resolves.toContain("không dùng được trang này");
    expect(await page.locator("table.users").count()).toBe(0);
    await page.close();
  });

  it("lands a chair on their district's communes with the monitoring pages only; a 401 asks to sign in again", async () => {
    const page = await wide();
    await signIn(page, product.server.url, "demo-chair");
    await page.waitForURL(/\/leaderboard\/commune\/[^?]+\?parent=huyen-tan-phuoc/);
    expect(await navLinks(page)).toEqual(["Bảng xếp hạng", "Chỉ số CCHC", "Tình hình nộp", "Cam kết"]);

    // The session cookie goes (as when it expires): the next call's 401 brings back the sign-in page with
    // the API's reason, and signing in again returns to the page the person was on.
    // Only once the page shows its rows: a request of this page answered 401 would bring the sign-in page
    // before the click (on a slow machine the leaderboard may still be loading).
    await page.waitForSelector("table tbody tr");
    await page.context().clearCookies();
    // A DOM click at once: the link may be re-rendered while a check for actionability waits.
    await page.getByRole("link", { name: "Chỉ số CCHC" }).dispatchEvent("click");
    await page.waitForSelector("#sign-in-title");
    await expect(page.getByRole("alert").textContent()).resolves.toContain("Cần đăng nhập");
    await page.getByLabel("Tên đăng nhập").fill("demo-chair");
    await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.waitForSelector("table.score-table tbody tr");
    expect(page.url()).toMatch(/\/scores\/district\/\d{4}/);

    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await page.waitForSelector("#sign-in-title");
    // The session is over on the server too: the API refuses the old cookie.
    expect((await page.request.get(`${product.server.url}/api/auth/me`)).status()).toBe(401);
    await page.close();
  });
});

describe("administration", () => {
  it("lets an admin create an account, with errors under their fields, and disable it", async () => {
    const page = await wide();
    await signIn(page, product.server.url, "demo-admin", "/users");
    await page.waitForSelector("table.users tbody tr");
    expect(await navLinks(page)).toEqual([
      "Bảng xếp hạng",
      "Chỉ số CCHC",
      "Tình hình nộp",
      "Cam kết",
      "Nộp báo cáo",
      "Tải lên",
      "Tài khoản",
      "Nhật ký thay đổi",
      "Chất lượng số liệu",
    ]);
    expect(await page.locator("table.users tbody tr").count()).toBe(4);

    await page.getByLabel("Tên đăng nhập").fill("can-bo-thu");
    await page.getByLabel("Họ tên hiển thị").fill("Cán bộ thử nghiệm");
    await page.getByLabel("Vai trò").selectOption("reporter");
    await page.getByLabel("Mật khẩu").fill("ngan");
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    await expect(page.locator("#uc-password-error").textContent()).resolves.toContain("Mật khẩu cần ít nhất 10 ký tự.");
    await expect(page.locator("#uc-unitId-error").textContent()).resolves.toContain("cần gắn với một đơn vị");

    await page.getByLabel("Đơn vị").selectOption("huyen-tan-phuoc--bac-thanh");
    await page.getByLabel("Mật khẩu").fill("mat-khau-thu-nghiem");
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    await expect(page.locator(".create .ok").textContent()).resolves.toContain("Đã tạo tài khoản can-bo-thu.");
    const row = page.locator('table.users tr[data-username="can-bo-thu"]');
    await expect(row.textContent()).resolves.toContain("Xã Bắc Thạnh");
    expect(await row.textContent()).toContain("Đang hoạt động");

    await page.getByRole("button", { name: "Khóa can-bo-thu", exact: true }).click();
    await page.waitForFunction(() =>
      document.querySelector('tr[data-username="can-bo-thu"] .state')?.textContent?.includes("Đã khóa"),
    );
    await expect(page.getByRole("status").first().textContent()).resolves.toContain("Đã khóa tài khoản can-bo-thu");
    // The page opens the password reset inline, not in a browser prompt.
    await page.getByRole("button", { name: "Đặt lại mật khẩu demo-chair", exact: true }).click();
    await page.waitForSelector("#user-demo-chair-password");
    await page.screenshot({ path: join(SHOTS, "users-vi.png"), fullPage: true });
    await page.getByRole("button", { name: "Hủy" }).click();

    // A disabled account cannot sign in.
    const refused = await fetch(`${product.server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "can-bo-thu", password: "mat-khau-thu-nghiem" }),
    });
    expect(refused.status).toBe(401);
    await page.close();
  });

  it("shows an inspector the audit trail: filters, pages of 50 and the CSV", async () => {
    // Enough entries for a second page: an admin renames an account 50 times through the API.
    const admin = { ...(await bearerOf(product.server.url, "demo-admin")), "content-type": "application/json" };
    for (let i = 1; i <= 50; i++) {
      const changed = await fetch(`${product.server.url}/api/users/demo-reporter`, {
        method: "PUT",
        headers: admin,
        body: JSON.stringify({ displayName: `Cán bộ một cửa xã Bắc Thạnh (demo) ${i}` }),
      });
      expect(changed.status).toBe(200);
    }

    const page = await wide();
    await signIn(page, product.server.url, "demo-inspector", "/audit");
    await page.waitForSelector("table.audit tbody tr");
    expect(await page.locator("table.audit tbody tr").count()).toBe(50);
    const first = await page.locator("table.audit tbody tr").first().textContent();
    expect(first).toContain("Sửa tài khoản");
    expect(first).toContain("demo-admin");
    expect(first).toContain("Quản trị hệ thống");
    expect(first).toContain("Hoàn tất");
    await page.getByRole("button", { name: "Xem thêm" }).click();
    await page.waitForFunction(() => document.querySelectorAll("table.audit tbody tr").length > 50);
    expect(await page.locator("table.audit tbody").textContent()).toContain("Tạo tài khoản");

    await page.getByLabel("Kỳ", { exact: true }).selectOption("2025");
    await page.getByRole("button", { name: "Lọc" }).click();
    await page.waitForURL(/\/audit\?period=2025$/);
    await page.waitForFunction(() => {
      const shown = [...document.querySelectorAll("table.audit tbody tr")];
      return shown.length > 0 && shown.every((row) => row.textContent?.includes("Năm 2025"));
    });
    const rows = await page.locator("table.audit tbody tr").allTextContents();
    expect(rows.length).toBe(9);
    expect(rows.some((row) => row.includes("Công bố kết quả"))).toBe(true);
    await page.screenshot({ path: join(SHOTS, "audit-vi.png"), fullPage: true });

    const href = await page.getByRole("link", { name: "Tải CSV (theo bộ lọc)" }).getAttribute("href");
    expect(href).toBe("/api/audit/export.csv?period=2025&lang=vi");
    // The link works with the session cookie alone, as the browser follows it.
    const csv = await page.request.get(`${product.server.url}${href}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect((await csv.text()).split("\r\n").filter(Boolean)).toHaveLength(10);
    await page.close();
  });
});

describe("the period workflow", () => {
  it("lets an inspector close commune 2026-Q3, then takes a reporter's late figures only with a reason", async () => {
    const page = await wide();
    await signIn(page, product.server.url, "demo-inspector", "/filing/commune/2026-Q3");
    await page.waitForSelector('.workflow [data-status="open"]');
    expect(await page.locator(".workflow .status").textContent()).toContain("Đang nhận báo cáo");
    await page.getByRole("button", { name: "Khóa sổ (ngừng nhận báo cáo)" }).click();
    await page.waitForSelector('.workflow [data-status="closed"]');
    await expect(page.locator(".workflow .ok").textContent()).resolves.toContain("Đã chuyển sang «Đã khóa sổ».");
    expect(await page.locator(".workflow .history").textContent()).toContain(
      "demo-inspector: Đang nhận báo cáo → Đã khóa sổ",
    );
    // Reopening needs a reason: the box appears, and the move waits for it.
    await page.getByRole("button", { name: "Mở lại nhận báo cáo" }).click();
    await page.getByLabel(/^Lý do/).fill("Kiểm tra nút");
    await page.screenshot({ path: join(SHOTS, "workflow-vi.png"), fullPage: false });
    await page.getByRole("button", { name: "Hủy" }).click();
    expect(await page.locator("#workflow-reason").count()).toBe(0);
    await page.close();

    const reporter = await wide();
    await signIn(reporter, product.server.url, "demo-reporter", "/report");
    await reporter.getByLabel("Kỳ báo cáo (tháng hoặc quý)").selectOption("2026-Q3");
    // The quarter is filed: the form loads it, and saving is a correction confirmed against the filed figures.
    await reporter.waitForSelector(".editing");
    await reporter.getByLabel("Tiếp nhận", { exact: true }).fill("460");
    await reporter.getByLabel("Giải quyết đúng hạn").fill("200");
    await reporter.getByRole("button", { name: "Lưu bản sửa" }).click();
    await reporter.getByRole("button", { name: "Xác nhận và lưu" }).click();
    await expect(reporter.locator("#report-reason-error").textContent()).resolves.toContain(
      "Cần ghi lý do cho thay đổi này.",
    );
    await reporter.getByLabel("Lý do nộp sau khi khóa sổ").fill("Bổ sung hồ sơ tiếp nhận cuối quý");
    await reporter.getByRole("button", { name: "Lưu bản sửa" }).click();
    await reporter.getByRole("button", { name: "Xác nhận và lưu" }).click();
    await expect(reporter.locator(".message.good").textContent()).resolves.toMatch(/Đã lưu phiên bản \d+/);
    await reporter.close();
  });
});

describe("text from the data", () => {
  it("shows a unit name containing HTML as text, creating no element", async () => {
    const name = "<img src=x onerror=alert(1)>Xã Thử";
    await product.server.deps.store.putUnits([
      { id: "huyen-tan-phuoc--xa-thu", name, parentId: "huyen-tan-phuoc", cohort: "commune" },
    ]);
    const page = await wide();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signIn(page, product.server.url, "demo-admin", "/units/huyen-tan-phuoc");
    await page.waitForSelector(".children li");
    expect(await page.locator(".children").textContent()).toContain(name);
    await page.getByRole("link", { name }).click();
    await page.waitForURL(/\/units\/huyen-tan-phuoc--xa-thu$/);
    expect(await page.locator("h1").textContent()).toBe(name);
    await page.goto(`${product.server.url}/users`);
    await page.waitForSelector("table.users");
    expect(await page.locator("#uc-unitId option", { hasText: "Xã Thử" }).textContent()).toBe(name);
    expect(await page.locator("img").count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
