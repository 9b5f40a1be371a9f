// The S3 buckets: raw uploads (presigned PUTs from browsers, read by the ingest Lambda), the built
// dashboard, the published open data, and the access logs of all of them and of CloudFront. None is
// public; CloudFront reads the dashboard and the open data through origin access control.

import { Duration, RemovalPolicy } from "aws-cdk-lib";
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
  StorageClass,
} from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { UPLOAD_PREFIX } from "../../functions/ingest/announce";

export interface StorageProps {
  readonly stage: "dev" | "prod";
  /**
   * Origins allowed to PUT uploads through presigned URLs (the dashboard's address). The URL's signature
   * is what admits a file; CORS only lets the browser send it.
   */
  readonly uploadOrigins: readonly string[];
}

export class Storage extends Construct {
  readonly uploads: Bucket;
  readonly site: Bucket;
  readonly publicData: Bucket;
  readonly logs: Bucket;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    const prod = props.stage === "prod";
    const base = {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // S3-managed keys: encrypted at rest at no cost; files hold no secrets beyond what the table holds.
      encryption: BucketEncryption.S3_MANAGED,
      // Deny any request not over TLS.
      enforceSSL: true,
      // prod keeps its files if the stack is deleted; dev buckets go with it (they must be empty).
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    };
    this.logs = new Bucket(this, "Logs", {
      ...base,
      // CloudFront's standard logs are delivered with an ACL: the bucket must accept ACLs from writers.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      // Who read or uploaded what, for a year (an audit cycle), then gone.
      lifecycleRules: [{ id: "access-logs", expiration: Duration.days(365) }],
    });
    // Every request to the other buckets is logged, each under its own prefix.
    const common = (name: string) => ({
      ...base,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: `s3/${name}/`,
    });

    this.uploads = new Bucket(this, "Uploads", {
      ...common("uploads"),
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
          prefix: `${UPLOAD_PREFIX}/`,
          transitions: [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) }],
          expiration: Duration.days(365),
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
    this.site = new Bucket(this, "Site", common("site"));
    this.publicData = new Bucket(this, "PublicData", common("public-data"));
  }
}
