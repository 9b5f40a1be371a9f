// Column headings of report files: the canonical ids (received, resolvedLate, …) or their labels in
// Vietnamese or English, written with or without diacritics and in any case.

import { en } from "../i18n/en";
import { vi } from "../i18n/vi";
import { METRIC_IDS, type MetricId } from "../metrics";
import type { RowErrors } from "./row-error";

/** unitName is informative only (templates fill it in so people see which row is whose). */
export type ReportColumn = "unitId" | "unitName" | "period" | MetricId;

/** Lower case, no diacritics, single spaces: "Tiếp nhận  trực tuyến" → "tiep nhan truc tuyen". */
export function normalizeHeading(text: string): string {
  return text
    .replace(/^\ufeff/, "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

const HEADINGS = new Map<string, ReportColumn>();
function add(heading: string, column: ReportColumn) {
  HEADINGS.set(normalizeHeading(heading), column);
}
add("unitId", "unitId");
add("Mã đơn vị", "unitId");
add("Unit id", "unitId");
add("unitName", "unitName");
add("Tên đơn vị", "unitName");
add("Unit name", "unitName");
add("period", "period");
add("Kỳ báo cáo", "period");
add("Kỳ", "period");
add("Period", "period");
for (const id of METRIC_IDS) {
  add(id, id);
  add(vi[`metric.${id}`], id);
  add(en[`metric.${id}`], id);
}

/** Headings a template writes, in the reader's language: [unitId, unitName, period, ...metric ids]. */
export const TEMPLATE_COLUMNS: readonly ReportColumn[] = ["unitId", "unitName", "period", ...METRIC_IDS];

export function reportColumn(heading: string): ReportColumn | undefined {
  return HEADINGS.get(normalizeHeading(heading));
}

/**
 * Reads a file's heading row: the position of each known column (the first wins), and an error on row 1
 * for every unknown or repeated heading. `resolve` maps a normalized heading to its column.
 */
export function readHeadings<Column extends string>(
  heading: readonly string[],
  resolve: (normalized: string) => Column | undefined,
  errors: RowErrors,
  required: readonly Column[],
): Map<Column, number> {
  const at = new Map<Column, number>();
  heading.forEach((text, i) => {
    const column = resolve(normalizeHeading(text));
    if (column && !at.has(column)) at.set(column, i);
    else if (text.trim() !== "") {
      errors.push({
        row: 1,
        column: text,
        value: text,
        key: column ? "error.import.duplicateColumn" : "error.import.unknownColumn",
      });
    }
  });
  for (const column of required)
    if (!at.has(column)) errors.push({ row: 1, column, value: "", key: "error.import.missingColumn" });
  return at;
}
