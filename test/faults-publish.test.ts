// A publish killed (SIGKILL, as a power cut) at each of its steps — while the snapshot's files are
// written, once they all are, once the move to `published` is saved, while /public/index.json is
// rewritten — then the real local server started on the folder: the public index never names a
// snapshot whose files are missing, the period is published whole or not at all, and the next attempt
// (publishing again, or the next start finishing what was saved) succeeds.

import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../functions/deps";
import { openLocalStore, startLocal } from "../functions/local/server";
import { recompute } from "../functions/services/scoring";
import { moveWorkflow } from "../functions/services/workflow";
import { operator } from "../shared/access/identity";
import { demoProvince } from "../shared/demo/province";
import { PUBLIC_INDEX, type SnapshotEntry } from "../shared/publication";

const dir = mkdtempSync(join(tmpdir(), "parwatch-faults-publish-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = promisify(execFile);
const node = async (args: string[], env: Record<string, string> = {}) => {
  try {
    await run(process.execPath, ["--import", "tsx", ...args], { env: { ...process.env, ...env } });
    return { signal: null as string | null };
  } catch (error) {
    return { signal: (error as { signal: string | null }).signal };
  }
};

const COHORT = "commune";
const PERIOD = "2025";
const ACTOR = { identity: operator("thanh-tra"), source: "cli" as const };
// Twelve of the demo province's communes with their 2025 quarters (every figure the service index scores).
const demo = demoProvince();
const communes = demo.units
  .filter((unit) => unit.cohort === "commune")
  .slice(0, 12)
  .map((unit) => unit.id);

/**
 * The publish, in its own process, killed at `stage`: the kill is placed by wrapping the process's own
 * blob store and table (the real s3rver and dynalite underneath; nothing of them is imitated).
 */
const PUBLISH_SCRIPT = `
const { openLocalStore } = await import(${JSON.stringify(resolve("functions/local/server.ts"))});
const { moveWorkflow } = await import(${JSON.stringify(resolve("functions/services/workflow.ts"))});
const { operator } = await import(${JSON.stringify(resolve("shared/access/identity.ts"))});
const stage = process.env.STAGE;
const local = await openLocalStore(process.env.DATA_DIR);
const kill = () => process.kill(process.pid, "SIGKILL");
const blobs = local.deps.publicBlobs;
const put = blobs.put.bind(blobs);
let puts = 0;
blobs.put = async (key, ...rest) => {
  puts++;
  if (stage === "snapshot" && puts === 10) kill();
  if (stage === "index" && key === "public/index.json") {
    const writing = put(key, ...rest);
    setTimeout(kill, 1);
    return writing;
  }
  return put(key, ...rest);
};
const store = local.deps.store;
const putWorkflow = store.putWorkflow.bind(store);
store.putWorkflow = async (workflow) => {
  if (stage === "before-save" && workflow.status === "published") kill();
  const saved = await putWorkflow(workflow);
  if (stage === "after-save" && workflow.status === "published") kill();
  return saved;
};
await moveWorkflow(local.deps, { identity: operator("thanh-tra"), source: "cli" }, ${JSON.stringify(COHORT)}, ${JSON.stringify(PERIOD)}, { to: "published" });
console.log("published without being killed");
`;

/** What the public can see: the index, and every file each entry names (present, non-empty, JSON parses). */
async function publicState(deps: Deps) {
  const bytes = await deps.publicBlobs.get(PUBLIC_INDEX);
  const index = bytes
    ? (JSON.parse(new TextDecoder().decode(bytes)) as { published: SnapshotEntry[] })
    : { published: [] };
  const missing: string[] = [];
  let files = 0;
  for (const entry of index.published) {
    const { manifest, leaderboards, rates, units, methodologies, badges } = entry.files;
    const paths = [
      manifest,
      ...[...Object.values(leaderboards), ...Object.values(rates)].flatMap((table) => [
        table.json,
        table.csv,
        table.xlsx,
      ]),
      ...Object.values(units),
      ...Object.values(methodologies),
      ...Object.values(badges).flatMap((badge) => [badge.svg, badge.card]),
    ];
    for (const path of paths) {
      files++;
      const body = await deps.publicBlobs.get(path);
      if (!body || body.length === 0) missing.push(path);
      else if (path.endsWith(".json")) JSON.parse(new TextDecoder().decode(body));
    }
  }
  const entry = index.published.find((e) => e.cohort === COHORT && e.period === PERIOD);
  return { index, entry, files, missing, badges: entry ? Object.keys(entry.files.badges).length : 0 };
}

describe("kill -9 during a publish", () => {
  const base = join(dir, "base");
  beforeAll(async () => {
    writeFileSync(
      join(dir, "units.csv"),
      `id,name,parentId,cohort\ntinh,Tỉnh Thử,,province\n${communes.map((id) => `${id},Xã ${id},tinh,commune`).join("\n")}\n`,
    );
    const latest = new Map<string, Record<string, number>>();
    for (const report of demo.reports) {
      if (communes.includes(report.unitId) && report.period.startsWith("2025-Q"))
        latest.set(`${report.unitId},${report.period}`, report.metrics as Record<string, number>);
    }
    const columns = [...new Set([...latest.values()].flatMap((metrics) => Object.keys(metrics)))];
    const rows = [...latest].map(([key, metrics]) => [key, ...columns.map((id) => metrics[id] ?? "")].join(","));
    writeFileSync(join(dir, "reports.csv"), `unitId,period,${columns.join(",")}\n${rows.join("\n")}\n`);
    for (const [kind, file] of [
      ["units", "units.csv"],
      ["reports", "reports.csv"],
    ] as const) {
      const imported = await node(
        ["functions/cli/main.ts", "import", "--kind", kind, join(dir, file), "--lang", "en"],
        {
          DATA_DIR: base,
        },
      );
      expect(imported.signal).toBeNull();
    }
    const local = await openLocalStore(base);
    try {
      // Scored from the report rates alone (no appraisal needed): the cohort gets a ranked board, so badges.
      await recompute(local.deps, "service-index", PERIOD, { cohort: COHORT }, "thanh-tra");
      for (const to of ["closed", "appraised"] as const) await moveWorkflow(local.deps, ACTOR, COHORT, PERIOD, { to });
    } finally {
      await local.close();
    }
  }, 120_000);

  it.each([
    ["snapshot", "while the snapshot's files are written (the 10th)", "appraised"],
    ["before-save", "with the snapshot written, before the move is saved", "appraised"],
    ["after-save", "with the move saved, before the index is rewritten", "published"],
    ["index", "while the index is rewritten", "published"],
  ] as const)(
    "killed %s (%s): whole or absent, and the next attempt succeeds",
    async (stage, _when, status) => {
      const dataDir = join(dir, stage);
      cpSync(base, dataDir, { recursive: true });
      const scriptFile = join(dir, `publish-${stage}.mjs`);
      writeFileSync(scriptFile, PUBLISH_SCRIPT);
      expect((await node([scriptFile], { DATA_DIR: dataDir, STAGE: stage })).signal).toBe("SIGKILL");

      const server = await startLocal({ port: 0, dataDir, webDir: resolve("web/dist"), demo: false });
      try {
        const repaired = await server.publicIndex;
        expect((await server.deps.store.getWorkflow(COHORT, PERIOD))?.status).toBe(status);
        const after = await publicState(server.deps);
        // Never an index naming a file that is not there.
        expect(after.missing).toEqual([]);
        if (status === "appraised") {
          // Absent: nothing public names the period; publishing again succeeds, whole.
          expect(after.entry).toBeUndefined();
          expect(repaired).toBe(false);
          await moveWorkflow(server.deps, ACTOR, COHORT, PERIOD, { to: "published" });
        } else {
          // Saved as published: the next start finished it (the index and the badges).
          expect(repaired).toBe(true);
        }
        const final = await publicState(server.deps);
        expect(final.missing).toEqual([]);
        expect(final.entry?.period).toBe(PERIOD);
        expect(final.entry?.snapshotId).toBe(
          (await server.deps.store.getWorkflow(COHORT, PERIOD))?.snapshot?.snapshotId,
        );
        expect(final.files).toBeGreaterThan(10);
        expect(final.badges).toBe(communes.length);
        // As the public site serves it.
        const served = await fetch(`${server.url}/${PUBLIC_INDEX}`);
        expect(served.status).toBe(200);
        expect(((await served.json()) as { published: SnapshotEntry[] }).published.map((e) => e.period)).toEqual([
          PERIOD,
        ]);
        const badge = Object.values(final.entry?.files.badges ?? {})[0];
        expect((await fetch(`${server.url}/${badge?.svg}`)).status).toBe(200);
      } finally {
        await server.close();
      }
    },
    120_000,
  );
});
