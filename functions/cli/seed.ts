// `cli seed --table T --bucket B`: the demo province (the one `npm start` seeds locally) written into a
// deployed table, for a first look at a new deployment. Refuses a table that already holds units.

import { seedDemoProvince } from "../local/seed";
import { CLOUD_OPTIONS, cloudTarget } from "./cloud-target";
import type { Command } from "./command";
import { fail, say } from "./io";

export const seedCommand: Command = {
  name: "seed",
  help: "cli.seed.help",
  options: CLOUD_OPTIONS,
  async run(values, io) {
    const deps = cloudTarget(values, io) ?? fail(io, "cli.error.required", { option: "table" });
    const existing = await deps.store.listUnits();
    if (existing.length > 0) return fail(io, "cli.seed.notEmpty", { units: existing.length });
    const started = performance.now();
    io.stderr.write(`${say(io, "cli.seed.writing")}\n`);
    const summary = await seedDemoProvince(deps);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    io.stdout.write(`${say(io, "cli.seed.done", { ...summary, seconds })}\n`);
  },
};
