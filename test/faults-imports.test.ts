// Faults around imports on the real local server and the embedded stack: an upload killed just after its
// PUT and an import killed after its commit are both finished by the next start — which listens at once
// and completes them in the background, the import history showing them as being completed — and XLSX
// bombs, oversized cells and floods of unknown fields are refused with bounded, stored answers.

import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { deflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announceUpload } from "../functions/ingest/announce";
import { openLocalStore, startLocal } from "../functions/local/server";
import { runImport } from "../functions/services/imports";
import { operator } from "../shared/access/identity";
import { translate } from "../shared/i18n";
import { KEPT_VALUE } from "../shared/ingest/row-error";
import { signedIn } from "./support/session";
import { TEST_UNITS, useTestStack } from "./support/stack";

const dir = mkdtempSync(join(tmpdir(), "parwatch-faults-imports-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = promisify(execFile);
async function cli(dataDir: string, args: string[], env: Record<string, string> = {}) {
  try {
    await run(process.execPath, ["--import", "tsx", "functions/cli/main.ts", ...args, "--lang", "en"], {
      env: { ...process.env, DATA_DIR: dataDir, ...env },
    });
    return { signal: null };
  } catch (error) {
    return { signal: (error as { signal: string | null }).signal };
  }
}

const communes = Array.from({ length: 12 }, (_, i) => `xa-${String(i + 1).padStart(2, "0")}`);
const months = Array.from(
  { length: 120 },
  (_, m) => `${2015 + Math.floor(m / 12)}-M${String((m % 12) + 1).padStart(2, "0")}`,
);

describe("crash recovery on the next start", () => {
  const dataDir = join(dir, "data");
  beforeAll(async () => {
    const units = [
      "id,name,parentId,cohort",
      "tinh,Tỉnh Thử,,province",
      ...communes.map((id) => `${id},Xã ${id},tinh,commune`),
    ];
    writeFileSync(join(dir, "units.csv"), `${units.join("\n")}\n`);
    expect((await cli(dataDir, ["import", "--kind", "units", join(dir, "units.csv")])).signal).toBeNull();
  }, 60_000);

  it("listens at once, shows the interrupted imports as being completed, and finishes them", async () => {
    // 1,440 rows killed after the commit, five of them written: the next start has work to finish.
    const rows = months.flatMap((month, m) => communes.map((id, i) => `${id},${month},${100 + m + i}`));
    writeFileSync(join(dir, "decade.csv"), `unitId,period,received\n${rows.join("\n")}\n`);
    const killed = await cli(dataDir, ["import", "--kind", "reports", join(dir, "decade.csv")], {
      PARWATCH_FAULT: "apply:5",
    });
    expect(killed.signal).toBe("SIGKILL");
    // An upload killed just after its PUT: announced, its file in the bucket, never ingested.
    const local = await openLocalStore(dataDir);
    const announced = await announceUpload(
      local.deps,
      { kind: "reports", fileName: "báo cáo quý 3 + bổ sung.csv" },
      operator("vanthu"),
    );
    await local.deps.blobs.put(announced.key, "unitId,period,received\nxa-01,2025-Q3,77\n", "text/csv", {
      "uploaded-by": "operator%3Avanthu",
    });
    const committed = (await local.deps.store.listImports()).find((record) => record.status === "committed");
    expect(committed).toBeDefined();
    await local.close();

    const started = performance.now();
    const server = await startLocal({ port: 0, dataDir, webDir: resolve("web/dist") });
    try {
      const listening = performance.now() - started;
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(200);
      // The history shows it as being completed while the rows are written behind the open port.
      const during = await server.deps.store.getImport(committed?.importId ?? "");
      expect(during).toMatchObject({ status: "committed", recovering: true });
      expect(translate("vi", "import.status.recovering")).toBe("Đang hoàn tất sau khi khởi động lại");
      const summary = await server.recovered;
      const recoveredIn = performance.now() - started;
      expect(summary).toEqual({ applied: 1, failed: 0, uploads: 1 });
      expect(listening).toBeLessThan(recoveredIn);
      const done = await server.deps.store.getImport(committed?.importId ?? "");
      expect(done?.status).toBe("applied");
      expect(done?.recovering).toBeUndefined();
      const histories = await Promise.all(
        months.flatMap((month) => communes.map((id) => server.deps.store.reportHistory(id, month))),
      );
      expect(histories.map((history) => history.map((version) => version.metrics.received))).toEqual(
        rows.map((row) => [Number(row.split(",")[2])]),
      );
      const upload = await server.deps.store.getImport(announced.importId);
      expect(upload).toMatchObject({ status: "applied", rows: 1, fileName: "báo cáo quý 3 + bổ sung.csv" });
      expect(upload?.recovering).toBeUndefined();
      expect((await server.deps.store.latestReport("xa-01", "2025-Q3"))?.metrics.received).toBe(77);
    } finally {
      await server.close();
    }
  }, 180_000);
});

/** A zip of the given entries, as Excel writes one (deflated); `claim` overrides the sizes it declares. */
function zip(entries: { name: string; body: Uint8Array; claim?: number }[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const data = deflateRawSync(entry.body);
    const size = entry.claim ?? entry.body.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const sheet = (rows: number, cell = "") =>
  Buffer.from(
    `<?xml version="1.0"?><worksheet><sheetData>${Array.from(
      { length: rows },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${cell}</t></is></c></row>`,
    ).join("")}</sheetData></worksheet>`,
  );

describe("hostile files and requests", () => {
  const stack = useTestStack();
  beforeAll(async () => {
    await stack.deps.store.putUnits(TEST_UNITS);
  });
  const importFile = (fileName: string, bytes: Uint8Array) =>
    runImport(stack.deps, {
      kind: "reports",
      fileName,
      bytes,
      uploadedBy: "operator:test",
      uploader: operator("test"),
    });

  const bombs: [string, () => Uint8Array, string][] = [
    [
      "a sheet that unpacks to 100 MB",
      () => zip([{ name: "xl/worksheets/sheet1.xml", body: Buffer.alloc(100 * 1024 * 1024, 0x20) }]),
      "unpackedTooLarge",
    ],
    [
      "a sheet that claims 1 KB and unpacks to 100 MB",
      () => zip([{ name: "xl/worksheets/sheet1.xml", body: Buffer.alloc(100 * 1024 * 1024, 0x20), claim: 1024 }]),
      "unpackedTooLarge",
    ],
    ["a sheet of 150,000 rows", () => zip([{ name: "xl/worksheets/sheet1.xml", body: sheet(150_000) }]), "tooManyRows"],
  ];
  for (const [name, file, code] of bombs) {
    it(`refuses ${name} before reading it, with one stored error`, async () => {
      const bytes = file();
      expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
      const rssBefore = process.memoryUsage().rss;
      const { record, errors } = await importFile("bom.xlsx", bytes);
      // Inflating is capped at the 20 MB budget: nowhere near the 100 MB the file holds.
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * 1024 * 1024);
      expect(record).toMatchObject({ status: "rejected", errorCount: 1 });
      expect(errors.map((error) => error.key)).toEqual([`error.import.${code}`]);
      expect(await stack.deps.store.importErrors(record.importId)).toHaveLength(record.errorCount);
    }, 60_000);
  }

  it("stores every error it counts, a megabyte-long cell quoted in 200 characters", async () => {
    const huge = "x".repeat(1024 * 1024);
    const csv = `unitId,period,received\n${huge},2025-Q3,1\nhuyen-a,2025-Q3,${huge}\nhuyen-b,2025-Q3,-3\n`;
    const { record } = await importFile("to.csv", new TextEncoder().encode(csv));
    const stored = await stack.deps.store.importErrors(record.importId);
    expect(record.status).toBe("rejected");
    expect(stored).toHaveLength(record.errorCount);
    expect(Math.max(...stored.map((error) => error.value.length))).toBeLessThanOrEqual(KEPT_VALUE + 1);
  });

  it("answers a request of 40,000 unknown metric keys with 100 problems and a count", async () => {
    const app = signedIn(stack.deps, { username: "quantri", role: "admin" });
    const metrics = Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`unknownMetric${i}`, 1]));
    const body = JSON.stringify({ unitId: "huyen-a", period: "2025-Q3", metrics });
    expect(body.length).toBeGreaterThan(800_000);
    const response = await app.request(
      "/api/reports?lang=en",
      { method: "POST", headers: { "content-type": "application/json" }, body },
      { username: "quantri", role: "admin" },
    );
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text.length).toBeLessThan(20_000);
    const { errors } = JSON.parse(text) as { errors: { path: string; message: string }[] };
    expect(errors).toHaveLength(101);
    expect(errors[100]?.message).toBe("… and 39,900 more problems, not listed here.");
    expect(await stack.deps.store.latestReport("huyen-a", "2025-Q3")).toBeUndefined();
  });
});
