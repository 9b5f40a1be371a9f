// The hono app's frame — language, caller, errors — around route groups. The full app (app.ts) mounts
// every group; each Lambda mounts only the groups it serves, so the API bundle carries no file decoding.

import { type Context, Hono } from "hono";
import { NotFoundError } from "../shared/errors";
import { pickLang } from "../shared/i18n";
import type { Deps } from "./deps";
import type { AppEnv } from "./env";
import { errorResponse } from "./http-errors";

/** Mount points and their routes, e.g. ["/api/units", unitRoutes(deps)]. */
export type RouteGroup = (deps: Deps) => readonly (readonly [path: string, routes: Hono<AppEnv>])[];

/** Who is calling, from the request. */
export type Identify = (c: Context<AppEnv>) => string;

const USER_HEADER = "x-parwatch-user";

/** Local and tests: the x-parwatch-user header, else "local" (sign-in arrives with the roles issue). */
export const identifyByHeader: Identify = (c) => c.req.header(USER_HEADER)?.trim() || "local";

export interface AppOptions {
  readonly identify?: Identify;
}

export function appOf(deps: Deps, groups: readonly RouteGroup[], options: AppOptions = {}) {
  const identify = options.identify ?? identifyByHeader;
  const app = new Hono<AppEnv>();
  app.use("*", async (c, next) => {
    c.set("lang", pickLang(c.req.query("lang") ?? c.req.header("accept-language")));
    c.set("user", identify(c));
    await next();
  });
  app.onError(errorResponse);
  app.notFound((c) => errorResponse(new NotFoundError("error.notFound"), c));
  for (const group of groups) {
    for (const [path, routes] of group(deps)) app.route(path, routes);
  }
  return app;
}
