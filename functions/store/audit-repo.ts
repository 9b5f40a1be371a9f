// The audit trail (see README.md): one item per change, by month and by unit, newest first.

import { type AuditEntry, monthsBetween } from "../../shared/access/audit";
import type { AuditPage, AuditStore } from "../ports";
import type { Db, Item } from "./db";
import { GSI1, keys } from "./table";

const EARLIEST = "2000-01-01";

export function auditRepo(db: Db, today: () => string): AuditStore {
  return {
    writeAudit(entry) {
      // The id comes from the change: writing the same entry twice (a retried request) keeps one.
      return db.putIf(
        { ...keys.audit(entry.at, entry.id, entry.unitId), type: "Audit", ...entry },
        "attribute_not_exists(pk)",
      );
    },
    async settleAudit(entry, outcome, after) {
      await db.update(keys.audit(entry.at, entry.id, undefined), {
        set: { outcome, ...(after === undefined ? {} : { after }) },
        condition: "outcome = :pending",
        values: { ":pending": "pending" },
      });
    },
    async listAudit(query) {
      const to = query.to ?? today();
      const from = query.from ?? EARLIEST;
      // The cursor is the sort key of the last entry given: the next page starts below it.
      const below = query.cursor ?? `${to}T99`;
      const above = from;
      const filters: string[] = [];
      const values: Record<string, unknown> = { ":above": above, ":below": below };
      const names: Record<string, string> = {};
      if (query.user) {
        filters.push("actor = :user");
        values[":user"] = query.user;
      }
      if (query.period) {
        filters.push("#period = :period");
        values[":period"] = query.period;
        names["#period"] = "period";
      }
      const filter = filters.length > 0 ? { FilterExpression: filters.join(" AND ") } : {};
      const entries: AuditEntry[] = [];
      const collect = async (partition: { IndexName?: string; pkName: string; pk: string; skName: string }) => {
        let start: Item | undefined;
        do {
          const page = await db.queryPage({
            ...(partition.IndexName ? { IndexName: partition.IndexName } : {}),
            KeyConditionExpression: `${partition.pkName} = :pk AND ${partition.skName} BETWEEN :above AND :below`,
            ExpressionAttributeValues: { ...values, ":pk": partition.pk },
            ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
            ...filter,
            ScanIndexForward: false,
            Limit: query.limit + 1,
            ExclusiveStartKey: start,
          });
          for (const item of page.items) {
            const entry = toEntry(item);
            if (query.cursor && `${entry.at}#${entry.id}` === query.cursor) continue;
            if (entries.length <= query.limit) entries.push(entry);
          }
          start = page.lastKey;
        } while (start && entries.length <= query.limit);
      };
      if (query.unitId) {
        await collect({
          IndexName: GSI1,
          pkName: "gsi1pk",
          pk: keys.auditOfUnit(query.unitId).gsi1pk,
          skName: "gsi1sk",
        });
      } else {
        for (const month of monthsBetween(from, below.slice(0, 10))) {
          if (entries.length > query.limit) break;
          await collect({ pkName: "pk", pk: keys.auditMonth(month).pk, skName: "sk" });
        }
      }
      const more = entries.length > query.limit;
      const shown = entries.slice(0, query.limit);
      const last = shown.at(-1);
      return { entries: shown, next: more && last ? `${last.at}#${last.id}` : undefined } satisfies AuditPage;
    },
  };
}

function toEntry(found: Item): AuditEntry {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _type, ...rest } = found;
  return rest as unknown as AuditEntry;
}
