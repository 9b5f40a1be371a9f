// The writer's output read back by exceljs (the library the import path uses): what officials' Excel reads.

import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { xlsxOf } from "./xlsx";

describe("xlsxOf", () => {
  it("writes a workbook Excel readers open, with text, numbers, empty cells and Vietnamese intact", async () => {
    const bytes = xlsxOf("Xếp hạng 2025", [
      ["Hạng", "Mã đơn vị", "Tên đơn vị", "Chỉ số"],
      [1, "huyen-tan-phuoc", "Huyện Tân Phước & <Hòa>", 94.86],
      [null, "xa-moi", '=HYPERLINK("x")', undefined],
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe("Xếp hạng 2025");
    const values = (sheet?.getSheetValues() ?? []).slice(1).map((row) => (row as unknown[]).slice(1));
    expect(values).toEqual([
      ["Hạng", "Mã đơn vị", "Tên đơn vị", "Chỉ số"],
      [1, "huyen-tan-phuoc", "Huyện Tân Phước & <Hòa>", 94.86],
      [undefined, "xa-moi", '\'=HYPERLINK("x")'],
    ]);
  });
});
