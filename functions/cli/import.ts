// `cli import`: a reports, units, SIPAS or commitments file into the local data folder (no server running),
// through a running server's upload path (--server), or into a deployed table (--table/--bucket). All or nothing; exit 0 when accepted, 2 with the row errors when not.

import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { actorName, operator } from "../../shared/access/identity";
import { localizeRowError, type RowError } from "../../shared/ingest/row-error";
import { DataDirLockedError } from "../local/embedded";
import { openLocalStore } from "../local/server";
import type { ImportRecord } from "../ports";
import { type ImportHooks, recoverImports } from "../services/import-apply";
import type { ImportOutcome } from "../services/import-records";
import { runImport } from "../services/imports";
import { CLOUD_OPTIONS, cloudTarget } from "./cloud-target";
import type { Command } from "./command";
import { CliError, type CliIo, fail, say } from "./io";
import { operatorName, sessionToken } from "./session";

export const importCommand: Command = {
  name: "import",
  help: "cli.import.help",
  options: {
    kind: { type: "string" },
    period: { type: "string" },
    server: { type: "string" },
    user: { type: "string" },
    ...CLOUD_OPTIONS,
  },
  allowPositionals: true,
  async run(values, io, positionals = []) {
    const kind = typeof values.kind === "string" ? values.kind : fail(io, "cli.error.required", { option: "kind" });
    const file = positionals[0] ?? fail(io, "cli.error.required", { option: "FILE" });
    // On the data folder (or a deployed table with AWS credentials) the CLI is the machine's operator.
    const user = typeof values.user === "string" ? values.user : operatorName();
    const period = typeof values.period === "string" ? values.period : undefined;
    const started = performance.now();
    io.stderr.write(`${say(io, "cli.import.reading", { file })}\n`);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file); // a Buffer is a Uint8Array: no copy of a large file
    } catch (error) {
      return fail(io, "cli.error.file", { file, detail: (error as Error).message });
    }
    const fileName = basename(file);
    const uploader = operator(user);
    const request = { kind, fileName, bytes, uploadedBy: actorName(uploader), uploader, ...(period ? { period } : {}) };
    const cloud = cloudTarget(values, io);
    const outcome =
      typeof values.server === "string"
        ? await viaServer(io, values.server, { kind, fileName, period }, bytes)
        : cloud
          ? await runImport(cloud, request, withProgress(io))
          : await locally(io, request);
    report(io, outcome, file, started);
  },
};

function report(
  io: CliIo,
  outcome: { record: ImportRecord; errors: readonly RowError[] },
  file: string,
  started: number,
) {
  const { record } = outcome;
  if (record.status === "applied") {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    io.stdout.write(
      `${say(io, "cli.import.applied", { rows: record.rows, file, importId: record.importId, seconds })}\n`,
    );
    return;
  }
  if (record.status === "duplicate") {
    io.stdout.write(`${say(io, "cli.import.duplicate", { importId: record.duplicateOf ?? "" })}\n`);
    return;
  }
  if (record.status === "rejected") {
    const lines = outcome.errors.slice(0, 50).map((error) => {
      const localized = localizeRowError(error, io.lang);
      return say(io, "cli.error.row", {
        row: localized.row,
        column: localized.column || "–",
        value: localized.value || "∅",
        message: localized.message,
      });
    });
    if (record.errorCount > lines.length)
      lines.push(say(io, "cli.error.moreRows", { count: record.errorCount - lines.length }));
    lines.push(say(io, "cli.error.rejected", { count: record.errorCount }));
    throw new CliError(lines);
  }
  throw new CliError([say(io, "cli.import.failed", { importId: record.importId, status: record.status })]);
}

/** A progress bar on stderr for terminals: "Ghi dữ liệu [#########           ] 45 %". */
function progressBar(io: CliIo, total: number): ((applied: number) => void) | undefined {
  if (!io.showProgress || total < 200) return undefined;
  let last = -1;
  return (applied) => {
    const percent = Math.floor((applied * 100) / total);
    if (percent === last) return;
    last = percent;
    const filled = Math.round(percent / 5);
    io.stderr.write(
      `\r${say(io, "cli.import.applying")} [${"#".repeat(filled)}${" ".repeat(20 - filled)}] ${percent} %`,
    );
    if (applied === total) io.stderr.write("\n");
  };
}

/** Test seam: PARWATCH_FAULT=stage or apply:N kills this process there, as a power cut would. */
function faultHooks(): ImportHooks {
  const fault = process.env.PARWATCH_FAULT ?? "";
  const kill = () => process.kill(process.pid, "SIGKILL");
  if (fault === "stage") return { afterStage: kill };
  const [phase, count] = fault.split(":");
  if (phase === "apply") return { afterApplyRow: (applied) => (applied === Number(count) ? kill() : undefined) };
  return {};
}

async function locally(io: CliIo, request: Parameters<typeof runImport>[1]): Promise<ImportOutcome> {
  const dataDir = resolve(process.env.DATA_DIR ?? ".data");
  const local = await openLocalStore(dataDir).catch((error: Error) => {
    if (error instanceof DataDirLockedError) {
      throw new CliError([
        say(io, "cli.import.locked", { dataDir, url: `http://127.0.0.1:${process.env.PORT ?? 3000}` }),
      ]);
    }
    throw error;
  });
  try {
    const recovered = await recoverImports(local.deps);
    if (recovered.applied + recovered.failed > 0) io.stderr.write(`${say(io, "cli.import.recovered", recovered)}\n`);
    return await runImport(local.deps, request, withProgress(io, faultHooks()));
  } finally {
    await local.close();
  }
}

/** Progress on stderr once the file is staged, around the fault seams (local runs only). */
function withProgress(io: CliIo, fault: ImportHooks = {}): ImportHooks {
  let bar: ((applied: number) => void) | undefined;
  return {
    afterStage: (rows) => {
      fault.afterStage?.(rows);
      bar = progressBar(io, rows);
    },
    afterApplyRow: (applied, total) => {
      fault.afterApplyRow?.(applied, total);
      bar?.(applied);
    },
  };
}

async function viaServer(
  io: CliIo,
  server: string,
  announce: { kind: string; fileName: string; period?: string },
  bytes: Uint8Array,
): Promise<ImportOutcome> {
  const base = server.replace(/\/$/, "");
  const headers = {
    "content-type": "application/json",
    "accept-language": io.lang,
    authorization: `Bearer ${await sessionToken(io, base)}`,
  };
  const announced = await fetch(`${base}/api/imports`, { method: "POST", headers, body: JSON.stringify(announce) });
  const body = await announced.json();
  if (!announced.ok)
    throw new CliError(
      body.errors.map((error: { path: string; message: string }) => `${error.path}: ${error.message}`),
    );
  const put = await fetch(body.uploadUrl, { method: "PUT", headers: body.headers, body: Buffer.from(bytes) });
  if (!put.ok)
    throw new CliError([say(io, "cli.error.file", { file: announce.fileName, detail: `upload HTTP ${put.status}` })]);
  for (;;) {
    const status = await (await fetch(`${base}/api/imports/${body.importId}`, { headers })).json();
    if (!["pending", "staged", "committed"].includes(status.record.status)) {
      // The server localised the errors already; carry them as ready-made messages.
      return {
        record: status.record,
        errors: status.errors.map((error: { row: number; column: string; value: string; message: string }) => ({
          row: error.row,
          column: error.column,
          value: error.value,
          key: "cli.import.serverMessage",
          params: { message: error.message },
        })),
      };
    }
    await new Promise((done) => setTimeout(done, 200));
  }
}
