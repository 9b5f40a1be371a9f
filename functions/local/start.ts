// Entry of `npm start`: starts the local server on HOST:PORT (127.0.0.1:3000) with data under DATA_DIR (.data/).
// A start it must refuse (port in use, folder locked or damaged) ends with one sentence and exit code 1, no
// stack trace (PARWATCH_DEBUG=1 prints it); the database dying later ends the process for a supervisor.

import { resolve } from "node:path";
import { type Lang, translate } from "../../shared/i18n";
import { StartRefusedError } from "./embedded";
import { type RunningServer, startLocal } from "./server";

const started = performance.now();
const dataDir = resolve(process.env.DATA_DIR ?? ".data");
// Start-up lines are English, as the rest of this script's output; PARWATCH_LANG=vi says them in Vietnamese.
const lang: Lang = process.env.PARWATCH_LANG === "vi" ? "vi" : "en";

function refuse(error: unknown): never {
  const sentence =
    error instanceof StartRefusedError
      ? error.sentence(lang)
      : translate(lang, "start.failed", { detail: error instanceof Error ? error.message : String(error) });
  console.error(sentence);
  if (process.env.PARWATCH_DEBUG && error instanceof Error) console.error(error.stack);
  process.exit(1);
}

let running: RunningServer;
try {
  running = await startLocal({
    port: Number(process.env.PORT ?? 3000),
    host: process.env.HOST,
    dataDir,
    webDir: resolve("web/dist"),
    demo: process.env.PARWATCH_DEMO !== "0",
    demoPassword: process.env.PARWATCH_DEMO_PASSWORD,
    log: (line) => console.log(line),
  });
} catch (error) {
  refuse(error);
}
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

// The database thread died: the server already answers 503 (health says "down"); exit for a supervisor
// to restart it rather than limp on.
running.failed.then(async (error) => {
  if (stopping) return;
  stopping = true;
  console.error(translate(lang, "start.dbStopped", { detail: error.message }));
  // A moment for a supervisor's health check to read "down" before the port closes.
  await new Promise((done) => setTimeout(done, 1000));
  await Promise.race([running.close().catch(() => {}), new Promise((done) => setTimeout(done, 3000))]);
  process.exit(1);
});
