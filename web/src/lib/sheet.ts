// A table as officials open it in Excel: typed cells (a rate is a share with a % format, a count an
// integer, an index two decimals), written to XLSX on demand — the writer is fetched only when asked for.

import type { XlsxCell, XlsxFormat } from "../../../shared/xlsx";

export type SheetCell = XlsxCell;

export interface Sheet {
  /** The file's name, without ".xlsx". */
  readonly fileName: string;
  readonly name: string;
  /** The heading row first. */
  readonly rows: readonly (readonly SheetCell[])[];
}

const cell = (value: number | null | undefined, format: XlsxFormat): SheetCell => ({ value: value ?? null, format });
/** A rate given in percent (94.86) as the share Excel's % format wants (0.9486). */
export const percentCell = (value: number | null | undefined) =>
  cell(value === null || value === undefined ? null : value / 100, "percent");
export const decimalCell = (value: number | null | undefined) => cell(value, "decimal");
export const integerCell = (value: number | null | undefined) => cell(value, "integer");

export async function downloadSheet(sheet: Sheet): Promise<void> {
  const { downloadXlsx } = await import("./xlsx");
  await downloadXlsx(`${sheet.fileName}.xlsx`, sheet.name, sheet.rows);
}
