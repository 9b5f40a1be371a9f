// `cli score`: scores each unit of a long-format file (unit,criterion,value) with a methodology, then
// ranks and bands them.

import { csvNumber } from "../../shared/csv";
import { RowErrors } from "../../shared/ingest/row-error";
import { buildLeaderboard } from "../../shared/leaderboard";
import { type ScoreInputs, scoreUnit } from "../../shared/methodology/engine";
import { type Deduction, leaves, type MethodologyNode } from "../../shared/methodology/model";
import type { Command } from "./command";
import { parseDecimal, readCsv, rejectRows } from "./csv-input";
import { fail, outputFormat, writeTable } from "./io";
import { resolveMethodology } from "./methodology-arg";

type Target = { kind: "leaf"; node: MethodologyNode } | { kind: "deduction"; deduction: Deduction };

export const scoreCommand: Command = {
  name: "score",
  help: "cli.score.help",
  options: {
    methodology: { type: "string" },
    input: { type: "string" },
    format: { type: "string" },
    output: { type: "string" },
  },
  async run(values, io) {
    const methodologyArg =
      typeof values.methodology === "string"
        ? values.methodology
        : fail(io, "cli.error.required", { option: "methodology" });
    const input = typeof values.input === "string" ? values.input : fail(io, "cli.error.required", { option: "input" });
    const format = outputFormat(io, values.format as string | undefined);
    const methodology = await resolveMethodology(io, methodologyArg, "points");

    const targets = new Map<string, Target>();
    for (const node of leaves(methodology.areas)) targets.set(node.id, { kind: "leaf", node });
    const collectDeductions = (nodes: readonly MethodologyNode[]) => {
      for (const node of nodes) {
        for (const deduction of node.deductions ?? []) targets.set(deduction.id, { kind: "deduction", deduction });
        if (node.children) collectDeductions(node.children);
      }
    };
    collectDeductions(methodology.areas);

    const errors = new RowErrors();
    const units = new Map<string, { leafValues: Record<string, number>; deductions: Record<string, number> }>();
    const firstRow = new Map<string, number>();
    await readCsv(io, input, { required: ["unit", "criterion", "value"] }, (cell, row) => {
      const unit = cell("unit");
      const criterion = cell("criterion");
      const text = cell("value");
      const value = parseDecimal(text);
      const target = targets.get(criterion);
      if (unit === "") errors.push({ row, column: "unit", value: unit, key: "cli.error.requiredCell" });
      if (!target) {
        errors.push({
          row,
          column: "criterion",
          value: criterion,
          key: "cli.error.unknownCriterion",
          params: { methodology: methodology.id },
        });
      }
      if (value === undefined) {
        errors.push({ row, column: "value", value: text, key: "cli.error.number" });
        return;
      }
      if (!target || unit === "") return;
      const key = `${unit}\u0000${criterion}`;
      const first = firstRow.get(key);
      if (first !== undefined) {
        errors.push({
          row,
          column: "criterion",
          value: criterion,
          key: "cli.error.duplicateCriterion",
          params: { first },
        });
        return;
      }
      firstRow.set(key, row);
      const entry = units.get(unit) ?? { leafValues: {}, deductions: {} };
      units.set(unit, entry);
      if (target.kind === "deduction") {
        if (value < 0 || value > target.deduction.max) {
          errors.push({
            row,
            column: "value",
            value: text,
            key: "cli.error.pointsRange",
            params: { max: target.deduction.max },
          });
        }
        entry.deductions[criterion] = value;
        return;
      }
      const rule = target.node.rule?.kind;
      if (rule === "manual" && (value < 0 || value > target.node.max)) {
        errors.push({
          row,
          column: "value",
          value: text,
          key: "cli.error.pointsRange",
          params: { max: target.node.max },
        });
      } else if (rule !== "manual" && (value < 0 || value > 100)) {
        errors.push({ row, column: "value", value: text, key: "cli.error.indexRange" });
      }
      entry.leafValues[criterion] = value;
    });
    if (errors.count > 0) rejectRows(io, errors);

    const scored = [...units.entries()].map(([unitId, entry]) => {
      const inputs: ScoreInputs = { leafValues: entry.leafValues, deductions: entry.deductions, measures: {} };
      return { unitId, name: unitId, scorecard: scoreUnit(methodology, inputs) };
    });
    const rows = buildLeaderboard(scored, []);
    const areaIds = methodology.areas.map((area) => area.id);
    const header = ["rank", "unit", ...areaIds.map((id) => `area_${id}`), "total", "max", "index", "band", "missing"];
    const cards = new Map(scored.map((unit) => [unit.unitId, unit.scorecard]));
    const table = rows.map((row) => {
      const card = cards.get(row.unitId);
      return [
        row.rank,
        row.unitId,
        ...row.areas.map((area) => csvNumber(area.score)),
        csvNumber(card?.total),
        csvNumber(card?.max),
        csvNumber(row.index),
        row.band?.id ?? "",
        card?.missing.map((m) => m.id).join(" ") ?? "",
      ];
    });
    const json = rows.map((row) => ({ ...row, scorecard: cards.get(row.unitId) }));
    await writeTable(io, format, header, table, json, values.output as string | undefined);
  },
};
