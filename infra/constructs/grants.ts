// Least-privilege grants, narrower than CDK's grant* helpers: exactly the DynamoDB and S3 calls the store
// adapters make (functions/store/), on the table, its one index, and the uploads/ prefix.

import type { ITableV2 } from "aws-cdk-lib/aws-dynamodb";
import { type IGrantable, PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import type { IConstruct } from "constructs";
import { UPLOAD_PREFIX } from "../../functions/ingest/announce";
import { GSI1 } from "../../functions/store/table";
import { PUBLIC_PREFIX } from "../../shared/publication";
import { acknowledge, arnInFinding } from "../nag";

/** DescribeTable is the health check; Query also runs on the index. */
const TABLE_READ = ["dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:Query"];
/**
 * UpdateItem settles an audit entry's outcome (the entry itself is only ever put, never replaced);
 * DeleteItem drops a read model that can no longer be built (source items are never deleted).
 */
const TABLE_WRITE = ["dynamodb:PutItem", "dynamodb:BatchWriteItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"];

export function grantTable(grantee: IGrantable, table: ITableV2, access: "read" | "readWrite"): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: access === "read" ? TABLE_READ : [...TABLE_READ, ...TABLE_WRITE],
      resources: [table.tableArn, `${table.tableArn}/index/${GSI1}`],
    }),
  );
}

/** Object actions on uploads/: PutObject (signing upload URLs), GetObject (reading and HEAD), DeleteObject. */
type UploadAction = "s3:PutObject" | "s3:GetObject" | "s3:DeleteObject";

export function grantUploads(
  grantee: IGrantable & IConstruct,
  bucket: IBucket,
  actions: readonly UploadAction[],
): void {
  const role = (grantee as { role?: IConstruct }).role ?? grantee;
  acknowledge(
    role,
    `IAM5[Resource::${arnInFinding(bucket)}/${UPLOAD_PREFIX}/*]`,
    "Each upload is its own object under uploads/{kind}/{importId}/: the prefix is the narrowest resource there is.",
  );
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: [...actions],
      resources: [bucket.arnForObjects(`${UPLOAD_PREFIX}/*`)],
    }),
  );
  // HeadBucket (the health check) is authorised by ListBucket on the bucket itself.
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ actions: ["s3:ListBucket"], resources: [bucket.bucketArn] }),
  );
}

/**
 * Publishing writes new snapshot files and the index under public/ of the public-data bucket: PutObject
 * only — a snapshot is never read back, changed or deleted by the API.
 */
export function grantPublish(grantee: IGrantable & IConstruct, bucket: IBucket): void {
  const role = (grantee as { role?: IConstruct }).role ?? grantee;
  acknowledge(
    role,
    `IAM5[Resource::${arnInFinding(bucket)}/${PUBLIC_PREFIX}/*]`,
    "Every published cohort-period is a new set of objects under public/v1/{cohort}/{period}/{snapshot}/: the prefix is the narrowest resource there is.",
  );
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ actions: ["s3:PutObject"], resources: [bucket.arnForObjects(`${PUBLIC_PREFIX}/*`)] }),
  );
}
