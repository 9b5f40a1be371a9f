// Imports and templates:
//   POST /api/imports {kind, fileName, period?}  → 201 {importId, uploadUrl, headers}: PUT the file there
//   GET  /api/imports                            → history, newest first
//   GET  /api/imports/:id                        → {record, errors} in the caller's language
//   GET  /api/imports/:id/rows?limit=500         → the rows it staged and applied
//   GET  /api/imports/:id/errors.csv             → the error report as CSV
// (Templates are in files.ts: they need exceljs, which the API Lambda does not carry.)

import { type Context, Hono } from "hono";
import * as z from "zod/mini";
import { type Action, reachOf } from "../../shared/access/authorize";
import { csvLine } from "../../shared/csv";
import { translate } from "../../shared/i18n";
import { localizeRowError } from "../../shared/ingest/row-error";
import { can, demand } from "../auth/guard";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import { announceUpload } from "../ingest/announce";
import type { ImportKind } from "../ports";
import { getImport, IMPORT_ACTIONS } from "../services/import-records";
import { jsonBody } from "./body";
import { parsed, queryOf } from "./input";

const announceBody = z.object({
  kind: z.string().check(z.maxLength(20)),
  fileName: z.string().check(z.maxLength(300)),
  period: z.optional(z.string().check(z.maxLength(20))),
});

/**
 * Announcing an upload of a kind takes that kind's permission (reports: any unit the caller files for);
 * a body without a known kind only needs a hand in imports at all, and the schema then says what is wrong.
 */
const announceAction = async (c: Context<AppEnv>): Promise<Action> => {
  const body = (await c.req.json().catch(() => ({}))) as { kind?: unknown } | null;
  const kind = body?.kind;
  return typeof kind === "string" && Object.hasOwn(IMPORT_ACTIONS, kind)
    ? IMPORT_ACTIONS[kind as ImportKind]
    : "import.read";
};

export function importRoutes(deps: Deps) {
  /** The import, if the caller may see it (their own upload, or any for inspectors and admins). */
  const visibleImport = async (c: Context<AppEnv>) => {
    const outcome = await getImport(deps, c.req.param("id") ?? "");
    demand(c.get("identity"), "import.read", { owner: outcome.record.uploadedBy });
    return outcome;
  };
  return new Hono<AppEnv>()
    .post("/", can(deps, announceAction, "listed"), async (c) => {
      const body = parsed(announceBody, await jsonBody(c));
      return c.json(await announceUpload(deps, body, c.get("identity")), 201);
    })
    .get("/", can(deps, "import.read", "listed"), async (c) => {
      const identity = c.get("identity");
      const all = await deps.store.listImports();
      const mine = reachOf(identity, "import.read") === "mine";
      return c.json({ imports: mine ? all.filter((record) => record.uploadedBy === c.get("user")) : all });
    })
    .get("/:id", can(deps, "import.read", "listed"), async (c) => {
      const { record, errors } = await visibleImport(c);
      return c.json({ record, errors: errors.map((error) => localizeRowError(error, c.get("lang"))) });
    })
    .get("/:id/rows", can(deps, "import.read", "listed"), async (c) => {
      // The rows an import staged (and applied): what the file put in, as checked.
      const { record } = await visibleImport(c);
      const { limit } = queryOf(
        c,
        z.object({ limit: z.optional(z.string().check(z.regex(/^\d{1,5}$/, { error: "error.count" }))) }),
      );
      const rows = await deps.store.importRows(record.importId);
      return c.json({
        kind: record.kind,
        total: rows.length,
        rows: rows.slice(0, Math.min(Number(limit ?? 500), 5000)),
      });
    })
    .get("/:id/errors.csv", can(deps, "import.read", "listed"), async (c) => {
      const lang = c.get("lang");
      const { record, errors } = await visibleImport(c);
      const heading = ["row", "column", "value", "message"].map((name) =>
        translate(lang, `import.errors.${name}` as "import.errors.row"),
      );
      const lines = errors.map((error) => {
        const localized = localizeRowError(error, lang);
        return csvLine([localized.row, localized.column, localized.value, localized.message]);
      });
      return c.body(`\ufeff${[csvLine(heading), ...lines].join("\r\n")}\r\n`, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="errors-${record.importId}.csv"`,
      });
    });
}
