// Streams a CSV file row by row (papaparse: about twice as fast as csv-parse on a million rows here),
// checks the header, and collects row errors with their row numbers so a command can reject the whole
// file with every problem listed.

import { createReadStream } from "node:fs";
import Papa from "papaparse";
import type { RowErrors } from "../../shared/ingest/row-error";
import { CliError, type CliIo, say } from "./io";

const SHOWN_ERRORS = 50;

/**
 * Reads every data row; `onRow` gets a cell reader by column name and the row number (the header is
 * row 1). Columns are matched case-insensitively; a UTF-8 BOM is ignored.
 */
export async function readCsv(
  io: CliIo,
  file: string,
  columns: { required: readonly string[]; optional?: readonly string[] },
  onRow: (cell: (column: string) => string, row: number) => void,
): Promise<number> {
  const expected = [...columns.required, ...(columns.optional ?? [])].join(",");
  const progressEvery = 100_000;
  const locale = io.lang === "vi" ? "vi-VN" : "en-GB";
  let header: Map<string, number> | undefined;
  let row = 1;
  // One reader for all rows (no closure per row): it looks into the record being handled.
  let current: string[] = [];
  const cell = (column: string) => (current[header?.get(column) ?? -1] ?? "").trim();
  await new Promise<void>((resolve, reject) => {
    let failure: unknown;
    const source = createReadStream(file, { highWaterMark: 1 << 20 });
    source.on("error", (error) => reject(new CliError([say(io, "cli.error.file", { file, detail: error.message })])));
    Papa.parse<string[]>(source, {
      skipEmptyLines: true,
      step: (results, parser) => {
        const record = results.data;
        if (!header) {
          header = new Map(
            record.map((name, i) => [
              name
                .replace(/^\ufeff/, "")
                .trim()
                .toLowerCase(),
              i,
            ]),
          );
          const missing = columns.required.filter((name) => !header?.has(name.toLowerCase()));
          if (missing.length > 0) {
            failure = new CliError([say(io, "cli.error.columns", { columns: missing.join(", "), expected })]);
            parser.abort();
          }
          return;
        }
        row++;
        current = record;
        try {
          onRow(cell, row);
        } catch (error) {
          failure = error;
          parser.abort();
          return;
        }
        if (io.showProgress && (row - 1) % progressEvery === 0) {
          io.stderr.write(`\r${say(io, "cli.progress", { rows: (row - 1).toLocaleString(locale) })}`);
        }
      },
      complete: () => (failure ? reject(failure) : resolve()),
      error: (error) => reject(new CliError([say(io, "cli.error.file", { file, detail: error.message })])),
    });
  });
  if (io.showProgress && row > progressEvery) io.stderr.write("\n");
  if (!header) throw new CliError([say(io, "cli.error.columns", { columns: columns.required.join(", "), expected })]);
  return row - 1;
}

/** Ends the run listing the row errors (the first 50, then a count). */
export function rejectRows(io: CliIo, errors: RowErrors): never {
  const lines = errors.kept.slice(0, SHOWN_ERRORS).map((error) =>
    say(io, "cli.error.row", {
      row: error.row,
      column: error.column,
      value: error.value === "" ? "∅" : error.value,
      message: say(io, error.key, error.params),
    }),
  );
  const shown = Math.min(SHOWN_ERRORS, errors.kept.length);
  if (errors.count > shown) lines.push(say(io, "cli.error.moreRows", { count: errors.count - shown }));
  lines.push(say(io, "cli.error.rejected", { count: errors.count }));
  throw new CliError(lines);
}

/** Parses a decimal number written either way ("94.86" or "94,86"); undefined when it is not one. */
export function parseDecimal(text: string): number | undefined {
  if (!/^-?\d+([.,]\d+)?$/.test(text)) return undefined;
  return Number(text.replace(",", "."));
}
