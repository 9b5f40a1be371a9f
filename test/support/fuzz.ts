// Shared by the fuzz tests (test/fuzz-*.test.ts): what the embedded store holds, item by item (a whole
// scan of the table through the AWS SDK, and every object of both buckets), how two such snapshots
// differ, and what an answer must never be (a 5xx, a stack trace or an internal path, a 4xx without the
// {errors:[{path, code, message}]} shape).

import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import type { TestStack } from "./stack";

export const FUZZ_TABLE = "parwatch-test";
export const FUZZ_BUCKETS = ["parwatch-test", "parwatch-test-public"] as const;

/** Every item of the table, keyed `pk|sk`, its whole content as JSON text (attributes sorted). */
export type Items = ReadonlyMap<string, string>;

export interface Snapshot {
  readonly items: Items;
  /** Every object of both buckets, keyed `bucket/key`, with its ETag and size. */
  readonly objects: ReadonlyMap<string, string>;
}

const sortedJson = (value: unknown): string =>
  JSON.stringify(value, (_key, inner) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );

export async function tableItems(stack: TestStack): Promise<Map<string, string>> {
  const items = new Map<string, string>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await stack.embedded.dynamo.send(
      new ScanCommand({ TableName: FUZZ_TABLE, ConsistentRead: true, ExclusiveStartKey: start as never }),
    );
    for (const item of page.Items ?? []) items.set(`${item.pk?.S}|${item.sk?.S}`, sortedJson(item));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

export async function bucketObjects(stack: TestStack): Promise<Map<string, string>> {
  const objects = new Map<string, string>();
  for (const bucket of FUZZ_BUCKETS) {
    let token: string | undefined;
    do {
      const page = await stack.embedded.s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
      for (const object of page.Contents ?? []) objects.set(`${bucket}/${object.Key}`, `${object.ETag}:${object.Size}`);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
  return objects;
}

/** The store as it is once the read models have caught up with every write heard so far. */
export async function snapshot(stack: TestStack): Promise<Snapshot> {
  await stack.deps.readModels?.settled();
  const [items, objects] = await Promise.all([tableItems(stack), bucketObjects(stack)]);
  return { items, objects };
}

export interface Difference {
  readonly added: string[];
  readonly removed: string[];
  readonly changed: string[];
}

export function difference(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): Difference {
  const added: string[] = [];
  const changed: string[] = [];
  const removed: string[] = [];
  for (const [key, value] of after) {
    const was = before.get(key);
    if (was === undefined) added.push(key);
    else if (was !== value) changed.push(key);
  }
  for (const key of before.keys()) if (!after.has(key)) removed.push(key);
  return { added, removed, changed };
}

export const isEmpty = (d: Difference) => d.added.length + d.removed.length + d.changed.length === 0;

export const describeDifference = (d: Difference) =>
  `added ${JSON.stringify(d.added.slice(0, 5))}, changed ${JSON.stringify(d.changed.slice(0, 5))}, removed ${JSON.stringify(d.removed.slice(0, 5))}`;

/**
 * What an answer may not contain unless the request itself carried it (a value echoed in a message):
 * a stack frame, a file path of this machine, a JavaScript error class.
 */
const LEAKS: readonly RegExp[] = [
  /\bat [^\s()]+ \([^)]*:\d+:\d+\)/, // "at fn (file:12:3)"
  /\bat (?:file:\/\/)?\/[^\s]*:\d+:\d+/, // "at /work/main/x.ts:12:3"
  /\/work\//,
  /node_modules/,
  /\b(?:Type|Range|Syntax|Reference|Eval|URI|Aggregate|Internal)?Error: /,
  /\b[A-Z][A-Za-z]+(?:Exception|Error)\b/, // ValidationException, ConditionalCheckFailedException, ZodError
  /Maximum call stack/,
];

/** The problem with an answer, or undefined when it is fine. `sent` is everything the request carried. */
export function answerProblem(status: number, contentType: string, text: string, sent: string): string | undefined {
  if (status >= 500) return `status ${status}: ${text.slice(0, 300)}`;
  for (const leak of LEAKS) {
    const found = leak.exec(text);
    if (found && !sent.includes(found[0])) return `leak ${JSON.stringify(found[0])} in ${text.slice(0, 300)}`;
  }
  if (status < 400) return undefined;
  if (!contentType.includes("application/json")) return `status ${status} as ${contentType}`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `status ${status}, not JSON: ${text.slice(0, 200)}`;
  }
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return `status ${status} without errors: ${text.slice(0, 200)}`;
  for (const error of errors) {
    const { path, code, message } = (error ?? {}) as Record<string, unknown>;
    if (typeof path !== "string" || typeof code !== "string" || typeof message !== "string" || message === "")
      return `status ${status}, an error not {path, code, message}: ${JSON.stringify(error).slice(0, 200)}`;
    if (Object.keys(error).some((key) => !["path", "code", "message"].includes(key)))
      return `status ${status}, an error with other keys: ${JSON.stringify(error).slice(0, 200)}`;
  }
  return undefined;
}

/** Counts the cases each fuzz file ran, so a file fails when fewer ran than it planned. */
export class CaseCount {
  private counts = new Map<string, number>();
  add(label: string, n = 1): void {
    this.counts.set(label, (this.counts.get(label) ?? 0) + n);
  }
  get total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }
  of(label: string): number {
    return this.counts.get(label) ?? 0;
  }
  summary(): string {
    return [...this.counts].map(([label, n]) => `${label}: ${n}`).join(", ");
  }
}
