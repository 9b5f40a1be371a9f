// Foundation figures: demo generation, roll-ups and ranking in memory, start-up, API latencies on the
// embedded database.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createApp } from "../functions/app";
import { identifyBySession } from "../functions/auth/identify";
import { issueToken } from "../functions/auth/tokens";
import { startLocal } from "../functions/local/server";
import { demoProvince } from "../shared/demo/province";
import { figuresFrom } from "../shared/figures";
import { rank } from "../shared/ranking";
import type { ReportVersion } from "../shared/report";
import { ms, percentiles, record, time } from "./measure";

export async function foundationBenchmarks(): Promise<void> {
  const demo = await time(() => demoProvince());
  record("demo province generated (144 units, 11 quarters)", ms(demo.elapsed));

  const byUnit = new Map<string, ReportVersion[]>();
  for (const report of demo.result.reports) {
    byUnit.set(report.unitId, [...(byUnit.get(report.unitId) ?? []), { ...report, version: 1 }]);
  }
  const unitIds = [...byUnit.keys()];
  const count = 10_000;
  const rollUps = await time(() =>
    Array.from({ length: count }, (_, i) =>
      figuresFrom(`u${i}`, "2025", byUnit.get(unitIds[i % unitIds.length] as string) ?? []),
    ),
  );
  record(`roll-up of ${count.toLocaleString("en")} unit-years from quarters + rates`, ms(rollUps.elapsed));
  const ranked = await time(() =>
    rank(
      rollUps.result.map((f, i) => ({ unitId: f.unitId, name: `Đơn vị ${i}`, value: f.rates.onTimeRateOfResolved })),
    ),
  );
  record(`rank ${count.toLocaleString("en")} units (ties, Vietnamese name order)`, ms(ranked.elapsed));

  const dataDir = mkdtempSync(join(tmpdir(), "parwatch-bench-"));
  const webDir = resolve("web/dist");
  try {
    const first = await time(() => startLocal({ port: 0, dataDir, webDir }));
    record("first start: embedded DynamoDB + S3, table, full demo seed", ms(first.elapsed));
    await first.result.close();
    const again = await time(() => startLocal({ port: 0, dataDir, webDir }));
    record("restart on the same data folder", ms(again.elapsed));

    // Signed in as the demo inspector, as a dashboard is: every request checks its session.
    const { deps } = again.result;
    const app = createApp(deps, { identify: identifyBySession(deps) });
    const inspector = await deps.store.getUser("demo-inspector");
    const admin = await deps.store.getUser("demo-admin");
    if (!inspector || !admin || !deps.sessions) throw new Error("the demo accounts are missing");
    const { token } = await issueToken(deps.sessions, inspector);
    // Filing is the data office's (admin) or a reporter's; the inspector reads and recomputes.
    const office = (await issueToken(deps.sessions, admin)).token;
    const get = async (path: string) => {
      const response = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      await response.arrayBuffer();
    };
    record("GET /api/rankings/district/2026-9M", await percentiles(30, () => get("/api/rankings/district/2026-9M")));
    record(
      "GET /api/rankings/commune/2026-9M (120 units)",
      await percentiles(30, () => get("/api/rankings/commune/2026-9M")),
    );
    record(
      "GET /api/leaderboards/commune/2025?methodology=par-commune",
      await percentiles(30, () => get("/api/leaderboards/commune/2025?methodology=par-commune")),
    );
    record(
      "GET /api/units/:id/reports/2026-9M",
      await percentiles(50, () => get("/api/units/huyen-tan-phuoc/reports/2026-9M")),
    );
    let counter = 0;
    record(
      "POST /api/reports (validated, versioned, conditional write)",
      await percentiles(100, async () => {
        counter++;
        const response = await app.request("/api/reports", {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${office}` },
          body: JSON.stringify({ unitId: "so-noi-vu", period: "2026-M10", metrics: { received: counter } }),
        });
        if (response.status !== 201) throw new Error(`POST: ${response.status}`);
      }),
    );
    // 2025 is published in the demo (frozen): the 9 months of 2026 are recomputed instead.
    record(
      "POST /api/scores/service-index/2026-9M/recompute (120 communes)",
      await percentiles(5, async () => {
        const response = await app.request("/api/scores/service-index/2026-9M/recompute", {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ cohort: "commune" }),
        });
        if (!response.ok) throw new Error(`recompute: ${response.status}`);
      }),
    );
    await again.result.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
