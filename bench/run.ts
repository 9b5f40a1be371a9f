// `npm run bench`: prints speed and memory figures of the foundation on this machine. No pass/fail:
// targets are read by people, never asserted in tests.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createApp } from "../functions/app";
import { startLocal } from "../functions/local/server";
import { demoProvince } from "../shared/demo/province";
import { figuresFrom } from "../shared/figures";
import { rank } from "../shared/ranking";
import type { ReportVersion } from "../shared/report";

const results: { name: string; value: string }[] = [];
const record = (name: string, value: string) => {
  results.push({ name, value });
  console.log(`${name.padEnd(58)} ${value}`);
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function time<T>(work: () => Promise<T> | T): Promise<{ result: T; elapsed: number }> {
  const started = performance.now();
  const result = await work();
  return { result, elapsed: performance.now() - started };
}

async function percentiles(runs: number, work: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push((await time(work)).elapsed);
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] as number;
  return `p50 ${ms(at(0.5))} · p95 ${ms(at(0.95))} (n=${runs})`;
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

console.log(`ParWatch foundation benchmarks — Node ${process.version}, ${new Date().toISOString()}\n`);

// Pure domain: build the demo province, then roll up and rank 10,000 synthetic unit-years.
const demo = await time(() => demoProvince());
record("demo province generated (144 units, 3 years)", ms(demo.elapsed));

const reports = demo.result.reports as ReportVersion[];
const byUnit = new Map<string, ReportVersion[]>();
for (const report of reports)
  byUnit.set(report.unitId, [...(byUnit.get(report.unitId) ?? []), { ...report, version: 1 }]);
const unitIds = [...byUnit.keys()];
const SYNTHETIC_UNITS = 10_000;
const rollUps = await time(() =>
  Array.from({ length: SYNTHETIC_UNITS }, (_, i) => {
    const source = unitIds[i % unitIds.length] as string;
    return figuresFrom(`u${i}`, "2025", byUnit.get(source) ?? []);
  }),
);
record(`roll-up of ${SYNTHETIC_UNITS.toLocaleString("en")} unit-years from quarters + rates`, ms(rollUps.elapsed));
const ranked = await time(() =>
  rank(
    rollUps.result.map((figures, i) => ({
      unitId: figures.unitId,
      name: `Đơn vị ${i}`,
      value: figures.rates.onTimeRateOfResolved,
    })),
  ),
);
record(`rank ${SYNTHETIC_UNITS.toLocaleString("en")} units (ties, Vietnamese name order)`, ms(ranked.elapsed));

// The product: first start on a new data folder (creates the table, seeds), then a restart.
const dataDir = mkdtempSync(join(tmpdir(), "parwatch-bench-"));
const webDir = resolve("web/dist");
const first = await time(() => startLocal({ port: 0, dataDir, webDir }));
record("first start: embedded DynamoDB + S3, table, demo seed", ms(first.elapsed));
await first.result.close();
const again = await time(() => startLocal({ port: 0, dataDir, webDir }));
record("restart on the same data folder", ms(again.elapsed));

const app = createApp(again.result.deps);
const request = async (path: string) => {
  const response = await app.request(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  await response.arrayBuffer();
};
record("GET /api/rankings/district/2026-9M", await percentiles(30, () => request("/api/rankings/district/2026-9M")));
record(
  "GET /api/rankings/commune/2026-9M (120 units)",
  await percentiles(30, () => request("/api/rankings/commune/2026-9M")),
);
record(
  "GET /api/rankings/commune/2025 (year roll-up)",
  await percentiles(30, () => request("/api/rankings/commune/2025")),
);
record(
  "GET /api/units/:id/reports/2026-9M",
  await percentiles(50, () => request("/api/units/huyen-tan-phuoc/reports/2026-9M")),
);
record("GET /api/units (tree of 144)", await percentiles(50, () => request("/api/units")));

let counter = 0;
record(
  "POST /api/reports (validated, versioned, conditional write)",
  await percentiles(100, async () => {
    counter++;
    const response = await app.request("/api/reports", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ unitId: "so-noi-vu", period: "2026-M10", metrics: { received: counter } }),
    });
    if (response.status !== 201) throw new Error(`POST: ${response.status}`);
  }),
);
await again.result.close();
rmSync(dataDir, { recursive: true, force: true });

clearInterval(sampler);
record("peak RSS of this benchmark process", `${(peakRss / 1024 / 1024).toFixed(0)} MB`);
