// Fault figures: a 10,000-row report import killed (SIGKILL, as a power cut) at each stage — just after
// its PUT, once staged, once committed — then the real server started on the folder: the time until it
// listens and until its background recovery is done, and whether the import ended whole or absent (and the
// next attempt succeeds). Last, the peak memory of a process refusing an XLSX bomb.

import { execFile, spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { deflateRawSync } from "node:zlib";
import { megabytes, ms, record } from "./measure";

const run = promisify(execFile);
const UNITS = 1000;
const ROWS = 10_000;

/** A child Node with the tsx loader: the CLI, the start script, or a few lines of module code. */
async function child(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", ...args], {
      env: { ...process.env, ...env },
      maxBuffer: 1 << 24,
    });
    return { signal: null as string | null, output: stdout + stderr };
  } catch (error) {
    const failed = error as { signal: string | null; stdout: string; stderr: string };
    return { signal: failed.signal, output: failed.stdout + failed.stderr };
  }
}
let scripts = 0;
/** A few lines of module code in their own process (from a file: --eval resolves no loader imports). */
function script(code: string, env: Record<string, string> = {}) {
  const file = join(tmpdir(), `parwatch-bench-fault-${process.pid}-${scripts++}.mjs`);
  writeFileSync(file, code);
  return child([file], env).finally(() => rmSync(file, { force: true }));
}

/** Starts `npm start`'s script on the folder; resolves with the times it listened and finished recovery. */
async function restart(dataDir: string): Promise<{ listening: number; recovered: number; output: string }> {
  const started = performance.now();
  const server = spawn(process.execPath, ["--import", "tsx", "functions/local/start.ts"], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let listening = 0;
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      server.kill("SIGTERM");
      fail(new Error(`no recovery within 15 minutes: ${output}`));
    }, 900_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      if (!listening && output.includes("ParWatch is running at")) listening = performance.now() - started;
      if (/Imports recovered|Import recovery stopped/.test(output)) {
        const recovered = performance.now() - started;
        clearTimeout(timer);
        server.once("exit", () => done({ listening, recovered, output }));
        server.kill("SIGTERM");
      }
    };
    server.stdout.on("data", read);
    server.stderr.on("data", read);
    server.once("exit", (code) => {
      if (!listening) fail(new Error(`the server stopped (${code}): ${output}`));
    });
  });
}

/** How many of the file's rows are visible, and how many versions they have (each must have one). */
async function visible(dataDir: string): Promise<{ rows: number; versions: number }> {
  const { output } = await script(
    `const { openLocalStore } = await import(${JSON.stringify(resolve("functions/local/server.ts"))});
     const local = await openLocalStore(${JSON.stringify(dataDir)});
     let rows = 0, versions = 0;
     for (let m = 1; m <= 10; m++) {
       const period = "2025-M" + String(m).padStart(2, "0");
       const latest = await local.deps.store.latestReportsOfPeriod(period);
       rows += latest.length;
       versions += latest.reduce((sum, report) => sum + report.version, 0);
     }
     await local.close();
     console.log(JSON.stringify({ rows, versions }));`,
  );
  return JSON.parse(output.trim().split("\n").at(-1) as string);
}

export async function faultBenchmarks(): Promise<void> {
  console.log("\nFaults");
  const dir = mkdtempSync(join(tmpdir(), "parwatch-bench-faults-"));
  try {
    const units = join(dir, "units.csv");
    writeFileSync(
      units,
      `id,name,parentId,cohort\n${Array.from({ length: UNITS }, (_, i) => `unit-${i},Xã ${i},,commune`).join("\n")}\n`,
    );
    const reports = join(dir, "reports.csv");
    const lines = ["unitId,period,received,resolvedEarly,resolvedOnTime,resolvedLate,pendingOverdue"];
    for (let i = 0; i < ROWS; i++) {
      lines.push(
        `unit-${i % UNITS},2025-M${String(1 + Math.floor(i / UNITS)).padStart(2, "0")},${100 + (i % 50)},40,50,${i % 7},${i % 3}`,
      );
    }
    writeFileSync(reports, `${lines.join("\n")}\n`);
    const base = join(dir, "base");
    await child(["functions/cli/main.ts", "import", "--kind", "units", units, "--lang", "en"], { DATA_DIR: base });

    const stages: [string, (dataDir: string) => Promise<{ signal: string | null }>][] = [
      [
        "after the PUT",
        (dataDir) =>
          script(
            `import { readFileSync } from "node:fs";
             const { openLocalStore } = await import(${JSON.stringify(resolve("functions/local/server.ts"))});
             const { announceUpload } = await import(${JSON.stringify(resolve("functions/ingest/announce.ts"))});
             const { operator } = await import(${JSON.stringify(resolve("shared/access/identity.ts"))});
             const local = await openLocalStore(${JSON.stringify(dataDir)});
             const announced = await announceUpload(local.deps, { kind: "reports", fileName: "báo cáo quý 3.csv" }, operator("bench"));
             await local.deps.blobs.put(announced.key, readFileSync(${JSON.stringify(reports)}), "text/csv", { "uploaded-by": "operator%3Abench" });
             process.kill(process.pid, "SIGKILL");`,
          ),
      ],
      [
        "staged",
        (dataDir) =>
          child(["functions/cli/main.ts", "import", "--kind", "reports", reports], {
            DATA_DIR: dataDir,
            PARWATCH_FAULT: "stage",
          }),
      ],
      [
        "committed",
        (dataDir) =>
          child(["functions/cli/main.ts", "import", "--kind", "reports", reports], {
            DATA_DIR: dataDir,
            PARWATCH_FAULT: "apply:2500",
          }),
      ],
    ];
    for (const [stage, kill] of stages) {
      const dataDir = join(dir, stage.replace(/\W+/g, "-"));
      cpSync(base, dataDir, { recursive: true });
      const killed = await kill(dataDir);
      const before = await visible(dataDir);
      const after = await restart(dataDir);
      const recovered = await visible(dataDir);
      // The next attempt: the same file again (a duplicate once it is in; imported when it was absent).
      const again = await child(["functions/cli/main.ts", "import", "--kind", "reports", reports, "--lang", "en"], {
        DATA_DIR: dataDir,
      });
      const final = await visible(dataDir);
      const outcome = recovered.rows === ROWS ? "whole" : recovered.rows === 0 ? "absent" : `PARTIAL ${recovered.rows}`;
      const next = /Imported|imported before/.test(again.output) && final.rows === ROWS && final.versions === ROWS;
      record(
        `kill -9 ${stage} (${killed.signal}; ${before.rows} rows visible) → restart`,
        `${outcome}, next attempt ${next ? "succeeds" : "FAILS"}`,
      );
      record("  listening after", ms(after.listening));
      record("  recovery finished after", ms(after.recovered));
    }

    // An XLSX bomb: 314 MB of sheet XML in a few hundred kilobytes — saying so, or claiming 1 KB.
    const xml = Buffer.alloc(314 * 1024 * 1024, 0x20);
    const data = deflateRawSync(xml);
    for (const claim of [xml.length, 1024]) {
      const bomb = join(dir, "bom.xlsx");
      writeFileSync(bomb, zipOf("xl/worksheets/sheet1.xml", data, claim));
      const refused = await script(
        `import { readFileSync } from "node:fs";
         const { openLocalStore } = await import(${JSON.stringify(resolve("functions/local/server.ts"))});
         const { runImport } = await import(${JSON.stringify(resolve("functions/services/imports.ts"))});
         const { operator } = await import(${JSON.stringify(resolve("shared/access/identity.ts"))});
         const local = await openLocalStore(undefined);
         const idle = process.resourceUsage().maxRSS * 1024;
         const started = performance.now();
         const { record } = await runImport(local.deps, { kind: "reports", fileName: "bom.xlsx",
           bytes: readFileSync(${JSON.stringify(bomb)}), uploadedBy: "operator:bench", uploader: operator("bench") });
         const elapsed = performance.now() - started;
         console.log(JSON.stringify({ status: record.status, idle, peak: process.resourceUsage().maxRSS * 1024, elapsed }));
         await local.close();`,
      );
      const figures = JSON.parse(refused.output.trim().split("\n").at(-1) as string);
      record(
        `refuse a ${(data.length / 1024).toFixed(0)} KB XLSX unpacking to 314 MB, claiming ${claim === 1024 ? "1 KB" : "314 MB"} (${figures.status})`,
        `${ms(figures.elapsed)} · peak RSS ${megabytes(figures.peak)} (${megabytes(figures.idle)} before)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A one-entry zip (deflated) whose directory claims `claim` bytes unpacked. */
function zipOf(entry: string, data: Buffer, claim: number): Buffer {
  const name = Buffer.from(entry);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(claim, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(claim, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + name.length, 12);
  end.writeUInt32LE(30 + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}
