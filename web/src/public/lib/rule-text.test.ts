import { describe, expect, it } from "vitest";
import { bundledMethodology } from "../../../../shared/methodology/bundled";
import { leaves, type MethodologyNode } from "../../../../shared/methodology/model";
import { bandRanges, deductionText, ruleText, surveyText } from "./rule-text";

/** vi-VN writes a no-break space before %. */
const nb = (text: string) => text.replace(/ %/g, "\u00a0%");

const leaf = (id: string, methodology = "par-province"): MethodologyNode => {
  const found = leaves(bundledMethodology(methodology)?.areas ?? []).find((node) => node.id === id);
  if (!found) throw new Error(`no leaf ${id}`);
  return found;
};

describe("ruleText", () => {
  it("spells out a rate's numerator and denominator and its thresholds", () => {
    expect(ruleText("vi", leaf("3.3.1"))).toEqual([
      "Đo bằng tỷ lệ đúng hạn / đã giải quyết = Giải quyết đúng và trước hạn / (Giải quyết đúng và trước hạn + Giải quyết quá hạn) × 100, từ báo cáo định kỳ của đơn vị.",
      nb(
        "Mức điểm: từ 100 % trở lên được 3 điểm; từ 98 % trở lên được 2,5 điểm; từ 95 % trở lên được 2 điểm; từ 90 % trở lên được 1 điểm; thấp hơn: 0 điểm.",
      ),
    ]);
    expect(ruleText("vi", leaf("3.3.2"))[1]).toBe(
      nb(
        "Mức điểm: không quá 0 % được 2 điểm; không quá 1 % được 1,5 điểm; không quá 3 % được 1 điểm; không quá 5 % được 0,5 điểm; cao hơn: 0 điểm.",
      ),
    );
  });

  it("explains proportional points, manual scoring and the survey, in English too", () => {
    expect(ruleText("en", leaf("7.2.1"))[1]).toBe(
      "Proportional: 0% gives 0 points, 80% gives the full 3 points, linear in between.",
    );
    expect(ruleText("vi", leaf("1.2"))).toEqual(["Đơn vị tự chấm; Sở Nội vụ thẩm định, điểm thẩm định được tính."]);
    expect(ruleText("vi", leaf("8.1"))).toEqual(["Từ khảo sát sự hài lòng (SIPAS): điểm = 10 × chỉ số SIPAS / 100."]);
  });

  it("names a count measure and a pass/fail target", () => {
    const commune = bundledMethodology("par-commune");
    const passFail = leaves(commune?.areas ?? []).find(
      (node) => node.rule?.kind === "formula" && node.rule.scoring.kind === "passFail",
    );
    expect(passFail && ruleText("vi", passFail).join(" ")).toMatch(
      /^Đo bằng số đang giải quyết quá hạn .*Được \d+(,\d+)? điểm khi giá trị bằng 0; nếu không: 0 điểm\.$/,
    );
  });
});

describe("bands, deductions and the survey", () => {
  it("gives each band its range of the index", () => {
    const bands = bundledMethodology("par-province")?.bands ?? [];
    expect(bandRanges("vi", bands, (band) => band.label.vi).map((range) => range.text)).toEqual([
      "Tốt từ 90 trở lên",
      "Khá từ 70 đến dưới 90",
      "Trung bình từ 50 đến dưới 70",
      "Kém dưới 50",
    ]);
  });

  it("says what a deduction may take and how SIPAS is aggregated", () => {
    expect(deductionText("vi", { id: "d", label: { vi: "x" }, max: 1 })).toBe(
      "Trừ tối đa 1 điểm, do Sở Nội vụ xác định khi thẩm định.",
    );
    expect(deductionText("vi", { id: "d", label: { vi: "x" }, max: 2, measure: "pendingOverdue", perUnit: 0.5 })).toBe(
      "Trừ 0,5 điểm cho mỗi đang giải quyết quá hạn, tối đa 2 điểm.",
    );
    const survey = bundledMethodology("sipas")?.survey;
    expect(survey && surveyText("vi", survey).at(-1)).toBe(
      nb("Cỡ mẫu tối thiểu n = N / (1 + N·e²), với N là số hồ sơ đơn vị tiếp nhận trong kỳ và sai số e = 5 %."),
    );
  });
});
