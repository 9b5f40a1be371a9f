// GET /api/periods: the filed periods and the periods a reader can choose (roll-ups included).

import { Hono } from "hono";
import { selectablePeriods, sortPeriodIds } from "../../shared/period";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";

export function periodRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/", async (c) => {
    const filed = sortPeriodIds(await deps.store.filedPeriods());
    return c.json({ filed, selectable: selectablePeriods(filed) });
  });
}
