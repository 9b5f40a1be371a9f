// The synthesised template, asserted offline: the table matches the data module's key schema.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { afterAll, describe, expect, it } from "vitest";
import { GSI1 } from "../functions/store/table";
import { ParWatchStack } from "./stack";

const outdirs: string[] = [];
function template(stage: "dev" | "prod"): Template {
  const outdir = mkdtempSync(join(tmpdir(), "parwatch-cdk-"));
  outdirs.push(outdir);
  const app = new App({ outdir, context: { "aws:cdk:bundling-stacks": [] } });
  return Template.fromStack(new ParWatchStack(app, `ParWatch-${stage}`, { stage }));
}

afterAll(() => {
  for (const outdir of outdirs) rmSync(outdir, { recursive: true, force: true });
});

describe("ParWatch stack — data", () => {
  it("creates one on-demand, encrypted table with PITR and the keys of functions/store/table.ts", () => {
    const dev = template("dev");
    dev.resourceCountIs("AWS::DynamoDB::GlobalTable", 1);
    dev.hasResourceProperties("AWS::DynamoDB::GlobalTable", {
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: GSI1,
          KeySchema: [
            { AttributeName: "gsi1pk", KeyType: "HASH" },
            { AttributeName: "gsi1sk", KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        },
      ],
      SSESpecification: { SSEEnabled: true },
      Replicas: [
        { PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: false },
      ],
    });
    dev.hasResource("AWS::DynamoDB::GlobalTable", { DeletionPolicy: "Delete" });
  });

  it("protects the prod table from deletion", () => {
    const prod = template("prod");
    prod.hasResourceProperties("AWS::DynamoDB::GlobalTable", {
      Replicas: [{ DeletionProtectionEnabled: true }],
    });
    const [table] = Object.values(prod.findResources("AWS::DynamoDB::GlobalTable"));
    expect(table?.DeletionPolicy).toBe("Retain");
  });
});
