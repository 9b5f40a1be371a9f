// Entry of `npm run cli -- <command>`; see run.ts.

import { runCli } from "./run";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
process.exitCode = await runCli(
  process.argv.slice(2),
  { stdout: process.stdout, stderr: process.stderr, showProgress: Boolean(process.stderr.isTTY) },
  process.env,
);
