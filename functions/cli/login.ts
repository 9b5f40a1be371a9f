// `cli login --server URL --username NAME` (password from PARWATCH_PASSWORD or stdin) and
// `cli logout --server URL`: the session a `--server` command sends as its bearer token.

import type { Command } from "./command";
import { CliError, fail, say } from "./io";
import { saveSession, secretInput, sessionToken } from "./session";

export const loginCommand: Command = {
  name: "login",
  help: "cli.login.help",
  options: { server: { type: "string" }, username: { type: "string" } },
  async run(values, io) {
    const server =
      typeof values.server === "string" ? values.server : fail(io, "cli.error.required", { option: "server" });
    const username =
      typeof values.username === "string" ? values.username : fail(io, "cli.error.required", { option: "username" });
    if (!process.env.PARWATCH_PASSWORD && process.stdin.isTTY) io.stderr.write(`${say(io, "cli.login.prompt")} `);
    const password = await secretInput("PARWATCH_PASSWORD");
    const response = await fetch(new URL("/api/auth/login", server), {
      method: "POST",
      headers: { "content-type": "application/json", "accept-language": io.lang },
      body: JSON.stringify({ username, password }),
    });
    const body = (await response.json().catch(() => ({}))) as {
      token?: string;
      expiresAt?: string;
      user?: { username: string; role: string };
      errors?: { message: string }[];
    };
    if (!response.ok || !body.token || !body.user) {
      throw new CliError(body.errors?.map((error) => error.message) ?? [`HTTP ${response.status}`]);
    }
    const file = await saveSession(server, {
      token: body.token,
      username: body.user.username,
      expiresAt: body.expiresAt ?? "",
    });
    io.stdout.write(`${say(io, "cli.login.done", { username: body.user.username, role: body.user.role, file })}\n`);
  },
};

export const logoutCommand: Command = {
  name: "logout",
  help: "cli.logout.help",
  options: { server: { type: "string" } },
  async run(values, io) {
    const server =
      typeof values.server === "string" ? values.server : fail(io, "cli.error.required", { option: "server" });
    const token = await sessionToken(io, server).catch(() => undefined);
    if (token) {
      await fetch(new URL("/api/auth/logout", server), {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
      });
    }
    await saveSession(server, undefined);
    io.stdout.write(`${say(io, "cli.logout.done")}\n`);
  },
};
