// Seeds the demo province into an empty store: units, then every report version in filing order.

import { demoProvince } from "../../shared/demo/province";
import type { ReportVersion } from "../../shared/report";
import type { Store } from "../ports";

export interface SeedSummary {
  readonly units: number;
  readonly reportVersions: number;
}

export async function seedDemoProvince(store: Store): Promise<SeedSummary> {
  const { units, reports } = demoProvince();
  await store.putUnits(units);
  const versionCounts = new Map<string, number>();
  const versions: ReportVersion[] = reports.map((report) => {
    const key = `${report.unitId}\u0000${report.period}`;
    const version = (versionCounts.get(key) ?? 0) + 1;
    versionCounts.set(key, version);
    return { ...report, version };
  });
  await store.loadReportVersions(versions);
  return { units: units.length, reportVersions: versions.length };
}
