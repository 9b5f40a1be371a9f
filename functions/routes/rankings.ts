// GET /api/rankings/:cohort/:period?metric=onTimeRateOfResolved&parent= — a cohort's leaderboard on one
// rate; with `parent`, only the units below it (ranks stay the cohort's), each row with its parent.

import { Hono } from "hono";
import * as z from "zod/mini";
import { can } from "../auth/guard";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import { rankingList } from "../services/lists";
import { queryOf } from "./input";
import { listJson } from "./list-json";

const DEFAULT_METRIC = "onTimeRateOfResolved";
export const listQuery = z.object({
  metric: z.optional(z.string().check(z.maxLength(64))),
  methodology: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  parent: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  lang: z.optional(z.string()),
});

export function rankingRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/:cohort/:period", can(deps, "ranking.read"), async (c) => {
    const { metric, parent } = queryOf(c, listQuery);
    return listJson(
      c,
      await rankingList(deps, c.req.param("cohort"), c.req.param("period"), metric ?? DEFAULT_METRIC, parent),
    );
  });
}
