// POST /api/reports: file a report — the whole report as sent becomes a new version. 201 with the new
// version, 200 when it repeats the latest one, 400 with per-field errors (nothing stored), 403 for a unit
// outside the caller's scope, 409 when the period's results are published.

import { Hono } from "hono";
import { can, fromBody } from "../auth/guard";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import { actorOf } from "../services/actor";
import { submitReport } from "../services/reports";
import { jsonBody } from "./body";

export function reportRoutes(deps: Deps) {
  return new Hono<AppEnv>().post("/", can(deps, "report.file", fromBody("unitId")), async (c) => {
    const { report, created } = await submitReport(deps, actorOf(c), await jsonBody(c));
    return c.json({ report, created }, created ? 201 : 200);
  });
}
