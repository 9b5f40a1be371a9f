// The adapters every Lambda wires: DynamoDB and S3 through the same store code the local server uses,
// named by the environment the CDK stack sets (TABLE_NAME, UPLOAD_BUCKET).

import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import type { Deps } from "../deps";
import { dynamoStore } from "../store/dynamodb";
import { s3BlobStore } from "../store/s3";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

export function cloudDeps(): Deps {
  return {
    store: dynamoStore(new DynamoDBClient({}), required("TABLE_NAME")),
    blobs: s3BlobStore(new S3Client({}), required("UPLOAD_BUCKET")),
    now: () => new Date(),
  };
}
