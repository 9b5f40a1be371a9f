// Imports: a record per import (listed newest first through gsi1), its row errors, its staged rows, and
// a content-hash claim that makes a repeated upload of the same file a no-op (see README.md).

import type { RowError } from "../../shared/ingest/row-error";
import type { ImportRecord, ImportStore } from "../ports";
import type { Db, Item } from "./db";
import { GSI1, keys } from "./table";

// Staged rows are grouped so a 10,000-row file is a few hundred items, each well under 400 KB.
const ROWS_PER_ITEM = 50;

const toRecord = (item: Item): ImportRecord => {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _type, ...record } = item;
  return record as unknown as ImportRecord;
};

export function importsRepo(db: Db): ImportStore {
  const recordItem = (record: ImportRecord) => ({
    ...keys.importRecord(record.importId, record.createdAt),
    type: "Import",
    ...record,
  });
  return {
    async putImport(record) {
      await db.put(recordItem(record));
    },
    moveImport(importId, from, to) {
      return db.putIf(recordItem({ ...to, importId }), "#status = :from", { ":from": from }, { "#status": "status" });
    },
    async getImport(importId) {
      const item = await db.get(`IMPORT#${importId}`, "META", true);
      return item ? toRecord(item) : undefined;
    },
    async listImports(limit = 200) {
      const items = await db.query({
        IndexName: GSI1,
        KeyConditionExpression: "gsi1pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.allImports().gsi1pk },
        ScanIndexForward: false,
        Limit: limit,
      });
      return items.map(toRecord);
    },
    async putImportErrors(importId, errors) {
      await db.put({ ...keys.importErrors(importId), type: "ImportErrors", errors });
    },
    async importErrors(importId) {
      const { pk, sk } = keys.importErrors(importId);
      const item = await db.get(pk, sk);
      return (item?.errors as RowError[] | undefined) ?? [];
    },
    async putImportRows(importId, rows) {
      const items: Item[] = [];
      for (let start = 0; start < rows.length; start += ROWS_PER_ITEM) {
        items.push({
          ...keys.importRow(importId, start / ROWS_PER_ITEM),
          type: "ImportRows",
          rows: rows.slice(start, start + ROWS_PER_ITEM),
        });
      }
      await db.batchPut(items);
    },
    async importRows(importId) {
      const { pk, skPrefix } = keys.importRows(importId);
      return (await db.queryPrefix(pk, skPrefix, { ConsistentRead: true })).flatMap((item) => item.rows as unknown[]);
    },
    async claimContentHash(kind, contentHash, importId) {
      const key = keys.contentHash(kind, contentHash);
      if (await db.putIf({ ...key, type: "ContentHash", importId }, "attribute_not_exists(pk)")) return undefined;
      const holder = await db.get(key.pk, key.sk, true);
      return holder ? String(holder.importId) : undefined;
    },
    async reassignContentHash(kind, contentHash, importId) {
      await db.put({ ...keys.contentHash(kind, contentHash), type: "ContentHash", importId });
    },
  };
}
