// Scores one unit against a methodology: per leaf, per area, total, index as % of the maximum, band, and
// completeness. A missing input is reported as missing, never counted as 0 points silently.

import type { Band, Comparator, Methodology, MethodologyNode, Rule, Scoring } from "./model";

export interface ManualScore {
  /** Điểm tự đánh giá: what the unit gave itself. Kept beside the appraised score. */
  readonly selfScore?: number;
  /** Điểm thẩm định: the inspector's score; this is the one that counts. */
  readonly appraisedScore?: number;
  readonly reason?: string;
  /** References to evidence documents (file names, document numbers). */
  readonly evidence?: readonly string[];
}

export interface ScoreInputs {
  /** Report measures: derived rates in % and metric counts, by id. */
  readonly measures?: Readonly<Record<string, number | null | undefined>>;
  /** Survey indices 0–100: "sipas" overall, "sipas:<elementId>" per element. */
  readonly survey?: Readonly<Record<string, number | null | undefined>>;
  /** Manual scores by leaf id. */
  readonly manual?: Readonly<Record<string, ManualScore | undefined>>;
  /** Values given straight for a leaf (a rate in % for formula leaves, an index for survey leaves, points for manual ones). */
  readonly leafValues?: Readonly<Record<string, number | undefined>>;
  /** Points an inspector takes off, by deduction id; a deduction not recorded takes nothing. */
  readonly deductions?: Readonly<Record<string, number | undefined>>;
}

export type MissingReason = "noData" | "notAppraised" | "noSurvey";

export interface NodeScore {
  readonly id: string;
  readonly max: number;
  /** Points earned from the inputs present, after deductions. */
  readonly score: number;
  readonly deducted: number;
  readonly complete: boolean;
  readonly rule?: Rule["kind"];
  /** The input the leaf was scored on: a measure value, a survey index or the appraised points. */
  readonly value?: number | null;
  readonly selfScore?: number;
  /** true for survey leaves left out because the framework's survey is optional and absent. */
  readonly excluded?: boolean;
  readonly children?: readonly NodeScore[];
}

export interface Scorecard {
  readonly methodologyId: string;
  readonly methodologyVersion: string;
  /** The maximum the index is a share of: the full maximum, or without the survey when it is left out. */
  readonly max: number;
  readonly total: number;
  readonly index: number | null;
  readonly band: Band | null;
  readonly surveyIncluded: boolean;
  readonly complete: boolean;
  readonly missing: readonly { readonly id: string; readonly reason: MissingReason }[];
  readonly areas: readonly NodeScore[];
}

const EPSILON = 1e-9;

export function compare(value: number, comparator: Comparator, target: number): boolean {
  switch (comparator) {
    case ">=":
      return value >= target - EPSILON;
    case ">":
      return value > target + EPSILON;
    case "<=":
      return value <= target + EPSILON;
    case "<":
      return value < target - EPSILON;
    case "=":
      return Math.abs(value - target) <= EPSILON;
  }
}

/** Points a measured value earns on a leaf of the given maximum. */
export function applyScoring(scoring: Scoring, value: number, max: number): number {
  switch (scoring.kind) {
    case "thresholds": {
      for (const step of scoring.steps) {
        if ("min" in step ? value >= step.min - EPSILON : value <= step.max + EPSILON)
          return Math.min(max, step.points);
      }
      return 0;
    }
    case "proportional": {
      const fraction = (value - scoring.from) / (scoring.to - scoring.from);
      return max * Math.min(1, Math.max(0, fraction));
    }
    case "passFail":
      return compare(value, scoring.comparator, scoring.target) ? max : 0;
  }
}

/** The band an index falls in; bands are ordered from the highest minimum down. */
export function bandFor(bands: readonly Band[], index: number | null): Band | null {
  if (index === null) return null;
  return bands.find((band) => index >= band.min - EPSILON) ?? null;
}

const isNumber = (value: number | null | undefined): value is number =>
  typeof value === "number" && Number.isFinite(value);

interface Shape {
  readonly surveyLeaves: readonly MethodologyNode[];
  readonly surveyMax: number;
  readonly fullMax: number;
}

// What a methodology's tree implies, worked out once per methodology rather than once per unit.
const shapes = new WeakMap<Methodology, Shape>();

function shapeOf(methodology: Methodology): Shape {
  let shape = shapes.get(methodology);
  if (!shape) {
    const collect = (nodes: readonly MethodologyNode[]): MethodologyNode[] =>
      nodes.flatMap((node) => (node.children ? collect(node.children) : node.rule?.kind === "survey" ? [node] : []));
    const surveyLeaves = collect(methodology.areas);
    shape = {
      surveyLeaves,
      surveyMax: surveyLeaves.reduce((sum, leaf) => sum + leaf.max, 0),
      fullMax: methodology.areas.reduce((sum, area) => sum + area.max, 0),
    };
    shapes.set(methodology, shape);
  }
  return shape;
}

interface Context {
  readonly inputs: ScoreInputs;
  readonly surveyIncluded: boolean;
  readonly missing: { id: string; reason: MissingReason }[];
}

const surveyValue = (inputs: ScoreInputs, leaf: MethodologyNode) =>
  leaf.rule?.kind === "survey" ? (inputs.leafValues?.[leaf.id] ?? inputs.survey?.[leaf.rule.index]) : undefined;

// Every leaf result is built by this one literal (fields left undefined, never spread in): it runs for
// every leaf of every unit, and uniform objects keep scoring fast and light on the garbage collector.
function leafScore(
  node: MethodologyNode,
  rule: Rule,
  score: number,
  value: number | null,
  complete: boolean,
  selfScore?: number,
  excluded?: boolean,
): NodeScore {
  return { id: node.id, max: node.max, score, deducted: 0, complete, rule: rule.kind, value, selfScore, excluded };
}

function scoreLeaf(context: Context, node: MethodologyNode, rule: Rule): NodeScore {
  const { inputs, missing } = context;
  if (rule.kind === "manual") {
    const manual = inputs.manual?.[node.id];
    const value = inputs.leafValues?.[node.id] ?? manual?.appraisedScore;
    if (isNumber(value))
      return leafScore(node, rule, Math.min(node.max, Math.max(0, value)), value, true, manual?.selfScore);
    missing.push({ id: node.id, reason: "notAppraised" });
    return leafScore(node, rule, 0, null, false, manual?.selfScore);
  }
  if (rule.kind === "survey") {
    if (!context.surveyIncluded) return leafScore(node, rule, 0, null, true, undefined, true);
    const value = surveyValue(inputs, node);
    if (isNumber(value))
      return leafScore(node, rule, (node.max * Math.min(100, Math.max(0, value))) / 100, value, true);
    missing.push({ id: node.id, reason: "noSurvey" });
    return leafScore(node, rule, 0, null, false);
  }
  const value = inputs.leafValues?.[node.id] ?? inputs.measures?.[rule.measure];
  if (isNumber(value)) return leafScore(node, rule, applyScoring(rule.scoring, value, node.max), value, true);
  missing.push({ id: node.id, reason: "noData" });
  return leafScore(node, rule, 0, null, false);
}

const MANUAL: Rule = { kind: "manual" };

function scoreNode(context: Context, node: MethodologyNode): NodeScore {
  if (!node.children) return scoreLeaf(context, node, node.rule ?? MANUAL);
  const { inputs, missing } = context;
  const children: NodeScore[] = [];
  let earned = 0;
  let complete = true;
  for (const child of node.children) {
    const scored = scoreNode(context, child);
    children.push(scored);
    earned += scored.score;
    complete &&= scored.complete;
  }
  let deducted = 0;
  for (const deduction of node.deductions ?? []) {
    if (deduction.measure) {
      const value = inputs.measures?.[deduction.measure];
      if (!isNumber(value)) {
        missing.push({ id: deduction.id, reason: "noData" });
        complete = false;
        continue;
      }
      deducted += Math.min(deduction.max, (deduction.perUnit ?? 0) * value);
    } else {
      deducted += Math.min(deduction.max, Math.max(0, inputs.deductions?.[deduction.id] ?? 0));
    }
  }
  const score = Math.max(0, earned - deducted);
  return { id: node.id, max: node.max, score, deducted: earned - score, complete, children };
}

export function scoreUnit(methodology: Methodology, inputs: ScoreInputs): Scorecard {
  const shape = shapeOf(methodology);
  // An optional survey counts only when every survey leaf has its index; otherwise it is left out whole.
  let surveyIncluded = true;
  if (methodology.surveyOptional) {
    for (const leaf of shape.surveyLeaves) if (!isNumber(surveyValue(inputs, leaf))) surveyIncluded = false;
  }
  const context: Context = { inputs, surveyIncluded, missing: [] };
  const areas: NodeScore[] = [];
  let total = 0;
  for (const area of methodology.areas) {
    const scored = scoreNode(context, area);
    areas.push(scored);
    total += scored.score;
  }
  const max = shape.fullMax - (surveyIncluded ? 0 : shape.surveyMax);
  const index = max > 0 ? (total / max) * 100 : null;
  return {
    methodologyId: methodology.id,
    methodologyVersion: methodology.version,
    max,
    total,
    index,
    band: bandFor(methodology.bands, index),
    surveyIncluded,
    complete: context.missing.length === 0,
    missing: context.missing,
    areas,
  };
}
