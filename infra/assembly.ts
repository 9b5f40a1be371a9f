// Reading a synthesised cloud assembly: where each of our Lambdas' bundles is (asset.<hash>/index.mjs).
// Used by the tests that invoke the bundles and by `npm run bench` (bundle sizes, module load times).

import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { App } from "aws-cdk-lib";
import { ParWatchStack } from "./stack";

export interface LambdaBundle {
  /** The function's logical id without its hash: ApiHandler, ApiFiles, IngestHandler, ScheduleHandler. */
  readonly name: string;
  readonly path: string;
  readonly bytes: number;
}

type Resources = Record<string, { Type: string; Properties: { Code?: { S3Key?: string }; Environment?: unknown } }>;

export function lambdaBundles(assemblyDir: string, stackName: string): LambdaBundle[] {
  const template = JSON.parse(readFileSync(join(assemblyDir, `${stackName}.template.json`), "utf8"));
  return Object.entries(template.Resources as Resources)
    .filter(([, resource]) => resource.Type === "AWS::Lambda::Function")
    .filter(([, resource]) => JSON.stringify(resource.Properties.Environment ?? {}).includes("TABLE_NAME"))
    .map(([id, resource]) => {
      const hash = String(resource.Properties.Code?.S3Key).replace(/\.zip$/, "");
      const path = join(assemblyDir, `asset.${hash}`, "index.mjs");
      return { name: id.replace(/[0-9A-F]{8}$/, ""), path, bytes: statSync(path).size };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Synthesises the dev stack with its real esbuild bundles (no Docker) into outdir. */
export function synthesiseWithBundles(outdir: string, dashboardDir?: string) {
  process.env.CDK_DOCKER = "/bin/false";
  const app = new App({ outdir });
  const stack = new ParWatchStack(app, "ParWatch-bundles", { stage: "dev", dashboardDir });
  const assembly = app.synth();
  return { assembly, stack, bundles: lambdaBundles(assembly.directory, stack.stackName) };
}
