// Methodology scores: recompute a cohort-period and read leaderboards.
//   POST /api/scores/:methodology/:period/recompute  {cohort?, version?, replace?}  (inspectors; published
//        cohorts are left as they are, or 409 when the one asked for is published)
//   GET  /api/leaderboards/:cohort/:period?methodology=par-province

import { Hono } from "hono";
import * as z from "zod/mini";
import { actorName } from "../../shared/access/identity";
import { can } from "../auth/guard";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import { actorOf } from "../services/actor";
import { recorded } from "../services/audit";
import { leaderboardList } from "../services/lists";
import { recompute } from "../services/scoring";
import { jsonBody } from "./body";
import { parsed, queryOf } from "./input";
import { listJson } from "./list-json";
import { listQuery } from "./rankings";

const recomputeBody = z.strictObject({
  cohort: z.optional(z.string().check(z.maxLength(64))),
  version: z.optional(z.string().check(z.maxLength(64))),
  replace: z.optional(z.boolean()),
});

export function scoreRoutes(deps: Deps) {
  return new Hono<AppEnv>().post("/:methodology/:period/recompute", can(deps, "score.recompute"), async (c) => {
    const body = parsed(recomputeBody, await jsonBody(c, {}));
    const actor = actorOf(c);
    const methodology = c.req.param("methodology");
    const period = c.req.param("period");
    const summary = await recorded(
      deps,
      actor,
      { action: "score.recompute", entity: `scores:${methodology}:${period}`, period, after: body },
      () =>
        recompute(
          deps,
          methodology,
          period,
          { cohort: body.cohort, version: body.version, replace: body.replace === true },
          actorName(actor.identity),
        ),
      (result) => ({ version: result.version, units: result.units, frozenCohorts: result.frozenCohorts }),
    );
    return c.json(summary);
  });
}

const DEFAULT_METHODOLOGY = "par-province";

export function leaderboardRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/:cohort/:period", can(deps, "ranking.read"), async (c) => {
    const { methodology, parent } = queryOf(c, listQuery);
    return listJson(
      c,
      await leaderboardList(
        deps,
        c.req.param("cohort"),
        c.req.param("period"),
        methodology ?? DEFAULT_METHODOLOGY,
        parent,
      ),
    );
  });
}
