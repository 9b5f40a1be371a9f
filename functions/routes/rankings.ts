// GET /api/rankings/:cohort/:period?metric=onTimeRateOfResolved — a cohort's leaderboard on one rate.

import { Hono } from "hono";
import { can } from "../auth/guard";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import { rankCohort } from "../services/rankings";

const DEFAULT_METRIC = "onTimeRateOfResolved";

export function rankingRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/:cohort/:period", can(deps, "ranking.read"), async (c) =>
    c.json(
      await rankCohort(deps, c.req.param("cohort"), c.req.param("period"), c.req.query("metric") ?? DEFAULT_METRIC),
    ),
  );
}
