// The actor of a request: its identity and where the change comes from (the dashboard's forms say
// x-parwatch-source: form; anything else through the API is "api"). The source is a label for the
// audit trail, never a permission.

import type { Context } from "hono";
import type { AppEnv } from "../env";
import type { Actor } from "./audit";

export function actorOf(c: Context<AppEnv>): Actor {
  return { identity: c.get("identity"), source: c.req.header("x-parwatch-source") === "form" ? "form" : "api" };
}
