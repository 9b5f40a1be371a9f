// Thin helpers over the DynamoDB document client shared by the repositories: paging queries, batch puts
// with retries of unprocessed items, and conditional puts that report a lost condition as false.

import { AsyncLocalStorage } from "node:async_hooks";
import { ConditionalCheckFailedException, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";

export type Item = Record<string, unknown>;

const BATCH_SIZE = 25; // DynamoDB's BatchWriteItem limit

export interface Db {
  readonly tableName: string;
  readonly client: DynamoDBClient;
  get(pk: string, sk: string, consistent?: boolean): Promise<Item | undefined>;
  put(item: Item): Promise<void>;
  /** A put guarded by a condition; false when the condition did not hold (nothing written). */
  putIf(
    item: Item,
    condition: string,
    values?: Record<string, unknown>,
    names?: Record<string, string>,
  ): Promise<boolean>;
  batchPut(items: readonly Item[]): Promise<void>;
  batchDelete(keys: readonly { pk: string; sk: string }[]): Promise<void>;
  /** A delete guarded by a condition; false when it did not hold. */
  deleteIf(key: { pk: string; sk: string }, condition: string, values?: Record<string, unknown>): Promise<boolean>;
  queryAll(input: Omit<QueryCommandInput, "TableName">): Promise<Item[]>;
  queryPrefix(pk: string, skPrefix: string, extra?: Partial<QueryCommandInput>): Promise<Item[]>;
  queryIndex(indexName: string, pkName: string, pk: string): Promise<Item[]>;
  query(input: Omit<QueryCommandInput, "TableName">): Promise<Item[]>;
  /** One page of a query and where the next one starts. */
  queryPage(input: Omit<QueryCommandInput, "TableName">): Promise<{ items: Item[]; lastKey?: Item }>;
  /** Runs bulk work whose writes the observer hears of once, together, when it ends (an import). */
  together<T>(work: () => Promise<T>): Promise<T>;
  /** Sets attributes of an existing item when the condition holds; false otherwise. */
  update(
    key: { pk: string; sk: string },
    change: { set: Record<string, unknown>; condition?: string; values?: Record<string, unknown> },
  ): Promise<boolean>;
}

/**
 * Told of every item written (its keys at least), after the write succeeded: the local server refreshes
 * read models from it as the cloud does from the table's stream.
 */
export type WriteObserver = (items: readonly Item[]) => void;

export interface DbOptions {
  readonly observe?: WriteObserver;
  /**
   * Items whose reads may be answered from memory because every write to them goes through this Db
   * (one local server owns its data folder): accounts, revoked sessions, read-model headers. Each write
   * through this Db forgets the items it touched. Never for a table other processes write (the cloud).
   */
  readonly remember?: (pk: string, sk: string) => boolean;
}

const REMEMBERED_ITEMS = 10_000;

export function createDb(client: DynamoDBClient, tableName: string, options: DbOptions = {}): Db {
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const held = new AsyncLocalStorage<Item[]>();
  const remembered = new Map<string, Item | null>();
  // Every write moves the epoch on: a read that overlapped a write is not remembered.
  let epoch = 0;
  const cacheKey = (pk: unknown, sk: unknown) => `${String(pk)}\u0000${String(sk)}`;
  const observe = (items: readonly Item[]) => {
    epoch++;
    if (options.remember) for (const item of items) remembered.delete(cacheKey(item.pk, item.sk));
    const buffer = held.getStore();
    if (buffer) buffer.push(...items.map((item) => ({ pk: item.pk, sk: item.sk })));
    else options.observe?.(items);
  };

  async function batchWrite(requests: Record<string, unknown>[]): Promise<void> {
    for (let start = 0; start < requests.length; start += BATCH_SIZE) {
      let batch = requests.slice(start, start + BATCH_SIZE);
      for (let attempt = 0; batch.length > 0; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 10));
        const result = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: batch } }));
        batch = (result.UnprocessedItems?.[tableName] ?? []) as typeof batch;
      }
    }
  }

  async function queryAll(input: Omit<QueryCommandInput, "TableName">): Promise<Item[]> {
    const items: Item[] = [];
    let ExclusiveStartKey: Item | undefined;
    do {
      const page = await doc.send(new QueryCommand({ TableName: tableName, ...input, ExclusiveStartKey }));
      items.push(...((page.Items as Item[] | undefined) ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }

  return {
    tableName,
    client,
    async get(pk, sk, consistent = false) {
      const rememberable = options.remember?.(pk, sk) ?? false;
      const key = cacheKey(pk, sk);
      if (rememberable && remembered.has(key)) {
        const known = remembered.get(key);
        return known === null ? undefined : structuredClone(known);
      }
      const before = epoch;
      const result = await doc.send(
        new GetCommand({ TableName: tableName, Key: { pk, sk }, ConsistentRead: consistent }),
      );
      const item = result.Item as Item | undefined;
      if (rememberable && epoch === before) {
        if (remembered.size >= REMEMBERED_ITEMS) remembered.delete(remembered.keys().next().value as string);
        remembered.set(key, item ? structuredClone(item) : null);
      }
      return item;
    },
    async put(item) {
      await doc.send(new PutCommand({ TableName: tableName, Item: item }));
      observe([item]);
    },
    async putIf(item, condition, values, names) {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: item,
            ConditionExpression: condition,
            ...(values ? { ExpressionAttributeValues: values } : {}),
            ...(names ? { ExpressionAttributeNames: names } : {}),
          }),
        );
        observe([item]);
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
    async batchPut(items) {
      await batchWrite(items.map((Item) => ({ PutRequest: { Item } })));
      if (items.length > 0) observe(items);
    },
    async batchDelete(keys) {
      await batchWrite(keys.map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } })));
      if (keys.length > 0) observe(keys);
    },
    async deleteIf(key, condition, values) {
      try {
        await doc.send(
          new DeleteCommand({
            TableName: tableName,
            Key: { pk: key.pk, sk: key.sk },
            ConditionExpression: condition,
            ...(values ? { ExpressionAttributeValues: values } : {}),
          }),
        );
        observe([key]);
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
    async together(work) {
      if (held.getStore()) return work();
      const buffer: Item[] = [];
      try {
        return await held.run(buffer, work);
      } finally {
        if (buffer.length > 0) options.observe?.(buffer);
      }
    },
    queryAll,
    queryPrefix(pk, skPrefix, extra = {}) {
      return queryAll({
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: { ":pk": pk, ":prefix": skPrefix },
        ...extra,
      });
    },
    queryIndex(indexName, pkName, pk) {
      return queryAll({
        IndexName: indexName,
        KeyConditionExpression: `${pkName} = :pk`,
        ExpressionAttributeValues: { ":pk": pk },
      });
    },
    async query(input) {
      const page = await doc.send(new QueryCommand({ TableName: tableName, ...input }));
      return (page.Items as Item[] | undefined) ?? [];
    },
    async queryPage(input) {
      const page = await doc.send(new QueryCommand({ TableName: tableName, ...input }));
      return { items: (page.Items as Item[] | undefined) ?? [], lastKey: page.LastEvaluatedKey };
    },
    async update(key, { set, condition, values = {} }) {
      const names = Object.fromEntries(Object.keys(set).map((name, i) => [`#f${i}`, name]));
      const setValues = Object.fromEntries(Object.values(set).map((value, i) => [`:f${i}`, value]));
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: key.pk, sk: key.sk },
            UpdateExpression: `SET ${Object.keys(names)
              .map((name, i) => `${name} = :f${i}`)
              .join(", ")}`,
            ConditionExpression: ["attribute_exists(pk)", condition].filter(Boolean).join(" AND "),
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ...setValues, ...values },
          }),
        );
        observe([{ ...key, ...set }]);
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  };
}

/** Runs work over items with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(runners);
  return results;
}
