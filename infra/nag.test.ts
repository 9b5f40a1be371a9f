// cdk-nag's AwsSolutions checks on the whole stack, dev and prod: the synth fails on any finding that is
// not acknowledged with a reason. A stack with a known fault shows the checks are really running.

import { App, Stack, Validations } from "aws-cdk-lib";
import { Bucket } from "aws-cdk-lib/aws-s3";
import type { IConstruct } from "constructs";
import { describe, expect, it } from "vitest";
import { addNagChecks } from "./nag";
import { ParWatchStack } from "./stack";
import { useTempDirs } from "./test-dirs";

const { tempDir, stubDashboard } = useTempDirs();

function appWithChecks(): App {
  const app = new App({ outdir: tempDir("parwatch-nag-"), context: { "aws:cdk:bundling-stacks": [] } });
  addNagChecks(app);
  return app;
}

/** Every acknowledgment recorded on the construct tree, with its reason. */
function acknowledgments(root: IConstruct): { id: string; reason: string }[] {
  return root.node
    .findAll()
    .flatMap((construct) => construct.node.metadata)
    .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
    .map(([id, reason]) => ({ id, reason }));
}

describe("cdk-nag AwsSolutions", () => {
  const dashboard = stubDashboard();

  for (const stage of ["dev", "prod"] as const) {
    it(`passes on the ${stage} stack, every acknowledged finding with a written reason`, () => {
      const app = appWithChecks();
      new ParWatchStack(app, `ParWatch-${stage}`, {
        stage,
        dashboardDir: dashboard,
        env: { region: "ap-southeast-1" },
      });
      expect(() => app.synth()).not.toThrow();
      const acknowledged = acknowledgments(app).filter((ack) => ack.id.includes("AwsSolutions-"));
      expect(acknowledged.length).toBeGreaterThan(0);
      for (const ack of acknowledged) expect(ack.reason.length, ack.id).toBeGreaterThan(40);
    });
  }

  it("fails the synth on a finding nobody acknowledged", () => {
    const app = appWithChecks();
    // No TLS-only policy and no access logs: AwsSolutions-S1 and -S10.
    new Bucket(new Stack(app, "Careless"), "Open");
    expect(() => app.synth()).toThrow(/AwsSolutions-S10/);
  });
});
