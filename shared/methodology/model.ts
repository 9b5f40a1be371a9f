// Methodologies are versioned data: a tree of areas → criteria → sub-criteria with maximum points and one
// rule per leaf. Provinces re-issue their criteria every year or two; the engine scores any of them.

/** A label in both languages; English may be left out (Vietnamese is shown then). */
export interface Label {
  readonly vi: string;
  readonly en?: string;
}

/** A classification band: a unit whose index is ≥ min (and below the next band's min) gets it. */
export interface Band {
  readonly id: string;
  readonly label: Label;
  readonly min: number;
}

export type Comparator = ">=" | ">" | "<=" | "<" | "=";

/** One step of a threshold scale: the first step whose condition holds gives its points. */
export type ThresholdStep =
  | { readonly min: number; readonly points: number }
  | { readonly max: number; readonly points: number };

export type Scoring =
  | { readonly kind: "thresholds"; readonly steps: readonly ThresholdStep[] }
  /** Linear from `from` (0 points) to `to` (full points), clamped; from > to when lower is better. */
  | { readonly kind: "proportional"; readonly from: number; readonly to: number }
  | { readonly kind: "passFail"; readonly comparator: Comparator; readonly target: number };

export type Rule =
  /** The unit's self-score and the inspector's appraised score; the appraised score counts. */
  | { readonly kind: "manual" }
  /** A report measure (a derived rate in %, or a metric count) mapped to points. */
  | { readonly kind: "formula"; readonly measure: string; readonly scoring: Scoring }
  /** points = max × a survey index / 100; index "sipas" (overall) or "sipas:<elementId>". */
  | { readonly kind: "survey"; readonly index: string };

/** Điểm trừ: points taken off an area (never below 0), entered by an inspector or counted from a measure. */
export interface Deduction {
  readonly id: string;
  readonly label: Label;
  /** The most this deduction can take. */
  readonly max: number;
  /** Without a measure the inspector enters the points; with one, perUnit × the measure's value. */
  readonly measure?: string;
  readonly perUnit?: number;
}

export interface MethodologyNode {
  readonly id: string;
  readonly label: Label;
  /**
   * The name officials use in a sentence or a narrow column ("Cải cách TTHC" for "Cải cách thủ tục hành
   * chính"), at most SHORT_LABEL_MAX characters; the label itself when left out (shortLabelIn).
   */
  readonly shortLabel?: Label;
  readonly max: number;
  /** Children for areas and criteria; a rule for leaves (exactly one of the two). */
  readonly children?: readonly MethodologyNode[];
  readonly rule?: Rule;
  readonly deductions?: readonly Deduction[];
}

/** SIPAS-style aggregation settings (the `sipas` methodology); see sipas.ts. */
export interface SurveySettings {
  /** Answers run 1..scale. */
  readonly scale: number;
  /** Answers ≥ this count as satisfied (4 = "hài lòng" on a 5-point scale). */
  readonly satisfiedFrom: number;
  /** Element index: mean of its criteria's indices, or the share of satisfied among all its answers. */
  readonly elementIndex: "meanOfCriteria" | "pooledAnswers";
  /** Overall index: mean of the element indices, or the share of satisfied among all answers. */
  readonly overallIndex: "meanOfElements" | "pooledAnswers";
  /** Margin of error e of the minimum sample n = N / (1 + N·e²). */
  readonly marginOfError: number;
}

export interface Methodology {
  readonly id: string;
  readonly version: string;
  readonly name: Label;
  /** What it is and where it comes from (decisions, provinces). */
  readonly description: string;
  readonly validFrom: number;
  readonly cohorts: readonly string[];
  /** points: scored by the engine; survey: aggregated from responses (SIPAS) by sipas.ts. */
  readonly kind: "points" | "survey";
  /** Whether survey leaves may be absent: then the rest of the score is rescaled to 100. */
  readonly surveyOptional?: boolean;
  readonly bands: readonly Band[];
  readonly areas: readonly MethodologyNode[];
  readonly survey?: SurveySettings;
}

/** Every leaf with the chain of node ids above it. */
export function leaves(nodes: readonly MethodologyNode[]): MethodologyNode[] {
  return nodes.flatMap((node) => (node.children ? leaves(node.children) : [node]));
}

export function labelIn(label: Label, lang: "vi" | "en"): string {
  return lang === "en" && label.en ? label.en : label.vi;
}

/** The longest short label a document may give (a sentence names several areas in one line). */
export const SHORT_LABEL_MAX = 32;

/**
 * A node's short name in a language: its short label, else its label. English falls back to the full
 * English label before the Vietnamese short one (a reader of English gets English where there is any).
 */
export function shortLabelIn(node: Pick<MethodologyNode, "label" | "shortLabel">, lang: "vi" | "en"): string {
  if (lang === "en") return node.shortLabel?.en ?? node.label.en ?? node.shortLabel?.vi ?? node.label.vi;
  return node.shortLabel?.vi ?? node.label.vi;
}
