// Filing status and reporting calendars:
//   GET /api/filing/:cohort/:period   → who filed on time, late, or not yet (a chair or reporter: their units)
//   GET /api/calendars/:cohort        → the cohort's calendar (default: due 10 days after the period)
//   PUT /api/calendars/:cohort        → {dueDays, overrides: {period: yyyy-mm-dd}, reason?} (admins; moving a
//                                       due date that has passed needs a reason)

import { Hono } from "hono";
import { can } from "../auth/guard";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import { actorOf } from "../services/actor";
import { calendarOf, saveCalendar } from "../services/filing";
import { filingList } from "../services/lists";
import { jsonBody } from "./body";
import { queryOf } from "./input";
import { listQuery } from "./rankings";

export function filingRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/:cohort/:period", can(deps, "filing.read", "listed"), async (c) => {
    const { parent } = queryOf(c, listQuery);
    return c.json(await filingList(deps, c.get("identity"), c.req.param("cohort"), c.req.param("period"), parent));
  });
}

export function calendarRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/:cohort", can(deps, "calendar.read"), async (c) => c.json(await calendarOf(deps, c.req.param("cohort"))))
    .put("/:cohort", can(deps, "calendar.write"), async (c) =>
      c.json(await saveCalendar(deps, actorOf(c), c.req.param("cohort"), await jsonBody(c))),
    );
}
