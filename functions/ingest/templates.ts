// Downloadable templates: a report sheet with one row per unit (headings in the reader's language, which
// the import reads back), a units sheet, a SIPAS answers sheet — as CSV (UTF-8 with BOM) or Excel.

import ExcelJS from "exceljs";
import { csvLine, neutralizeCell } from "../../shared/csv";
import { type Lang, translate } from "../../shared/i18n";
import { TEMPLATE_COLUMNS } from "../../shared/ingest/columns";
import type { Unit } from "../../shared/units";
import type { ImportKind } from "../ports";

export type TemplateFormat = "csv" | "xlsx";

export interface Template {
  readonly fileName: string;
  readonly contentType: string;
  readonly body: Uint8Array;
}

function sheetFor(kind: ImportKind, lang: Lang, units: readonly Unit[], period: string): string[][] {
  if (kind === "reports") {
    const heading = TEMPLATE_COLUMNS.map((column) =>
      column === "unitId" || column === "unitName" || column === "period"
        ? translate(lang, `column.${column}`)
        : translate(lang, `metric.${column}`),
    );
    return [heading, ...units.map((unit) => [unit.id, unit.name, period, ...TEMPLATE_COLUMNS.slice(3).map(() => "")])];
  }
  if (kind === "commitments") {
    const year = period.slice(0, 4) || String(new Date().getFullYear());
    return [
      ["unit", "year", "measure", "comparator", "target", "signedBy", "signedOn", "note"],
      ...units.map((unit) => [unit.id, year, "onTimeRateOfResolved", ">=", "100", "", `${year}-01-15`, ""]),
    ];
  }
  if (kind === "units") {
    return [
      ["id", "name", "parentId", "cohort"],
      ...units.map((unit) => [unit.id, unit.name, unit.parentId ?? "", unit.cohort]),
    ];
  }
  return [
    ["respondent", "unit", "element", "criterion", "answer", "needs"],
    ["p0001", units[0]?.id ?? "", "E1", "E1.1", "4", "E2;E5"],
  ];
}

export async function buildTemplate(
  kind: ImportKind,
  format: TemplateFormat,
  lang: Lang,
  units: readonly Unit[],
  period: string,
): Promise<Template> {
  const rows = sheetFor(kind, lang, units, period);
  const base = `parwatch-${kind}${kind === "reports" && period ? `-${period}` : ""}`;
  if (format === "csv") {
    return {
      fileName: `${base}.csv`,
      contentType: "text/csv; charset=utf-8",
      body: new TextEncoder().encode(`\ufeff${rows.map(csvLine).join("\r\n")}\r\n`),
    };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(kind);
  // Unit names are text an admin typed: never let a spreadsheet read one as a formula.
  for (const row of rows) sheet.addRow(row.map((cell) => (typeof cell === "string" ? neutralizeCell(cell) : cell)));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", xSplit: kind === "reports" ? 3 : 0, ySplit: 1 }];
  sheet.columns.forEach((column, i) => {
    column.width = i === 1 ? 32 : 16;
  });
  return {
    fileName: `${base}.xlsx`,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    body: new Uint8Array(await workbook.xlsx.writeBuffer()),
  };
}
