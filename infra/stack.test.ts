// The synthesised template, asserted offline: the table matches the data module's key schema.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
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

describe("ParWatch stack — storage and site", () => {
  const dev = template("dev");

  it("keeps every bucket private, encrypted and TLS-only", () => {
    dev.resourceCountIs("AWS::S3::Bucket", 3);
    for (const bucket of Object.values(dev.findResources("AWS::S3::Bucket"))) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(
        bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault
          .SSEAlgorithm,
      ).toBe("AES256");
    }
    const policies = Object.values(dev.findResources("AWS::S3::BucketPolicy"));
    expect(policies).toHaveLength(3);
    for (const policy of policies) {
      expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    }
  });

  it("ages raw uploads out and lets browsers PUT them", () => {
    dev.hasResourceProperties("AWS::S3::Bucket", {
      VersioningConfiguration: { Status: "Enabled" },
      LifecycleConfiguration: {
        Rules: [Match.objectLike({ Id: "raw-uploads", Prefix: "uploads/", ExpirationInDays: 365, Status: "Enabled" })],
      },
      CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedMethods: ["PUT"] })] },
    });
  });

  it("serves the dashboard and the open data through CloudFront with origin access control", () => {
    dev.resourceCountIs("AWS::CloudFront::OriginAccessControl", 2);
    dev.hasResourceProperties("AWS::CloudFront::Distribution", {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: "index.html",
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: "redirect-to-https" }),
        CacheBehaviors: [Match.objectLike({ PathPattern: "/public/*", AllowedMethods: ["GET", "HEAD"] })],
        CustomErrorResponses: [
          Match.objectLike({ ErrorCode: 403, ResponseCode: 200, ResponsePagePath: "/index.html" }),
          Match.objectLike({ ErrorCode: 404, ResponseCode: 200, ResponsePagePath: "/index.html" }),
        ],
      }),
    });
    dev.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({ FrameOptions: { FrameOption: "DENY", Override: true } }),
      }),
    });
  });

  it("keeps prod buckets when the stack goes", () => {
    const prod = template("prod");
    for (const bucket of Object.values(prod.findResources("AWS::S3::Bucket")))
      expect(bucket.DeletionPolicy).toBe("Retain");
  });
});

describe("ParWatch stack — API", () => {
  const dev = template("dev");

  it("runs the hono app on Node 22, arm64, behind an HTTP API", () => {
    dev.hasResourceProperties("AWS::Lambda::Function", {
      Runtime: "nodejs22.x",
      Architectures: ["arm64"],
      MemorySize: 512,
      Handler: "index.handler",
      Environment: { Variables: { TABLE_NAME: Match.anyValue(), UPLOAD_BUCKET: Match.anyValue() } },
    });
    dev.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
    dev.hasResourceProperties("AWS::ApiGatewayV2::Api", { ProtocolType: "HTTP" });
  });

  it("grants the function the table and the uploads bucket, nothing wider", () => {
    const policies = Object.values(dev.findResources("AWS::IAM::Policy")).filter((policy) =>
      JSON.stringify(policy.Properties.Roles).includes("ApiHandler"),
    );
    const statements = policies.flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as { Resource: unknown }[],
    );
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) expect(JSON.stringify(statement.Resource)).not.toBe('"*"');
    expect(JSON.stringify(statements)).toContain("dynamodb:PutItem");
    expect(JSON.stringify(statements)).toContain("s3:PutObject");
  });
});
