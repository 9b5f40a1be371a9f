// The CLI's identities: on the data folder it is the machine's operator (how the first admin of a
// non-demo installation is made); against a server it signs in (`cli login`), sends its session as a
// bearer token, and `cli logout` ends it.

import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openLocalStore, type RunningServer, startLocal } from "../functions/local/server";
import { cli } from "./support/cli";

let dir: string;
const saved = { ...process.env };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "parwatch-cli-session-"));
  Object.assign(process.env, { DATA_DIR: join(dir, "data"), PARWATCH_CONFIG_DIR: join(dir, "config") });
});
afterAll(() => {
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

describe("cli user add on the data folder", () => {
  it("makes the first admin as the machine's operator, refusing a short password first", async () => {
    process.env.PARWATCH_NEW_PASSWORD = "ngan";
    const short = await cli(["user", "add", "--username", "quantri", "--role", "admin"]);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain("password: A password needs at least 10 characters.");
    process.env.PARWATCH_NEW_PASSWORD = "mat-khau-quan-tri";
    const made = await cli(["user", "add", "--username", "quantri", "--role", "admin"]);
    expect(made.stdout).toBe("Account quantri (admin) created.\n");
    const local = await openLocalStore(process.env.DATA_DIR);
    try {
      // A new data folder opened by the CLI has no demo: the account is the only one.
      expect((await local.deps.store.listUsers()).map((user) => user.username)).toEqual(["quantri"]);
      const { entries } = await local.deps.store.listAudit({ limit: 10 });
      expect(entries[0]).toMatchObject({
        action: "user.create",
        actor: `operator:${userInfo().username}`,
        role: "operator",
        source: "cli",
      });
    } finally {
      await local.close();
    }
  });
});

describe("cli login, import --server and logout", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startLocal({ port: 0, dataDir: process.env.DATA_DIR, webDir: resolve("web/dist"), demo: false });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("signs in, keeps the session readable by its owner only, and imports through the server as that user", async () => {
    process.env.PARWATCH_PASSWORD = "sai-mat-khau";
    const wrong = await cli(["login", "--server", server.url, "--username", "quantri"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe("Wrong user name or password.\n");
    process.env.PARWATCH_PASSWORD = "mat-khau-quan-tri";
    const login = await cli(["login", "--server", server.url, "--username", "quantri"]);
    expect(login.stdout).toMatch(/^Signed in as quantri \(admin\)\. Session kept in .*sessions\.json\.\n$/);
    const file = join(process.env.PARWATCH_CONFIG_DIR as string, "sessions.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8"))[server.url].username).toBe("quantri");

    const units = join(dir, "units.csv");
    writeFileSync(units, "id,name,parentId,cohort\ntinh,Tỉnh Thử,,province\nxa-1,Xã Một,tinh,commune\n");
    const imported = await cli(["import", "--kind", "units", units, "--server", server.url]);
    expect(imported.code).toBe(0);
    const [record] = await server.deps.store.listImports(1);
    expect(record).toMatchObject({ status: "applied", uploadedBy: "quantri" });

    expect((await cli(["logout", "--server", server.url])).stdout).toBe("Signed out.\n");
    const after = await cli(["import", "--kind", "units", units, "--server", server.url]);
    expect(after.code).toBe(2);
    expect(after.stderr).toContain(`Not signed in to ${server.url}`);
  });
});
