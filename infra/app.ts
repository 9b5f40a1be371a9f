// CDK entry (`cdk.json`): `npx cdk synth -c stage=dev|prod`. Synthesises offline, no credentials needed.

import { App } from "aws-cdk-lib";
import { ParWatchStack } from "./stack";

const app = new App();
const stage = app.node.tryGetContext("stage") === "prod" ? "prod" : "dev";
new ParWatchStack(app, `ParWatch-${stage}`, {
  stage,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? "ap-southeast-1" },
});
