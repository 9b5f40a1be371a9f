// Alarms: any Lambda error or throttle, API server errors, DynamoDB throttling and a failed ingest event
// notify one SNS topic; an operator subscribes an e-mail address (context alarmEmail, or the console).

import { Duration } from "aws-cdk-lib";
import type { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { ITableV2 } from "aws-cdk-lib/aws-dynamodb";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";

export interface AlarmsProps {
  readonly functions: Readonly<Record<string, IFunction>>;
  readonly httpApi: HttpApi;
  readonly table: ITableV2;
  readonly failedIngests: IQueue;
  /** Who is told; without it, subscribe to the topic by hand. */
  readonly email?: string;
}

export class Alarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, "Topic", { displayName: "ParWatch alarms", enforceSSL: true });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    const action = new SnsAction(this.topic);
    const period = Duration.minutes(5);

    const alarm = (name: string, metric: IMetric, description: string, threshold = 1) => {
      new Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // No data means nothing happened: not an alarm.
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      }).addAlarmAction(action);
    };

    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(`${name}Errors`, fn.metricErrors({ period }), `${name} Lambda: an invocation failed`);
      alarm(`${name}Throttles`, fn.metricThrottles({ period }), `${name} Lambda: invocations were throttled`);
    }
    alarm(
      "ApiServerErrors",
      props.httpApi.metricServerError({ period }),
      "HTTP API: 5 or more 5xx answers in 5 minutes",
      5,
    );
    for (const metricName of ["ReadThrottleEvents", "WriteThrottleEvents"]) {
      alarm(
        `Table${metricName}`,
        props.table.metric(metricName, { period, statistic: "Sum" }),
        `DynamoDB: ${metricName} (on-demand tables throttle only past account limits or hot keys)`,
      );
    }
    alarm(
      "IngestFailed",
      props.failedIngests.metricApproximateNumberOfMessagesVisible({ period }),
      "An uploaded file could not be ingested after retries: see the ingest queue and the function's logs",
    );
  }
}
