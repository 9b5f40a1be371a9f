// SIPAS-style satisfaction from individual survey answers: criterion index (share of satisfied answers
// among valid ones), element index and overall index as the `sipas` methodology's settings say, response
// counts, and the minimum sample n = N / (1 + N·e²). Answers are added one at a time, so a file of any
// size is aggregated in constant memory per unit.

import type { Methodology, SurveySettings } from "./methodology/model";
import type { ValidationIssue } from "./validation";

export interface SipasAnswer {
  readonly respondent: string;
  readonly unit: string;
  /** Optional: when given it must be the criterion's element. */
  readonly element?: string;
  readonly criterion: string;
  /** 1..scale, or null for no answer (counted as a response, not as a valid answer). */
  readonly answer: number | null;
  /** Needs/expectations: the respondent's priorities to improve (element ids or free codes). */
  readonly needs?: readonly string[];
}

export interface IndexWithCount {
  readonly id: string;
  readonly index: number | null;
  /** Valid answers (1..scale) behind the index. */
  readonly answers: number;
}

export interface SipasUnitResult {
  readonly unit: string;
  readonly respondents: number;
  readonly answers: number;
  readonly sipas: number | null;
  readonly elements: readonly IndexWithCount[];
  readonly criteria: readonly IndexWithCount[];
  /** How often each need/expectation was chosen. */
  readonly needs: Readonly<Record<string, number>>;
  /** n = N / (1 + N·e²); with N unknown the upper bound 1 / e² is used. */
  readonly minimumSample: number;
  readonly sampleTooSmall: boolean;
  /** Criteria with no valid answer: the indices above are then built from the rest. */
  readonly unanswered: readonly string[];
}

/** The minimum sample for a population N at margin of error e; N undefined → the limit 1 / e². */
export function minimumSample(population: number | undefined, marginOfError: number): number {
  if (population === undefined || !Number.isFinite(population)) return Math.ceil(1 / marginOfError ** 2);
  return Math.ceil(population / (1 + population * marginOfError ** 2));
}

interface UnitTally {
  readonly respondents: Set<string>;
  /** Per criterion position: [valid answers, satisfied answers]. */
  readonly counts: Int32Array;
  readonly needs: Map<string, number>;
}

const NO_ISSUES: readonly ValidationIssue[] = Object.freeze([]);

export class SipasAggregator {
  private readonly settings: SurveySettings;
  private readonly criterionIds: string[] = [];
  private readonly criterionPosition = new Map<string, number>();
  private readonly elementOf: string[] = [];
  private readonly elementIds: string[];
  private readonly units = new Map<string, UnitTally>();

  constructor(methodology: Methodology) {
    if (methodology.kind !== "survey" || !methodology.survey) {
      throw new RangeError(`${methodology.id} is not a survey methodology`);
    }
    this.settings = methodology.survey;
    this.elementIds = methodology.areas.map((element) => element.id);
    for (const element of methodology.areas) {
      for (const criterion of element.children ?? []) {
        this.criterionPosition.set(criterion.id, this.criterionIds.length);
        this.criterionIds.push(criterion.id);
        this.elementOf.push(element.id);
      }
    }
  }

  /** Adds one answer; returns the problems with it (and then adds nothing). */
  add(row: SipasAnswer): readonly ValidationIssue[] {
    return this.addAnswer(row.respondent, row.unit, row.element, row.criterion, row.answer, row.needs);
  }

  /** The same as add, without building a row object: the path for streamed files of millions of rows. */
  addAnswer(
    respondent: string,
    unit: string,
    element: string | undefined,
    criterion: string,
    answer: number | null,
    needs?: readonly string[],
  ): readonly ValidationIssue[] {
    const position = this.criterionPosition.get(criterion);
    if (position === undefined) {
      return [{ path: "criterion", key: "error.sipas.criterion", params: { value: criterion } }];
    }
    if (element !== undefined && element !== "" && element !== this.elementOf[position]) {
      return [
        {
          path: "element",
          key: "error.sipas.element",
          params: { value: element, criterion, expected: this.elementOf[position] as string },
        },
      ];
    }
    const { scale, satisfiedFrom } = this.settings;
    if (answer !== null && !(Number.isInteger(answer) && answer >= 1 && answer <= scale)) {
      return [{ path: "answer", key: "error.sipas.answer", params: { value: String(answer), scale } }];
    }
    if (!unit) return [{ path: "unit", key: "error.required" }];
    let tally = this.units.get(unit);
    if (!tally) {
      tally = { respondents: new Set(), counts: new Int32Array(this.criterionIds.length * 2), needs: new Map() };
      this.units.set(unit, tally);
    }
    tally.respondents.add(respondent);
    if (answer !== null) {
      tally.counts[position * 2] = (tally.counts[position * 2] as number) + 1;
      if (answer >= satisfiedFrom) tally.counts[position * 2 + 1] = (tally.counts[position * 2 + 1] as number) + 1;
    }
    if (needs) for (const need of needs) tally.needs.set(need, (tally.needs.get(need) ?? 0) + 1);
    return NO_ISSUES;
  }

  /** Results per unit, in unit order; population gives N per unit for the minimum sample. */
  results(population: (unit: string) => number | undefined = () => undefined): SipasUnitResult[] {
    return [...this.units.keys()].sort().map((unit) => this.resultFor(unit, population(unit)));
  }

  private resultFor(unit: string, population: number | undefined): SipasUnitResult {
    const tally = this.units.get(unit) as UnitTally;
    const share = (satisfied: number, valid: number) => (valid > 0 ? (satisfied * 100) / valid : null);
    const criteria = this.criterionIds.map((id, i) => {
      const valid = tally.counts[i * 2] as number;
      return { id, index: share(tally.counts[i * 2 + 1] as number, valid), answers: valid };
    });
    const mean = (values: (number | null)[]) => {
      const present = values.filter((value): value is number => value !== null);
      return present.length > 0 ? present.reduce((a, b) => a + b, 0) / present.length : null;
    };
    const pooled = (positions: number[]) => {
      let valid = 0;
      let satisfied = 0;
      for (const i of positions) {
        valid += tally.counts[i * 2] as number;
        satisfied += tally.counts[i * 2 + 1] as number;
      }
      return share(satisfied, valid);
    };
    const elements = this.elementIds.map((id) => {
      const positions = this.criterionIds.map((_, i) => i).filter((i) => this.elementOf[i] === id);
      const index =
        this.settings.elementIndex === "pooledAnswers"
          ? pooled(positions)
          : mean(positions.map((i) => criteria[i]?.index ?? null));
      return { id, index, answers: positions.reduce((sum, i) => sum + (tally.counts[i * 2] as number), 0) };
    });
    const sipas =
      this.settings.overallIndex === "pooledAnswers"
        ? pooled(this.criterionIds.map((_, i) => i))
        : mean(elements.map((element) => element.index));
    const respondents = tally.respondents.size;
    const needed = minimumSample(population, this.settings.marginOfError);
    return {
      unit,
      respondents,
      answers: criteria.reduce((sum, criterion) => sum + criterion.answers, 0),
      sipas,
      elements,
      criteria,
      needs: Object.fromEntries([...tally.needs.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
      minimumSample: needed,
      sampleTooSmall: respondents < needed,
      unanswered: criteria.filter((criterion) => criterion.index === null).map((criterion) => criterion.id),
    };
  }
}

/** The columns of a SIPAS answers file; element and needs may be left out. */
export const SIPAS_COLUMNS = {
  required: ["respondent", "unit", "criterion", "answer"],
  optional: ["element", "needs"],
} as const;

/**
 * Adds one row of an answers file, read through `cell` (by lower-case column name): a blank answer is
 * no answer, needs are separated by semicolons. Returns the row's problems, each naming its column.
 */
export function addAnswerRow(
  aggregator: SipasAggregator,
  cell: (column: string) => string,
): readonly ValidationIssue[] {
  const answer = cell("answer");
  const needs = cell("needs");
  return aggregator.addAnswer(
    cell("respondent"),
    cell("unit"),
    cell("element"),
    cell("criterion"),
    answer === "" ? null : Number(answer),
    needs
      ? needs
          .split(";")
          .map((need) => need.trim())
          .filter(Boolean)
      : undefined,
  );
}

/** Survey indices as the scoring engine reads them: "sipas" and "sipas:<elementId>". */
export function surveyIndices(result: SipasUnitResult): Record<string, number | null> {
  return Object.fromEntries([["sipas", result.sipas], ...result.elements.map((e) => [`sipas:${e.id}`, e.index])]);
}
