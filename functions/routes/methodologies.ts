// Methodologies: list every version, read one, load a new version (admins; versions never change).

import { Hono } from "hono";
import * as z from "zod/mini";
import { can } from "../auth/guard";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import { actorOf } from "../services/actor";
import { getMethodology, listMethodologies, methodologyFor, saveMethodology } from "../services/methodologies";
import { jsonBody } from "./body";
import { queryOf } from "./input";

const which = z.object({
  version: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  year: z.optional(z.string().check(z.regex(/^\d{4}$/, { error: "error.year" }))),
});

export function methodologyRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/", can(deps, "methodology.read"), async (c) => c.json({ methodologies: await listMethodologies(deps) }))
    .get("/:id", can(deps, "methodology.read"), async (c) => {
      const { version, year } = queryOf(c, which);
      return c.json(
        version
          ? await getMethodology(deps, c.req.param("id"), version)
          : await methodologyFor(deps, c.req.param("id"), Number(year ?? deps.now().getUTCFullYear())),
      );
    })
    .put("/:id", can(deps, "methodology.write"), async (c) =>
      c.json(await saveMethodology(deps, actorOf(c), c.req.param("id"), await jsonBody(c)), 201),
    );
}
