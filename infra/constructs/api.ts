// The HTTP API: API Gateway v2 in front of one Lambda running the same hono app as the local server.

import { Duration } from "aws-cdk-lib";
import { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type { ITableV2 } from "aws-cdk-lib/aws-dynamodb";
import { Architecture, Runtime } from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";

export interface ApiProps {
  readonly table: ITableV2;
  readonly uploads: IBucket;
}

/** Bundling shared by the Lambdas: ESM, minified, with require() available to CommonJS dependencies. */
export const BUNDLING = {
  format: OutputFormat.ESM,
  minify: true,
  sourceMap: false,
  target: "node22",
  // ESM bundles of CommonJS packages (the AWS SDK's helpers) call require(): give them one.
  banner: "import{createRequire}from'module';const require=createRequire(import.meta.url);",
};

export class Api extends Construct {
  readonly handler: NodejsFunction;
  readonly httpApi: HttpApi;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.handler = new NodejsFunction(this, "Handler", {
      entry: new URL("../../functions/lambda/api.ts", import.meta.url).pathname,
      handler: "handler",
      runtime: Runtime.NODEJS_22_X,
      // Graviton: about 20 % cheaper per GB-second for the same work.
      architecture: Architecture.ARM_64,
      // 512 MB: enough CPU for cold starts of ≈ 0.3 s with the SDK clients; the API holds no large data.
      memorySize: 512,
      timeout: Duration.seconds(15),
      // Logs are kept three months, long enough to look into a complaint after a reporting deadline.
      logRetention: RetentionDays.THREE_MONTHS,
      environment: { TABLE_NAME: props.table.tableName, UPLOAD_BUCKET: props.uploads.bucketName },
      bundling: BUNDLING,
    });
    props.table.grantReadWriteData(this.handler);
    // Presigned upload URLs are signed with the function's role: it needs PutObject; health checks need read.
    props.uploads.grantPut(this.handler);
    props.uploads.grantRead(this.handler);

    this.httpApi = new HttpApi(this, "HttpApi", {
      description: "ParWatch API",
      defaultIntegration: new HttpLambdaIntegration("App", this.handler),
    });
  }
}
