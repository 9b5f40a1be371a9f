// Column headings of report files: the canonical ids (received, resolvedLate, …) or their labels in
// Vietnamese or English, written with or without diacritics and in any case.

import { en } from "../i18n/en";
import { vi } from "../i18n/vi";
import { METRIC_IDS, type MetricId } from "../metrics";

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
