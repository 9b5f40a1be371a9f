// Filing status and reporting calendars:
//   GET /api/filing/:cohort/:period   → who filed on time, late, or not yet
//   GET /api/calendars/:cohort        → the cohort's calendar (default: due 10 days after the period)
//   PUT /api/calendars/:cohort        → {dueDays, overrides: {period: yyyy-mm-dd}}

import { Hono } from "hono";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import { calendarOf, filing, saveCalendar } from "../services/filing";
import { jsonBody } from "./body";

export function filingRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/:cohort/:period", async (c) =>
    c.json(await filing(deps, c.req.param("cohort"), c.req.param("period"))),
  );
}

export function calendarRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/:cohort", async (c) => c.json(await calendarOf(deps, c.req.param("cohort"))))
    .put("/:cohort", async (c) => c.json(await saveCalendar(deps, c.req.param("cohort"), await jsonBody(c))));
}
