import { describe, expect, it } from "vitest";
import { bundledMethodology } from "./methodology/bundled";
import type { Methodology } from "./methodology/model";
import { minimumSample, SipasAggregator, surveyIndices } from "./sipas";

const sipas = bundledMethodology("sipas") as Methodology;

/** One respondent answering every criterion of the bundled questionnaire with the same answer. */
function respondent(
  aggregator: SipasAggregator,
  unit: string,
  id: string,
  answer: (criterion: string) => number | null,
) {
  for (const element of sipas.areas) {
    for (const criterion of element.children ?? []) {
      expect(
        aggregator.add({
          respondent: id,
          unit,
          element: element.id,
          criterion: criterion.id,
          answer: answer(criterion.id),
        }),
      ).toEqual([]);
    }
  }
}

describe("SipasAggregator", () => {
  it("computes criterion, element and overall indices as shares of 4–5 answers among valid ones", () => {
    const aggregator = new SipasAggregator(sipas);
    respondent(aggregator, "xa-a", "r1", () => 5);
    respondent(aggregator, "xa-a", "r2", () => 4);
    respondent(aggregator, "xa-a", "r3", (c) => (c.startsWith("E1") ? 2 : 3));
    respondent(aggregator, "xa-a", "r4", (c) => (c === "E1.1" ? null : 1));
    const [result] = aggregator.results();
    expect(result?.respondents).toBe(4);
    expect(result?.answers).toBe(87); // 22 × 4 minus one blank
    const criterion = (id: string) => result?.criteria.find((c) => c.id === id);
    expect(criterion("E1.1")).toEqual({ id: "E1.1", index: (2 * 100) / 3, answers: 3 });
    expect(criterion("E2.1")).toEqual({ id: "E2.1", index: 50, answers: 4 });
    const e1 = result?.elements.find((e) => e.id === "E1");
    expect(e1?.index).toBeCloseTo((200 / 3 + 50 * 3) / 4, 10);
    expect(result?.sipas).toBeCloseTo(((200 / 3 + 150) / 4 + 50 * 4) / 5, 10);
  });

  it("follows the methodology's aggregation setting (pooled answers)", () => {
    const pooledMethod: Methodology = {
      ...sipas,
      survey: {
        ...(sipas.survey as NonNullable<Methodology["survey"]>),
        elementIndex: "pooledAnswers",
        overallIndex: "pooledAnswers",
      },
    };
    const aggregator = new SipasAggregator(pooledMethod);
    respondent(aggregator, "u", "r1", () => 5);
    respondent(aggregator, "u", "r2", (c) => (c === "E1.1" ? null : 1));
    const [result] = aggregator.results();
    expect(result?.elements[0]?.index).toBeCloseTo((4 * 100) / 7, 10); // E1: 4 satisfied of 7 valid
    expect(result?.sipas).toBeCloseTo((22 * 100) / 43, 10);
  });

  it("rejects unknown criteria, wrong elements and out-of-range answers, and counts nothing for them", () => {
    const aggregator = new SipasAggregator(sipas);
    expect(aggregator.add({ respondent: "r", unit: "u", criterion: "E9.9", answer: 3 })[0]?.key).toBe(
      "error.sipas.criterion",
    );
    expect(aggregator.add({ respondent: "r", unit: "u", element: "E2", criterion: "E1.1", answer: 3 })[0]?.key).toBe(
      "error.sipas.element",
    );
    expect(aggregator.add({ respondent: "r", unit: "u", criterion: "E1.1", answer: 6 })[0]?.key).toBe(
      "error.sipas.answer",
    );
    expect(aggregator.add({ respondent: "r", unit: "u", criterion: "E1.1", answer: 2.5 })[0]?.key).toBe(
      "error.sipas.answer",
    );
    expect(aggregator.results()).toEqual([]);
  });

  it("counts needs and expectations and warns when the sample is too small", () => {
    const aggregator = new SipasAggregator(sipas);
    aggregator.add({ respondent: "r1", unit: "u", criterion: "E1.1", answer: 4, needs: ["E2", "E5"] });
    aggregator.add({ respondent: "r2", unit: "u", criterion: "E1.1", answer: 5, needs: ["E2"] });
    const [result] = aggregator.results(() => 1000);
    expect(result?.needs).toEqual({ E2: 2, E5: 1 });
    expect(result?.minimumSample).toBe(286);
    expect(result?.sampleTooSmall).toBe(true);
    expect(result?.unanswered).toHaveLength(21);
    expect(surveyIndices(result as NonNullable<typeof result>)).toMatchObject({
      sipas: 100,
      "sipas:E1": 100,
      "sipas:E2": null,
    });
  });
});

describe("minimumSample", () => {
  it("follows n = N / (1 + N·e²)", () => {
    expect(minimumSample(1000, 0.05)).toBe(286);
    expect(minimumSample(100, 0.05)).toBe(80);
    expect(minimumSample(undefined, 0.05)).toBe(400);
  });
});
