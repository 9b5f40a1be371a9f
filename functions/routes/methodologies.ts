// Methodologies: list every version, read one, load a new version (admins, once roles arrive).

import { Hono } from "hono";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import { getMethodology, listMethodologies, methodologyFor, saveMethodology } from "../services/methodologies";
import { jsonBody } from "./body";

export function methodologyRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/", async (c) => c.json({ methodologies: await listMethodologies(deps) }))
    .get("/:id", async (c) => {
      const version = c.req.query("version");
      const year = Number(c.req.query("year") ?? deps.now().getUTCFullYear());
      return c.json(
        version
          ? await getMethodology(deps, c.req.param("id"), version)
          : await methodologyFor(deps, c.req.param("id"), year),
      );
    })
    .put("/:id", async (c) =>
      c.json(await saveMethodology(deps, c.req.param("id"), await jsonBody(c), c.get("user")), 201),
    );
}
