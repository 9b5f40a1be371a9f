// Runs dynalite in its own thread so the database and the code that calls it use both cores.
// Plain JavaScript: worker threads load it without the TypeScript loader.
import { parentPort, workerData } from "node:worker_threads";
import dynalite from "dynalite";

const server = dynalite({ ...workerData, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.on("error", (error) => parentPort?.postMessage({ error: error.message }));
server.listen(0, "127.0.0.1", () => parentPort?.postMessage({ port: server.address().port }));
parentPort?.on("message", (message) => {
  if (message === "close") server.close(() => parentPort?.postMessage({ closed: true }));
  // Fault injection (embedded.ts, PARWATCH_FAULT=db-thread): dies as an uncaught error in the database would.
  if (message === "crash")
    setImmediate(() => {
      throw new Error("injected fault: the database thread crashed");
    });
});
