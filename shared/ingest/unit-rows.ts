// Checks the rows of a units file (id, name, parentId, cohort): ids, names, cohorts, parents that exist
// in the file or already, duplicates and loops. Existing units with the same id are updated.

import { treeProblems, type Unit } from "../units";
import { readHeadings } from "./columns";
import { RowErrors } from "./row-error";

type UnitColumn = "id" | "name" | "parentId" | "cohort";

const HEADINGS: Record<string, UnitColumn> = {
  id: "id",
  "ma don vi": "id",
  name: "name",
  "ten don vi": "name",
  parentid: "parentId",
  "ma don vi cap tren": "parentId",
  cohort: "cohort",
  nhom: "cohort",
};

const ID = /^[a-z0-9][a-z0-9-]{0,79}$/;
const COHORT = /^[a-z][a-z0-9-]{0,39}$/;

export interface UnitRow {
  readonly row: number;
  readonly unit: Unit;
}

export function checkUnitRows(
  rows: readonly (readonly string[])[],
  existing: readonly Unit[],
): { units: UnitRow[]; errors: RowErrors } {
  const errors = new RowErrors();
  const [heading = [], ...data] = rows;
  const at = readHeadings(heading, (name) => HEADINGS[name], errors, ["id", "name", "cohort"]);
  if (data.length === 0) errors.push({ row: 1, column: "", value: "", key: "error.import.noRows" });
  if (errors.count > 0) return { units: [], errors };

  const units: UnitRow[] = [];
  const firstRow = new Map<string, number>();
  data.forEach((cells, index) => {
    const row = index + 2;
    const cell = (column: UnitColumn) => (at.has(column) ? (cells[at.get(column) as number] ?? "").trim() : "");
    const id = cell("id");
    const name = cell("name");
    const parentId = cell("parentId");
    const cohort = cell("cohort");
    const before = errors.count;
    if (!ID.test(id)) errors.push({ row, column: "id", value: id, key: id === "" ? "error.required" : "error.text" });
    if (name === "") errors.push({ row, column: "name", value: name, key: "error.required" });
    if (!COHORT.test(cohort))
      errors.push({
        row,
        column: "cohort",
        value: cohort,
        key: cohort === "" ? "error.required" : "error.import.cohort",
      });
    const first = firstRow.get(id);
    if (first !== undefined)
      errors.push({ row, column: "id", value: id, key: "error.import.duplicateUnit", params: { value: id, first } });
    if (errors.count > before) return;
    firstRow.set(id, row);
    units.push({ row, unit: { id, name, parentId: parentId === "" ? null : parentId, cohort } });
  });
  if (errors.count > 0) return { units, errors };

  // The tree after the import: existing units, replaced by the file's where ids match.
  const merged = new Map(existing.map((unit) => [unit.id, unit]));
  for (const { unit } of units) merged.set(unit.id, unit);
  const rowOf = new Map(units.map(({ row, unit }) => [unit.id, row]));
  for (const problem of treeProblems([...merged.values()])) {
    const row = rowOf.get(problem.id);
    if (row === undefined) continue;
    if (problem.kind === "unknownParent") {
      errors.push({
        row,
        column: "parentId",
        value: problem.parentId,
        key: "error.import.parentUnknown",
        params: { value: problem.parentId },
      });
    } else if (problem.kind === "cycle") {
      errors.push({
        row,
        column: "parentId",
        value: merged.get(problem.id)?.parentId ?? "",
        key: "error.import.cycle",
        params: { value: problem.id },
      });
    }
  }
  return { units, errors };
}
