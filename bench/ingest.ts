// Ingestion figures: a 10,000-row report file and a 1,000,000-answer SIPAS file imported into the
// embedded stack (LevelDB on disk), each in a fresh process so its peak memory is its own.
// Targets (issue "Ingestion"): 10k report rows ≤ 15 s; 1M answers aggregated and stored ≤ 60 s; RSS ≤ 400 MB.

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundledMethodology } from "../shared/methodology/bundled";
import type { Methodology } from "../shared/methodology/model";
import { megabytes, ms, record } from "./measure";

function importInChild(kind: string, file: string, units: number, period?: string) {
  const output = execFileSync(
    process.execPath,
    ["--import", "tsx", "bench/import-child.ts", kind, file, String(units), ...(period ? [period] : [])],
    {
      encoding: "utf8",
      maxBuffer: 1 << 24,
    },
  );
  return JSON.parse(output.trim().split("\n").at(-1) as string) as {
    elapsed: number;
    rows: number;
    status: string;
    maxRss: number;
  };
}

export async function ingestBenchmarks(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "parwatch-bench-ingest-"));
  try {
    const reports = join(dir, "reports.csv");
    const lines = ["unitId,period,received,resolvedEarly,resolvedOnTime,resolvedLate,pendingOverdue"];
    for (let i = 0; i < 10_000; i++) {
      lines.push(
        `unit-${i % 1000},2025-M${String(1 + Math.floor(i / 1000)).padStart(2, "0")},${100 + (i % 50)},40,50,${i % 7},${i % 3}`,
      );
    }
    writeFileSync(reports, `${lines.join("\n")}\n`);
    const r = importInChild("reports", reports, 1000);
    record(
      `import 10,000 report rows (${r.status}; target ≤ 15 s)`,
      `${ms(r.elapsed)} · ${Math.round(r.rows / (r.elapsed / 1000)).toLocaleString("en")} rows/s`,
    );
    record("  peak RSS (target ≤ 400 MB)", megabytes(r.maxRss));

    const sipas = join(dir, "sipas.csv");
    const criteria = (bundledMethodology("sipas") as Methodology).areas.flatMap((e) =>
      (e.children ?? []).map((c) => `${e.id},${c.id}`),
    );
    const chunks: string[] = ["respondent,unit,element,criterion,answer\n"];
    for (let i = 0; i < 1_000_000; i++) {
      const respondent = Math.floor(i / criteria.length);
      chunks.push(
        `r${respondent},unit-${respondent % 1000},${criteria[i % criteria.length]},${i % 17 === 0 ? "" : 1 + ((i * 7 + respondent) % 5)}\n`,
      );
    }
    writeFileSync(sipas, chunks.join(""));
    const s = importInChild("sipas", sipas, 1000, "2025");
    record(
      `import 1,000,000 SIPAS answers, aggregated and stored (${s.status}; target ≤ 60 s)`,
      `${ms(s.elapsed)} · ${Math.round(1_000_000 / (s.elapsed / 1000)).toLocaleString("en")} rows/s`,
    );
    record("  peak RSS (target ≤ 400 MB)", megabytes(s.maxRss));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
