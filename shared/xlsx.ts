// A small XLSX writer, pure: one sheet of text and numbers (a number may carry a display format) as the
// Office Open XML parts, packed into a zip whose deflate step the caller brings (node:zlib on the server,
// CompressionStream in the browser) or leaves out (entries stored). No library, no Node or DOM imports.

import { neutralizeCell } from "./csv";

/**
 * How Excel shows a number, in the reader's own locale (a vi-VN Excel writes 61.475 and 94,86 %):
 * integer "#,##0", decimal "#,##0.00", percent "0.00%" (the value is a share, 0.9486 for 94,86 %),
 * datetime "dd/mm/yyyy hh:mm" (the value is an Excel serial day: see excelDateTime).
 */
export type XlsxFormat = "integer" | "decimal" | "percent" | "datetime";

export type XlsxCell =
  | string
  | number
  | null
  | undefined
  | { readonly value: number | null; readonly format: XlsxFormat };

export interface XlsxPart {
  readonly name: string;
  readonly data: Uint8Array;
}

/** A zip entry: its bytes, and the same bytes deflated (raw, no header) when the caller compressed them. */
export interface ZipEntry extends XlsxPart {
  readonly packed?: Uint8Array;
}

/**
 * Built-in number formats (ECMA-376 §18.8.30), rendered with the reader's separators; the date and time
 * is a custom format (id 164, the first free one) written day first as Vietnam writes it.
 */
const NUMBER_FORMAT_ID: Record<XlsxFormat, number> = { integer: 3, decimal: 4, percent: 10, datetime: 164 };
/** Index of each format's cell style in styles.xml (0 is the default, 1 the bold heading). */
const STYLE_INDEX: Record<XlsxFormat, number> = { integer: 2, decimal: 3, percent: 4, datetime: 5 };

const MS_PER_DAY = 86_400_000;
/** Days from Excel's 1900 epoch (as Excel counts them) to 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569;

/**
 * An instant as the serial day Excel stores for a date and time, on the wall clock of a fixed UTC offset
 * (Excel cells carry no time zone: Vietnam is UTC+7 all year, 420 minutes).
 */
export function excelDateTime(instant: Date | string, offsetMinutes = 420): number | null {
  const ms = new Date(instant).getTime();
  if (!Number.isFinite(ms)) return null;
  return (ms + offsetMinutes * 60_000) / MS_PER_DAY + UNIX_EPOCH_SERIAL;
}

const escapeXml = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    // Characters XML 1.0 cannot carry at all (controls other than tab, line feed, carriage return).
    .split("")
    .filter((char) => {
      const code = char.charCodeAt(0);
      return code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
    })
    .join("");

function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function cellXml(cell: XlsxCell, ref: string, heading: boolean): string {
  if (cell === null || cell === undefined || cell === "") return "";
  const style = heading ? ' s="1"' : "";
  if (typeof cell === "object") {
    if (cell.value === null || !Number.isFinite(cell.value)) return "";
    return `<c r="${ref}" s="${STYLE_INDEX[cell.format]}"><v>${cell.value}</v></c>`;
  }
  if (typeof cell === "number" && Number.isFinite(cell)) return `<c r="${ref}"${style}><v>${cell}</v></c>`;
  // Text is inline text, never a formula; a leading = + - @ is neutralised all the same.
  return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${escapeXml(neutralizeCell(String(cell)))}</t></is></c>`;
}

function sheetXml(rows: readonly (readonly XlsxCell[])[]): string {
  const body = rows
    .map((cells, r) => {
      const row = cells.map((cell, c) => cellXml(cell, `${columnName(c)}${r + 1}`, r === 0)).join("");
      return `<row r="${r + 1}">${row}</row>`;
    })
    .join("");
  // The heading row stays on screen while the reader scrolls (a frozen pane below row 1).
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>${body}</sheetData></worksheet>`;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="${NUMBER_FORMAT_ID.datetime}" formatCode="dd/mm/yyyy hh:mm"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="${NUMBER_FORMAT_ID.integer}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="${NUMBER_FORMAT_ID.decimal}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="${NUMBER_FORMAT_ID.percent}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="${NUMBER_FORMAT_ID.datetime}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** The parts of a one-sheet workbook, the heading row first. */
export function xlsxParts(sheetName: string, rows: readonly (readonly XlsxCell[])[]): XlsxPart[] {
  const name = escapeXml(sheetName.replace(/[\\/?*[\]:]/g, " ").slice(0, 31) || "Sheet1");
  const utf8 = new TextEncoder();
  const parts: [string, string][] = [
    [
      "[Content_Types].xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ],
    [
      "_rels/.rels",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      "xl/workbook.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      "xl/_rels/workbook.xml.rels",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ],
    ["xl/styles.xml", STYLES],
    ["xl/worksheets/sheet1.xml", sheetXml(rows)],
  ];
  return parts.map(([partName, text]) => ({ name: partName, data: utf8.encode(text) }));
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3), as zip wants it beside every entry. */
export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = (CRC_TABLE[(crc ^ (data[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A zip of the entries: deflated where `packed` is given, stored otherwise. */
export function zip(entries: readonly ZipEntry[]): Uint8Array {
  const utf8 = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const body = entry.packed ?? entry.data;
    const method = entry.packed ? 8 : 0;
    const fileName = utf8.encode(entry.name);
    const crc = crc32(entry.data);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true); // version needed
    local.setUint16(6, 0x0800, true); // UTF-8 names
    local.setUint16(8, method, true);
    local.setUint32(10, 0, true); // time and date: none
    local.setUint32(14, crc, true);
    local.setUint32(18, body.length, true);
    local.setUint32(22, entry.data.length, true);
    local.setUint16(26, fileName.length, true);
    local.setUint16(28, 0, true);
    const central = new DataView(new ArrayBuffer(46));
    central.setUint32(0, 0x02014b50, true);
    central.setUint16(4, 20, true);
    central.setUint16(6, 20, true);
    central.setUint16(8, 0x0800, true);
    central.setUint16(10, method, true);
    central.setUint32(12, 0, true);
    central.setUint32(16, crc, true);
    central.setUint32(20, body.length, true);
    central.setUint32(24, entry.data.length, true);
    central.setUint16(28, fileName.length, true);
    central.setUint32(42, offset, true);
    chunks.push(new Uint8Array(local.buffer), fileName, body);
    centrals.push(new Uint8Array(central.buffer), fileName);
    offset += 30 + fileName.length + body.length;
  }
  const directoryLength = centrals.reduce((sum, chunk) => sum + chunk.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, directoryLength, true);
  end.setUint32(16, offset, true);
  const all = [...chunks, ...centrals, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of all) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
