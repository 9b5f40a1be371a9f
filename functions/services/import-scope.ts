// What a file may change, checked row by row before anything is staged: each report row's unit must be
// one the uploader may file for, and its period still open for that unit's cohort (a file carries no
// reason, so a closed period takes late figures through the form); a commitments file may not amend
// signed commitments (that needs a reason, given in the form).

import { authorize } from "../../shared/access/authorize";
import type { Identity } from "../../shared/access/identity";
import type { Commitment } from "../../shared/commitments";
import type { ReportRow } from "../../shared/ingest/report-rows";
import { RowErrors } from "../../shared/ingest/row-error";
import type { Unit } from "../../shared/units";
import { filingRule } from "../../shared/workflow";
import { unitPath } from "../auth/guard";
import type { Deps } from "../deps";
import { governingStatus } from "./workflow";

export async function reportRowsAllowed(
  deps: Deps,
  uploader: Identity,
  units: readonly Unit[],
  rows: readonly ReportRow[],
): Promise<RowErrors> {
  const errors = new RowErrors();
  const cohortOf = new Map(units.map((unit) => [unit.id, unit.cohort]));
  const rules = new Map<string, ReturnType<typeof filingRule>>();
  for (const { row, input } of rows) {
    if (!authorize(uploader, "report.file", { unitPath: unitPath(units, input.unitId) }).allow) {
      errors.push({
        row,
        column: "unitId",
        value: input.unitId,
        key: "error.import.scope",
        params: { unit: input.unitId },
      });
      continue;
    }
    const cohort = cohortOf.get(input.unitId) ?? "";
    const key = `${cohort}\u0000${input.period}`;
    if (!rules.has(key)) rules.set(key, filingRule(await governingStatus(deps, cohort, input.period)));
    const rule = rules.get(key);
    if (rule !== "free") {
      errors.push({
        row,
        column: "period",
        value: input.period,
        key: rule === "frozen" ? "error.import.frozen" : "error.import.closed",
        params: { period: input.period, cohort },
      });
    }
  }
  return errors;
}

export async function commitmentRowsAllowed(
  deps: Deps,
  rows: readonly { row: number; commitment: Commitment }[],
): Promise<RowErrors> {
  const errors = new RowErrors();
  const years = [...new Set(rows.map(({ commitment }) => commitment.year))];
  const existing = new Map(
    (await Promise.all(years.map((year) => deps.store.commitmentsOfYear(year))))
      .flat()
      .map((version) => [`${version.unitId}\u0000${version.year}\u0000${version.measure}`, version]),
  );
  for (const { row: line, commitment: row } of rows) {
    const before = existing.get(`${row.unitId}\u0000${row.year}\u0000${row.measure}`);
    const changed =
      before &&
      (before.comparator !== row.comparator ||
        before.target !== row.target ||
        before.signedBy !== row.signedBy ||
        before.signedOn !== row.signedOn ||
        (before.note ?? null) !== (row.note ?? null));
    if (changed) {
      errors.push({ row: line, column: "target", value: String(row.target), key: "error.commitment.reasonRequired" });
    }
  }
  return errors;
}
