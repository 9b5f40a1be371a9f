// Lambda entry for the HTTP API: the same hono app as the local server, wired to DynamoDB and S3.

import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { handle } from "hono/aws-lambda";
import { createApp } from "../app";
import { dynamoStore } from "../store/dynamodb";
import { s3BlobStore } from "../store/s3";

const required = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
};

const app = createApp({
  store: dynamoStore(new DynamoDBClient({}), required("TABLE_NAME")),
  blobs: s3BlobStore(new S3Client({}), required("UPLOAD_BUCKET")),
  now: () => new Date(),
});

export const handler = handle(app);
