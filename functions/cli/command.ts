// The shape of a CLI command: its options (node:util parseArgs), its help text and its run.

import type { ParseArgsConfig } from "node:util";
import type { MessageKey } from "../../shared/i18n";
import type { CliIo } from "./io";

export type OptionValues = Record<string, string | boolean | undefined>;

export interface Command {
  readonly name: string;
  readonly help: MessageKey;
  readonly options: NonNullable<ParseArgsConfig["options"]>;
  /** Whether the command takes plain arguments (e.g. the file of `import`). */
  readonly allowPositionals?: boolean;
  run(values: OptionValues, io: CliIo, positionals?: readonly string[]): Promise<void>;
}
