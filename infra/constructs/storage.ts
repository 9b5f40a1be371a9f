// The S3 buckets: raw uploads (presigned PUTs from browsers, read by the ingest Lambda), the built
// dashboard, and the published open data. None is public; CloudFront reads the last two through origin
// access control.

import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, StorageClass } from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";

export interface StorageProps {
  readonly stage: "dev" | "prod";
  /** Origins allowed to PUT uploads through presigned URLs (the dashboard's address). */
  readonly uploadOrigins: readonly string[];
}

export class Storage extends Construct {
  readonly uploads: Bucket;
  readonly site: Bucket;
  readonly publicData: Bucket;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    const prod = props.stage === "prod";
    const common = {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // S3-managed keys: encrypted at rest at no cost; files hold no secrets beyond what the table holds.
      encryption: BucketEncryption.S3_MANAGED,
      // Deny any request not over TLS.
      enforceSSL: true,
      // prod keeps its files if the stack is deleted; dev buckets go with it (they must be empty).
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    };

    this.uploads = new Bucket(this, "Uploads", {
      ...common,
      // Overwritten or deleted uploads stay recoverable for the audit trail.
      versioned: true,
      cors: [
        {
          allowedMethods: [HttpMethods.PUT],
          allowedOrigins: [...props.uploadOrigins],
          allowedHeaders: ["content-type", "x-amz-meta-*"],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        {
          // Accepted rows live in DynamoDB; the raw file is kept a year for audits, cheaper after a month.
          id: "raw-uploads",
          prefix: "uploads/",
          transitions: [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) }],
          expiration: Duration.days(365),
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
    this.site = new Bucket(this, "Site", common);
    this.publicData = new Bucket(this, "PublicData", common);
  }
}
