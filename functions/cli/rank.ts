// `cli rank`: ranks units by a given index within each cohort and bands them.

import { csvNumber } from "../../shared/csv";
import { RowErrors } from "../../shared/ingest/row-error";
import { bandsNamed } from "../../shared/methodology/bundled";
import { bandFor } from "../../shared/methodology/engine";
import { rank } from "../../shared/ranking";
import type { Command } from "./command";
import { parseDecimal, readCsv, rejectRows } from "./csv-input";
import { fail, outputFormat, writeTable } from "./io";
import { bundledIds } from "./methodology-arg";

export const rankCommand: Command = {
  name: "rank",
  help: "cli.rank.help",
  options: {
    input: { type: "string" },
    bands: { type: "string" },
    format: { type: "string" },
    output: { type: "string" },
  },
  async run(values, io) {
    const input = typeof values.input === "string" ? values.input : fail(io, "cli.error.required", { option: "input" });
    const bandsName = typeof values.bands === "string" ? values.bands : "par-national";
    const bands = bandsNamed(bandsName) ?? fail(io, "cli.error.bands", { value: bandsName, known: bundledIds() });
    const format = outputFormat(io, values.format as string | undefined);

    const errors = new RowErrors();
    const entries: { unit: string; cohort: string; index: number }[] = [];
    const firstRow = new Map<string, number>();
    let hasCohort = false;
    await readCsv(io, input, { required: ["unit", "index"], optional: ["cohort"] }, (cell, row) => {
      const unit = cell("unit");
      const cohort = cell("cohort");
      const text = cell("index");
      hasCohort ||= cohort !== "";
      const index = parseDecimal(text);
      if (unit === "") errors.push({ row, column: "unit", value: unit, key: "cli.error.requiredCell" });
      if (index === undefined) errors.push({ row, column: "index", value: text, key: "cli.error.number" });
      else if (index < 0 || index > 100)
        errors.push({ row, column: "index", value: text, key: "cli.error.indexRange" });
      const key = `${cohort}\u0000${unit}`;
      const first = firstRow.get(key);
      if (unit !== "" && first !== undefined) {
        errors.push({ row, column: "unit", value: unit, key: "cli.error.duplicateUnit", params: { first } });
      }
      if (unit !== "" && first === undefined) firstRow.set(key, row);
      if (unit !== "" && index !== undefined) entries.push({ unit, cohort, index });
    });
    if (errors.count > 0) rejectRows(io, errors);

    const cohorts = [...new Set(entries.map((entry) => entry.cohort))].sort();
    const rows = cohorts.flatMap((cohort) =>
      rank(
        entries.filter((e) => e.cohort === cohort).map((e) => ({ unitId: e.unit, name: e.unit, value: e.index })),
      ).map((ranked) => ({
        cohort,
        rank: ranked.rank,
        unit: ranked.unitId,
        index: ranked.value as number,
        band: bandFor(bands, ranked.value)?.id ?? "",
      })),
    );
    const header = hasCohort ? ["cohort", "rank", "unit", "index", "band"] : ["rank", "unit", "index", "band"];
    const table = rows.map((r) =>
      hasCohort ? [r.cohort, r.rank, r.unit, csvNumber(r.index), r.band] : [r.rank, r.unit, csvNumber(r.index), r.band],
    );
    const json = rows.map(({ cohort, ...rest }) => (hasCohort ? { cohort, ...rest } : rest));
    await writeTable(io, format, header, table, json, values.output as string | undefined);
  },
};
