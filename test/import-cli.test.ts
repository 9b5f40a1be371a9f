// `cli import` as a real process on a data folder, including the fault test: the process is killed
// (SIGKILL, as a power cut) halfway through an import; afterwards the import is all there or not at all.

import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { openLocalStore } from "../functions/local/server";

const dir = mkdtempSync(join(tmpdir(), "parwatch-import-cli-"));
const dataDir = join(dir, "data");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = promisify(execFile);
async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    // Node with the tsx loader in-process (no wrapper process), so the kill reaches the importer itself.
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", "tsx", "functions/cli/main.ts", ...args, "--lang", "en"],
      {
        env: { ...process.env, DATA_DIR: dataDir, ...env },
      },
    );
    return { code: 0, signal: null, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number | null; signal: string | null; stdout: string; stderr: string };
    return { code: failed.code, signal: failed.signal, stdout: failed.stdout, stderr: failed.stderr };
  }
}
function file(name: string, content: string) {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
async function inspect<T>(
  look: (store: Awaited<ReturnType<typeof openLocalStore>>["deps"]["store"]) => Promise<T>,
): Promise<T> {
  const local = await openLocalStore(dataDir);
  try {
    return await look(local.deps.store);
  } finally {
    await local.close();
  }
}

const communes = Array.from({ length: 12 }, (_, i) => `xa-${String(i + 1).padStart(2, "0")}`);

describe("cli import", () => {
  it("imports a units file into the data folder", async () => {
    const rows = [
      "id,name,parentId,cohort",
      "tinh,Tỉnh Thử,,province",
      ...communes.map((id, i) => `${id},Xã ${i + 1},tinh,commune`),
    ];
    const result = await cli(["import", "--kind", "units", file("units.csv", `${rows.join("\n")}\n`)]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Imported 13 rows");
  });

  it("rejects a bad report file with row errors and exit code 2, writing nothing", async () => {
    const result = await cli([
      "import",
      "--kind",
      "reports",
      file("bad.csv", "unitId,period,received\nxa-01,2025-Q1,7\nxa-99,2025-Q1,x\n"),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Row 3, column unitId (xa-99): There is no unit with id xa-99.");
    expect(result.stderr).toContain("Row 3, column received (x): Must be a whole number");
    expect(result.stderr).toContain("File rejected: 2 errors.");
    expect(await inspect((store) => store.latestReport("xa-01", "2025-Q1"))).toBeUndefined();
  });

  it("shows nothing of an import killed before its commit, and marks it failed on the next run", async () => {
    const rows = communes.map((id, i) => `${id},2025-Q2,${100 + i}`);
    const path = file("q2.csv", `unitId,period,received\n${rows.join("\n")}\n`);
    const killed = await cli(["import", "--kind", "reports", path], { PARWATCH_FAULT: "stage" });
    expect(killed.signal).toBe("SIGKILL");
    expect(await inspect((store) => store.latestReportsOfPeriod("2025-Q2"))).toEqual([]);
    const next = await cli(["import", "--kind", "reports", path]);
    expect(next.stderr).toContain("Finished 0 interrupted imports; 1 uncommitted ones marked failed.");
    expect(next.code).toBe(0);
    expect(await inspect((store) => store.latestReportsOfPeriod("2025-Q2"))).toHaveLength(12);
  });

  it("finishes an import killed halfway through on the next run: every row once", async () => {
    // Twelve communes × twelve months: the kill lands while most rows are still to be written.
    const months = Array.from({ length: 12 }, (_, m) => `2025-M${String(m + 1).padStart(2, "0")}`);
    const rows = months.flatMap((month, m) => communes.map((id, i) => `${id},${month},${200 + m * 12 + i}`));
    const path = file("year.csv", `unitId,period,received\n${rows.join("\n")}\n`);
    const killed = await cli(["import", "--kind", "reports", path], { PARWATCH_FAULT: "apply:5" });
    expect(killed.signal).toBe("SIGKILL");
    const visible = async () =>
      inspect(async (store) => (await Promise.all(months.map((month) => store.latestReportsOfPeriod(month)))).flat());
    const partial = await visible();
    expect(partial.length).toBeGreaterThanOrEqual(5);
    expect(partial.length).toBeLessThan(rows.length);
    const next = await cli([
      "import",
      "--kind",
      "reports",
      file("other.csv", "unitId,period,received\nxa-01,2025-Q4,1\n"),
    ]);
    expect(next.stderr).toContain("Finished 1 interrupted imports");
    expect(await visible()).toHaveLength(rows.length);
    const histories = await inspect((store) =>
      Promise.all(months.flatMap((month) => communes.map((id) => store.reportHistory(id, month)))),
    );
    expect(histories.map((history) => history.map((v) => v.metrics.received))).toEqual(rows.map((_, i) => [200 + i]));
  });

  it("imports commitments with --kind commitments", async () => {
    const rows = communes.map((id) => `${id},2026,onTimeRateOfResolved,>=,100,Chủ tịch UBND xã,2026-01-15`);
    const result = await cli([
      "import",
      "--kind",
      "commitments",
      file("cam-ket.csv", `unit,year,measure,comparator,target,signedBy,signedOn\n${rows.join("\n")}\n`),
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Imported 12 rows");
    expect(await inspect((store) => store.commitmentsOfYear(2026))).toHaveLength(12);
  });

  it("writes nothing for a file imported before", async () => {
    const again = await cli(["import", "--kind", "reports", join(dir, "year.csv")]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("This file was imported before");
  });
});
