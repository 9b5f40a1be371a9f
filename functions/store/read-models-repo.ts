// Read models (see README.md): a header item and one item per row under `VIEW#<id>`. A write reads the
// stored rows, writes only the rows that changed and deletes the ones gone, then replaces the header
// only if it is still the one the writer started from: a writer that lost that race computes again.

import type { ReadModelHead, ReadModelRow, ReadModelStore } from "../ports";
import type { Db } from "./db";
import { GSI1, keys } from "./table";

const ROW_PREFIX = "ROW#";

const rowOf = (item: Record<string, unknown>): ReadModelRow => ({
  path: String(item.sk).slice(ROW_PREFIX.length),
  data: item.data,
});

const headOf = (item: Record<string, unknown>): ReadModelHead => ({
  id: item.gsi1sk as string,
  generation: item.generation as string,
  builtAt: item.builtAt as string,
  rowCount: item.rowCount as number,
  header: item.header as Record<string, unknown>,
});

export function readModelsRepo(db: Db): ReadModelStore {
  async function storedRows(id: string, pathPrefix?: string): Promise<ReadModelRow[]> {
    const { pk, skPrefix } = keys.readModelRows(id, pathPrefix);
    return (await db.queryPrefix(pk, skPrefix)).map(rowOf);
  }

  return {
    async readModelHead(id) {
      const { pk, sk } = keys.readModelHead(id);
      const item = await db.get(pk, sk);
      return item ? headOf(item) : undefined;
    },
    readModelRows: storedRows,
    async listReadModels(prefix = "") {
      const items = await db.queryAll({
        IndexName: GSI1,
        KeyConditionExpression: "gsi1pk = :pk AND begins_with(gsi1sk, :prefix)",
        ExpressionAttributeValues: { ":pk": keys.allReadModels().gsi1pk, ":prefix": prefix },
      });
      return items.map((item) => item.gsi1sk as string);
    },
    async writeReadModel(id, model, expected) {
      const before = new Map((await storedRows(id)).map((row) => [row.path, JSON.stringify(row.data)]));
      const changed = model.rows.filter((row) => before.get(row.path) !== JSON.stringify(row.data));
      const kept = new Set(model.rows.map((row) => row.path));
      const gone = [...before.keys()].filter((path) => !kept.has(path));
      await db.batchPut(changed.map((row) => ({ ...keys.readModelRow(id, row.path), data: row.data })));
      await db.batchDelete(gone.map((path) => keys.readModelRow(id, path)));
      const head = {
        ...keys.readModelHead(id),
        generation: model.generation,
        builtAt: model.builtAt,
        rowCount: model.rows.length,
        header: model.header,
      };
      const written =
        expected === null
          ? await db.putIf(head, "attribute_not_exists(pk)")
          : await db.putIf(head, "generation = :expected", { ":expected": expected });
      return { written, rowsWritten: changed.length, rowsDeleted: gone.length };
    },
    async removeReadModel(id) {
      const rows = await storedRows(id);
      await db.batchDelete(rows.map((row) => keys.readModelRow(id, row.path)));
      const { pk, sk } = keys.readModelHead(id);
      await db.deleteIf({ pk, sk }, "attribute_exists(pk)");
    },
  };
}
