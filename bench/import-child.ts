// Imports one file into a fresh data folder in this process and prints {elapsed, rows, status, maxRss}
// as JSON: the ingestion benchmark's measurement, with the process's own peak memory.
// Usage: tsx bench/import-child.ts KIND FILE UNITS [PERIOD]

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLocalStore } from "../functions/local/server";
import { runImport } from "../functions/services/imports";
import { operator } from "../shared/access/identity";

const [kind = "reports", file = "", unitCount = "1000", period] = process.argv.slice(2);
const dataDir = mkdtempSync(join(tmpdir(), "parwatch-bench-import-"));
const local = await openLocalStore(dataDir);
try {
  const units = Array.from({ length: Number(unitCount) }, (_, i) => ({
    id: `unit-${i}`,
    name: `Xã ${i}`,
    parentId: null,
    cohort: "commune",
  }));
  await local.deps.store.putUnits(units);
  const bytes = readFileSync(file); // a Buffer is a Uint8Array: no copy
  const started = performance.now();
  const { record } = await runImport(local.deps, {
    kind,
    fileName: "bench.csv",
    bytes,
    uploadedBy: "operator:bench",
    uploader: operator("bench"),
    ...(period ? { period } : {}),
  });
  const elapsed = performance.now() - started;
  console.log(
    JSON.stringify({
      elapsed,
      rows: record.rows,
      status: record.status,
      maxRss: process.resourceUsage().maxRSS * 1024,
    }),
  );
} finally {
  await local.close();
  rmSync(dataDir, { recursive: true, force: true });
}
