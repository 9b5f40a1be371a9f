// Units and what belongs to them: the tree, one unit, its figures for a period and their history, its
// appraisals (manual scores and deductions, every revision kept) and its scorecards.

import { Hono } from "hono";
import * as z from "zod/mini";
import { ancestry, buildTree, cohortsOf } from "../../shared/units";
import { can, fromParam } from "../auth/guard";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import { actorOf } from "../services/actor";
import { explainUnit } from "../services/explain";
import { correctReport, periodFigures, reportHistory, requireUnit, unitReports } from "../services/reports";
import { appraisalHistory, appraise, getAppraisal, unitScorecard } from "../services/scoring";
import { jsonBody } from "./body";
import { queryOf } from "./input";

const explainQuery = z.object({
  methodology: z.string().check(z.minLength(1), z.maxLength(64)),
  period: z.string().check(z.minLength(4), z.maxLength(10)),
  area: z.optional(z.string().check(z.maxLength(64))),
  lang: z.optional(z.string()),
});

export function unitRoutes(deps: Deps) {
  const unit = fromParam("id");
  return (
    new Hono<AppEnv>()
      .get("/", can(deps, "unit.read"), async (c) => {
        const units = await deps.store.listUnits();
        return c.json({ cohorts: cohortsOf(units), tree: buildTree(units) });
      })
      .get("/:id", can(deps, "unit.read"), async (c) => {
        const found = await requireUnit(deps, c.req.param("id"));
        const units = await deps.store.listUnits();
        const children = units.filter((other) => other.parentId === found.id);
        return c.json({ unit: found, ancestry: ancestry(units, found.id), children });
      })
      .get("/:id/reports", can(deps, "report.read", unit), async (c) =>
        c.json({ reports: await unitReports(deps, c.req.param("id")) }),
      )
      .get("/:id/reports/:period", can(deps, "report.read", unit), async (c) =>
        c.json(await periodFigures(deps, c.req.param("id"), c.req.param("period"))),
      )
      // Some figures changed, the rest kept: merged onto the latest version explicitly, filed as a new version.
      .patch("/:id/reports/:period", can(deps, "report.file", unit), async (c) => {
        const { report, created } = await correctReport(
          deps,
          actorOf(c),
          c.req.param("id"),
          c.req.param("period"),
          await jsonBody(c),
        );
        return c.json({ report, created }, created ? 201 : 200);
      })
      .get("/:id/reports/:period/history", can(deps, "report.read", unit), async (c) =>
        c.json({ versions: await reportHistory(deps, c.req.param("id"), c.req.param("period")) }),
      )
      .get("/:id/appraisals/:methodology/:period", can(deps, "score.read", unit), async (c) =>
        c.json(await getAppraisal(deps, c.req.param("id"), c.req.param("methodology"), c.req.param("period"))),
      )
      .get("/:id/appraisals/:methodology/:period/history", can(deps, "score.read", unit), async (c) =>
        c.json({
          revisions: await appraisalHistory(deps, c.req.param("id"), c.req.param("methodology"), c.req.param("period")),
        }),
      )
      // The unit's own self-assessment or the inspector's appraisal: the service checks each score's kind.
      .put(
        "/:id/appraisals/:methodology/:period",
        can(deps, ["appraisal.appraise", "appraisal.self"], unit),
        async (c) =>
          c.json(
            await appraise(
              deps,
              actorOf(c),
              c.req.param("id"),
              c.req.param("methodology"),
              c.req.param("period"),
              await jsonBody(c),
            ),
          ),
      )
      // Why the index moved against the previous period: the change split into areas (or one area's criteria).
      .get("/:id/explain", can(deps, "score.read", unit), async (c) => {
        const query = queryOf(c, explainQuery);
        return c.json(
          await explainUnit(deps, c.req.param("id"), query.methodology, query.period, c.get("lang"), query.area),
        );
      })
      .get("/:id/scorecards/:methodology/:period", can(deps, "score.read", unit), async (c) =>
        c.json(await unitScorecard(deps, c.req.param("id"), c.req.param("methodology"), c.req.param("period"))),
      )
  );
}
