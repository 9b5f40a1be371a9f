// Demo inputs for the scoring engine: inspectors' appraisals (self-scores a little above the appraised
// ones, reasons where they differ, a few deductions) and SIPAS survey answers, both deterministic.

import { bundledMethodology } from "../methodology/bundled";
import { leaves, type Methodology, type MethodologyNode } from "../methodology/model";
import type { SipasAnswer } from "../sipas";
import type { Unit } from "../units";
import { seededRandom } from "./random";

export interface DemoAppraisal {
  readonly unitId: string;
  readonly methodologyId: string;
  readonly period: string;
  readonly scores: Record<string, { selfScore: number; appraisedScore: number; reason?: string; evidence?: string[] }>;
  readonly deductions: Record<string, number>;
}

const REASONS = [
  "Thiếu tài liệu kiểm chứng",
  "Tài liệu kiểm chứng không đúng thời gian đánh giá",
  "Chưa hoàn thành đúng thời hạn",
  "Kết quả thực hiện chưa đạt yêu cầu",
];

/** The PAR methodology a cohort is appraised with (par-province for departments and districts, par-commune for communes). */
export function parMethodologyFor(cohort: string): Methodology | undefined {
  return ["par-province", "par-commune"].map(bundledMethodology).find((m) => m?.cohorts.includes(cohort));
}

const quarter = (value: number) => Math.round(value * 4) / 4;

export function demoAppraisals(units: readonly Unit[], years: readonly number[], seed = 766): DemoAppraisal[] {
  const random = seededRandom(seed);
  const appraisals: DemoAppraisal[] = [];
  for (const unit of units) {
    const methodology = parMethodologyFor(unit.cohort);
    if (!methodology) continue;
    const quality = random.between(0.66, 0.99);
    const trend = random.between(-0.05, 0.06);
    const manualLeaves = leaves(methodology.areas).filter((leaf) => leaf.rule?.kind === "manual");
    const deductionIds = methodology.areas.flatMap((area) => (area.deductions ?? []).filter((d) => !d.measure));
    years.forEach((year, i) => {
      const level = Math.min(1, Math.max(0.3, quality + trend * i));
      const scores: DemoAppraisal["scores"] = {};
      for (const leaf of manualLeaves) {
        const appraisedScore = Math.min(leaf.max, quarter(leaf.max * Math.min(1, level + random.between(-0.15, 0.12))));
        const selfScore = Math.min(leaf.max, quarter(appraisedScore + leaf.max * random.between(0, 0.2)));
        const differs = selfScore - appraisedScore >= leaf.max * 0.1;
        scores[leaf.id] = {
          selfScore,
          appraisedScore,
          ...(differs ? { reason: random.pick(REASONS) } : {}),
          evidence: [`${random.int(10, 480)}/BC-${unit.id.split("--").at(-1)?.toUpperCase().slice(0, 8)}`],
        };
      }
      const deductions: Record<string, number> = {};
      for (const deduction of deductionIds) {
        if (random.next() < 0.15) deductions[deduction.id] = quarter(random.between(0.25, deduction.max));
      }
      appraisals.push({ unitId: unit.id, methodologyId: methodology.id, period: String(year), scores, deductions });
    });
  }
  return appraisals;
}

/** SIPAS answers for each unit and year: 30 to 160 respondents per unit, so some samples are too small. */
export function* demoSurveyAnswers(
  units: readonly Unit[],
  survey: Methodology,
  year: number,
  seed = 1001,
): Generator<SipasAnswer> {
  const random = seededRandom(seed + year);
  const elements = survey.areas;
  for (const unit of units) {
    if (unit.cohort === "province") continue;
    const respondents = random.int(30, 160);
    const base = random.between(0.62, 0.96);
    const offsets = new Map(elements.map((element) => [element.id, random.between(-0.1, 0.06)]));
    for (let r = 0; r < respondents; r++) {
      const respondent = `${year}-${unit.id}-${r}`;
      const needs = [random.pick(elements).id, ...(random.next() < 0.4 ? [random.pick(elements).id] : [])];
      let first = true;
      for (const element of elements) {
        for (const criterion of element.children ?? ([] as MethodologyNode[])) {
          const p = Math.min(0.99, base + (offsets.get(element.id) ?? 0));
          const answer = random.next() < 0.03 ? null : random.next() < p ? random.int(4, 5) : random.int(1, 3);
          yield {
            respondent,
            unit: unit.id,
            element: element.id,
            criterion: criterion.id,
            answer,
            ...(first ? { needs: [...new Set(needs)] } : {}),
          };
          first = false;
        }
      }
    }
  }
}
