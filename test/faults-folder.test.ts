// The real start script (`npm start`'s node process) on damaged copies of a seeded data folder: each start
// is refused with one sentence saying what is wrong and what to do, exit code 1, no stack trace, and the
// folder's files exactly as they were (never a demo seeded over them). Then the folder in use, the port in
// use (nothing created), and the database thread dying while the server runs.

import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  closeSync,
  cpSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocal } from "../functions/local/server";

const dir = mkdtempSync(join(tmpdir(), "parwatch-faults-folder-"));
const seeded = join(dir, "seeded");

interface Started {
  readonly child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

function start(dataDir: string, env: Record<string, string> = {}): Started {
  // Node with the tsx loader in-process, as `npm start` runs it (no wrapper: signals reach the server).
  const child = spawn(process.execPath, ["--import", "tsx", "functions/local/start.ts"], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: "0", PARWATCH_LANG: "en", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout?.on("data", (chunk) => {
    text += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    text += chunk;
  });
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  return { child, output: () => text, exited };
}

async function runningUrl(started: Started): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const url = /ParWatch is running at (\S+)/.exec(started.output())?.[1];
    if (url) return url;
    if (started.child.exitCode !== null) break;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`the server did not start: ${started.output()}`);
}

/** Every file of a folder and a hash of its bytes. */
function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(folder, path)] = createHash("sha1").update(readFileSync(path)).digest("hex");
    }
  };
  walk(folder);
  return files;
}

const database = (folder: string) => join(folder, "dynamodb");
const filesOf = (folder: string, pattern: RegExp) =>
  readdirSync(database(folder))
    .filter((name) => pattern.test(name))
    .map((name) => join(database(folder), name));

function zero(path: string, from: number, length: number) {
  const fd = openSync(path, "r+");
  try {
    writeSync(fd, new Uint8Array(length), 0, length, from);
  } finally {
    closeSync(fd);
  }
}

beforeAll(async () => {
  // The demo province, seeded by the server itself, then stopped as Ctrl-C stops it.
  const server = await startLocal({ port: 0, dataDir: seeded, webDir: resolve("web/dist") });
  await server.recovered;
  await server.close();
  expect(filesOf(seeded, /\.ldb$/).length).toBeGreaterThan(0);
  expect(Math.max(...filesOf(seeded, /\.log$/).map((path) => statSync(path).size))).toBeGreaterThan(0);
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const newestLog = (folder: string) =>
  filesOf(folder, /\.log$/).sort((a, b) => statSync(b).size - statSync(a).size)[0] as string;

const DAMAGES: [name: string, damage: (folder: string) => void, says: RegExp][] = [
  ["CURRENT missing", (folder) => rmSync(join(database(folder), "CURRENT")), /dynamodb\/CURRENT is missing/],
  [
    "the MANIFEST missing",
    (folder) => {
      for (const path of filesOf(folder, /^MANIFEST-/)) rmSync(path);
    },
    /dynamodb\/MANIFEST-\d+ is missing/,
  ],
  [
    "the MANIFEST truncated",
    (folder) => {
      for (const path of filesOf(folder, /^MANIFEST-/)) truncateSync(path, Math.floor(statSync(path).size / 2));
    },
    /dynamodb\/MANIFEST-\d+ is truncated/,
  ],
  [
    "the MANIFEST zeroed",
    (folder) => {
      for (const path of filesOf(folder, /^MANIFEST-/)) zero(path, 0, statSync(path).size);
    },
    /dynamodb\/MANIFEST-\d+ is overwritten or corrupt/,
  ],
  [
    "table files truncated",
    (folder) => {
      for (const path of filesOf(folder, /\.ldb$/)) truncateSync(path, Math.floor(statSync(path).size / 2));
    },
    /dynamodb\/\d+\.ldb is truncated/,
  ],
  [
    "blocks of the table files zeroed",
    (folder) => {
      for (const path of filesOf(folder, /\.ldb$/)) zero(path, Math.floor(statSync(path).size / 3), 16 * 1024);
    },
    /dynamodb\/\d+\.ldb is overwritten or corrupt/,
  ],
  [
    "table files zeroed whole",
    (folder) => {
      for (const path of filesOf(folder, /\.ldb$/)) zero(path, 0, statSync(path).size);
    },
    /dynamodb\/\d+\.ldb is overwritten or corrupt/,
  ],
  [
    "the write-ahead log truncated",
    (folder) => {
      const log = newestLog(folder);
      truncateSync(log, Math.floor(statSync(log).size / 2) + 3);
    },
    /dynamodb\/\d+\.log is truncated/,
  ],
  [
    "a block of the write-ahead log zeroed",
    (folder) => {
      const log = newestLog(folder);
      zero(log, 0, Math.min(statSync(log).size, 4096));
    },
    /dynamodb\/\d+\.log is overwritten or corrupt/,
  ],
  [
    "the database folder emptied (the table gone)",
    (folder) => {
      for (const name of readdirSync(database(folder))) rmSync(join(database(folder), name));
    },
    /is not empty but holds no ParWatch table, so ParWatch did not start and did not seed the demo over it/,
  ],
];

describe("a damaged data folder", () => {
  for (const [name, damage, says] of DAMAGES) {
    it(`${name}: refused with one sentence, the folder untouched`, async () => {
      const folder = join(dir, name.replace(/\W+/g, "-"));
      cpSync(seeded, folder, { recursive: true });
      damage(folder);
      const before = snapshot(folder);
      const started = start(folder);
      expect(await started.exited).toBe(1);
      const output = started.output().trim();
      expect(output).toMatch(says);
      expect(output).toMatch(/restore the folder from a backup, or start over with a new folder \(DATA_DIR=/);
      expect(output.split("\n")).toHaveLength(1);
      expect(output).not.toMatch(/\n\s+at |Error:/);
      expect(output).not.toContain("Seeded");
      expect(snapshot(folder)).toEqual(before);
    }, 60_000);
  }
});

describe("a folder or port already taken", () => {
  it("starts an intact copy without seeding, then refuses a second server on the same folder", async () => {
    const folder = join(dir, "in-use");
    cpSync(seeded, folder, { recursive: true });
    const first = start(folder);
    try {
      const url = await runningUrl(first);
      expect(first.output()).not.toContain("Seeded");
      expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ status: "ok", store: "ok", blobs: "ok" });
      const second = start(folder);
      expect(await second.exited).toBe(1);
      expect(second.output().trim()).toMatch(
        new RegExp(
          `^The data folder ${folder.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is in use by another ParWatch process \\(pid ${first.child.pid}\\), so ParWatch did not start: stop that process first, or start with another folder \\(DATA_DIR=/another/folder npm start\\)\\.$`,
        ),
      );
      // The first server is unharmed.
      expect((await fetch(`${url}/api/health`)).status).toBe(200);

      // The same port: refused before any folder is created.
      const port = new URL(url).port;
      const fresh = join(dir, "never-created");
      const third = start(fresh, { PORT: port });
      expect(await third.exited).toBe(1);
      expect(third.output().trim()).toBe(
        `Port ${port} on 127.0.0.1 is already in use by another program (perhaps another ParWatch), so ParWatch did not start and created nothing: stop that program, or start on another port (PORT=3001 npm start).`,
      );
      expect(existsSync(fresh)).toBe(false);
    } finally {
      first.child.kill("SIGTERM");
      await first.exited;
    }
  }, 120_000);

  it("says so on /api/health and exits when the database thread dies; the next start is clean", async () => {
    const folder = join(dir, "thread-dies");
    cpSync(seeded, folder, { recursive: true });
    const server = start(folder, { PARWATCH_FAULT: "db-thread" });
    const url = await runningUrl(server);
    // The seam makes the database thread throw an uncaught error, as a corrupt block read did.
    server.child.kill("SIGUSR2");
    // The first failed ping may answer before the server has heard the thread die ("degraded",
    // "unreachable", also 503); then the answer names the stop.
    let health: { status: number; body: { status?: string } } | undefined;
    for (let i = 0; i < 100 && health?.body.status !== "down"; i++) {
      const response = await fetch(`${url}/api/health?lang=en`).catch(() => undefined);
      if (response && response.status !== 200) health = { status: response.status, body: await response.json() };
      else await new Promise((done) => setTimeout(done, 10));
    }
    expect(health).toEqual({
      status: 503,
      body: {
        status: "down",
        store: "stopped",
        message: "The database stopped; ParWatch is restarting. Try again in a moment.",
      },
    });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain(
      "The embedded database stopped unexpectedly (injected fault: the database thread crashed), so ParWatch is exiting for its supervisor to restart it",
    );
    const again = start(folder);
    try {
      const next = await runningUrl(again);
      expect((await fetch(`${next}/api/health`)).status).toBe(200);
    } finally {
      again.child.kill("SIGTERM");
      await again.exited;
    }
  }, 120_000);
});
