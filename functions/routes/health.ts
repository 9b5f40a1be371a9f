// GET /api/health: 200 when the table and the bucket answer, 503 otherwise.

import { Hono } from "hono";
import { open } from "../auth/guard";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";

export function healthRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/", open(), async (c) => {
    const [store, blobs] = await Promise.allSettled([deps.store.ping(), deps.blobs.ping()]);
    const status = {
      store: store.status === "fulfilled" ? "ok" : "unreachable",
      blobs: blobs.status === "fulfilled" ? "ok" : "unreachable",
    };
    const ok = status.store === "ok" && status.blobs === "ok";
    return c.json({ status: ok ? "ok" : "degraded", ...status }, ok ? 200 : 503);
  });
}
