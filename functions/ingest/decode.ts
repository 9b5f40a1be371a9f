// Turns an uploaded file into rows of text cells: Excel .xlsx (first sheet; exceljs) or CSV in UTF-8
// (papaparse, comma or semicolon). Empty files, files over the limit and text that is not UTF-8 are
// refused with a message the uploader can act on.

import ExcelJS from "exceljs";
import Papa from "papaparse";
import type { MessageKey, MessageParams } from "../../shared/i18n";
import { megabytes } from "../services/import-records";
import { checkXlsx, type XlsxLimits } from "./xlsx-guard";

export type Decoded = { ok: true; rows: string[][] } | { ok: false; key: MessageKey; params?: MessageParams };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export async function decodeTable(
  bytes: Uint8Array,
  fileName: string,
  limitBytes: number,
  xlsxLimits: XlsxLimits = { unpackedBytes: limitBytes, rows: 100_000 },
): Promise<Decoded> {
  if (bytes.length === 0) return { ok: false, key: "error.import.empty" };
  if (bytes.length > limitBytes) {
    return {
      ok: false,
      key: "error.import.tooLarge",
      params: { size: megabytes(bytes.length), limit: megabytes(limitBytes) },
    };
  }
  if (ZIP_MAGIC.every((byte, i) => bytes[i] === byte)) {
    const refused = checkXlsx(bytes, fileName, xlsxLimits);
    return refused ? { ok: false, ...refused } : decodeXlsx(bytes, fileName);
  }
  if (/\.xlsx?$/i.test(fileName)) return { ok: false, key: "error.import.format", params: { fileName } };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, key: "error.import.encoding" };
  }
  // UTF-16 text decodes as UTF-8 full of NULs: not something a report file contains.
  if (text.includes("\u0000")) return { ok: false, key: "error.import.encoding" };
  text = text.replace(/^\ufeff/, "");
  if (text.trim() === "") return { ok: false, key: "error.import.empty" };
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: "greedy" });
  return { ok: true, rows: parsed.data };
}

async function decodeXlsx(bytes: Uint8Array, fileName: string): Promise<Decoded> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch {
    return { ok: false, key: "error.import.format", params: { fileName } };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, key: "error.import.empty" };
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column)));
    if (cells.some((cell) => cell.trim() !== "")) rows.push(cells);
  });
  if (rows.length === 0) return { ok: false, key: "error.import.empty" };
  return { ok: true, rows };
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return "";
  if (typeof value === "object") {
    // A formula is shown as one so the checks refuse it: a report holds values, not calculations.
    if ("formula" in value || "sharedFormula" in value)
      return `=${"formula" in value ? value.formula : value.sharedFormula}`;
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("text" in value) return String(value.text);
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if ("error" in value) return String(value.error);
  }
  return String(value);
}
