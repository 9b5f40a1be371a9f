// The audit trail, for inspectors and admins:
//   GET /api/audit?unitId=&period=&user=&from=&to=&limit=&cursor=  → {entries, next}, newest first
//   GET /api/audit/export.csv?…same filters                               → every matching entry as CSV
//   GET /api/audit/export.xlsx?…same filters                              → the same entries for officials:
//     headings, actions, roles, sources and outcomes in the caller's language, the time a real date (Vietnam
//     time, dd/mm/yyyy hh:mm), units by name beside their id, text cells neutralised against formulas

import { Hono } from "hono";
import * as z from "zod/mini";
import type { AuditEntry, AuditQuery } from "../../shared/access/audit";
import { csvLine } from "../../shared/csv";
import { isMessageKey, type Lang, translate } from "../../shared/i18n";
import { periodLabel } from "../../shared/i18n/labels";
import { excelDateTime } from "../../shared/xlsx";
import { can } from "../auth/guard";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import { type XlsxCell, xlsxOf } from "../publish/xlsx";
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

/** A catalogue entry when there is one (a role or source the catalogue does not know shows its id). */
const named = (lang: Lang, key: string, fallback: string) => (isMessageKey(key) ? translate(lang, key) : fallback);

/** The heading row and one row per entry, as an official reads them in Excel. */
function auditSheet(lang: Lang, entries: readonly AuditEntry[], unitNames: ReadonlyMap<string, string>): XlsxCell[][] {
  const heading = (
    [
      "audit.atVietnam",
      "audit.actor",
      "audit.role",
      "audit.action",
      "audit.entity",
      "audit.unitId",
      "audit.unit",
      "audit.period",
      "audit.source",
      "audit.reason",
      "audit.before",
      "audit.after",
      "audit.outcome",
    ] as const
  ).map((key) => translate(lang, key));
  // A bare number before or after (a count, a points value) stays a number; anything else is its JSON.
  const value = (change: unknown): XlsxCell => (typeof change === "number" ? change : show(change));
  const rows = entries.map((entry): XlsxCell[] => [
    { value: excelDateTime(entry.at), format: "datetime" },
    entry.actor,
    named(lang, `role.${entry.role}`, entry.role),
    named(lang, `audit.action.${entry.action}`, entry.action),
    entry.entity,
    entry.unitId ?? "",
    entry.unitId ? (unitNames.get(entry.unitId) ?? "") : "",
    entry.period ? periodLabel(lang, entry.period) : "",
    [named(lang, `audit.source.${entry.source}`, entry.source), entry.sourceRef].filter(Boolean).join(" · "),
    entry.reason ?? "",
    value(entry.before),
    value(entry.after),
    named(lang, `audit.outcome.${entry.outcome}`, entry.outcome),
  ]);
  return [heading, ...rows];
}

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
    })
    .get("/export.xlsx", can(deps, "audit.read"), async (c) => {
      const raw = queryOf(c, filters);
      const lang = c.get("lang");
      const [{ entries }, units] = await Promise.all([
        deps.store.listAudit(auditQuery({ ...raw, cursor: undefined }, CSV_LIMIT)),
        deps.store.listUnits(),
      ]);
      const names = new Map(units.map((unit) => [unit.id, unit.name]));
      const bytes = xlsxOf(translate(lang, "audit.sheet"), auditSheet(lang, entries, names));
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "content-disposition": 'attachment; filename="audit.xlsx"',
      });
    });
}
