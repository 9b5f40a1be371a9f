// The DynamoDB adapter of the Store port: the repositories over one table. The same code talks to AWS
// DynamoDB and to the embedded dynalite — conditional writes only (dynalite has no TransactWriteItems).

import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
} from "@aws-sdk/client-dynamodb";
import type { Store } from "../ports";
import { auditRepo } from "./audit-repo";
import { commitmentsRepo } from "./commitments-repo";
import { createDb, type WriteObserver } from "./db";
import { importsRepo } from "./imports-repo";
import { qualityRepo } from "./quality-repo";
import { readModelsRepo } from "./read-models-repo";
import { reportsRepo } from "./reports-repo";
import { scoresRepo } from "./scores-repo";
import { TABLE_KEYS } from "./table";
import { unitsRepo } from "./units-repo";
import { usersRepo } from "./users-repo";
import { workflowRepo } from "./workflow-repo";

/**
 * The store over one table. `options.observe` hears of every item written (the local read-model
 * refresher; the cloud reads the table's stream instead); `options.owner` says this process is the only
 * writer (a local data folder), so accounts, revoked sessions and read-model headers are answered from
 * memory until it writes them.
 */
export function dynamoStore(
  client: DynamoDBClient,
  tableName: string,
  options: { observe?: WriteObserver; owner?: boolean } = {},
): Store {
  const db = createDb(client, tableName, {
    observe: options.observe,
    remember: options.owner ? ownedItems : undefined,
  });
  return {
    async ping() {
      await client.send(new DescribeTableCommand({ TableName: tableName }));
    },
    ...unitsRepo(db),
    ...reportsRepo(db),
    ...scoresRepo(db),
    ...importsRepo(db),
    ...commitmentsRepo(db),
    ...usersRepo(db),
    ...auditRepo(db, () => new Date().toISOString().slice(0, 10)),
    ...workflowRepo(db),
    ...qualityRepo(db),
    ...readModelsRepo(db),
    together: (work) => db.together(work),
  };
}

/** The items a sole writer may answer from memory: small, read on every request, written only through it. */
const ownedItems = (pk: string, sk: string) =>
  (pk.startsWith("USER#") && sk === "ACCOUNT") ||
  (pk.startsWith("SESSION#") && sk === "REVOKED") ||
  (pk.startsWith("VIEW#") && sk === "HEAD");

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
