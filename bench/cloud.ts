// Cloud figures: the synthesised stack (resource counts, cdk-nag result) and each Lambda bundle's size and
// module load time — the part of a cold start the code controls. Target (issue "Cloud"): the API bundle
// ≤ 300 KB minified. Load times are medians of fresh Node processes importing the bundle, as Lambda's
// init does (the AWS SDK, external to the bundles, loads from node_modules here, from the runtime there).

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { App, Validations } from "aws-cdk-lib";
import { build } from "esbuild";
import { lambdaBundles } from "../infra/assembly";
import { BUNDLING } from "../infra/constructs/lambda";
import { addNagChecks } from "../infra/nag";
import { ParWatchStack } from "../infra/stack";
import { ms, record, time } from "./measure";

const LOAD_RUNS = 5;

/** The Lambdas' esbuild settings (infra/constructs/lambda.ts), but with nothing external. */
function esbuildOptions() {
  return {
    bundle: true,
    platform: "node" as const,
    format: "esm" as const,
    minify: BUNDLING.minify,
    target: BUNDLING.target,
    banner: { js: BUNDLING.banner },
    logLevel: "silent" as const,
  };
}

/** Milliseconds to import the bundle in a fresh Node process (median of LOAD_RUNS). */
function loadTime(bundle: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(bundle).href)}); console.log(performance.now() - t);`;
  const env = {
    ...process.env,
    TABLE_NAME: "bench",
    UPLOAD_BUCKET: "bench",
    AWS_REGION: "ap-southeast-1",
    AWS_ACCESS_KEY_ID: "bench",
    AWS_SECRET_ACCESS_KEY: "bench",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  const samples = Array.from({ length: LOAD_RUNS }, () =>
    Number(execFileSync(process.execPath, ["--input-type=module", "-e", script], { env, encoding: "utf8" }).trim()),
  ).sort((a, b) => a - b);
  return samples[Math.floor(LOAD_RUNS / 2)] as number;
}

export async function cloudBenchmarks(): Promise<void> {
  // Inside the repository, so the bundles' external @aws-sdk imports resolve from node_modules.
  mkdirSync(".scratch", { recursive: true });
  const outdir = mkdtempSync(join(".scratch", "bench-cdk-"));
  const dashboard = mkdtempSync(join(".scratch", "bench-dist-"));
  writeFileSync(join(dashboard, "index.html"), "<!doctype html>");
  try {
    process.env.CDK_DOCKER = "/bin/false";
    const app = new App({ outdir });
    const stack = new ParWatchStack(app, "ParWatch-dev", { stage: "dev", dashboardDir: dashboard });
    addNagChecks(app);
    const { elapsed } = await time(() => app.synth());
    record("synth with esbuild bundles and cdk-nag (offline)", ms(elapsed));

    const template = JSON.parse(readFileSync(join(outdir, "ParWatch-dev.template.json"), "utf8"));
    const types = new Map<string, number>();
    for (const resource of Object.values(template.Resources) as { Type: string }[]) {
      types.set(resource.Type, (types.get(resource.Type) ?? 0) + 1);
    }
    const total = [...types.values()].reduce((sum, n) => sum + n, 0);
    record("CloudFormation resources", String(total));
    for (const [type, count] of [...types].sort(([a], [b]) => a.localeCompare(b))) {
      console.log(`  ${String(count).padStart(3)} ${type}`);
    }
    const acknowledged = app.node
      .findAll()
      .flatMap((construct) => construct.node.metadata)
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.keys(entry.data as Record<string, string>))
      .filter((id) => id.includes("AwsSolutions-"));
    const rules = new Set(acknowledged.map((id) => id.replace(/^.*(AwsSolutions-[A-Z]+\d+).*$/, "$1")));
    record(
      "cdk-nag AwsSolutions",
      `passed · ${acknowledged.length} findings acknowledged with reasons (${rules.size} rules: ${[...rules].join(", ")})`,
    );

    for (const bundle of lambdaBundles(outdir, stack.stackName)) {
      const gzipped = gzipSync(readFileSync(bundle.path)).length;
      const budget = bundle.name === "ApiHandler" ? " (target ≤ 300 KB)" : "";
      record(
        `${bundle.name} bundle: minified · gzip${budget}`,
        `${(bundle.bytes / 1024).toFixed(0)} KB · ${(gzipped / 1024).toFixed(0)} KB`,
      );
      record(`${bundle.name} module load (median of ${LOAD_RUNS} fresh processes)`, ms(loadTime(bundle.path)));
    }
    // The road not taken: the API with the AWS SDK bundled in rather than taken from the runtime.
    const withSdk = join(outdir, "api-with-sdk.mjs");
    await build({ ...esbuildOptions(), entryPoints: ["functions/lambda/api.ts"], outfile: withSdk });
    record(
      "for comparison: ApiHandler with the AWS SDK bundled in",
      `${(statSync(withSdk).size / 1024).toFixed(0)} KB · load ${ms(loadTime(withSdk))}`,
    );
  } finally {
    rmSync(outdir, { recursive: true, force: true });
    rmSync(dashboard, { recursive: true, force: true });
  }
}
