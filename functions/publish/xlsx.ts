// The open-data downloads' XLSX: the pure writer of shared/xlsx.ts, each part deflated with node:zlib. No
// library: the API Lambda that publishes stays within its bundle budget, and a published table needs
// nothing more than cells.

import { deflateRawSync } from "node:zlib";
import { type XlsxCell, xlsxParts, zip } from "../../shared/xlsx";

export type { XlsxCell } from "../../shared/xlsx";

/** One sheet: the heading row first. */
export function xlsxOf(sheetName: string, rows: readonly (readonly XlsxCell[])[]): Uint8Array {
  return zip(xlsxParts(sheetName, rows).map((part) => ({ ...part, packed: deflateRawSync(part.data) })));
}
