import { describe, expect, it } from "vitest";
import { csvLine, csvNumber, neutralizeCell, toCsv } from "./csv";

describe("csv", () => {
  it("quotes cells with commas, quotes and line breaks", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["Sở Văn hóa, Thể thao", 'say "hi"'],
          [1, null],
        ],
      ),
    ).toBe('a,b\r\n"Sở Văn hóa, Thể thao","say ""hi"""\r\n1,');
  });

  it("writes numbers rounded with a dot, and nothing for missing", () => {
    expect([csvNumber(94.8578), csvNumber(null), csvNumber(Number.NaN), csvNumber(3, 0)]).toEqual([
      "94.86",
      "",
      "",
      "3",
    ]);
  });

  it("neutralises cells a spreadsheet would run as formulas, but not plain numbers", () => {
    expect(["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\r=x"].map(neutralizeCell)).toEqual([
      "'=1+1",
      "'+SUM(A1)",
      "'-2+3",
      "'@cmd",
      "'\tx",
      "'\r=x",
    ]);
    expect(["-3", "-3,5", "+84", "-1.234,5", "Huyện =A", "1e5"].map(neutralizeCell)).toEqual([
      "-3",
      "-3,5",
      "+84",
      "-1.234,5",
      "Huyện =A",
      "1e5",
    ]);
    expect(csvLine(['=HYPERLINK("http://x","y")', -4])).toBe(`"'=HYPERLINK(""http://x"",""y"")",-4`);
  });
});
