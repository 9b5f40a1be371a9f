// `npm run bench`: prints speed and memory figures for this machine. No pass/fail — targets are read by
// people (and quoted in notes), never asserted in tests.

import { foundationBenchmarks } from "./foundation";
import { megabytes, record } from "./measure";
import { scoringBenchmarks } from "./scoring";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
console.log(`ParWatch benchmarks — Node ${process.version}, ${new Date().toISOString()}\n`);
console.log("Foundation");
await foundationBenchmarks();
console.log("\nScoring engine");
await scoringBenchmarks();
record("\npeak RSS of the benchmark process", megabytes(process.resourceUsage().maxRSS * 1024));
