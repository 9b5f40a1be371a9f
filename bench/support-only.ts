// Runs one or more load benches on their own, without the rest of `npm run bench`:
//   npx tsx bench/support-only.ts speed nationwide load cost faults web   (BENCH_SECONDS=2 for a smoke run)

import { costBenchmarks } from "./cost";
import { faultBenchmarks } from "./faults";
import { loadBenchmarks } from "./load";
import { nationwideBenchmarks } from "./nationwide";
import { speedBenchmarks } from "./speed";
import { webBenchmarks } from "./web";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const benches: Record<string, () => Promise<unknown>> = {
  speed: speedBenchmarks,
  nationwide: nationwideBenchmarks,
  load: loadBenchmarks,
  cost: costBenchmarks,
  faults: faultBenchmarks,
  web: webBenchmarks,
};
const wanted = process.argv.slice(2);
for (const name of wanted.length > 0 ? wanted : Object.keys(benches)) {
  const bench = benches[name];
  if (!bench) throw new Error(`unknown bench ${name}: ${Object.keys(benches).join(", ")}`);
  console.log(`\n${name} — Node ${process.version}, ${new Date().toISOString()}\n`);
  await bench();
}
console.log(`\npeak RSS of the bench process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
