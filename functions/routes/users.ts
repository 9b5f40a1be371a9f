// Accounts, for admins:
//   GET  /api/users             → every account (no password hashes)
//   POST /api/users             {username, displayName?, role, unitId?, password} → 201
//   PUT  /api/users/:username   {displayName?, role?, unitId?, password?, disabled?} → 200 (a password is a reset)

import { Hono } from "hono";
import { can } from "../auth/guard";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import { actorOf } from "../services/actor";
import { createUser, updateUser } from "../services/users";
import { jsonBody } from "./body";

export function userRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/", can(deps, "user.manage"), async (c) => {
      const users = await deps.store.listUsers();
      return c.json({ users: users.sort((a, b) => a.username.localeCompare(b.username)) });
    })
    .post("/", can(deps, "user.manage"), async (c) =>
      c.json({ user: await createUser(deps, actorOf(c), await jsonBody(c)) }, 201),
    )
    .put("/:username", can(deps, "user.manage"), async (c) =>
      c.json({ user: await updateUser(deps, actorOf(c), c.req.param("username"), await jsonBody(c)) }),
    );
}
