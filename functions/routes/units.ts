// Units and what belongs to them: the tree, one unit, its figures for a period and their history, its
// appraisals (manual scores and deductions) and its scorecards.

import { Hono } from "hono";
import { ancestry, buildTree, cohortsOf } from "../../shared/units";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import { periodFigures, reportHistory, requireUnit, unitReports } from "../services/reports";
import { appraise, getAppraisal, unitScorecard } from "../services/scoring";
import { jsonBody } from "./body";

export function unitRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/", async (c) => {
      const units = await deps.store.listUnits();
      return c.json({ cohorts: cohortsOf(units), tree: buildTree(units) });
    })
    .get("/:id", async (c) => {
      const unit = await requireUnit(deps, c.req.param("id"));
      const units = await deps.store.listUnits();
      const children = units.filter((other) => other.parentId === unit.id);
      return c.json({ unit, ancestry: ancestry(units, unit.id), children });
    })
    .get("/:id/reports", async (c) => c.json({ reports: await unitReports(deps, c.req.param("id")) }))
    .get("/:id/reports/:period", async (c) =>
      c.json(await periodFigures(deps, c.req.param("id"), c.req.param("period"))),
    )
    .get("/:id/reports/:period/history", async (c) =>
      c.json({ versions: await reportHistory(deps, c.req.param("id"), c.req.param("period")) }),
    )
    .get("/:id/appraisals/:methodology/:period", async (c) =>
      c.json(await getAppraisal(deps, c.req.param("id"), c.req.param("methodology"), c.req.param("period"))),
    )
    .put("/:id/appraisals/:methodology/:period", async (c) =>
      c.json(
        await appraise(
          deps,
          c.req.param("id"),
          c.req.param("methodology"),
          c.req.param("period"),
          await jsonBody(c),
          c.get("user"),
        ),
      ),
    )
    .get("/:id/scorecards/:methodology/:period", async (c) =>
      c.json(await unitScorecard(deps, c.req.param("id"), c.req.param("methodology"), c.req.param("period"))),
    );
}
