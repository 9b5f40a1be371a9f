// The synthesised template, asserted offline: resources, their key properties and least privilege.

import { App } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { GSI1 } from "../functions/store/table";
import { STAFF_ROLES } from "../shared/roles";
import { SPA_ROUTING } from "./constructs/site";
import { ParWatchStack } from "./stack";
import { useTempDirs } from "./test-dirs";

const { tempDir, stubDashboard } = useTempDirs();

function template(stage: "dev" | "prod"): Template {
  const app = new App({
    outdir: tempDir("parwatch-cdk-"),
    context: { "aws:cdk:bundling-stacks": [] },
  });
  return Template.fromStack(
    new ParWatchStack(app, `ParWatch-${stage}`, { stage, dashboardDir: stubDashboard(), alarmEmail: "ops@example.vn" }),
  );
}

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };
type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

/** The policy statements attached to a role whose logical id starts with the given prefix. */
function statementsOf(t: Template, rolePrefix: string): Statement[] {
  return Object.values(t.findResources("AWS::IAM::Policy"))
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(rolePrefix))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}
const actionsOf = (statements: Statement[]) => statements.flatMap((statement) => [statement.Action].flat());

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
    dev.resourceCountIs("AWS::S3::Bucket", 4);
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
    expect(policies).toHaveLength(4);
    for (const policy of policies) {
      expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    }
  });

  it("logs every request to the buckets and CloudFront into the logs bucket, kept a year", () => {
    const buckets = Object.entries(dev.findResources("AWS::S3::Bucket"));
    const logs = buckets.filter(([id]) => id.startsWith("StorageLogs"));
    expect(logs).toHaveLength(1);
    expect(JSON.stringify(logs[0]?.[1].Properties.LifecycleConfiguration)).toContain('"ExpirationInDays":365');
    for (const [id, bucket] of buckets.filter(([id]) => !id.startsWith("StorageLogs"))) {
      expect(bucket.Properties.LoggingConfiguration, id).toMatchObject({
        LogFilePrefix: expect.stringMatching(/^s3\//),
      });
    }
    dev.hasResourceProperties("AWS::CloudFront::Distribution", {
      DistributionConfig: Match.objectLike({ Logging: Match.objectLike({ Prefix: "cloudfront/" }) }),
    });
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
        CacheBehaviors: [
          Match.objectLike({ PathPattern: "/public/*", AllowedMethods: ["GET", "HEAD"] }),
          Match.objectLike({
            PathPattern: "/api/*",
            AllowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"],
            // The managed CachingDisabled policy.
            CachePolicyId: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
          }),
        ],
      }),
    });
    // Client-side routes are rewritten per request on the dashboard's behaviour only: no error pages,
    // which would also turn the API's 403/404 answers into index.html.
    const [distribution] = Object.values(dev.findResources("AWS::CloudFront::Distribution"));
    expect(distribution?.Properties.DistributionConfig.CustomErrorResponses).toBeUndefined();
    expect(
      JSON.stringify(distribution?.Properties.DistributionConfig.DefaultCacheBehavior.FunctionAssociations),
    ).toContain("viewer-request");
    dev.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          FrameOptions: { FrameOption: "DENY", Override: true },
          ContentSecurityPolicy: {
            ContentSecurityPolicy: Match.stringLikeRegexp("script-src 'self';"),
            Override: true,
          },
        }),
      }),
    });
  });

  it("keeps prod buckets when the stack goes", () => {
    const prod = template("prod");
    for (const bucket of Object.values(prod.findResources("AWS::S3::Bucket")))
      expect(bucket.DeletionPolicy).toBe("Retain");
  });
});

describe("ParWatch stack — Lambdas and API", () => {
  const dev = template("dev");
  const functions = Object.entries(dev.findResources("AWS::Lambda::Function")) as [string, Resource][];
  const ours = functions.filter(([, fn]) => JSON.stringify(fn.Properties.Environment ?? {}).includes("TABLE_NAME"));

  it("runs five functions — API, files, ingest, jobs, read models — on Node 22, arm64, with logs kept three months", () => {
    expect(ours.map(([id]) => id.replace(/[0-9A-F]{8}$/, "")).sort()).toEqual([
      "ApiFiles",
      "ApiHandler",
      "IngestHandler",
      "ReadModelsHandler",
      "ScheduleHandler",
    ]);
    for (const [id, fn] of ours) {
      expect(fn.Properties, id).toMatchObject({
        Runtime: "nodejs22.x",
        Architectures: ["arm64"],
        Handler: "index.handler",
      });
      expect(fn.Properties.LoggingConfig, id).toMatchObject({ LogGroup: { Ref: expect.stringMatching(/Logs/) } });
    }
    for (const group of Object.values(dev.findResources("AWS::Logs::LogGroup"))) {
      expect(group.Properties.RetentionInDays).toBe(90);
    }
  });

  it("gives each function its own role with only the calls it makes, on named resources", () => {
    for (const prefix of [
      "ApiHandlerRole",
      "ApiFilesRole",
      "IngestHandlerRole",
      "ScheduleHandlerRole",
      "ReadModelsHandlerRole",
    ]) {
      const statements = statementsOf(dev, prefix);
      expect(statements.length, prefix).toBeGreaterThan(0);
      for (const statement of statements) {
        expect(JSON.stringify(statement.Resource), prefix).not.toBe('"*"');
        for (const action of [statement.Action].flat()) expect(action, prefix).not.toContain("*");
      }
    }
    // No managed policy (AWSLambdaBasicExecutionRole may write any log group).
    const roles = Object.entries(dev.findResources("AWS::IAM::Role"));
    for (const prefix of ["ApiHandlerRole", "ApiFilesRole", "IngestHandlerRole", "ScheduleHandlerRole"]) {
      const [, role] = roles.find(([id]) => id.startsWith(prefix)) ?? [];
      expect(role?.Properties.ManagedPolicyArns, prefix).toBeUndefined();
    }
    expect(actionsOf(statementsOf(dev, "ApiHandlerRole"))).toEqual(
      expect.arrayContaining(["dynamodb:PutItem", "s3:PutObject"]),
    );
    expect(actionsOf(statementsOf(dev, "ApiHandlerRole"))).not.toContain("s3:GetObject");
    expect(
      actionsOf(statementsOf(dev, "ApiFilesRole")).filter((action) =>
        /^(dynamodb|s3):(Put|Write|Batch|Delete)/.test(action),
      ),
    ).toEqual([]);
    expect(actionsOf(statementsOf(dev, "IngestHandlerRole"))).toEqual(
      expect.arrayContaining(["s3:GetObject", "s3:DeleteObject"]),
    );
    expect(actionsOf(statementsOf(dev, "IngestHandlerRole"))).not.toContain("s3:PutObject");
    expect(actionsOf(statementsOf(dev, "ScheduleHandlerRole")).filter((action) => action.startsWith("s3:"))).toEqual(
      [],
    );
    expect(actionsOf(statementsOf(dev, "ReadModelsHandlerRole"))).toEqual(
      expect.arrayContaining(["dynamodb:GetRecords", "dynamodb:Query", "dynamodb:BatchWriteItem"]),
    );
    expect(actionsOf(statementsOf(dev, "ReadModelsHandlerRole")).filter((action) => action.startsWith("s3:"))).toEqual(
      [],
    );
  });

  it("keeps read models fresh from the table's stream (keys only), in batches, a failing batch parked in a queue", () => {
    dev.hasResourceProperties("AWS::DynamoDB::GlobalTable", { StreamSpecification: { StreamViewType: "KEYS_ONLY" } });
    dev.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      FunctionName: { Ref: Match.stringLikeRegexp("^ReadModelsHandler") },
      BatchSize: 1000,
      MaximumBatchingWindowInSeconds: 1,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
      StartingPosition: "LATEST",
      DestinationConfig: {
        OnFailure: { Destination: { "Fn::GetAtt": [Match.stringLikeRegexp("^ReadModelsFailed"), "Arn"] } },
      },
    });
  });

  it("puts every API route but the health check behind the Cognito JWT authorizer", () => {
    dev.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
    dev.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", { AuthorizerType: "JWT" });
    const routes = Object.values(dev.findResources("AWS::ApiGatewayV2::Route")).map((route) => ({
      key: route.Properties.RouteKey,
      auth: route.Properties.AuthorizationType,
    }));
    expect(routes.sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: "ANY /api/{proxy+}", auth: "JWT" },
      { key: "GET /api/health", auth: "NONE" },
      { key: "GET /api/templates/{proxy+}", auth: "JWT" },
    ]);
    dev.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: Match.objectLike({ Format: Match.stringLikeRegexp("requestId") }),
    });
  });

  it("creates staff accounts by administrators only, with MFA, one group per role", () => {
    dev.hasResourceProperties("AWS::Cognito::UserPool", {
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
      MfaConfiguration: "ON",
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true }) },
    });
    const groups = Object.values(dev.findResources("AWS::Cognito::UserPoolGroup")).map((g) => g.Properties.GroupName);
    expect(groups.sort()).toEqual([...STAFF_ROLES].sort());
    // The dashboard signs in through the managed login: code flow with PKCE, back to the distribution.
    dev.hasResourceProperties("AWS::Cognito::UserPoolClient", {
      GenerateSecret: false,
      AllowedOAuthFlows: ["code"],
      AllowedOAuthFlowsUserPoolClient: true,
      CallbackURLs: [
        {
          "Fn::Join": [
            "",
            ["https://", { "Fn::GetAtt": [Match.stringLikeRegexp("^SiteDistribution"), "DomainName"] }, "/"],
          ],
        },
      ],
    });
    dev.resourceCountIs("AWS::Cognito::UserPoolDomain", 1);
    // …and finds the login's address and its client in /config.json, deployed with the dashboard.
    const [deployment] = Object.values(dev.findResources("Custom::CDKBucketDeployment"));
    expect(deployment?.Properties.SourceObjectKeys).toHaveLength(2);
    // The config's values are resolved at deploy time: markers for the login domain and the client id.
    const markers = JSON.stringify(deployment?.Properties.SourceMarkers);
    expect(markers).toMatch(/"Ref":"AuthStaffLogin[0-9A-F]{8}"/);
    expect(markers).toMatch(/"Ref":"AuthStaffDashboard[0-9A-F]{8}"/);
  });

  it("carries each account's unit scope in Cognito, readable by the dashboard, set by administrators only", () => {
    dev.hasResourceProperties("AWS::Cognito::UserPool", {
      Schema: Match.arrayWith([Match.objectLike({ Name: "unitId", AttributeDataType: "String", Mutable: true })]),
    });
    const [client] = Object.values(dev.findResources("AWS::Cognito::UserPoolClient"));
    expect(client?.Properties.ReadAttributes).toContain("custom:unitId");
    expect(client?.Properties.WriteAttributes).not.toContain("custom:unitId");
  });

  it("lets the API publish snapshots under public/ of the public-data bucket, write only, and nothing else there", () => {
    const publicBucket = Object.keys(dev.findResources("AWS::S3::Bucket")).find((id) =>
      id.startsWith("StoragePublicData"),
    );
    const statements = statementsOf(dev, "ApiHandlerRole");
    const publishing = statements.filter((statement) =>
      JSON.stringify(statement.Resource).includes(publicBucket as string),
    );
    expect(publishing).toHaveLength(1);
    expect(publishing[0]?.Action).toBe("s3:PutObject");
    expect(JSON.stringify(publishing[0]?.Resource)).toContain("/public/*");
    for (const prefix of ["ApiFilesRole", "IngestHandlerRole", "ScheduleHandlerRole"]) {
      expect(JSON.stringify(statementsOf(dev, prefix)), prefix).not.toContain(publicBucket);
    }
    dev.hasResourceProperties("AWS::Lambda::Function", {
      Description: Match.stringLikeRegexp("^ParWatch API"),
      Environment: { Variables: Match.objectLike({ PUBLIC_BUCKET: { Ref: publicBucket } }) },
    });
    // Audit entries are settled with UpdateItem; revoked sessions expire by TTL.
    expect(actionsOf(statementsOf(dev, "ApiHandlerRole"))).toContain("dynamodb:UpdateItem");
    dev.hasResourceProperties("AWS::DynamoDB::GlobalTable", {
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
    });
  });

  it("serves /public/* from S3 with no sign-in and no Lambda, open to any site, running nothing", () => {
    const [distribution] = Object.values(dev.findResources("AWS::CloudFront::Distribution"));
    const behaviours = distribution?.Properties.DistributionConfig.CacheBehaviors as {
      PathPattern: string;
      TargetOriginId: string;
      ResponseHeadersPolicyId: { Ref: string };
      FunctionAssociations?: unknown;
      LambdaFunctionAssociations?: unknown;
      TrustedKeyGroups?: unknown;
    }[];
    const publicBehaviour = behaviours.find((behaviour) => behaviour.PathPattern === "/public/*");
    const origins = distribution?.Properties.DistributionConfig.Origins as { Id: string; S3OriginConfig?: unknown }[];
    expect(origins.find((origin) => origin.Id === publicBehaviour?.TargetOriginId)?.S3OriginConfig).toBeDefined();
    expect(publicBehaviour?.LambdaFunctionAssociations).toBeUndefined();
    expect(publicBehaviour?.FunctionAssociations).toBeUndefined();
    expect(publicBehaviour?.TrustedKeyGroups).toBeUndefined();
    const policies = dev.findResources("AWS::CloudFront::ResponseHeadersPolicy");
    const policy = policies[publicBehaviour?.ResponseHeadersPolicyId.Ref as string];
    expect(policy?.Properties.ResponseHeadersPolicyConfig.CorsConfig.AccessControlAllowOrigins.Items).toEqual(["*"]);
    expect(
      policy?.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy,
    ).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors *");
  });

  it("sends the dashboard's CSP with frame-ancestors none, nosniff and a referrer policy from CloudFront", () => {
    dev.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentTypeOptions: { Override: true },
          ReferrerPolicy: { ReferrerPolicy: "strict-origin-when-cross-origin", Override: true },
          ContentSecurityPolicy: {
            ContentSecurityPolicy: Match.stringLikeRegexp("frame-ancestors 'none'"),
            Override: true,
          },
        }),
      }),
    });
  });

  it("ingests uploads on the S3 event, retries twice, then keeps the event in a queue", () => {
    dev.hasResourceProperties("Custom::S3BucketNotifications", {
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          Match.objectLike({
            Events: ["s3:ObjectCreated:*"],
            Filter: { Key: { FilterRules: [{ Name: "prefix", Value: "uploads/" }] } },
            LambdaFunctionArn: { "Fn::GetAtt": [Match.stringLikeRegexp("^IngestHandler"), "Arn"] },
          }),
        ],
      },
    });
    dev.hasResourceProperties("AWS::Lambda::EventInvokeConfig", {
      FunctionName: { Ref: Match.stringLikeRegexp("^IngestHandler") },
      MaximumRetryAttempts: 2,
      DestinationConfig: {
        OnFailure: { Destination: { "Fn::GetAtt": [Match.stringLikeRegexp("^IngestFailed"), "Arn"] } },
      },
    });
  });

  it("schedules recovery every 15 minutes and the refresh nightly, naming the job", () => {
    const rules = Object.values(dev.findResources("AWS::Events::Rule")).map((rule) => ({
      schedule: rule.Properties.ScheduleExpression,
      input: rule.Properties.Targets[0].Input,
    }));
    expect(rules).toEqual(
      expect.arrayContaining([
        { schedule: "rate(15 minutes)", input: '{"job":"recover"}' },
        { schedule: "cron(0 19 * * ? *)", input: '{"job":"refresh"}' },
      ]),
    );
  });

  it("alarms on errors and throttles of every function, API 5xx, table throttling and failed ingests", () => {
    const alarms = Object.values(dev.findResources("AWS::CloudWatch::Alarm"));
    expect(alarms).toHaveLength(5 * 2 + 1 + 2 + 1);
    const metrics = alarms.map((alarm) => `${alarm.Properties.Namespace}/${alarm.Properties.MetricName}`);
    expect(metrics.filter((metric) => metric === "AWS/Lambda/Errors")).toHaveLength(5);
    expect(metrics.filter((metric) => metric === "AWS/Lambda/Throttles")).toHaveLength(5);
    expect(metrics).toEqual(
      expect.arrayContaining([
        "AWS/ApiGateway/5xx",
        "AWS/DynamoDB/ReadThrottleEvents",
        "AWS/DynamoDB/WriteThrottleEvents",
        "AWS/SQS/ApproximateNumberOfMessagesVisible",
      ]),
    );
    for (const alarm of alarms)
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^AlarmsTopic/) }]);
    dev.hasResourceProperties("AWS::SNS::Subscription", { Protocol: "email", Endpoint: "ops@example.vn" });
  });
});

describe("the dashboard's routing function (CloudFront Function source)", () => {
  const route = new Function(`${SPA_ROUTING}; return handler;`)() as (event: { request: { uri: string } }) => {
    uri: string;
  };
  const uri = (path: string) => route({ request: { uri: path } }).uri;

  it("loads index.html for client-side routes and leaves files alone", () => {
    expect(uri("/")).toBe("/index.html");
    expect(uri("/units/huyen-binh")).toBe("/index.html");
    expect(uri("/commitments/communes/2026")).toBe("/index.html");
    expect(uri("/assets/index-3f2a.js")).toBe("/assets/index-3f2a.js");
    expect(uri("/favicon.svg")).toBe("/favicon.svg");
    // The public pages are their own app.
    expect(uri("/cong-khai")).toBe("/cong-khai.html");
    expect(uri("/cong-khai/don-vi/huyen-binh")).toBe("/cong-khai.html");
    expect(uri("/cong-khai-khac")).toBe("/index.html");
  });
});
