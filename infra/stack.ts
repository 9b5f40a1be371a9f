// The ParWatch stack: one construct per concern — data, storage, site. The API, ingest, schedule, auth
// and alarm constructs join here in the rest of the Cloud issue.

import { Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { Api } from "./constructs/api";
import { Data } from "./constructs/data";
import { Site } from "./constructs/site";
import { Storage } from "./constructs/storage";

export interface ParWatchStackProps extends StackProps {
  readonly stage: "dev" | "prod";
  /** Origins the browser uploads from (the dashboard's domain); "*" only for dev. */
  readonly uploadOrigins?: readonly string[];
}

export class ParWatchStack extends Stack {
  constructor(scope: Construct, id: string, props: ParWatchStackProps) {
    super(scope, id, props);
    const data = new Data(this, "Data", { stage: props.stage });
    const storage = new Storage(this, "Storage", {
      stage: props.stage,
      uploadOrigins: props.uploadOrigins ?? (props.stage === "prod" ? [] : ["*"]),
    });
    new Site(this, "Site", { site: storage.site, publicData: storage.publicData });
    new Api(this, "Api", { table: data.table, uploads: storage.uploads });
  }
}
