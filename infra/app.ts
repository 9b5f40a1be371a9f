// CDK entry (`cdk.json`): `npx cdk synth -c stage=dev|prod [-c region=…] [-c alarmEmail=…] [-c uploadOrigin=…]`.
// Synthesises offline, no credentials needed; cdk-nag's AwsSolutions checks run on every synth.

import { App } from "aws-cdk-lib";
import { addNagChecks } from "./nag";
import { ParWatchStack } from "./stack";

const app = new App();
const stage = app.node.tryGetContext("stage") === "prod" ? "prod" : "dev";
const uploadOrigin = app.node.tryGetContext("uploadOrigin");
new ParWatchStack(app, `ParWatch-${stage}`, {
  stage,
  uploadOrigins: uploadOrigin ? [String(uploadOrigin)] : undefined,
  alarmEmail: app.node.tryGetContext("alarmEmail"),
  // Singapore, the region nearest Vietnam, unless the deployment names another (-c region=…): where the
  // data lives is a decision, not whatever region the operator's profile happens to name.
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: app.node.tryGetContext("region") ?? "ap-southeast-1" },
});
addNagChecks(app);
