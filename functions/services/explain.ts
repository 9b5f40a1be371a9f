// Why a unit's index moved: its scorecard for a period and the one before, split into areas (or, for one
// area, its criteria) by shared/rank-change.ts, with the labels of the methodology version used: the full
// name (`label`) and the short one a sentence uses (`shortLabel`: "Cải cách TTHC"; the label without one).

import { InvalidInputError, NotFoundError } from "../../shared/errors";
import type { Lang } from "../../shared/i18n";
import { type Methodology, type MethodologyNode, shortLabelIn } from "../../shared/methodology/model";
import { parsePeriod, previousPeriod } from "../../shared/period";
import { explainArea, explainIndexChange } from "../../shared/rank-change";
import type { Deps } from "../deps";
import { methodologyFor } from "./methodologies";
import { storedScorecards } from "./scoring";

function labelsOf(methodology: Methodology, lang: Lang): Map<string, { label: string; shortLabel: string }> {
  const labels = new Map<string, { label: string; shortLabel: string }>();
  const walk = (nodes: readonly MethodologyNode[]) => {
    for (const node of nodes) {
      const label = (lang === "en" ? node.label.en : undefined) ?? node.label.vi;
      labels.set(node.id, { label, shortLabel: shortLabelIn(node, lang) });
      if (node.children) walk(node.children);
    }
  };
  walk(methodology.areas);
  return labels;
}

export async function explainUnit(
  deps: Deps,
  unitId: string,
  methodologyId: string,
  periodId: string,
  lang: Lang,
  areaId?: string,
) {
  const period = parsePeriod(periodId);
  if (!period) throw new InvalidInputError([{ path: "period", key: "error.period", params: { value: periodId } }]);
  const previous = previousPeriod(period);
  const [now, before] = await Promise.all([
    storedScorecards(deps, methodologyId, period.id),
    storedScorecards(deps, methodologyId, previous.id),
  ]);
  const current = now?.get(unitId)?.scorecard;
  const earlier = before?.get(unitId)?.scorecard;
  if (!current || !earlier) {
    throw new NotFoundError("error.explain.noScores", { unitId, period: period.id, previous: previous.id });
  }
  const explained = areaId ? explainArea(current, earlier, areaId) : explainIndexChange(current, earlier);
  if (!explained)
    throw new NotFoundError("error.explain.noScores", { unitId, period: period.id, previous: previous.id });
  const methodology = await methodologyFor(deps, methodologyId, period.year, current.methodologyVersion);
  const labels = labelsOf(methodology, lang);
  return {
    unitId,
    methodology: methodologyId,
    period: period.id,
    previousPeriod: previous.id,
    ...(areaId ? { areaId } : {}),
    index: current.index,
    previousIndex: earlier.index,
    indexChange: explained.indexChange,
    contributions: explained.contributions.map((part) => ({
      areaId: part.id,
      label: labels.get(part.id)?.label ?? part.id,
      shortLabel: labels.get(part.id)?.shortLabel ?? part.id,
      delta: part.delta,
      shown: part.shown,
    })),
  };
}
