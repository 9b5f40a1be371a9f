// One way to build ParWatch's Lambdas: Node 22 on arm64, an ESM bundle by the local esbuild, its own log
// group with a retention, and the table and uploads bucket named in the environment (functions/lambda/
// cloud-deps.ts reads them).

import { type Duration, RemovalPolicy } from "aws-cdk-lib";
import type { ITableV2 } from "aws-cdk-lib/aws-dynamodb";
import { Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Architecture, Runtime } from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, type NodejsFunctionProps, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";
import { acknowledge } from "../nag";

/** Bundling shared by the Lambdas: ESM, minified, with require() available to CommonJS dependencies. */
export const BUNDLING = {
  format: OutputFormat.ESM,
  minify: true,
  sourceMap: false,
  target: "node22",
  // The Node 22 runtime ships AWS SDK v3; it stays out of the bundles (the NodejsFunction default),
  // which keeps the API bundle under its 300 KB budget.
  externalModules: ["@aws-sdk/*"],
  // ESM bundles of CommonJS packages (exceljs, papaparse) call require(): give them one.
  banner: "import{createRequire}from'module';const require=createRequire(import.meta.url);",
};

export interface ParWatchFunctionProps extends Pick<NodejsFunctionProps, "retryAttempts" | "onFailure"> {
  /** The file under functions/lambda/ that exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly table: ITableV2;
  readonly uploads: IBucket;
  readonly stage: "dev" | "prod";
}

export function parWatchFunction(scope: Construct, id: string, props: ParWatchFunctionProps): NodejsFunction {
  // Logs are kept three months, long enough to look into a complaint after a reporting deadline.
  const logGroup = new LogGroup(scope, `${id}Logs`, {
    retention: RetentionDays.THREE_MONTHS,
    removalPolicy: props.stage === "prod" ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  // Its own role: writing its own log group, nothing else until a grant adds it (grants.ts) — not the
  // managed AWSLambdaBasicExecutionRole, which may write any log group.
  const role = new Role(scope, `${id}Role`, {
    assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
    description: props.description,
  });
  logGroup.grantWrite(role);
  const fn = new NodejsFunction(scope, id, {
    role,
    entry: new URL(`../../functions/lambda/${props.entry}`, import.meta.url).pathname,
    handler: "handler",
    description: props.description,
    runtime: Runtime.NODEJS_22_X,
    // Graviton: about 20 % cheaper per GB-second for the same work.
    architecture: Architecture.ARM_64,
    memorySize: props.memorySize,
    timeout: props.timeout,
    logGroup,
    environment: { TABLE_NAME: props.table.tableName, UPLOAD_BUCKET: props.uploads.bucketName },
    bundling: BUNDLING,
    retryAttempts: props.retryAttempts,
    onFailure: props.onFailure,
  });
  acknowledge(
    fn,
    "L1",
    "Node 22 is the runtime the Cloud issue fixes and the bundles target (node22); moving to Node 24 is a change of " +
      "Runtime and target here once the tests pass on it.",
  );
  return fn;
}
