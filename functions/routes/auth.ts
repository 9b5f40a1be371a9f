// Sign-in for local deployments (the cloud signs in with Cognito):
//   POST /api/auth/login  {username, password} → 200 {token, user} and the HttpOnly session cookie;
//                         401 for a wrong name or password; 429 after repeated failures
//   POST /api/auth/logout → 204, the session revoked and the cookie cleared
//   GET  /api/auth/me     → {user: {username, role, unitId, displayName}} or 401

import { Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import * as z from "zod/mini";
import { UnauthorizedError } from "../../shared/errors";
import { open } from "../auth/guard";
import { LoginThrottle } from "../auth/throttle";
import { SESSION_COOKIE, SESSION_HOURS } from "../auth/tokens";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import { login, logout, whoIs } from "../services/users";
import { bodyOf } from "./input";

const credentials = z.strictObject({
  username: z.string().check(z.minLength(1), z.maxLength(64)),
  password: z.string().check(z.minLength(1), z.maxLength(200)),
});

/** The peer's address (the Node server's socket); behind no proxy locally. */
function addressOf(env: unknown): string {
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? "local";
}

export function authRoutes(deps: Deps) {
  const throttle = new LoginThrottle();
  return new Hono<AppEnv>()
    .post("/login", open(), async (c) => {
      const body = await bodyOf(c, credentials);
      const { token, claims, account } = await login(deps, throttle, body, addressOf(c.env));
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: "Strict",
        path: "/",
        secure: new URL(c.req.url).protocol === "https:",
        maxAge: SESSION_HOURS * 3600,
      });
      return c.json({
        token,
        expiresAt: new Date(claims.exp * 1000).toISOString(),
        user: {
          username: account.username,
          role: account.role,
          unitId: account.unitId,
          displayName: account.displayName,
        },
      });
    })
    .post("/logout", open(), async (c) => {
      await logout(deps, c.get("session"));
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      return c.body(null, 204);
    })
    .get("/me", open(), async (c) => {
      const identity = c.get("identity");
      if (identity.kind === "anonymous") throw new UnauthorizedError();
      const account = identity.kind === "user" ? await deps.store.getUser(identity.username) : undefined;
      return c.json({ user: { ...whoIs(identity), displayName: account?.displayName ?? whoIs(identity).username } });
    });
}
