// GET /api/periods: the filed periods and the periods a reader can choose (roll-ups included).

import { Hono } from "hono";
import { selectablePeriods, sortPeriodIds } from "../../shared/period";
import { can } from "../auth/guard";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";

export function periodRoutes(deps: Deps) {
  // Period pickers: any signed-in user (the ids say nothing about any unit).
  return new Hono<AppEnv>().get("/", can(deps, "unit.read"), async (c) => {
    const filed = sortPeriodIds(await deps.store.filedPeriods());
    return c.json({ filed, selectable: selectablePeriods(filed) });
  });
}
