// Imports and templates:
//   POST /api/imports {kind, fileName, period?}  → 201 {importId, uploadUrl, headers}: PUT the file there
//   GET  /api/imports                            → history, newest first
//   GET  /api/imports/:id                        → {record, errors} in the caller's language
//   GET  /api/imports/:id/rows?limit=500         → the rows it staged and applied
//   GET  /api/imports/:id/errors.csv             → the error report as CSV
// (Templates are in files.ts: they need exceljs, which the API Lambda does not carry.)

import { Hono } from "hono";
import { csvLine } from "../../shared/csv";
import { translate } from "../../shared/i18n";
import { localizeRowError } from "../../shared/ingest/row-error";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import { announceUpload } from "../ingest/announce";
import { getImport } from "../services/import-records";
import { jsonBody } from "./body";

export function importRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .post("/", async (c) =>
      c.json(await announceUpload(deps, (await jsonBody(c)) as Record<string, unknown>, c.get("user")), 201),
    )
    .get("/", async (c) => c.json({ imports: await deps.store.listImports() }))
    .get("/:id", async (c) => {
      const { record, errors } = await getImport(deps, c.req.param("id"));
      return c.json({ record, errors: errors.map((error) => localizeRowError(error, c.get("lang"))) });
    })
    .get("/:id/rows", async (c) => {
      // The rows an import staged (and applied): what the file put in, as checked.
      const { record } = await getImport(deps, c.req.param("id"));
      const limit = Math.min(Number(c.req.query("limit") ?? 500), 5000);
      const rows = await deps.store.importRows(record.importId);
      return c.json({ kind: record.kind, total: rows.length, rows: rows.slice(0, limit) });
    })
    .get("/:id/errors.csv", async (c) => {
      const lang = c.get("lang");
      const { record, errors } = await getImport(deps, c.req.param("id"));
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
