// Running the CLI in-process, its output captured: what a person would see on the terminal.

import { Writable } from "node:stream";
import { runCli } from "../../functions/cli/run";

function sink() {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

export async function cli(args: string[], lang = "en") {
  const out = sink();
  const err = sink();
  const code = await runCli(
    args,
    { stdout: out.stream, stderr: err.stream, showProgress: false },
    { PARWATCH_LANG: lang },
  );
  return { code, stdout: out.text(), stderr: err.text() };
}
