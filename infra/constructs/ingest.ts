// File ingest: uploads landing under uploads/ in the bucket trigger a Lambda that checks, stages, commits
// and applies the import (functions/ingest/uploads.ts — the same code the local server runs on the
// embedded S3's events). An event that still fails after Lambda's retries is kept in a queue for a person.

import { Duration } from "aws-cdk-lib";
import type { ITableV2 } from "aws-cdk-lib/aws-dynamodb";
import { SqsDestination } from "aws-cdk-lib/aws-lambda-destinations";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { EventType, type IBucket } from "aws-cdk-lib/aws-s3";
import { LambdaDestination } from "aws-cdk-lib/aws-s3-notifications";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { UPLOAD_PREFIX } from "../../functions/ingest/announce";
import { acknowledge } from "../nag";
import { grantTable, grantUploads } from "./grants";
import { parWatchFunction } from "./lambda";

export interface IngestProps {
  readonly stage: "dev" | "prod";
  readonly table: ITableV2;
  readonly uploads: IBucket;
}

export class Ingest extends Construct {
  readonly handler: NodejsFunction;
  readonly failed: Queue;

  constructor(scope: Construct, id: string, props: IngestProps) {
    super(scope, id);
    this.failed = new Queue(this, "Failed", {
      // Two weeks to look at an upload that could not be ingested (the file itself stays in the bucket).
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    acknowledge(this.failed, "SQS3", "This queue is the dead-letter destination of the ingest Lambda's failed events.");
    this.handler = parWatchFunction(this, "Handler", {
      stage: props.stage,
      table: props.table,
      uploads: props.uploads,
      entry: "ingest.ts",
      description: "ParWatch file ingest: checks, stages, commits and applies an uploaded file",
      // 1.5 GB: the file is held whole (SIPAS up to 300 MB) and parsed a megabyte at a time — a million
      // answers peak at ≈ 400 MB in the benchmark; more memory also means more CPU.
      memorySize: 1536,
      // 10,000 report rows take ≈ 12 s on a laptop; five minutes leaves room. Shorter than the 15 minutes
      // after which the schedule treats an import as abandoned (functions/services/schedule.ts).
      timeout: Duration.minutes(5),
      // An S3 event is invoked asynchronously: two retries, then the event goes to the queue.
      retryAttempts: 2,
      onFailure: new SqsDestination(this.failed),
    });
    grantTable(this.handler, props.table, "readWrite");
    // Reads uploads; removes one refused for its size unread (functions/ingest/uploads.ts).
    grantUploads(this.handler, props.uploads, ["s3:GetObject", "s3:DeleteObject"]);
    props.uploads.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(this.handler), {
      prefix: `${UPLOAD_PREFIX}/`,
    });
  }
}
