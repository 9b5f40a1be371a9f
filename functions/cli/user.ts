// `cli user add --username NAME --role ROLE [--unit ID] [--display-name "…"]` and `cli user list`
// (user name, role, unit, state, display name; tab-separated UTF-8), on the data folder as the machine's
// operator: how the first admin of a non-demo installation is made. A display name the terminal sent in
// another code page arrives garbled and is refused with a sentence (exit 2), never stored so.
// The password comes from PARWATCH_NEW_PASSWORD or the first line of stdin.

import { resolve } from "node:path";
import { operator } from "../../shared/access/identity";
import { InvalidInputError } from "../../shared/errors";
import { localizeIssues } from "../../shared/validation";
import { openLocalStore } from "../local/server";
import { createUser } from "../services/users";
import type { Command } from "./command";
import { CliError, fail, say } from "./io";
import { operatorName, secretInput } from "./session";

export const userCommand: Command = {
  name: "user",
  help: "cli.user.help",
  options: {
    username: { type: "string" },
    role: { type: "string" },
    unit: { type: "string" },
    "display-name": { type: "string" },
  },
  allowPositionals: true,
  async run(values, io, positionals = []) {
    const [action] = positionals;
    if (action !== "add" && action !== "list") return fail(io, "cli.user.help");
    const local = await openLocalStore(resolve(process.env.DATA_DIR ?? ".data"));
    try {
      if (action === "list") {
        for (const user of await local.deps.store.listUsers()) {
          io.stdout.write(
            `${user.username}\t${user.role}\t${user.unitId ?? "-"}\t${user.disabled ? "disabled" : "active"}\t${user.displayName}\n`,
          );
        }
        return;
      }
      if (!process.env.PARWATCH_NEW_PASSWORD && process.stdin.isTTY) io.stderr.write(`${say(io, "cli.login.prompt")} `);
      const password = await secretInput("PARWATCH_NEW_PASSWORD");
      const actor = { identity: operator(operatorName()), source: "cli" as const };
      const user = await createUser(local.deps, actor, {
        username: values.username,
        role: values.role,
        ...(typeof values.unit === "string" ? { unitId: values.unit } : {}),
        ...(typeof values["display-name"] === "string" ? { displayName: values["display-name"] } : {}),
        password,
      }).catch((error: unknown) => {
        if (error instanceof InvalidInputError) {
          throw new CliError(localizeIssues(error.issues, io.lang).map((issue) => `${issue.path}: ${issue.message}`));
        }
        throw error;
      });
      io.stdout.write(`${say(io, "cli.user.created", { username: user.username, role: user.role })}\n`);
    } finally {
      await local.close();
    }
  },
};
