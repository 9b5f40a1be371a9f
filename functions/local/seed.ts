// Seeds the demo province into an empty store: units, every report version in filing order, appraisals,
// SIPAS survey results (aggregated from generated answers) and the scores of every bundled methodology.

import type { Commitment } from "../../shared/commitments";
import { demoCommitments } from "../../shared/demo/commitments";
import { demoProvince } from "../../shared/demo/province";
import { demoAppraisals, demoSurveyAnswers } from "../../shared/demo/scores";
import { BUNDLED_METHODOLOGIES, bundledMethodology } from "../../shared/methodology/bundled";
import type { Methodology } from "../../shared/methodology/model";
import type { ReportVersion } from "../../shared/report";
import { SipasAggregator } from "../../shared/sipas";
import type { Deps } from "../deps";
import { recompute } from "../services/scoring";

export interface SeedSummary {
  readonly units: number;
  readonly reportVersions: number;
  readonly appraisals: number;
  readonly surveyAnswers: number;
  readonly scorecards: number;
  readonly commitments: number;
}

/** Years with a full appraisal and survey; the current year is scored only by the report-based service index. */
const APPRAISED_YEARS = [2024, 2025];
const SCORED_PERIODS: Readonly<Record<string, readonly string[]>> = {
  "par-province": ["2024", "2025"],
  "par-commune": ["2024", "2025"],
  sipas: ["2024", "2025"],
  "service-index": ["2024", "2025", "2026-9M"],
};
const SEED_USER = "seed";
const COMMITMENT_YEARS = [2025, 2026];

export async function seedDemoProvince(deps: Deps): Promise<SeedSummary> {
  const { store } = deps;
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

  const at = new Date(Date.UTC(2026, 1, 15)).toISOString();
  const appraisals = demoAppraisals(units, APPRAISED_YEARS).map((appraisal) => ({
    ...appraisal,
    scores: Object.fromEntries(
      Object.entries(appraisal.scores).map(([id, score]) => [id, { ...score, by: "thanhtra.noivu", at }]),
    ),
    deductions: Object.fromEntries(
      Object.entries(appraisal.deductions).map(([id, points]) => [
        id,
        { points, reason: "Báo cáo định kỳ trễ hạn", by: "thanhtra.noivu", at },
      ]),
    ),
    revision: 1,
  }));
  await store.putAppraisals(appraisals);

  const survey = bundledMethodology("sipas") as Methodology;
  let surveyAnswers = 0;
  for (const year of APPRAISED_YEARS) {
    const aggregator = new SipasAggregator(survey);
    for (const answer of demoSurveyAnswers(units, survey, year)) {
      aggregator.add(answer);
      surveyAnswers++;
    }
    // N for the minimum sample: the applications each unit received that year.
    const received = new Map<string, number>();
    for (const report of versions) {
      if (report.period.startsWith(String(year)))
        received.set(report.unitId, (received.get(report.unitId) ?? 0) + (report.metrics.received ?? 0));
    }
    await store.putSurveyResults(
      survey.id,
      String(year),
      aggregator.results((unit) => received.get(unit)),
    );
  }

  let scorecards = 0;
  for (const methodology of BUNDLED_METHODOLOGIES) {
    for (const period of SCORED_PERIODS[methodology.id] ?? []) {
      scorecards += (await recompute(deps, methodology.id, period, {}, SEED_USER)).units;
    }
  }
  const { template, adjusted } = demoCommitments(
    units.filter((unit) => unit.cohort !== "province"),
    COMMITMENT_YEARS,
  );
  const saved = (commitment: Commitment, version: number) => ({
    ...commitment,
    version,
    savedBy: "so-noi-vu",
    savedAt: `${commitment.signedOn}T02:00:00.000Z`,
  });
  await store.loadCommitmentVersions([...template.map((c) => saved(c, 1)), ...adjusted.map((c) => saved(c, 2))]);

  return {
    units: units.length,
    reportVersions: versions.length,
    appraisals: appraisals.length,
    surveyAnswers,
    scorecards,
    commitments: template.length,
  };
}
