// Every write goes through `recorded`: the audit entry is written first (its id derived from the change,
// so a retried request does not add a second one), then the change, then the entry's outcome. A crash in
// between leaves a pending entry that names the change it was about.

import { createHash } from "node:crypto";
import type { AuditAction, AuditEntry, AuditSource } from "../../shared/access/audit";
import { actorName, type Identity } from "../../shared/access/identity";
import type { Deps } from "../deps";

/** Who is acting and through what: the form, the API, a file, the schedule, the CLI, the seed. */
export interface Actor {
  readonly identity: Identity;
  readonly source: AuditSource;
  /** The import id and file name of a file import; the job of a schedule. */
  readonly sourceRef?: string;
}

export interface Change {
  readonly action: AuditAction;
  readonly entity: string;
  readonly unitId?: string;
  readonly period?: string;
  readonly reason?: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** Values above this size are summarised, so an entry stays far below DynamoDB's 400 KB. */
const MAX_VALUE_BYTES = 32_000;

function bounded(value: unknown): unknown {
  if (value === undefined) return undefined;
  const json = JSON.stringify(value);
  return json.length <= MAX_VALUE_BYTES ? value : { summarised: true, bytes: json.length };
}

export function roleOf(identity: Identity): string {
  return identity.kind === "user" ? identity.role : identity.kind;
}

/**
 * Runs `apply` under an audit entry; `outcome` says what to record of the result as "after". An error,
 * or a result of `false` (a conditional write that did not happen), settles the entry as failed.
 */
export async function recorded<T>(
  deps: Deps,
  actor: Actor,
  change: Change,
  apply: () => Promise<T>,
  outcome?: (result: T) => unknown,
): Promise<T> {
  const at = deps.now().toISOString();
  const actorId = actorName(actor.identity);
  const id = createHash("sha256")
    .update(JSON.stringify([at, actorId, change.action, change.entity, change.after ?? null, change.reason ?? null]))
    .digest("base64url")
    .slice(0, 16);
  const entry: AuditEntry = {
    id,
    at,
    actor: actorId,
    role: roleOf(actor.identity),
    action: change.action,
    entity: change.entity,
    ...(change.unitId ? { unitId: change.unitId } : {}),
    ...(change.period ? { period: change.period } : {}),
    source: actor.source,
    ...(actor.sourceRef ? { sourceRef: actor.sourceRef } : {}),
    ...(change.reason ? { reason: change.reason } : {}),
    ...(change.before === undefined ? {} : { before: bounded(change.before) }),
    ...(change.after === undefined ? {} : { after: bounded(change.after) }),
    outcome: "pending",
  };
  await deps.store.writeAudit(entry);
  let result: T;
  try {
    result = await apply();
  } catch (error) {
    await deps.store.settleAudit(entry, "failed").catch(() => {});
    throw error;
  }
  // A conditional write that lost its condition (false) changed nothing: the entry says so.
  if (result === false) await deps.store.settleAudit(entry, "failed");
  else await deps.store.settleAudit(entry, "done", outcome ? bounded(outcome(result)) : undefined);
  return result;
}
