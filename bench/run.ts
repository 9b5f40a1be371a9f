// `npm run bench`: prints speed and memory figures for this machine. No pass/fail — targets are read by
// people (and quoted in notes), never asserted in tests.

import { cloudBenchmarks } from "./cloud";
import { foundationBenchmarks } from "./foundation";
import { ingestBenchmarks } from "./ingest";
import { megabytes, record } from "./measure";
import { publicBenchmarks } from "./public";
import { scoringBenchmarks } from "./scoring";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
console.log(`ParWatch benchmarks — Node ${process.version}, ${new Date().toISOString()}\n`);
// The in-memory engine runs first, before the servers of the foundation figures fill the heap.
console.log("Scoring engine");
await scoringBenchmarks();
console.log("\nIngestion");
await ingestBenchmarks();
console.log("\nFoundation");
await foundationBenchmarks();
console.log("\nCloud");
await cloudBenchmarks();
console.log("\nPublic pages");
await publicBenchmarks();
await (await import("./faults")).faultBenchmarks();
await (await import("./speed")).speedBenchmarks();
await (await import("./load")).loadBenchmarks();
await (await import("./nationwide")).nationwideBenchmarks();
console.log("\nDynamoDB capacity per call");
await (await import("./cost")).costBenchmarks();
await (await import("./web")).webBenchmarks();
record("\npeak RSS of the benchmark process", megabytes(process.resourceUsage().maxRSS * 1024));
