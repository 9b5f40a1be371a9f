// Methodology scores: recompute a cohort-period and read leaderboards.
//   POST /api/scores/:methodology/:period/recompute  {cohort?, version?, replace?}
//   GET  /api/leaderboards/:cohort/:period?methodology=par-province

import { Hono } from "hono";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import { leaderboard, recompute } from "../services/scoring";
import { jsonBody } from "./body";

export function scoreRoutes(deps: Deps) {
  return new Hono<AppEnv>().post("/:methodology/:period/recompute", async (c) => {
    const body = (await jsonBody(c, {})) as { cohort?: string; version?: string; replace?: boolean };
    const summary = await recompute(
      deps,
      c.req.param("methodology"),
      c.req.param("period"),
      { cohort: body.cohort, version: body.version, replace: body.replace === true },
      c.get("user"),
    );
    return c.json(summary);
  });
}

const DEFAULT_METHODOLOGY = "par-province";

export function leaderboardRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/:cohort/:period", async (c) =>
    c.json(
      await leaderboard(
        deps,
        c.req.param("cohort"),
        c.req.param("period"),
        c.req.query("methodology") ?? DEFAULT_METHODOLOGY,
      ),
    ),
  );
}
