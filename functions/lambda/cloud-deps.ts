// The adapters every Lambda wires: DynamoDB and S3 through the same store code the local server uses,
// named by the environment the CDK stack sets (TABLE_NAME, UPLOAD_BUCKET, PUBLIC_BUCKET). Endpoints follow the SDK's own
// variables (AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_S3); S3_FORCE_PATH_STYLE=true is for S3-compatible
// stores that have no bucket host names (the embedded s3rver the tests run the bundles against).

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

export interface CloudNames {
  readonly table: string;
  readonly bucket: string;
  /** The public-data bucket publishing writes to (the CLI's --public-bucket). */
  readonly publicBucket?: string;
}

/** The Lambdas name their table and bucket in the environment; the CLI passes them as options. */
export function cloudDeps(names?: CloudNames): Deps {
  const s3 = new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === "true" });
  const bucket = names?.bucket ?? required("UPLOAD_BUCKET");
  return {
    store: dynamoStore(new DynamoDBClient({}), names?.table ?? required("TABLE_NAME")),
    blobs: s3BlobStore(s3, bucket),
    // Lambdas that never publish (ingest, files) are not given the bucket: publishing there fails loudly.
    publicBlobs: s3BlobStore(s3, names?.publicBucket ?? process.env.PUBLIC_BUCKET ?? "public-bucket-not-configured"),
    now: () => new Date(),
  };
}
