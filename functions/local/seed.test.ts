// The demo seed on the embedded database: every bundled methodology has a leaderboard to show.

import { beforeAll, describe, expect, it } from "vitest";
import { useTestStack } from "../../test/support/stack";
import { leaderboard } from "../services/scoring";
import { type SeedSummary, seedDemoProvince } from "./seed";

const stack = useTestStack();
let summary: SeedSummary;

beforeAll(async () => {
  summary = await seedDemoProvince(stack.deps);
});

describe("seedDemoProvince", () => {
  it("stores units, reports, appraisals, survey results and scorecards", () => {
    expect(summary.units).toBe(144);
    expect(summary.reportVersions).toBeGreaterThan(1500);
    expect(summary.appraisals).toBe(2 * 143);
    expect(summary.surveyAnswers).toBeGreaterThan(100_000);
    expect(summary.scorecards).toBeGreaterThan(900);
    expect(summary.commitments).toBe(143 * 5 * 2);
  });

  it.each([
    ["district", "2025", "par-province"],
    ["department", "2024", "par-province"],
    ["commune", "2025", "par-commune"],
    ["commune", "2025", "sipas"],
    ["district", "2026-9M", "service-index"],
  ])("ranks the %s cohort for %s with %s", async (cohort, period, methodology) => {
    const board = await leaderboard(stack.deps, cohort, period, methodology);
    const ranked = board.rows.filter((row) => row.rank !== null);
    expect(ranked.length).toBeGreaterThan(board.rows.length * 0.8);
    expect(new Set(ranked.map((row) => row.band?.id)).size).toBeGreaterThan(1);
    expect(board.resultSet?.version).toBe(board.methodology.version);
  });

  it("keeps self-scores above or equal to appraised scores, with reasons where they differ", async () => {
    const appraisal = await stack.deps.store.getAppraisal("huyen-tan-phuoc", "par-province", "2025");
    const scores = Object.values(appraisal?.scores ?? {});
    expect(scores.length).toBe(26);
    for (const score of scores)
      expect(score.selfScore as number).toBeGreaterThanOrEqual(score.appraisedScore as number);
  });

  it("warns where a unit's survey sample is below the minimum", async () => {
    const results = await stack.deps.store.surveyResultsOfPeriod("sipas", "2025");
    expect(results.length).toBe(143);
    expect(results.some((result) => result.sampleTooSmall)).toBe(true);
    expect(results.every((result) => result.minimumSample <= 400)).toBe(true);
  });
});
