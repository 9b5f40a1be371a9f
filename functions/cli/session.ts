// Who the CLI is. On the data folder or a deployed table it is the machine's operator (recorded as
// "operator:<name>" in the audit trail). Against a running server it signs in like anyone else:
// `cli login` keeps the server's session token in ~/.config/parwatch/sessions.json (mode 600), or
// PARWATCH_TOKEN gives one.

import { mkdir, readFile, writeFile } from "node:fs/promises";
import { homedir, userInfo } from "node:os";
import { dirname, join } from "node:path";
import { type CliIo, fail } from "./io";

export function operatorName(): string {
  try {
    return userInfo().username || "cli";
  } catch {
    return process.env.USER ?? "cli";
  }
}

const sessionsFile = () =>
  join(process.env.PARWATCH_CONFIG_DIR ?? join(homedir(), ".config", "parwatch"), "sessions.json");

type Sessions = Record<string, { token: string; username: string; expiresAt: string }>;

async function readSessions(): Promise<Sessions> {
  try {
    return JSON.parse(await readFile(sessionsFile(), "utf8")) as Sessions;
  } catch {
    return {};
  }
}

export async function saveSession(server: string, session: Sessions[string] | undefined): Promise<string> {
  const sessions = await readSessions();
  const origin = new URL(server).origin;
  if (session) sessions[origin] = session;
  else delete sessions[origin];
  const file = sessionsFile();
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify(sessions, null, 2)}\n`, { mode: 0o600 });
  return file;
}

/** The bearer token for a server: PARWATCH_TOKEN, else the one `cli login` saved (still valid). */
export async function sessionToken(io: CliIo, server: string): Promise<string> {
  if (process.env.PARWATCH_TOKEN) return process.env.PARWATCH_TOKEN;
  const saved = (await readSessions())[new URL(server).origin];
  if (saved && Date.parse(saved.expiresAt) > Date.now()) return saved.token;
  return fail(io, "cli.login.needed", { server });
}

/** A secret from an environment variable, else the first line of stdin (a pipe or a typed line). */
export async function secretInput(name: string): Promise<string> {
  const fromEnv = process.env[name];
  if (fromEnv) return fromEnv;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}
