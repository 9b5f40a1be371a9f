// `cli sipas`: aggregates SIPAS answers streamed from a CSV file into per-unit indices.

import { csvNumber } from "../../shared/csv";
import { RowErrors } from "../../shared/ingest/row-error";
import { bundledMethodology } from "../../shared/methodology/bundled";
import type { Methodology } from "../../shared/methodology/model";
import { addAnswerRow, SIPAS_COLUMNS, SipasAggregator } from "../../shared/sipas";
import type { Command } from "./command";
import { readCsv, rejectRows } from "./csv-input";
import { fail, outputFormat, say, writeTable } from "./io";
import { resolveMethodology } from "./methodology-arg";

export const sipasCommand: Command = {
  name: "sipas",
  help: "cli.sipas.help",
  options: {
    input: { type: "string" },
    methodology: { type: "string" },
    format: { type: "string" },
    output: { type: "string" },
  },
  async run(values, io) {
    const started = performance.now();
    const input = typeof values.input === "string" ? values.input : fail(io, "cli.error.required", { option: "input" });
    const format = outputFormat(io, values.format as string | undefined);
    const methodology =
      typeof values.methodology === "string"
        ? await resolveMethodology(io, values.methodology, "survey")
        : (bundledMethodology("sipas") as Methodology);

    const aggregator = new SipasAggregator(methodology);
    const errors = new RowErrors();
    const rows = await readCsv(io, input, SIPAS_COLUMNS, (cell, row) => {
      errors.pushIssues(row, addAnswerRow(aggregator, cell), cell);
    });
    if (errors.count > 0) rejectRows(io, errors);

    const results = aggregator.results();
    const elementIds = methodology.areas.map((element) => element.id);
    const header = [
      "unit",
      "respondents",
      "answers",
      ...elementIds.map((id) => `element_${id}`),
      "sipas",
      "minimumSample",
      "sampleTooSmall",
    ];
    const table = results.map((result) => [
      result.unit,
      result.respondents,
      result.answers,
      ...result.elements.map((element) => csvNumber(element.index)),
      csvNumber(result.sipas),
      result.minimumSample,
      result.sampleTooSmall,
    ]);
    await writeTable(io, format, header, table, results, values.output as string | undefined);
    const small = results.filter((result) => result.sampleTooSmall).length;
    if (small > 0) io.stderr.write(`${say(io, "cli.sipas.warnSample", { count: small })}\n`);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    io.stderr.write(`${say(io, "cli.sipas.summary", { units: results.length, rows, seconds })}\n`);
  },
};
