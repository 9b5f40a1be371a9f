// Vietnamese names on accounts: display names with every Vietnamese letter kept exactly (composed, NFC)
// through POST/PUT /api/users, sign-in, /api/auth/me, the audit trail and its CSV, and `cli user add`
// / `cli user list`; garbled text (UTF-8 read as Windows-1252, bytes that were not UTF-8, control
// characters) refused with a sentence; user names stay ASCII sign-in identifiers, and one with
// Vietnamese letters is refused with a sentence — never a 500, never a crash, nothing stored.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openLocalStore } from "../functions/local/server";
import { garbled, personName } from "../shared/access/account";
import { translate } from "../shared/i18n";
import { cli } from "./support/cli";
import { signedIn } from "./support/session";
import { TEST_UNITS, useTestStack } from "./support/stack";

const stack = useTestStack();
const ADMIN = { username: "quantri", role: "admin" } as const;
const INSPECTOR = { username: "thanhtra", role: "inspector" } as const;
const PASSWORD = "mat-khau-du-dai";
/** Every Vietnamese vowel with its tones, đ, and capitals: composed (NFC). */
const NAME = "Nguyễn Thị Ánh Tuyết — Đặng Quỳnh Ửu Ỹ";
const json = (method: string, body?: unknown): RequestInit => ({
  method,
  headers: { "content-type": "application/json; charset=utf-8" },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

beforeAll(async () => {
  await stack.deps.store.putUnits(TEST_UNITS);
});

describe("display names through the API", () => {
  it("keeps a Vietnamese display name exactly, composes a decomposed one, and signs the account in", async () => {
    const api = signedIn(stack.deps, ADMIN);
    const made = await api.request(
      "/api/users",
      json("POST", { username: "nguyen.anh", displayName: NAME, role: "chair", unitId: "huyen-a", password: PASSWORD }),
    );
    expect(made.status).toBe(201);
    expect((await made.json()).user.displayName).toBe(NAME);
    expect((await stack.deps.store.getUser("nguyen.anh"))?.displayName).toBe(NAME);

    // The same letters decomposed (as macOS and some keyboards send them): stored composed, spaces collapsed.
    const decomposed = `  ${"Trần Văn Bé".normalize("NFD")}\n`;
    expect(decomposed).not.toBe("Trần Văn Bé");
    const other = await api.request(
      "/api/users",
      json("POST", { username: "tran.be", displayName: decomposed, role: "inspector", password: PASSWORD }),
    );
    expect(other.status).toBe(201);
    expect((await stack.deps.store.getUser("tran.be"))?.displayName).toBe("Trần Văn Bé");

    const listed = (await (await api.request("/api/users")).json()).users as {
      username: string;
      displayName: string;
    }[];
    expect(listed.find((user) => user.username === "nguyen.anh")?.displayName).toBe(NAME);

    // Sign-in (the user name as typed, in capitals), the session's identity.
    const login = await api.app.request(
      "/api/auth/login",
      json("POST", { username: "Nguyen.Anh", password: PASSWORD }),
    );
    expect(login.status).toBe(200);
    const { token, user } = await login.json();
    expect(user.displayName).toBe(NAME);
    const me = await api.app.request("/api/auth/me", { headers: { authorization: `Bearer ${token}` } });
    expect((await me.json()).user).toMatchObject({ username: "nguyen.anh", displayName: NAME });

    // A change of the display name alone.
    const renamed = await api.request("/api/users/nguyen.anh", json("PUT", { displayName: "Nguyễn Thị Ánh" }));
    expect(renamed.status).toBe(200);
    expect((await renamed.json()).user.displayName).toBe("Nguyễn Thị Ánh");
  });

  it("writes the names into the audit trail and its CSV as UTF-8 (with a BOM for Excel)", async () => {
    const api = signedIn(stack.deps, ADMIN);
    const audit = await (await api.request("/api/audit?limit=20", {}, INSPECTOR)).json();
    const created = audit.entries.find(
      (entry: { action: string; entity: string }) =>
        entry.action === "user.create" && entry.entity === "user:nguyen.anh",
    );
    expect(created.after.displayName).toBe(NAME);
    const renamed = audit.entries.find(
      (entry: { action: string; entity: string }) =>
        entry.action === "user.update" && entry.entity === "user:nguyen.anh",
    );
    expect(renamed).toMatchObject({ before: { displayName: NAME }, after: { displayName: "Nguyễn Thị Ánh" } });
    const csv = await api.request("/api/audit/export.csv", {}, INSPECTOR);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    expect(text).toContain("nguyen.anh");
    expect(text).not.toContain("Nguyá»");
  });

  it("refuses garbled display names with a sentence and stores nothing", async () => {
    const api = signedIn(stack.deps, ADMIN);
    const before = (await stack.deps.store.listUsers()).length;
    for (const displayName of ["Nguyá»…n Văn A", "VÄƒn Nguyá»…n", "L\ufffd B", "Trần\u0000A", "Tráº§n"]) {
      const answer = await api.request(
        "/api/users",
        json("POST", { username: "garbled.name", displayName, role: "inspector", password: PASSWORD }),
      );
      expect(answer.status, displayName).toBe(400);
      expect((await answer.json()).errors).toEqual([
        { path: "displayName", code: "user.displayName", message: translate("vi", "error.user.displayName") },
      ]);
    }
    const english = await api.request("/api/users/nguyen.anh?lang=en", json("PUT", { displayName: "Nguyá»…n Thá»‹" }));
    expect(english.status).toBe(400);
    expect((await english.json()).errors[0].message).toMatch(/garbled by a wrong encoding/);
    expect((await stack.deps.store.listUsers()).length).toBe(before);
    expect((await stack.deps.store.getUser("nguyen.anh"))?.displayName).toBe("Nguyễn Thị Ánh");
  });

  it("refuses a user name with Vietnamese letters with a sentence, and never answers 500 for one", async () => {
    const api = signedIn(stack.deps, ADMIN);
    const before = (await stack.deps.store.listUsers()).length;
    for (const username of ["nguyễn.văn", "Nguyễn", "nguye\u0302\u0303n", "đặng"]) {
      const answer = await api.request(
        "/api/users?lang=en",
        json("POST", { username, displayName: "Nguyễn Văn", role: "inspector", password: PASSWORD }),
      );
      expect(answer.status, username).toBe(400);
      expect((await answer.json()).errors).toEqual([
        { path: "username", code: "user.username", message: translate("en", "error.user.username") },
      ]);
    }
    expect(translate("vi", "error.user.username")).toContain("chữ thường không dấu");
    expect((await stack.deps.store.listUsers()).length).toBe(before);
    // Signing in as one, or changing one: the answers any unknown account gets.
    const login = await api.app.request("/api/auth/login", json("POST", { username: "nguyễn", password: PASSWORD }));
    expect(login.status).toBe(401);
    const change = await api.request(`/api/users/${encodeURIComponent("nguyễn")}`, json("PUT", { displayName: "A" }));
    expect(change.status).toBe(404);
  });
});

describe("garbled text, exactly", () => {
  it("tells UTF-8 read as Windows-1252 from real names in Vietnamese and other languages", () => {
    for (const name of ["Nguyễn Văn Ánh", "Đặng Thị Ý", "Bé", "Ánh", "José Müller", "Trần – Phó", "Ôn Ư"]) {
      expect(garbled(personName(name)), name).toBe(false);
    }
    const mangle = (text: string) => new TextDecoder("windows-1252").decode(new TextEncoder().encode(text)); // how the name arose
    for (const name of ["Nguyễn", "Trần Văn Bé", "Đặng Quỳnh", "Lê Ánh"]) {
      expect(mangle(name)).not.toBe(name);
      expect(garbled(personName(mangle(name))), mangle(name)).toBe(true);
    }
  });
});

describe("cli user add and list", () => {
  const dir = mkdtempSync(join(tmpdir(), "parwatch-users-names-"));
  const saved = { ...process.env };
  beforeAll(() => {
    Object.assign(process.env, { DATA_DIR: join(dir, "data"), PARWATCH_NEW_PASSWORD: PASSWORD });
  });
  afterAll(() => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it("makes an account with a Vietnamese display name, lists it, and refuses garbled or Vietnamese-lettered names with exit 2", async () => {
    const made = await cli(["user", "add", "--username", "nguyen.quan.tri", "--role", "admin", "--display-name", NAME]);
    expect(made).toMatchObject({ code: 0, stdout: "Account nguyen.quan.tri (admin) created.\n" });
    const decomposed = await cli([
      "user",
      "add",
      "--username",
      "le.van",
      "--role",
      "inspector",
      "--display-name",
      "Lê Văn".normalize("NFD"),
    ]);
    expect(decomposed.code).toBe(0);
    // A terminal in another code page: its bytes were not UTF-8, Node decoded them to U+FFFD.
    const latin1 = await cli(["user", "add", "--username", "le.b", "--role", "admin", "--display-name", "L\ufffd B"]);
    expect(latin1).toMatchObject({ code: 2, stderr: `displayName: ${translate("en", "error.user.displayName")}\n` });
    const vietnamese = await cli(["user", "add", "--username", "nguyễn", "--role", "admin"], "vi");
    expect(vietnamese).toMatchObject({ code: 2, stderr: `username: ${translate("vi", "error.user.username")}\n` });

    const list = await cli(["user", "list"]);
    expect(list.code).toBe(0);
    expect(list.stdout.split("\n").filter(Boolean).sort()).toEqual([
      "le.van\tinspector\t-\tactive\tLê Văn",
      `nguyen.quan.tri\tadmin\t-\tactive\t${NAME}`,
    ]);
    const local = await openLocalStore(process.env.DATA_DIR);
    try {
      expect((await local.deps.store.getUser("le.van"))?.displayName).toBe("Lê Văn");
      const { entries } = await local.deps.store.listAudit({ limit: 10 });
      expect(entries.map((entry) => (entry.after as { displayName?: string } | undefined)?.displayName).sort()).toEqual(
        ["Lê Văn", NAME].sort(),
      );
    } finally {
      await local.close();
    }
  });
});
