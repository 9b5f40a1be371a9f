import { describe, expect, it } from "vitest";
import { localizeIssues } from "../validation";
import { BUNDLED_METHODOLOGIES } from "./bundled";
import { SHORT_LABEL_MAX, shortLabelIn } from "./model";
import { validateMethodology } from "./validate";

/** A deep, editable copy of the provincial template (JSON.parse gives an untyped document). */
const base = () => JSON.parse(JSON.stringify(BUNDLED_METHODOLOGIES[0]));
const problems = (document: unknown) => {
  const result = validateMethodology(document);
  return result.ok ? [] : result.issues.map((issue) => [issue.path, issue.key]);
};

describe("validateMethodology", () => {
  it("accepts every bundled methodology", () => {
    expect(BUNDLED_METHODOLOGIES.map((m) => m.id)).toEqual(["par-province", "par-commune", "service-index", "sipas"]);
    for (const methodology of BUNDLED_METHODOLOGIES)
      expect(validateMethodology(methodology).ok, methodology.id).toBe(true);
  });

  it("names duplicate ids", () => {
    const m = base() as { areas: { id: string }[] };
    (m.areas[1] as { id: string }).id = "1";
    expect(problems(m)).toContainEqual(["areas[1].id", "error.methodology.duplicateId"]);
  });

  it("names leaf points that do not add up to their parent's maximum", () => {
    const m = base() as unknown as { areas: { max: number }[] };
    (m.areas[0] as { max: number }).max = 11;
    const result = validateMethodology(m);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(localizeIssues(result.issues, "en")).toContainEqual({
        path: "areas[0].max",
        code: "methodology.pointsMismatch",
        message: "The children of 1 add up to 10 points, not its maximum of 11.",
      });
    }
  });

  it("names unknown measures", () => {
    const m = base() as unknown as { areas: { children: { children?: { rule: { measure: string } }[] }[] }[] };
    const leaf = m.areas[2]?.children[2]?.children?.[0];
    if (!leaf) throw new Error("fixture moved");
    leaf.rule.measure = "speedOfLight";
    expect(problems(m)).toEqual([
      ["areas[2].children[2].children[0].rule.measure", "error.methodology.unknownMeasure"],
    ]);
  });

  it("names bad thresholds: out of order, mixed, or worth more than the leaf", () => {
    const m = base() as unknown as { areas: { children: { children?: { rule: { scoring: unknown } }[] }[] }[] };
    const leaf = m.areas[2]?.children[2]?.children?.[0];
    if (!leaf) throw new Error("fixture moved");
    leaf.rule.scoring = {
      kind: "thresholds",
      steps: [
        { min: 90, points: 1 },
        { min: 95, points: 2 },
      ],
    };
    expect(problems(m)).toEqual([
      ["areas[2].children[2].children[0].rule.scoring.steps", "error.methodology.stepOrder"],
    ]);
    leaf.rule.scoring = { kind: "thresholds", steps: [{ min: 90, points: 5 }] };
    expect(problems(m)).toEqual([
      ["areas[2].children[2].children[0].rule.scoring.steps[0].points", "error.methodology.stepPoints"],
    ]);
    leaf.rule.scoring = {
      kind: "thresholds",
      steps: [
        { min: 90, points: 1 },
        { max: 5, points: 0.5 },
      ],
    };
    expect(problems(m)).toEqual([
      ["areas[2].children[2].children[0].rule.scoring.steps", "error.methodology.stepOrder"],
    ]);
    leaf.rule.scoring = { kind: "proportional", from: 5, to: 5 };
    expect(problems(m)).toEqual([["areas[2].children[2].children[0].rule.scoring", "error.methodology.proportional"]]);
  });

  it("names a node with both children and a rule, and bands with gaps", () => {
    const m = base() as unknown as { areas: { rule?: unknown }[]; bands: { min: number }[] };
    (m.areas[0] as { rule?: unknown }).rule = { kind: "manual" };
    (m.bands.at(-1) as { min: number }).min = 10;
    expect(problems(m)).toEqual([
      ["bands", "error.methodology.bands"],
      ["areas[0]", "error.methodology.leafOrParent"],
    ]);
  });

  it("names shape errors by path, and missing fields as required", () => {
    expect(problems({ ...base(), validFrom: "2024" })).toEqual([["validFrom", "error.methodology.shape"]]);
    const { version: _dropped, ...withoutVersion } = base();
    expect(problems(withoutVersion)).toEqual([["version", "error.required"]]);
    expect(problems("not a methodology")).toEqual([["", "error.methodology.shape"]]);
  });

  it("takes an optional short label (at most SHORT_LABEL_MAX characters, no comma), the label standing in without one", () => {
    const m = base();
    expect(m.areas[2].shortLabel).toEqual({ vi: "Cải cách TTHC", en: "Procedures" });
    m.areas[2].shortLabel = { vi: "x".repeat(SHORT_LABEL_MAX + 1) };
    m.areas[3].shortLabel = { vi: "" };
    m.areas[4].shortLabel = { en: "Civil servants" };
    m.areas[5].shortLabel = { vi: "Tài chính, ngân sách" };
    expect(problems(m)).toEqual([
      ["areas[2].shortLabel.vi", "error.methodology.shape"],
      ["areas[3].shortLabel.vi", "error.methodology.shape"],
      ["areas[4].shortLabel.vi", "error.required"],
      ["areas[5].shortLabel.vi", "error.methodology.shape"],
    ]);
    const [area3, area6] = [BUNDLED_METHODOLOGIES[0]?.areas[2], BUNDLED_METHODOLOGIES[1]?.areas[5]];
    if (!area3 || !area6) throw new Error("bundled areas missing");
    expect([shortLabelIn(area3, "vi"), shortLabelIn(area3, "en")]).toEqual(["Cải cách TTHC", "Procedures"]);
    // par-commune's C6 "Chính quyền số" is short already: no short label, the label is the short name.
    expect(area6.shortLabel).toBeUndefined();
    expect([shortLabelIn(area6, "vi"), shortLabelIn(area6, "en")]).toEqual(["Chính quyền số", "Digital government"]);
    // English: the English short label, else the English label, before any Vietnamese.
    expect(shortLabelIn({ label: { vi: "Dài", en: "Long" }, shortLabel: { vi: "Ngắn" } }, "en")).toBe("Long");
    expect(shortLabelIn({ label: { vi: "Dài" }, shortLabel: { vi: "Ngắn" } }, "en")).toBe("Ngắn");
  });

  it("requires survey settings and two levels for a survey methodology", () => {
    const sipas = JSON.parse(JSON.stringify(BUNDLED_METHODOLOGIES[3]));
    delete sipas.survey;
    expect(problems(sipas)).toEqual([["survey", "error.methodology.surveyShape"]]);
  });
});
