// --table and --bucket: the CLI working on a deployed ParWatch (DynamoDB and S3 in an AWS account) with
// the operator's own AWS credentials and region (AWS_PROFILE, AWS_REGION — the SDK's usual chain).

import type { Deps } from "../deps";
import { cloudDeps } from "../lambda/cloud-deps";
import type { OptionValues } from "./command";
import { type CliIo, fail } from "./io";

export const CLOUD_OPTIONS = { table: { type: "string" }, bucket: { type: "string" } } as const;

/** The deployed store named by --table/--bucket, or undefined when neither is given. */
export function cloudTarget(values: OptionValues, io: CliIo): Deps | undefined {
  const table = typeof values.table === "string" ? values.table : undefined;
  const bucket = typeof values.bucket === "string" ? values.bucket : undefined;
  if (!table && !bucket) return undefined;
  if (!table) return fail(io, "cli.error.required", { option: "table" });
  if (!bucket) return fail(io, "cli.error.required", { option: "bucket" });
  return cloudDeps({ table, bucket });
}
