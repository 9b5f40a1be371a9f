// Checks the rows of a commitments file: unit,year,measure,comparator,target,signedBy,signedOn[,note].

import { type Commitment, checkCommitment } from "../commitments";
import { readHeadings } from "./columns";
import { RowErrors } from "./row-error";

const COLUMNS = ["unit", "year", "measure", "comparator", "target", "signedBy", "signedOn", "note"] as const;
const REQUIRED = COLUMNS.slice(0, 7);
const ALIASES: Record<string, (typeof COLUMNS)[number]> = { unitid: "unit", "ma don vi": "unit" };

export function checkCommitmentRows(
  rows: readonly (readonly string[])[],
  units: ReadonlySet<string>,
): { commitments: { row: number; commitment: Commitment }[]; errors: RowErrors } {
  const errors = new RowErrors();
  const [heading = [], ...data] = rows;
  const at = readHeadings(
    heading,
    (name) => ALIASES[name] ?? COLUMNS.find((candidate) => candidate.toLowerCase() === name),
    errors,
    REQUIRED,
  );
  if (data.length === 0) errors.push({ row: 1, column: "", value: "", key: "error.import.noRows" });
  if (errors.count > 0) return { commitments: [], errors };

  const commitments: { row: number; commitment: Commitment }[] = [];
  const firstRow = new Map<string, number>();
  data.forEach((cells, index) => {
    const row = index + 2;
    const cell = (column: string) => {
      const position = at.get(column as (typeof COLUMNS)[number]);
      return position === undefined ? "" : (cells[position] ?? "").trim();
    };
    const unitId = cell("unit");
    const checked = checkCommitment({
      unitId,
      year: cell("year"),
      measure: cell("measure"),
      comparator: cell("comparator"),
      target: cell("target"),
      signedBy: cell("signedBy"),
      signedOn: cell("signedOn"),
      note: cell("note"),
    });
    const column = (path: string) => (path === "unitId" ? "unit" : path);
    if (!checked.ok) {
      for (const issue of checked.issues) {
        errors.push({
          row,
          column: column(issue.path),
          value: cell(column(issue.path)),
          key: issue.key,
          ...(issue.params ? { params: issue.params } : {}),
        });
      }
      return;
    }
    if (!units.has(unitId)) {
      errors.push({ row, column: "unit", value: unitId, key: "error.unknownUnit", params: { value: unitId } });
      return;
    }
    const key = `${unitId}\u0000${checked.value.year}\u0000${checked.value.measure}`;
    const first = firstRow.get(key);
    if (first !== undefined) {
      errors.push({
        row,
        column: "measure",
        value: checked.value.measure,
        key: "error.import.duplicateRow",
        params: { first, period: String(checked.value.year) },
      });
      return;
    }
    firstRow.set(key, row);
    commitments.push({ row, commitment: checked.value });
  });
  return { commitments, errors };
}
