// The pure writer read back by exceljs (the library the import path uses): formats, the frozen heading,
// a stored (uncompressed) zip, and the CRC-32 against node:zlib's.

import { crc32 as nodeCrc32 } from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { crc32, xlsxParts, zip } from "./xlsx";

describe("shared xlsx writer", () => {
  it("writes numbers with their display formats, the heading frozen, in a stored zip", async () => {
    const bytes = zip(
      xlsxParts("Bảng", [
        ["Đơn vị", "Tiếp nhận", "Chỉ số", "Tỷ lệ"],
        [
          "Xã Bắc Thạnh",
          { value: 61475, format: "integer" },
          { value: 94.86, format: "decimal" },
          { value: 0.9486, format: "percent" },
        ],
        ["Xã mới", { value: null, format: "integer" }, null, { value: Number.NaN, format: "percent" }],
      ]),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const row = sheet?.getRow(2);
    expect([row?.getCell(2).value, row?.getCell(3).value, row?.getCell(4).value]).toEqual([61475, 94.86, 0.9486]);
    expect([row?.getCell(2).numFmt, row?.getCell(3).numFmt, row?.getCell(4).numFmt]).toEqual([
      "#,##0",
      "#,##0.00",
      "0.00%",
    ]);
    expect(sheet?.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet?.getRow(3).getCell(2).value).toBeNull();
    expect(sheet?.getRow(3).getCell(4).value).toBeNull();
  });

  it("computes the CRC-32 zip needs exactly as zlib does", () => {
    const data = new TextEncoder().encode("Huyện Tân Phước 94,86 %".repeat(50));
    expect(crc32(data)).toBe(nodeCrc32(data));
    expect(crc32(new Uint8Array())).toBe(0);
  });
});
