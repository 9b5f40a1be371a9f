// Data-quality flags, for inspectors (and admins to read):
//   GET  /api/quality/:cohort/:period          → {completeness, flags: [{id, unitId, name, kind, measure, value, evidence, checked}]}
//   POST /api/quality/:cohort/:period/checks   {flagId, note} → 200 the check (audited); the figure stays as filed

import { Hono } from "hono";
import * as z from "zod/mini";
import { can } from "../auth/guard";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import { actorOf } from "../services/actor";
import { checkFlag, qualityReview } from "../services/quality";
import { jsonBody } from "./body";
import { parsed } from "./input";

const checkBody = z.strictObject({
  flagId: z.string().check(z.minLength(1), z.maxLength(300)),
  note: z
    .string({ error: "error.text" })
    .check(
      z.trim(),
      z.minLength(1, { error: "error.reason.required" }),
      z.maxLength(2000, { error: "error.reason.tooLong" }),
    ),
});

export function qualityRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/:cohort/:period", can(deps, "quality.read"), async (c) =>
      c.json(await qualityReview(deps, c.req.param("cohort"), c.req.param("period"))),
    )
    .post("/:cohort/:period/checks", can(deps, "quality.check"), async (c) => {
      const body = parsed(checkBody, await jsonBody(c));
      return c.json(await checkFlag(deps, actorOf(c), c.req.param("cohort"), c.req.param("period"), body));
    });
}
