// The demo province seeded on a new data folder: a fictional province with 15 departments, 8 districts
// and 120 communes/wards, and quarterly one-stop-shop reports from 2024-Q1 to 2026-Q3 with plausible
// variation — some units improving, some sliding, a few late filers, some corrections, a few not filed.

import type { Metrics } from "../metrics";
import { periodEndDate, periodOf, quartersBetween } from "../period";
import type { ReportSource } from "../report";
import type { Unit } from "../units";
import { type Random, seededRandom } from "./random";

export interface DemoReportVersion {
  readonly unitId: string;
  readonly period: string;
  readonly metrics: Metrics;
  readonly submittedBy: string;
  readonly submittedAt: string;
  readonly source: ReportSource;
}

export interface DemoProvince {
  readonly units: Unit[];
  /** Every filed version in the order it was filed per unit-period (corrections follow the original). */
  readonly reports: DemoReportVersion[];
}

export const DEMO_FIRST_QUARTER = "2024-Q1";
export const DEMO_LAST_QUARTER = "2026-Q3";
/** Reports are due this many days after the period ends (the demo reporting calendar). */
export const DEMO_DUE_DAYS = 10;

const PROVINCE: Unit = { id: "son-ha", name: "Tỉnh Sơn Hà", parentId: null, cohort: "province" };

const DEPARTMENTS = [
  "Sở Nội vụ",
  "Sở Tư pháp",
  "Sở Tài chính",
  "Sở Công Thương",
  "Sở Nông nghiệp và Môi trường",
  "Sở Xây dựng",
  "Sở Giáo dục và Đào tạo",
  "Sở Y tế",
  "Sở Khoa học và Công nghệ",
  "Sở Văn hóa, Thể thao và Du lịch",
  "Sở Dân tộc và Tôn giáo",
  "Sở Ngoại vụ",
  "Thanh tra tỉnh",
  "Ban Quản lý các khu công nghiệp",
  "Văn phòng UBND tỉnh",
];

const DISTRICTS: readonly { name: string; urban: boolean }[] = [
  { name: "Thành phố Sơn Hà", urban: true },
  { name: "Thị xã An Lạc", urban: true },
  { name: "Huyện Tân Phước", urban: false },
  { name: "Huyện Hòa Thuận", urban: false },
  { name: "Huyện Đông Sơn", urban: false },
  { name: "Huyện Vĩnh Hưng", urban: false },
  { name: "Huyện Phú Lộc", urban: false },
  { name: "Huyện Thạch Bàn", urban: false },
];

const NAME_PARTS = [
  "An",
  "Bình",
  "Hòa",
  "Tân",
  "Phú",
  "Vĩnh",
  "Đông",
  "Tây",
  "Nam",
  "Bắc",
  "Hưng",
  "Thạnh",
  "Long",
  "Mỹ",
  "Phước",
  "Thuận",
  "Hiệp",
  "Quang",
  "Minh",
  "Trung",
  "Đức",
  "Thịnh",
  "Lộc",
  "Sơn",
  "Hải",
  "Thanh",
  "Xuân",
  "Hồng",
  "Kim",
  "Ngọc",
];

const COMMUNES_PER_DISTRICT = 15;

/** Ascii slug for ids: "Huyện Tân Phước" → "huyen-tan-phuoc". */
export function slug(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function buildUnits(random: Random): Unit[] {
  const units: Unit[] = [PROVINCE];
  for (const name of DEPARTMENTS) units.push({ id: slug(name), name, parentId: PROVINCE.id, cohort: "department" });
  const usedNames = new Set<string>();
  for (const district of DISTRICTS) {
    const districtId = slug(district.name);
    units.push({ id: districtId, name: district.name, parentId: PROVINCE.id, cohort: "district" });
    for (let i = 0; i < COMMUNES_PER_DISTRICT; i++) {
      let core: string;
      do core = `${random.pick(NAME_PARTS)} ${random.pick(NAME_PARTS)}`;
      while (usedNames.has(slug(core)) || core.split(" ")[0] === core.split(" ")[1]);
      usedNames.add(slug(core)); // unique as ids too: "Thạnh" and "Thanh" share a slug
      const prefix = district.urban ? (i < 10 ? "Phường" : "Xã") : i === 0 ? "Thị trấn" : "Xã";
      const name = `${prefix} ${core}`;
      units.push({ id: `${districtId}--${slug(core)}`, name, parentId: districtId, cohort: "commune" });
    }
  }
  return units;
}

/** How a unit behaves over the demo years. */
interface Profile {
  readonly volume: number; // applications received per quarter, on average
  readonly onTime: number; // share resolved early or on time at the start
  readonly trend: number; // change of that share per quarter
  readonly online: number; // online share at the start
  readonly lateFiler: boolean;
}

function profileFor(unit: Unit, random: Random): Profile {
  const volume =
    unit.cohort === "department"
      ? random.between(600, 4500)
      : unit.cohort === "district"
        ? random.between(2500, 9000)
        : random.between(120, 950);
  const style = random.next();
  // A quarter improve steadily, a sixth slide, the rest hover.
  const trend = style < 0.25 ? random.between(0.002, 0.007) : style < 0.42 ? random.between(-0.008, -0.002) : 0;
  return {
    volume,
    onTime: random.between(0.86, 0.995),
    trend,
    online: random.between(0.12, 0.55),
    lateFiler: random.next() < 0.06,
  };
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

function addDays(isoDate: string, days: number, random: Random): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  date.setUTCHours(random.int(1, 10), random.int(0, 59), random.int(0, 59));
  return date.toISOString();
}

function quarterMetrics(profile: Profile, quarterIndex: number, carriedOver: number, random: Random): Metrics {
  const received = Math.round(profile.volume * random.between(0.85, 1.15));
  const available = received + carriedOver;
  const onTimeShare = clamp(profile.onTime + profile.trend * quarterIndex + random.between(-0.012, 0.012), 0.6, 0.997);
  // A very good quarter is sometimes a perfect one: 100 % on time is a real, common commitment.
  const perfect = onTimeShare > 0.99 && random.next() < 0.35;
  const returned = Math.round(available * random.between(0.003, 0.012));
  const pending = Math.round(available * random.between(0.02, 0.06));
  const resolved = available - returned - pending;
  const resolvedLate = perfect ? 0 : Math.round(resolved * (1 - onTimeShare));
  const inTime = resolved - resolvedLate;
  const resolvedEarly = Math.round(inTime * random.between(0.35, 0.65));
  const pendingOverdue = perfect ? 0 : Math.round(pending * (1 - onTimeShare) * random.between(0.5, 1.5));
  const onlineShare = clamp(profile.online + 0.025 * quarterIndex + random.between(-0.03, 0.03), 0, 0.95);
  const receivedOnline = Math.round(received * onlineShare);
  const receivedPostal = Math.round((received - receivedOnline) * random.between(0.01, 0.06));
  const feedbackReceived = random.int(0, Math.max(2, Math.round(received / 150)));
  const feedbackOnTime = Math.round(feedbackReceived * clamp(onTimeShare + random.between(-0.05, 0.03), 0, 1));
  const votes = Math.round(received * random.between(0.3, 0.7));
  const unsatisfiedVotes = Math.round(
    votes * clamp((1 - onTimeShare) * random.between(0.4, 1.2) + random.between(0.001, 0.015), 0, 0.3),
  );
  const planTasks = random.int(6, 24);
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
    onlineFull: Math.round(20 + quarterIndex * 4 * random.between(0.5, 1.5)),
    onlinePartial: Math.round(60 + quarterIndex * 2 * random.between(0.5, 1.5)),
    onlinePayments: Math.round(receivedOnline * random.between(0.2, 0.6)),
    digitized: Math.round(received * clamp(0.4 + 0.04 * quarterIndex + random.between(-0.1, 0.1), 0, 1)),
    feedbackReceived,
    feedbackOnTime,
    satisfiedVotes: votes - unsatisfiedVotes,
    unsatisfiedVotes,
    planTasks,
    planTasksDone: Math.round(planTasks * clamp(onTimeShare + random.between(-0.1, 0.05), 0, 1)),
  };
}

/** The whole demo province, the same on every call. */
export function demoProvince(seed = 2024): DemoProvince {
  const random = seededRandom(seed);
  const units = buildUnits(random);
  const quarters = quartersBetween(DEMO_FIRST_QUARTER, DEMO_LAST_QUARTER);
  const reports: DemoReportVersion[] = [];
  for (const unit of units) {
    if (unit.cohort === "province") continue;
    const profile = profileFor(unit, random);
    // A few communes have not filed the latest quarter yet.
    const missesLatest = unit.cohort === "commune" && random.next() < 0.05;
    let carriedOver = Math.round(profile.volume * random.between(0.02, 0.05));
    quarters.forEach((period, quarterIndex) => {
      if (missesLatest && period === DEMO_LAST_QUARTER) return;
      const metrics = quarterMetrics(profile, quarterIndex, carriedOver, random);
      carriedOver = (metrics.pendingWithinDeadline ?? 0) + (metrics.pendingOverdue ?? 0);
      const late = profile.lateFiler ? random.next() < 0.6 : random.next() < 0.02;
      const filedAfter = late ? random.int(DEMO_DUE_DAYS + 1, DEMO_DUE_DAYS + 25) : random.int(1, DEMO_DUE_DAYS - 1);
      const end = periodEndDate(periodOf(period));
      const reporter = `canbo.${unit.id.split("--").at(-1)}`;
      const filed = { unitId: unit.id, period, submittedBy: reporter, source: "form" as const };
      // About one report in twenty is corrected after filing: the first version had a typo.
      if (random.next() < 0.05) {
        const typo = { ...metrics, resolvedOnTime: Math.max(0, (metrics.resolvedOnTime ?? 0) - random.int(5, 40)) };
        reports.push({ ...filed, metrics: typo, submittedAt: addDays(end, filedAfter, random) });
        reports.push({ ...filed, metrics, submittedAt: addDays(end, filedAfter + random.int(1, 4), random) });
      } else {
        reports.push({ ...filed, metrics, submittedAt: addDays(end, filedAfter, random) });
      }
    });
  }
  return { units, reports };
}
