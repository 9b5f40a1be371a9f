// File downloads that need exceljs: GET /api/templates/:kind.:format?cohort=&period= (CSV or XLSX with the
// cohort's units filled in). In the cloud these run in their own Lambda (lambda/files.ts), keeping the API
// bundle small.

import { Hono } from "hono";
import { NotFoundError } from "../../shared/errors";
import type { RouteGroup } from "../app-of";
import { can, inScope } from "../auth/guard";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import { buildTemplate, type TemplateFormat } from "../ingest/templates";
import { IMPORT_KINDS, type ImportKind } from "../ports";

export function templateRoutes(deps: Deps) {
  // Templates list unit names, which every signed-in user may read; a report template holds only the
  // units the caller may file for (a commune's reporter gets one row, not the province).
  return new Hono<AppEnv>().get("/:file", can(deps, "unit.read"), async (c) => {
    const [kind, format] = c.req.param("file").split(".");
    if (!(IMPORT_KINDS as readonly string[]).includes(kind ?? "") || (format !== "csv" && format !== "xlsx")) {
      throw new NotFoundError("error.notFound");
    }
    const cohort = c.req.query("cohort");
    const all = await deps.store.listUnits();
    const fileFor = inScope(c.get("identity"), "report.file", all);
    const units = all
      .filter((unit) => (kind === "units" ? true : unit.cohort !== "province" && (!cohort || unit.cohort === cohort)))
      .filter((unit) => kind !== "reports" || fileFor(unit.id))
      .sort((a, b) => a.id.localeCompare(b.id));
    const template = await buildTemplate(
      kind as ImportKind,
      format as TemplateFormat,
      c.get("lang"),
      units,
      c.req.query("period") ?? "",
    );
    return c.body(template.body as Uint8Array<ArrayBuffer>, 200, {
      "content-type": template.contentType,
      "content-disposition": `attachment; filename="${template.fileName}"`,
    });
  });
}

export const fileRoutes: RouteGroup = (deps) => [["/api/templates", templateRoutes(deps)]];
