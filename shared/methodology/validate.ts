// Checks a methodology document: its shape (zod), then the rules an admin can get wrong — duplicate ids,
// points that do not add up, unknown measures, bad thresholds, bands that leave gaps.

import * as z from "zod/mini";
import { isMetricId } from "../metrics";
import { isRateId } from "../rates";
import type { Validated, ValidationIssue } from "../validation";
import { type Methodology, type MethodologyNode, type Scoring, SHORT_LABEL_MAX } from "./model";

const TOLERANCE = 1e-6;

const label = z.object({ vi: z.string().check(z.minLength(1)), en: z.optional(z.string()) });
// No comma: a sentence lists several areas by their short names, separated by commas.
const shortText = z.string().check(z.minLength(1), z.maxLength(SHORT_LABEL_MAX), z.regex(/^[^,]*$/));
const shortLabel = z.object({ vi: shortText, en: z.optional(shortText) });
const id = z.string().check(z.minLength(1), z.maxLength(64));
const points = z.number().check(z.nonnegative());
const comparator = z.enum([">=", ">", "<=", "<", "="]);
const step = z.union([z.strictObject({ min: z.number(), points }), z.strictObject({ max: z.number(), points })]);
const scoring = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("thresholds"), steps: z.array(step).check(z.minLength(1)) }),
  z.strictObject({ kind: z.literal("proportional"), from: z.number(), to: z.number() }),
  z.strictObject({ kind: z.literal("passFail"), comparator, target: z.number() }),
]);
const rule = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("manual") }),
  z.strictObject({ kind: z.literal("formula"), measure: z.string(), scoring }),
  z.strictObject({ kind: z.literal("survey"), index: z.string() }),
]);
const deduction = z.strictObject({
  id,
  label,
  max: points,
  measure: z.optional(z.string()),
  perUnit: z.optional(points),
});
const node = z.strictObject({
  id,
  label,
  shortLabel: z.optional(shortLabel),
  max: points,
  rule: z.optional(rule),
  deductions: z.optional(z.array(deduction)),
  get children() {
    return z.optional(z.array(node));
  },
});
const schema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,63}$/)),
  version: z.string().check(z.minLength(1)),
  name: label,
  description: z.string(),
  validFrom: z.int().check(z.gte(2000), z.lte(2100)),
  cohorts: z.array(z.string()).check(z.minLength(1)),
  kind: z.enum(["points", "survey"]),
  surveyOptional: z.optional(z.boolean()),
  bands: z.array(z.strictObject({ id, label, min: z.number() })).check(z.minLength(1)),
  areas: z.array(node).check(z.minLength(1)),
  survey: z.optional(
    z.strictObject({
      scale: z.int().check(z.gte(2), z.lte(10)),
      satisfiedFrom: z.int().check(z.gte(1)),
      elementIndex: z.enum(["meanOfCriteria", "pooledAnswers"]),
      overallIndex: z.enum(["meanOfElements", "pooledAnswers"]),
      marginOfError: z.number().check(z.gt(0), z.lt(1)),
    }),
  ),
});

export function isMeasureId(measure: string): boolean {
  return isRateId(measure) || isMetricId(measure);
}

/** Validates a methodology document; issues name the JSON path of each problem. */
export function validateMethodology(input: unknown): Validated<Methodology> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({
        path: formatPath(issue.path),
        key:
          issue.code === "invalid_type" && issueValue(input, issue.path) === undefined
            ? "error.required"
            : "error.methodology.shape",
        params: { path: formatPath(issue.path) || "(document)" },
      })),
    };
  }
  const methodology = parsed.data as Methodology;
  const issues = [...checkBands(methodology), ...checkTree(methodology)];
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: methodology };
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, segment) =>
      typeof segment === "number" ? `${text}[${segment}]` : text ? `${text}.${String(segment)}` : String(segment),
    "",
  );
}

function issueValue(input: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((node, segment) => (node as Record<PropertyKey, unknown> | undefined)?.[segment], input);
}

function checkBands(methodology: Methodology): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const mins = methodology.bands.map((band) => band.min);
  const descending = mins.every((min, i) => i === 0 || min < (mins[i - 1] as number));
  if (!descending || (mins.at(-1) as number) > 0) issues.push({ path: "bands", key: "error.methodology.bands" });
  const seen = new Set<string>();
  methodology.bands.forEach((band, i) => {
    if (seen.has(band.id))
      issues.push({ path: `bands[${i}].id`, key: "error.methodology.duplicateId", params: { id: band.id } });
    seen.add(band.id);
  });
  return issues;
}

function checkTree(methodology: Methodology): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  const surveyKind = methodology.kind === "survey";
  if (surveyKind) {
    const twoLevels = methodology.areas.every((area) => area.children?.every((child) => !child.children) && !area.rule);
    if (!methodology.survey || !twoLevels) issues.push({ path: "survey", key: "error.methodology.surveyShape" });
    else if (methodology.survey.satisfiedFrom > methodology.survey.scale) {
      issues.push({ path: "survey.satisfiedFrom", key: "error.methodology.surveyShape" });
    }
  }

  const visit = (node: MethodologyNode, path: string) => {
    if (seen.has(node.id))
      issues.push({ path: `${path}.id`, key: "error.methodology.duplicateId", params: { id: node.id } });
    seen.add(node.id);
    for (const [i, deduction] of (node.deductions ?? []).entries()) {
      const at = `${path}.deductions[${i}]`;
      if (seen.has(deduction.id)) {
        issues.push({ path: `${at}.id`, key: "error.methodology.duplicateId", params: { id: deduction.id } });
      }
      seen.add(deduction.id);
      const measured = deduction.measure !== undefined;
      if (deduction.max > node.max + TOLERANCE || measured !== (deduction.perUnit !== undefined)) {
        issues.push({ path: at, key: "error.methodology.deduction", params: { id: deduction.id, max: node.max } });
      }
      if (measured && !isMeasureId(deduction.measure as string)) {
        issues.push({
          path: `${at}.measure`,
          key: "error.methodology.unknownMeasure",
          params: { measure: deduction.measure as string },
        });
      }
    }
    const hasChildren = node.children !== undefined && node.children.length > 0;
    if (hasChildren === (node.rule !== undefined) && !(surveyKind && !hasChildren)) {
      issues.push({ path, key: "error.methodology.leafOrParent", params: { id: node.id } });
    }
    if (hasChildren) {
      const children = node.children as readonly MethodologyNode[];
      const sum = children.reduce((total, child) => total + child.max, 0);
      if (Math.abs(sum - node.max) > TOLERANCE) {
        issues.push({
          path: `${path}.max`,
          key: "error.methodology.pointsMismatch",
          params: { id: node.id, sum: round(sum), max: node.max },
        });
      }
      children.forEach((child, i) => {
        visit(child, `${path}.children[${i}]`);
      });
    } else if (node.rule) {
      issues.push(...checkRule(node, `${path}.rule`, surveyKind));
    }
  };
  methodology.areas.forEach((area, i) => {
    visit(area, `areas[${i}]`);
  });
  return issues;
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

function checkRule(node: MethodologyNode, path: string, surveyKind: boolean): ValidationIssue[] {
  const rule = node.rule;
  if (!rule || surveyKind) return surveyKind ? [{ path, key: "error.methodology.surveyShape" }] : [];
  if (rule.kind === "survey") {
    return /^sipas(:[A-Za-z0-9_.-]+)?$/.test(rule.index)
      ? []
      : [{ path: `${path}.index`, key: "error.methodology.surveyIndex", params: { index: rule.index } }];
  }
  if (rule.kind !== "formula") return [];
  const issues: ValidationIssue[] = [];
  if (!isMeasureId(rule.measure)) {
    issues.push({
      path: `${path}.measure`,
      key: "error.methodology.unknownMeasure",
      params: { measure: rule.measure },
    });
  }
  issues.push(...checkScoring(rule.scoring, node, `${path}.scoring`));
  return issues;
}

function checkScoring(scoring: Scoring, node: MethodologyNode, path: string): ValidationIssue[] {
  if (scoring.kind === "proportional") {
    return scoring.from === scoring.to
      ? [{ path, key: "error.methodology.proportional", params: { id: node.id } }]
      : [];
  }
  if (scoring.kind !== "thresholds") return [];
  const issues: ValidationIssue[] = [];
  const { steps } = scoring;
  steps.forEach((step, i) => {
    if (step.points > node.max + TOLERANCE) {
      issues.push({
        path: `${path}.steps[${i}].points`,
        key: "error.methodology.stepPoints",
        params: { id: node.id, max: node.max },
      });
    }
  });
  const byMin = steps.every((step) => "min" in step);
  const byMax = steps.every((step) => "max" in step);
  const bounds = steps.map((step) => ("min" in step ? step.min : step.max));
  const pointsNonIncreasing = steps.every((step, i) => i === 0 || step.points <= (steps[i - 1]?.points ?? 0));
  const ordered = bounds.every(
    (bound, i) => i === 0 || (byMin ? bound < (bounds[i - 1] as number) : bound > (bounds[i - 1] as number)),
  );
  if (!(byMin || byMax) || !ordered || !pointsNonIncreasing) {
    issues.push({ path: `${path}.steps`, key: "error.methodology.stepOrder", params: { id: node.id } });
  }
  return issues;
}
