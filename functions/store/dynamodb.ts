// The DynamoDB adapter of the Store port. The same code talks to AWS DynamoDB and to the embedded
// dynalite: conditional writes only (dynalite has no TransactWriteItems), keys from table.ts.

import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
} from "@aws-sdk/client-dynamodb";
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from "@aws-sdk/lib-dynamodb";
import { sameMetrics } from "../../shared/metrics";
import type { ReportInput, ReportVersion } from "../../shared/report";
import type { Unit } from "../../shared/units";
import type { SaveResult, Store, Submission } from "../ports";
import { GSI1, keys, TABLE_KEYS } from "./table";

const BATCH_SIZE = 25; // DynamoDB's BatchWriteItem limit
const MAX_VERSION_ATTEMPTS = 8;

type Item = Record<string, unknown>;

export function dynamoStore(client: DynamoDBClient, tableName: string): Store {
  const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

  async function queryAll(input: Omit<QueryCommandInput, "TableName">): Promise<Item[]> {
    const items: Item[] = [];
    let ExclusiveStartKey: Item | undefined;
    do {
      const page = await db.send(new QueryCommand({ TableName: tableName, ...input, ExclusiveStartKey }));
      items.push(...((page.Items as Item[] | undefined) ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }

  const queryPrefix = (pk: string, skPrefix: string, extra: Partial<QueryCommandInput> = {}) =>
    queryAll({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": pk, ":prefix": skPrefix },
      ...extra,
    });

  async function batchPut(items: readonly Item[]): Promise<void> {
    for (let start = 0; start < items.length; start += BATCH_SIZE) {
      let requests = items.slice(start, start + BATCH_SIZE).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 10));
        const result = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
        requests = (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
      }
    }
  }

  async function lastVersionNumber(unitId: string, period: string): Promise<number> {
    const { pk, skPrefix } = keys.reportVersionPrefix(unitId, period);
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: { ":pk": pk, ":prefix": skPrefix },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const last = page.Items?.[0] as Item | undefined;
    return last ? Number(last.version) : 0;
  }

  /** Points LATEST at a version unless a newer one is already there. */
  async function promote(report: ReportVersion): Promise<void> {
    try {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.latestReport(report.unitId, report.period), type: "ReportLatest", ...report },
          ConditionExpression: "attribute_not_exists(pk) OR version < :version",
          ExpressionAttributeValues: { ":version": report.version },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async function latestReport(unitId: string, period: string): Promise<ReportVersion | undefined> {
    const { pk, sk } = keys.latestReport(unitId, period);
    const result = await db.send(new GetCommand({ TableName: tableName, Key: { pk, sk }, ConsistentRead: true }));
    return result.Item ? toReport(result.Item) : undefined;
  }

  const registerPeriod = (period: string) =>
    db.send(new PutCommand({ TableName: tableName, Item: { ...keys.filedPeriod(period), type: "Period", period } }));

  return {
    async ping() {
      await client.send(new DescribeTableCommand({ TableName: tableName }));
    },

    async listUnits() {
      const items = await queryAll({
        IndexName: GSI1,
        KeyConditionExpression: "gsi1pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.allUnits().gsi1pk },
      });
      return items.map(toUnit);
    },

    async getUnit(id) {
      const { pk, sk } = keys.unit(id);
      const result = await db.send(new GetCommand({ TableName: tableName, Key: { pk, sk } }));
      return result.Item ? toUnit(result.Item) : undefined;
    },

    async putUnits(units) {
      await batchPut(units.map((unit) => ({ ...keys.unit(unit.id), type: "Unit", ...unit })));
    },

    async saveReport(input: ReportInput, submission: Submission): Promise<SaveResult> {
      const latest = await latestReport(input.unitId, input.period);
      if (latest && sameMetrics(latest.metrics, input.metrics)) return { report: latest, created: false };

      let version = (await lastVersionNumber(input.unitId, input.period)) + 1;
      for (let attempt = 1; ; attempt++) {
        const report: ReportVersion = { ...input, ...submission, version };
        try {
          await db.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...keys.reportVersion(input.unitId, input.period, version), type: "ReportVersion", ...report },
              ConditionExpression: "attribute_not_exists(pk)",
            }),
          );
          await promote(report);
          await registerPeriod(input.period);
          return { report, created: true };
        } catch (error) {
          // Another writer took this version number: take the next one, never overwrite.
          if (!(error instanceof ConditionalCheckFailedException) || attempt >= MAX_VERSION_ATTEMPTS) throw error;
          version = (await lastVersionNumber(input.unitId, input.period)) + 1;
        }
      }
    },

    async loadReportVersions(versions) {
      await batchPut(
        versions.map((report) => ({
          ...keys.reportVersion(report.unitId, report.period, report.version),
          type: "ReportVersion",
          ...report,
        })),
      );
      const latest = new Map<string, ReportVersion>();
      for (const report of versions) {
        const key = `${report.unitId}\u0000${report.period}`;
        const current = latest.get(key);
        if (!current || current.version < report.version) latest.set(key, report);
      }
      await batchPut(
        [...latest.values()].map((report) => ({
          ...keys.latestReport(report.unitId, report.period),
          type: "ReportLatest",
          ...report,
        })),
      );
      const periods = new Set(versions.map((report) => report.period));
      await batchPut([...periods].map((period) => ({ ...keys.filedPeriod(period), type: "Period", period })));
    },

    latestReport,

    async reportHistory(unitId, period) {
      const { pk, skPrefix } = keys.reportVersionPrefix(unitId, period);
      return (await queryPrefix(pk, skPrefix, { ConsistentRead: true })).map(toReport);
    },

    async latestReportsOfUnit(unitId) {
      const { pk, skPrefix } = keys.latestReportPrefix(unitId);
      return (await queryPrefix(pk, skPrefix)).map(toReport);
    },

    async latestReportsOfPeriod(period) {
      const items = await queryAll({
        IndexName: GSI1,
        KeyConditionExpression: "gsi1pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.latestReportsOfPeriod(period).gsi1pk },
      });
      return items.map(toReport);
    },

    async filedPeriods() {
      const { pk, skPrefix } = keys.filedPeriods();
      return (await queryPrefix(pk, skPrefix)).map((item) => String(item.period));
    },
  };
}

function toUnit(item: Item): Unit {
  return {
    id: String(item.id),
    name: String(item.name),
    parentId: item.parentId === null || item.parentId === undefined ? null : String(item.parentId),
    cohort: String(item.cohort),
  };
}

function toReport(item: Item): ReportVersion {
  return {
    unitId: String(item.unitId),
    period: String(item.period),
    metrics: item.metrics as ReportVersion["metrics"],
    version: Number(item.version),
    submittedBy: String(item.submittedBy),
    submittedAt: String(item.submittedAt),
    source: item.source as ReportVersion["source"],
  };
}

/** Creates the table if it does not exist (local runs and tests; the cloud table comes from CDK). */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return false;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: TABLE_KEYS.attributes,
      KeySchema: TABLE_KEYS.keySchema,
      GlobalSecondaryIndexes: TABLE_KEYS.globalSecondaryIndexes,
    }),
  );
  for (let attempt = 0; attempt < 50; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === "ACTIVE") return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`table ${tableName} did not become active`);
}
