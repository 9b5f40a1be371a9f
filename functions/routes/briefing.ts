// GET /api/briefing/:unitId/:period — the chair's one-page briefing on the unit's subtree (chairs of that
// unit, inspectors and admins); reporters do not read cohort rankings and may not.

import { Hono } from "hono";
import { can, demand, fromParam } from "../auth/guard";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import { briefing } from "../services/briefing";

export function briefingRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/:unitId/:period", can(deps, "report.read", fromParam("unitId")), async (c) => {
    demand(c.get("identity"), "ranking.read");
    return c.json(await briefing(deps, c.req.param("unitId"), c.req.param("period")));
  });
}
