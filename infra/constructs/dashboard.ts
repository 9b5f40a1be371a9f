// The dashboard's files: web/dist copied into the site bucket on every deploy, with a config.json that
// tells the browser how to sign in (Cognito's managed login). Locally there is no config.json: the
// dashboard then runs without sign-in, as the local server expects.

import { existsSync } from "node:fs";
import { join } from "node:path";
import { Aws } from "aws-cdk-lib";
import type { Distribution } from "aws-cdk-lib/aws-cloudfront";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import { BucketDeployment, Source } from "aws-cdk-lib/aws-s3-deployment";
import { Construct } from "constructs";
import type { DashboardConfig } from "../../web/src/lib/config";

export interface DashboardProps {
  /** The built dashboard (vite build → web/dist). */
  readonly dir: string;
  readonly bucket: IBucket;
  readonly distribution: Distribution;
  readonly signIn: { readonly domain: string; readonly clientId: string };
}

export class Dashboard extends Construct {
  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    if (!existsSync(join(props.dir, "index.html"))) {
      throw new Error(`The dashboard is not built (${props.dir}/index.html is missing): run npm run build first`);
    }
    const config: DashboardConfig = {
      signIn: { domain: props.signIn.domain, clientId: props.signIn.clientId, region: Aws.REGION },
    };
    new BucketDeployment(this, "Files", {
      sources: [Source.asset(props.dir), Source.jsonData("config.json", config)],
      destinationBucket: props.bucket,
      // A new deployment is seen at once, not after the edge caches expire.
      distribution: props.distribution,
      distributionPaths: ["/*"],
      memoryLimit: 256,
    });
  }
}
