// What every CLI command shares: its streams and language, the error that ends a run with exit code 2,
// and writing the result to stdout or --output.

import { writeFile } from "node:fs/promises";
import type { Writable } from "node:stream";
import { type CsvCell, csvLine } from "../../shared/csv";
import { type Lang, type MessageKey, type MessageParams, translate } from "../../shared/i18n";
import "../../shared/i18n/cli";

export interface CliIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly lang: Lang;
  /** Progress lines are printed only to a terminal (or when forced in tests). */
  readonly showProgress: boolean;
}

/** Bad input or usage: the run stops, prints these lines on stderr and exits with code 2. */
export class CliError extends Error {
  constructor(readonly lines: readonly string[]) {
    super(lines.join("\n"));
    this.name = "CliError";
  }
}

export const say = (io: CliIo, key: MessageKey, params?: MessageParams) => translate(io.lang, key, params);

export function fail(io: CliIo, key: MessageKey, params?: MessageParams): never {
  throw new CliError([say(io, key, params)]);
}

/** Language: --lang, then PARWATCH_LANG, then LANG (vi_VN…); Vietnamese unless English is asked for. */
export function cliLang(args: readonly string[], env: NodeJS.ProcessEnv): Lang {
  const flag = args.findIndex((arg) => arg === "--lang" || arg.startsWith("--lang="));
  const value = flag < 0 ? undefined : args[flag]?.includes("=") ? args[flag]?.split("=")[1] : args[flag + 1];
  const chosen = value ?? env.PARWATCH_LANG ?? (env.LANG?.toLowerCase().startsWith("en") ? "en" : undefined);
  return chosen === "en" ? "en" : "vi";
}

export type OutputFormat = "csv" | "json";

export function outputFormat(io: CliIo, value: string | undefined): OutputFormat {
  if (value === undefined || value === "csv") return "csv";
  if (value === "json") return "json";
  return fail(io, "cli.error.format");
}

/** Writes a table as CSV, or its rows as JSON objects, to --output or stdout. */
export async function writeTable(
  io: CliIo,
  format: OutputFormat,
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  json: unknown,
  output: string | undefined,
): Promise<void> {
  const text =
    format === "json" ? `${JSON.stringify(json, null, 2)}\n` : `${[header, ...rows].map(csvLine).join("\n")}\n`;
  if (output) await writeFile(output, text, "utf8");
  else io.stdout.write(text);
}
