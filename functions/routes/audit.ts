// The audit trail, for inspectors and admins:
//   GET /api/audit?unitId=&period=&user=&from=&to=&limit=&cursor=  → {entries, next}, newest first
//   GET /api/audit/export.csv?…same filters                               → every matching entry as CSV

import { Hono } from "hono";
import * as z from "zod/mini";
import type { AuditQuery } from "../../shared/access/audit";
import { csvLine } from "../../shared/csv";
import { translate } from "../../shared/i18n";
import { can } from "../auth/guard";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import { queryOf } from "./input";

const day = z.optional(
  z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: "error.date" })),
);
const filters = z.object({
  unitId: z.optional(z.string().check(z.maxLength(200))),
  period: z.optional(z.string().check(z.maxLength(20))),
  user: z.optional(z.string().check(z.maxLength(200))),
  from: day,
  to: day,
  limit: z.optional(z.string().check(z.regex(/^\d{1,3}$/, { error: "error.count" }))),
  cursor: z.optional(z.string().check(z.maxLength(300))),
  lang: z.optional(z.string()),
});

function auditQuery(raw: z.infer<typeof filters>, limit: number): AuditQuery {
  return {
    ...(raw.unitId ? { unitId: raw.unitId } : {}),
    ...(raw.period ? { period: raw.period } : {}),
    ...(raw.user ? { user: raw.user } : {}),
    ...(raw.from ? { from: raw.from } : {}),
    ...(raw.to ? { to: raw.to } : {}),
    ...(raw.cursor ? { cursor: raw.cursor } : {}),
    limit,
  };
}

const CSV_LIMIT = 10_000;
const show = (value: unknown) => (value === undefined ? "" : JSON.stringify(value));

export function auditRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/", can(deps, "audit.read"), async (c) => {
      const raw = queryOf(c, filters);
      const limit = Math.min(Math.max(Number(raw.limit ?? 50), 1), 200);
      return c.json(await deps.store.listAudit(auditQuery(raw, limit)));
    })
    .get("/export.csv", can(deps, "audit.read"), async (c) => {
      const raw = queryOf(c, filters);
      const lang = c.get("lang");
      const { entries } = await deps.store.listAudit(auditQuery({ ...raw, cursor: undefined }, CSV_LIMIT));
      const heading = [
        "at",
        "actor",
        "role",
        "action",
        "entity",
        "unit",
        "period",
        "source",
        "reason",
        "before",
        "after",
        "outcome",
      ];
      const lines = entries.map((entry) =>
        csvLine([
          entry.at,
          entry.actor,
          entry.role,
          translate(lang, `audit.action.${entry.action}`),
          entry.entity,
          entry.unitId ?? "",
          entry.period ?? "",
          [entry.source, entry.sourceRef].filter(Boolean).join(" · "),
          entry.reason ?? "",
          show(entry.before),
          show(entry.after),
          entry.outcome,
        ]),
      );
      return c.body(`\ufeff${[csvLine(heading), ...lines].join("\r\n")}\r\n`, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": 'attachment; filename="audit.csv"',
      });
    });
}
