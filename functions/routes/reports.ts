// POST /api/reports: file a report. 201 with the new version, 200 when it repeats the latest one,
// 400 with per-field errors (nothing stored).

import { Hono } from "hono";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import { submitReport } from "../services/reports";
import { jsonBody } from "./body";

export function reportRoutes(deps: Deps) {
  return new Hono<AppEnv>().post("/", async (c) => {
    const { report, created } = await submitReport(deps, await jsonBody(c), c.get("user"));
    return c.json({ report, created }, created ? 201 : 200);
  });
}
