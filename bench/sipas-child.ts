// Runs `cli sipas` (CSV out) on a file in this fresh process and prints {elapsed, maxRss, units} as JSON,
// so the benchmark reads the aggregation's own peak memory.

import { Writable } from "node:stream";
import { runCli } from "../functions/cli/run";

const file = process.argv[2] as string;
let csv = "";
const stdout = new Writable({
  write(chunk, _encoding, done) {
    csv += chunk.toString();
    done();
  },
});
const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
const started = performance.now();
const code = await runCli(["sipas", "--input", file], { stdout, stderr: discard, showProgress: false }, {});
const elapsed = performance.now() - started;
if (code !== 0) throw new Error(`sipas exited ${code}`);
console.log(
  JSON.stringify({ elapsed, maxRss: process.resourceUsage().maxRSS * 1024, units: csv.trim().split("\n").length - 1 }),
);
