// Units and their reports: the tree, one unit, a unit's figures for a period and their history.

import { Hono } from "hono";
import { ancestry, buildTree, cohortsOf } from "../../shared/units";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import { periodFigures, reportHistory, requireUnit, unitReports } from "../services/reports";

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
    );
}
