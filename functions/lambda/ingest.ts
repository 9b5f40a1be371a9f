// Lambda entry for S3 "object created" events on the uploads bucket: the same ingest the local server
// runs on the embedded S3's events.

import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { ingestS3Event, type S3EventNotification } from "../ingest/uploads";
import { dynamoStore } from "../store/dynamodb";
import { s3BlobStore } from "../store/s3";

const required = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
};

const deps = {
  store: dynamoStore(new DynamoDBClient({}), required("TABLE_NAME")),
  blobs: s3BlobStore(new S3Client({}), required("UPLOAD_BUCKET")),
  now: () => new Date(),
};

export async function handler(event: S3EventNotification) {
  const outcomes = await ingestS3Event(deps, event);
  console.log(JSON.stringify({ level: "info", message: "ingested", outcomes }));
  return outcomes;
}
