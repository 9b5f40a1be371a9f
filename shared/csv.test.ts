import { describe, expect, it } from "vitest";
import { csvNumber, toCsv } from "./csv";

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
});
