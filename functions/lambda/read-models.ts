// Lambda entry for the table's DynamoDB stream (keys only): the items a batch of writes touched become
// changes, and every stored read model they make stale is built again — the same refresh the local
// server runs on its store's writes. Replaying a batch builds the same models again: safe.

import { changeOfItem, type SourceChange } from "../../shared/read-models";
import { refreshAffected } from "../services/read-model-refresh";
import { cloudDeps } from "./cloud-deps";

/** The part of a DynamoDB stream record this handler reads: the item's keys, as attribute values. */
export interface StreamRecord {
  readonly dynamodb?: { readonly Keys?: Record<string, { S?: string }> };
}

const deps = cloudDeps();

/** The changes a batch of stream records stands for. */
export function changesOf(records: readonly StreamRecord[]): SourceChange[] {
  return records.flatMap((record) => {
    const keys = record.dynamodb?.Keys;
    const change = changeOfItem({ pk: keys?.pk?.S, sk: keys?.sk?.S });
    return change ? [change] : [];
  });
}

export async function handler(event: { Records?: readonly StreamRecord[] }) {
  const changes = changesOf(event.Records ?? []);
  const summary = await refreshAffected(deps, changes);
  console.log(
    JSON.stringify({ level: summary.failed.length ? "warn" : "info", message: "read models refreshed", ...summary }),
  );
  return summary;
}
