// The HTTP API: API Gateway v2 in front of the hono app, split over two Lambdas — the API routes, and the
// file downloads (templates, which need exceljs) — behind Cognito's JWT authorizer. Only the health check
// is open: the public reads published JSON from CloudFront, not the API.

import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from "aws-cdk-lib/aws-apigatewayv2";
import type { HttpUserPoolAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type { ITableV2 } from "aws-cdk-lib/aws-dynamodb";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { acknowledge } from "../nag";
import { grantPublish, grantTable, grantUploads } from "./grants";
import { parWatchFunction } from "./lambda";

export interface ApiProps {
  readonly stage: "dev" | "prod";
  readonly table: ITableV2;
  readonly uploads: IBucket;
  /** Where publishing a period writes its public snapshot (served by CloudFront under /public/*). */
  readonly publicData: IBucket;
  readonly authorizer: HttpUserPoolAuthorizer;
}

export class Api extends Construct {
  readonly handler: NodejsFunction;
  readonly files: NodejsFunction;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const common = { table: props.table, uploads: props.uploads, stage: props.stage };
    this.handler = parWatchFunction(this, "Handler", {
      ...common,
      entry: "api.ts",
      description: "ParWatch API (hono): units, reports, rankings, scores, commitments, imports",
      // 512 MB: enough CPU for cold starts of ≈ 0.3 s with the SDK clients; the API holds no large data.
      memorySize: 512,
      // Just under the HTTP API's 30-second limit: a recompute of a nationwide cohort takes seconds.
      timeout: Duration.seconds(29),
    });
    this.files = parWatchFunction(this, "Files", {
      ...common,
      entry: "files.ts",
      description: "ParWatch file downloads: CSV and Excel templates",
      // Building an Excel workbook for a few hundred units takes more memory than the API's requests.
      memorySize: 1024,
      timeout: Duration.seconds(30),
    });
    grantTable(this.handler, props.table, "readWrite");
    // Presigned upload URLs are signed with the function's role: it needs PutObject (it never reads files).
    grantUploads(this.handler, props.uploads, ["s3:PutObject"]);
    // Publishing a period (POST /api/workflow/…) writes its snapshot and the index.
    this.handler.addEnvironment("PUBLIC_BUCKET", props.publicData.bucketName);
    grantPublish(this.handler, props.publicData);
    // Templates list the units: read only, no bucket.
    grantTable(this.files, props.table, "read");

    this.httpApi = new HttpApi(this, "HttpApi", {
      description: "ParWatch API",
      // The stage is declared below with throttling and access logs.
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, "AccessLogs", {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: props.stage === "prod" ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, "DefaultStage", {
      httpApi: this.httpApi,
      stageName: "$default",
      autoDeploy: true,
      // A province's staff at a deadline make a few requests a second; this caps a runaway script's cost.
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // The request id is required in every access-log format.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: "$context.requestId",
            time: "$context.requestTime",
            route: "$context.routeKey",
            status: "$context.status",
            latencyMs: "$context.responseLatency",
            user: "$context.authorizer.claims.email",
            ip: "$context.identity.sourceIp",
          }),
        ),
      },
    });

    const api = new HttpLambdaIntegration("App", this.handler);
    for (const route of this.httpApi.addRoutes({ path: "/api/health", methods: [HttpMethod.GET], integration: api })) {
      acknowledge(route, "APIG4", "The health check is open for uptime monitors; it answers only ok or degraded.");
    }
    this.httpApi.addRoutes({
      path: "/api/{proxy+}",
      methods: [HttpMethod.ANY],
      integration: api,
      authorizer: props.authorizer,
    });
    this.httpApi.addRoutes({
      path: "/api/templates/{proxy+}",
      methods: [HttpMethod.GET],
      integration: new HttpLambdaIntegration("Files", this.files),
      authorizer: props.authorizer,
    });
  }
}
