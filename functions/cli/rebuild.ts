// `cli rebuild [--table T --bucket B]`: every read model (leaderboards, matrices, filing lists) built
// again from the source items — in the local data folder (DATA_DIR, server stopped) or a deployed table.
// Source items are only read; a read model that can no longer be built is dropped.

import { resolve } from "node:path";
import { DataDirLockedError } from "../local/embedded";
import { openLocalStore } from "../local/server";
import { rebuildAll } from "../services/read-model-refresh";
import { CLOUD_OPTIONS, cloudTarget } from "./cloud-target";
import type { Command } from "./command";
import { CliError, type CliIo, say } from "./io";

async function rebuildWith(io: CliIo, deps: Parameters<typeof rebuildAll>[0]): Promise<void> {
  const started = performance.now();
  let shown = 0;
  const summary = await rebuildAll(deps, (done, total) => {
    // A line every tenth (a progress bar on a terminal would hide the failures printed after it).
    if (done === total || done >= shown + Math.ceil(total / 10)) {
      shown = done;
      io.stderr.write(`${say(io, "cli.rebuild.progress", { done, total })}\n`);
    }
  });
  for (const failure of summary.failed) io.stderr.write(`${say(io, "cli.rebuild.dropped", failure)}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  io.stdout.write(
    `${say(io, "cli.rebuild.done", { refreshed: summary.refreshed, dropped: summary.dropped, seconds })}\n`,
  );
}

export const rebuildCommand: Command = {
  name: "rebuild",
  help: "cli.rebuild.help",
  options: CLOUD_OPTIONS,
  async run(values, io) {
    const cloud = cloudTarget(values, io);
    if (cloud) return rebuildWith(io, cloud);
    const dataDir = resolve(process.env.DATA_DIR ?? ".data");
    const local = await openLocalStore(dataDir).catch((error: Error) => {
      if (error instanceof DataDirLockedError)
        throw new CliError([
          say(io, "cli.import.locked", { dataDir, url: `http://127.0.0.1:${process.env.PORT ?? 3000}` }),
        ]);
      throw error;
    });
    try {
      await rebuildWith(io, local.deps);
    } finally {
      await local.close();
    }
  },
};
