// Scoring figures: score + rank 5,000 units on a 100-leaf methodology, and SIPAS aggregation of
// 1,000,000 answers streamed from CSV in a fresh process (so its peak memory is its own).
// Targets (issue "Scoring engine"): score + rank ≤ 200 ms; 1M answers ≤ 3 s and ≤ 300 MB RSS.

import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seededRandom } from "../shared/demo/random";
import { buildLeaderboard } from "../shared/leaderboard";
import { bundledMethodology } from "../shared/methodology/bundled";
import { type ScoreInputs, scoreUnit } from "../shared/methodology/engine";
import type { Methodology, MethodologyNode } from "../shared/methodology/model";
import { megabytes, ms, record, time } from "./measure";

function hundredLeafMethodology(): Methodology {
  const areas: MethodologyNode[] = Array.from({ length: 10 }, (_, a) => ({
    id: `A${a}`,
    label: { vi: `Lĩnh vực ${a}` },
    max: 10,
    deductions: [{ id: `A${a}.d`, label: { vi: "Điểm trừ" }, max: 1 }],
    children: Array.from({ length: 10 }, (_, l) => ({
      id: `A${a}.${l}`,
      label: { vi: `Tiêu chí ${l}` },
      max: 1,
      rule:
        l % 3 === 0
          ? { kind: "manual" as const }
          : l % 3 === 1
            ? {
                kind: "formula" as const,
                measure: "onTimeRateOfResolved",
                scoring: {
                  kind: "thresholds" as const,
                  steps: [
                    { min: 98, points: 1 },
                    { min: 90, points: 0.5 },
                  ],
                },
              }
            : {
                kind: "formula" as const,
                measure: "onlineRate",
                scoring: { kind: "proportional" as const, from: 0, to: 80 },
              },
    })),
  }));
  return { ...(bundledMethodology("par-province") as Methodology), id: "bench", areas, surveyOptional: false };
}

export async function scoringBenchmarks(): Promise<void> {
  const methodology = hundredLeafMethodology();
  const random = seededRandom(5000);
  const units = Array.from({ length: 5000 }, (_, i) => {
    const manual: Record<string, { appraisedScore: number }> = {};
    for (const area of methodology.areas)
      for (const leaf of area.children ?? [])
        if (leaf.rule?.kind === "manual") manual[leaf.id] = { appraisedScore: random.between(0, 1) };
    const inputs: ScoreInputs = {
      manual,
      measures: { onTimeRateOfResolved: random.between(85, 100), onlineRate: random.between(10, 90) },
      deductions: { "A0.d": 0.5 },
    };
    return { unitId: `u${i}`, name: `Xã ${i}`, inputs };
  });
  const runs: number[] = [];
  for (let run = 0; run < 5; run++) {
    const { elapsed } = await time(() =>
      buildLeaderboard(
        units.map((unit) => ({ unitId: unit.unitId, name: unit.name, scorecard: scoreUnit(methodology, unit.inputs) })),
        [],
      ),
    );
    runs.push(elapsed);
  }
  runs.sort((a, b) => a - b);
  record("score + rank 5,000 units × 100 leaves (median of 5; target ≤ 200 ms)", ms(runs[2] as number));

  const dir = mkdtempSync(join(tmpdir(), "parwatch-bench-sipas-"));
  try {
    const file = join(dir, "answers.csv");
    const criteria = (bundledMethodology("sipas") as Methodology).areas.flatMap((e) =>
      (e.children ?? []).map((c) => [e.id, c.id] as const),
    );
    const out = createWriteStream(file);
    out.write("respondent,unit,element,criterion,answer\n");
    let chunk = "";
    for (let i = 0; i < 1_000_000; i++) {
      const respondent = Math.floor(i / criteria.length);
      const [element, criterion] = criteria[i % criteria.length] as readonly [string, string];
      chunk += `r${respondent},unit-${respondent % 3300},${element},${criterion},${i % 17 === 0 ? "" : 1 + ((i * 7 + respondent) % 5)}\n`;
      if (chunk.length > 1 << 20) {
        if (!out.write(chunk)) await once(out, "drain");
        chunk = "";
      }
    }
    out.end(chunk);
    await once(out, "finish");
    const output = execFileSync("npx", ["tsx", "bench/sipas-child.ts", file], { encoding: "utf8" });
    const { elapsed, maxRss, units: count } = JSON.parse(output.trim().split("\n").at(-1) as string);
    record(`SIPAS 1,000,000 answers from CSV → ${count.toLocaleString("en")} units (target ≤ 3 s)`, ms(elapsed));
    record("SIPAS aggregation peak RSS (fresh process; target ≤ 300 MB)", megabytes(maxRss));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
