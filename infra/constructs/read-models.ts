// Read models in the cloud: the table's stream (keys only) invokes a Lambda that builds again the
// leaderboards, matrices and filing lists a batch of writes made stale (functions/lambda/read-models.ts,
// the same refresh the local server runs in process). Batches of up to 1,000 records gathered for up to
// a second: an import of 3,321 rows refreshes each model about once, not once per row.

import { Duration } from "aws-cdk-lib";
import type { ITableV2 } from "aws-cdk-lib/aws-dynamodb";
import { StartingPosition } from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { acknowledge } from "../nag";
import { grantTable } from "./grants";
import { parWatchFunction } from "./lambda";

export interface ReadModelsProps {
  readonly stage: "dev" | "prod";
  readonly table: ITableV2;
  readonly uploads: IBucket;
}

export class ReadModels extends Construct {
  readonly handler: NodejsFunction;
  readonly failed: Queue;

  constructor(scope: Construct, id: string, props: ReadModelsProps) {
    super(scope, id);
    this.failed = new Queue(this, "Failed", {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    acknowledge(
      this.failed,
      "SQS3",
      "This queue is the dead-letter destination of stream batches the read-model Lambda could not process.",
    );
    this.handler = parWatchFunction(this, "Handler", {
      ...props,
      entry: "read-models.ts",
      description: "ParWatch read models: rebuild the leaderboards, matrices and filing lists a write made stale",
      memorySize: 1024,
      timeout: Duration.minutes(2),
    });
    grantTable(this.handler, props.table, "readWrite");
    this.handler.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.LATEST,
        batchSize: 1000,
        maxBatchingWindow: Duration.seconds(1),
        // One shard's batches in order; a failing batch is halved to find the record, retried, then parked.
        parallelizationFactor: 1,
        bisectBatchOnError: true,
        retryAttempts: 3,
        onFailure: new SqsDlq(this.failed),
      }),
    );
  }
}
