// The CLI dispatcher: picks the command, parses its options, prints help, maps failures to exit codes
// (0 done, 2 bad input or usage, 1 anything unexpected).

import { parseArgs } from "node:util";
import type { Command } from "./command";
import { importCommand } from "./import";
import { CliError, type CliIo, cliLang, say } from "./io";
import { loginCommand, logoutCommand } from "./login";
import { bundledIds } from "./methodology-arg";
import { rankCommand } from "./rank";
import { rebuildCommand } from "./rebuild";
import { scoreCommand } from "./score";
import { seedCommand } from "./seed";
import { sipasCommand } from "./sipas";
import { userCommand } from "./user";

const COMMANDS: readonly Command[] = [
  rankCommand,
  scoreCommand,
  sipasCommand,
  importCommand,
  seedCommand,
  rebuildCommand,
  loginCommand,
  logoutCommand,
  userCommand,
];

export async function runCli(
  args: readonly string[],
  io: Omit<CliIo, "lang">,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const withLang: CliIo = { ...io, lang: cliLang(args, env) };
  const [name, ...rest] = args;
  if (!name || name === "--help" || name === "-h" || name.startsWith("--lang")) {
    withLang.stdout.write(`${say(withLang, "cli.usage")}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    withLang.stderr.write(
      `${say(withLang, "cli.error.unknownCommand", { command: name })}\n${say(withLang, "cli.usage")}\n`,
    );
    return 2;
  }
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: { ...command.options, help: { type: "boolean", short: "h" }, lang: { type: "string" } },
      strict: true,
      allowPositionals: command.allowPositionals ?? false,
    });
    if (values.help) {
      withLang.stdout.write(`${say(withLang, command.help, { methodologies: bundledIds() })}\n`);
      return 0;
    }
    await command.run(values, withLang, positionals);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      withLang.stderr.write(`${error.lines.join("\n")}\n`);
      return 2;
    }
    if ((error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      withLang.stderr.write(`${say(withLang, "cli.error.option", { detail: (error as Error).message })}\n`);
      return 2;
    }
    // Not the user's input: say so plainly; the stack only for whoever debugs (PARWATCH_DEBUG=1).
    withLang.stderr.write(`${say(withLang, "error.internal")} ${(error as Error).message ?? String(error)}\n`);
    if (env.PARWATCH_DEBUG) withLang.stderr.write(`${(error as Error).stack ?? ""}\n`);
    return 1;
  }
}
