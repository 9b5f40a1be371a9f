// Entry of `npm start`: starts the local server on HOST:PORT (127.0.0.1:3000) with data under DATA_DIR (.data/).

import { resolve } from "node:path";
import { startLocal } from "./server";

const started = performance.now();
const dataDir = resolve(process.env.DATA_DIR ?? ".data");
const running = await startLocal({
  port: Number(process.env.PORT ?? 3000),
  host: process.env.HOST,
  dataDir,
  webDir: resolve("web/dist"),
  demo: process.env.PARWATCH_DEMO !== "0",
  demoPassword: process.env.PARWATCH_DEMO_PASSWORD,
  log: (line) => console.log(line),
});
const seconds = ((performance.now() - started) / 1000).toFixed(2);
console.log(`ParWatch is running at ${running.url} — data in ${dataDir}, started in ${seconds} s. Ctrl-C stops it.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log("Stopping ParWatch…");
  await running.close();
  console.log("Stopped; data kept in", dataDir);
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
