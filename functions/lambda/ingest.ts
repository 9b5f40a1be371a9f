// Lambda entry for S3 "object created" events on the uploads bucket: the same ingest the local server
// runs on the embedded S3's events.

import { ingestS3Event, type S3EventNotification } from "../ingest/uploads";
import { cloudDeps } from "./cloud-deps";

const deps = cloudDeps();

export async function handler(event: S3EventNotification) {
  const outcomes = await ingestS3Event(deps, event);
  console.log(JSON.stringify({ level: "info", message: "ingested", outcomes }));
  return outcomes;
}
