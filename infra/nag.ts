// cdk-nag's AwsSolutions checks, run on every synth (app.ts and the tests): a finding fails the synth
// unless it is acknowledged with a written reason. Our own constructs acknowledge their findings where
// the resource is made; this file holds the plugin and the findings on handlers CDK itself adds.

import { type CfnElement, Stack, Token, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import type { IConstruct } from "constructs";

/** Acknowledges a finding on a construct (and what it contains), with the reason it is accepted. */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-${id}`, reason });
}

export function addNagChecks(scope: IConstruct): void {
  Validations.of(scope).addPlugins(new AwsSolutionsChecks(scope));
}

/** How cdk-nag names a resource's ARN in a finding: <LogicalId.Arn>. */
export function arnInFinding(resource: IConstruct): string {
  return `<${Stack.of(resource).getLogicalId(resource.node.defaultChild as CfnElement)}.Arn>`;
}

const CDK_HANDLER_REASON =
  "A handler CDK adds and maintains (its runtime, managed logging policy and permissions are CDK's); it runs only " +
  "during deployments";

/**
 * The singleton handlers CDK adds to the stack: BucketDeployment (copies web/dist into the site bucket)
 * and BucketNotifications (sets the uploads bucket's event notification).
 */
export function acknowledgeCdkHandlers(stack: Stack, siteBucket: IConstruct): void {
  // The bootstrap assets bucket is named with the stack's account and region, when they are known.
  const account = Token.isUnresolved(stack.account) ? "<AWS::AccountId>" : stack.account;
  const region = Token.isUnresolved(stack.region) ? "<AWS::Region>" : stack.region;
  for (const child of stack.node.children) {
    const id = child.node.id;
    if (id.startsWith("Custom::CDKBucketDeployment")) {
      for (const finding of [
        "L1",
        "IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
        "IAM5[Action::s3:GetObject*]",
        "IAM5[Action::s3:GetBucket*]",
        "IAM5[Action::s3:List*]",
        "IAM5[Action::s3:DeleteObject*]",
        "IAM5[Action::s3:Abort*]",
        `IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${account}-${region}/*]`,
        `IAM5[Resource::${arnInFinding(siteBucket)}/*]`,
        // cloudfront:CreateInvalidation: the distribution is created after this handler's policy.
        "IAM5[Resource::*]",
      ]) {
        acknowledge(
          child,
          finding,
          `${CDK_HANDLER_REASON}: it replaces the site bucket's files with the built dashboard.`,
        );
      }
    }
    if (id.startsWith("BucketNotificationsHandler")) {
      for (const finding of [
        "L1",
        "IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
        "IAM5[Resource::*]",
      ]) {
        acknowledge(
          child,
          finding,
          `${CDK_HANDLER_REASON}: it sets the uploads bucket's notification (s3:PutBucketNotification takes no narrower resource here).`,
        );
      }
    }
  }
}
