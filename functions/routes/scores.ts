// Methodology scores: recompute a cohort-period and read leaderboards.
//   POST /api/scores/:methodology/:period/recompute  {cohort?, version?, replace?}  (inspectors; published
//        cohorts are left as they are, or 409 when the one asked for is published)
//   GET  /api/leaderboards/:cohort/:period?methodology=par-province

import { Hono } from "hono";
import * as z from "zod/mini";
import { actorName } from "../../shared/access/identity";
import { ConflictError, InvalidInputError } from "../../shared/errors";
import { parsePeriod } from "../../shared/period";
import { can } from "../auth/guard";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import { actorOf } from "../services/actor";
import { recorded } from "../services/audit";
import { leaderboardList } from "../services/lists";
import { methodologyFor } from "../services/methodologies";
import { recompute } from "../services/scoring";
import { governingStatus } from "../services/workflow";
import { jsonBody } from "./body";
import { parsed, queryOf } from "./input";
import { listJson } from "./list-json";
import { listQuery } from "./rankings";

const recomputeBody = z.strictObject({
  cohort: z.optional(z.string().check(z.maxLength(64))),
  version: z.optional(z.string().check(z.maxLength(64))),
  replace: z.optional(z.boolean()),
});

/**
 * What recompute itself would refuse — a period that is none, a methodology or version that does not
 * exist, a cohort the methodology does not score, a published cohort — refused before its audit entry is
 * written: a refused request leaves nothing, not even a failed entry.
 */
async function refuseRecompute(
  deps: Deps,
  methodologyId: string,
  periodId: string,
  body: z.infer<typeof recomputeBody>,
): Promise<void> {
  const period = parsePeriod(periodId);
  if (!period) throw new InvalidInputError([{ path: "period", key: "error.period", params: { value: periodId } }]);
  const methodology = await methodologyFor(deps, methodologyId, period.year, body.version);
  if (body.cohort === undefined) return;
  if (!methodology.cohorts.includes(body.cohort)) {
    throw new InvalidInputError([
      { path: "cohort", key: "error.scores.cohort", params: { methodology: methodology.id, cohort: body.cohort } },
    ]);
  }
  if ((await governingStatus(deps, body.cohort, period.id)) === "published") {
    throw new ConflictError("error.workflow.frozen", { cohort: body.cohort, period: period.id });
  }
}

export function scoreRoutes(deps: Deps) {
  return new Hono<AppEnv>().post("/:methodology/:period/recompute", can(deps, "score.recompute"), async (c) => {
    const body = parsed(recomputeBody, await jsonBody(c, {}));
    const actor = actorOf(c);
    const methodology = c.req.param("methodology");
    const period = c.req.param("period");
    await refuseRecompute(deps, methodology, period, body);
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
