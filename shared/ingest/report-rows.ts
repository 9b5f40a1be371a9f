// Checks the rows of a report file (CSV or XLSX, already split into cells): headings, units, periods,
// counts, duplicates within the file and the relations between counts. Every problem is listed with its
// row and column; a file with any problem is rejected whole by the caller.

import type { MetricId, Metrics } from "../metrics";
import { parsePeriod } from "../period";
import { checkFilingOpen, checkRelations, type ReportInput } from "../report";
import { readCount } from "./cells";
import { type ReportColumn, reportColumn } from "./columns";
import { RowErrors } from "./row-error";

export interface ReportRow {
  /** Row number in the file (the heading is row 1). */
  readonly row: number;
  readonly input: ReportInput;
}

export interface CheckedReportRows {
  readonly reports: ReportRow[];
  readonly errors: RowErrors;
  /** Rows with a unit but no figure at all (a template's untouched rows): skipped, not refused. */
  readonly blank: number;
}

/** rows[0] is the heading row; units is every known unit id; `now` decides which periods have ended. */
export function checkReportRows(
  rows: readonly (readonly string[])[],
  units: ReadonlySet<string>,
  now: Date = new Date(),
): CheckedReportRows {
  const errors = new RowErrors();
  const reports: ReportRow[] = [];
  let blank = 0;
  const [heading = [], ...data] = rows;
  const columns: (ReportColumn | undefined)[] = heading.map((text) => reportColumn(text));
  const seenColumns = new Map<ReportColumn, number>();
  heading.forEach((text, i) => {
    const column = columns[i];
    if (text.trim() === "") return;
    if (!column) errors.push({ row: 1, column: text, value: text, key: "error.import.unknownColumn" });
    else if (seenColumns.has(column))
      errors.push({ row: 1, column: text, value: text, key: "error.import.duplicateColumn" });
    else seenColumns.set(column, i);
  });
  for (const required of ["unitId", "period"] as const) {
    if (!seenColumns.has(required))
      errors.push({ row: 1, column: required, value: "", key: "error.import.missingColumn" });
  }
  const isMetric = (column: ReportColumn): column is MetricId =>
    column !== "unitId" && column !== "period" && column !== "unitName";
  if (![...seenColumns.keys()].some(isMetric)) {
    errors.push({ row: 1, column: "", value: "", key: "error.import.noMetricColumns" });
  }
  if (data.length === 0) errors.push({ row: 1, column: "", value: "", key: "error.import.noRows" });
  if (errors.count > 0) return { reports, errors, blank };

  const unitAt = seenColumns.get("unitId") as number;
  const periodAt = seenColumns.get("period") as number;
  const metricColumns = [...seenColumns.entries()].filter((entry): entry is [MetricId, number] => isMetric(entry[0]));
  const firstRow = new Map<string, number>();

  data.forEach((cells, index) => {
    const row = index + 2;
    const cell = (at: number) => (cells[at] ?? "").trim();
    // A template row nobody filled in (no figure at all) is left out and counted, whatever its unit says.
    if (metricColumns.every(([, at]) => cell(at) === "")) {
      blank++;
      return;
    }
    const before = errors.count;
    const unitId = cell(unitAt);
    const periodText = cell(periodAt);
    if (unitId === "") errors.push({ row, column: heading[unitAt] as string, value: unitId, key: "error.required" });
    else if (!units.has(unitId)) {
      errors.push({
        row,
        column: heading[unitAt] as string,
        value: unitId,
        key: "error.unknownUnit",
        params: { value: unitId },
      });
    }
    const period = parsePeriod(periodText);
    if (!period) {
      errors.push({
        row,
        column: heading[periodAt] as string,
        value: periodText,
        key: "error.filingPeriod",
        params: { value: periodText },
      });
    } else if (period.kind !== "month" && period.kind !== "quarter") {
      errors.push({
        row,
        column: heading[periodAt] as string,
        value: periodText,
        key: "error.rollUpPeriod",
        params: { value: periodText },
      });
    } else {
      const notEnded = checkFilingOpen(period, now);
      if (notEnded)
        errors.push({
          row,
          column: heading[periodAt] as string,
          value: periodText,
          key: notEnded.key,
          params: notEnded.params,
        });
    }
    const metrics: Metrics = {};
    for (const [metric, at] of metricColumns) {
      const result = readCount(cell(at));
      if (!result.ok) errors.push({ row, column: heading[at] as string, value: cell(at), key: result.key });
      else if (result.value !== undefined) metrics[metric] = result.value;
    }
    if (errors.count > before) return;
    const key = `${unitId}\u0000${period?.id}`;
    const first = firstRow.get(key);
    if (first !== undefined) {
      errors.push({
        row,
        column: heading[unitAt] as string,
        value: unitId,
        key: "error.import.duplicateRow",
        params: { first, period: period?.id ?? "" },
      });
      return;
    }
    firstRow.set(key, row);
    const problems = checkRelations(metrics);
    for (const problem of problems) {
      const metric = problem.path.replace(/^metrics\./, "") as MetricId;
      const at = seenColumns.get(metric);
      errors.push({
        row,
        column: at === undefined ? metric : (heading[at] as string),
        value: at === undefined ? "" : cell(at),
        key: problem.key,
        ...(problem.params ? { params: problem.params } : {}),
      });
    }
    if (problems.length === 0) reports.push({ row, input: { unitId, period: period?.id as string, metrics } });
  });
  if (errors.count === 0 && reports.length === 0)
    errors.push({ row: 1, column: "", value: "", key: "error.import.allBlank", params: { blank } });
  return { reports, errors, blank };
}
