// What an .xlsx file unpacks to, measured before exceljs reads it: a zip of a few hundred kilobytes can
// hold gigabytes of sheet XML (a "zip bomb"). The central directory's sizes are checked first; each entry
// is then inflated with a cap on its output (the directory may lie), and worksheet rows are counted.

import { inflateRawSync } from "node:zlib";
import type { MessageKey, MessageParams } from "../../shared/i18n";
import { megabytes } from "../services/import-records";

export interface XlsxLimits {
  /** The most bytes all entries together may unpack to. */
  readonly unpackedBytes: number;
  /** The most rows the worksheets may hold together. */
  readonly rows: number;
}

export type XlsxRefusal = { key: MessageKey; params?: MessageParams };

const u16 = (b: Uint8Array, at: number) => (b[at] as number) | ((b[at + 1] as number) << 8);
const u32 = (b: Uint8Array, at: number) => u16(b, at) + u16(b, at + 2) * 0x10000;

/** `<row ` and `<row>` openings in sheet XML (not `<rows…`). */
function countRows(xml: Uint8Array): number {
  let rows = 0;
  for (let at = xml.indexOf(0x3c); at >= 0; at = xml.indexOf(0x3c, at + 1)) {
    if (xml[at + 1] === 0x72 && xml[at + 2] === 0x6f && xml[at + 3] === 0x77) {
      const next = xml[at + 4];
      if (next === 0x20 || next === 0x3e || next === 0x2f) rows++;
    }
  }
  return rows;
}

/** Undefined when the file stays within the limits; otherwise the reason to refuse it. */
export function checkXlsx(bytes: Uint8Array, fileName: string, limits: XlsxLimits): XlsxRefusal | undefined {
  const format: XlsxRefusal = { key: "error.import.format", params: { fileName } };
  const tooLarge = (size: number): XlsxRefusal => ({
    key: "error.import.unpackedTooLarge",
    params: { size: megabytes(size), limit: megabytes(limits.unpackedBytes) },
  });
  // The end-of-central-directory record: within the last 64 KB (its comment) + 22 bytes.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 65_557); at--) {
    if (u32(bytes, at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return format;
  const entries = u16(bytes, end + 10);
  let at = u32(bytes, end + 16);
  // ZIP64 markers: no spreadsheet within ParWatch's limits needs them.
  if (entries === 0xffff || at === 0xffffffff) return tooLarge(2 ** 32);
  const listed: { name: string; method: number; compressed: number; offset: number }[] = [];
  let declared = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) return format;
    const method = u16(bytes, at + 10);
    const compressed = u32(bytes, at + 20);
    declared += u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    listed.push({ name, method, compressed, offset: u32(bytes, at + 42) });
    at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  if (declared > limits.unpackedBytes) return tooLarge(declared);
  let unpacked = 0;
  let rows = 0;
  for (const entry of listed) {
    const local = entry.offset;
    if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50) return format;
    const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    const data = bytes.subarray(start, start + entry.compressed);
    let content: Uint8Array;
    if (entry.method === 0) content = data;
    else if (entry.method === 8) {
      try {
        // Never more than the budget left (+1 to see it overrun): memory stays bounded whatever it claims.
        content = inflateRawSync(data, { maxOutputLength: limits.unpackedBytes - unpacked + 1 });
      } catch (error) {
        if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return tooLarge(limits.unpackedBytes + 1);
        return format;
      }
    } else return format;
    unpacked += content.length;
    if (unpacked > limits.unpackedBytes) return tooLarge(unpacked);
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name)) {
      rows += countRows(content);
      if (rows > limits.rows) return { key: "error.import.tooManyRows", params: { limit: limits.rows } };
    }
  }
  return undefined;
}
