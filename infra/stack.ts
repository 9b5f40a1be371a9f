// The ParWatch stack: one construct per concern. Storage, site, API, ingest, schedule and auth
// constructs join here in the Cloud issue.

import { Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { Data } from "./constructs/data";

export interface ParWatchStackProps extends StackProps {
  readonly stage: "dev" | "prod";
}

export class ParWatchStack extends Stack {
  constructor(scope: Construct, id: string, props: ParWatchStackProps) {
    super(scope, id, props);
    new Data(this, "Data", { stage: props.stage });
  }
}
