// A survey methodology's result (SIPAS) in the same scorecard shape as points methodologies, so one
// leaderboard serves both: each element is an area worth its max, the index is the SIPAS index.

import type { SipasUnitResult } from "../sipas";
import { bandFor, type Scorecard } from "./engine";
import type { Methodology } from "./model";

export function surveyScorecard(methodology: Methodology, result: SipasUnitResult | undefined): Scorecard {
  const elements = new Map((result?.elements ?? []).map((element) => [element.id, element]));
  const index = result?.sipas ?? null;
  const areas = methodology.areas.map((area) => {
    const value = elements.get(area.id)?.index ?? null;
    return {
      id: area.id,
      max: area.max,
      score: value === null ? 0 : (area.max * value) / 100,
      deducted: 0,
      complete: value !== null,
      rule: "survey" as const,
      value,
    };
  });
  const missing = result
    ? result.unanswered.map((id) => ({ id, reason: "noSurvey" as const }))
    : [{ id: methodology.id, reason: "noSurvey" as const }];
  return {
    methodologyId: methodology.id,
    methodologyVersion: methodology.version,
    max: 100,
    total: index ?? 0,
    index,
    band: bandFor(methodology.bands, index),
    surveyIncluded: true,
    complete: index !== null && missing.length === 0,
    missing,
    areas,
  };
}
