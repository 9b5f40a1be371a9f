// The hono app's frame — language, caller, cross-site protection, security headers, errors — around
// route groups. The full app (app.ts) mounts every group; each Lambda mounts only the groups it serves,
// so the API bundle carries no file decoding.

import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { actorName } from "../shared/access/identity";
import { ForbiddenError, NotFoundError } from "../shared/errors";
import { pickLang } from "../shared/i18n";
import type { Identify } from "./auth/identify";
import type { Deps } from "./deps";
import type { AppEnv } from "./env";
import { errorResponse } from "./http-errors";

/** Mount points and their routes, e.g. ["/api/units", unitRoutes(deps)]. */
export type RouteGroup = (deps: Deps) => readonly (readonly [path: string, routes: Hono<AppEnv>])[];

export interface AppOptions {
  /** Who is calling: local sessions (auth/identify.ts identifyBySession) or the cloud's verified claims. */
  readonly identify: Identify;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A cookie travels with any request the browser makes, even one another site's page starts. A write
 * that authenticates by cookie must come from our own pages: same Origin (browsers send it on every
 * POST/PUT), and Sec-Fetch-Site, when sent, same-origin. Bearer tokens are not sent by browsers on
 * their own, so they need no such check.
 */
function crossSite(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin") return true;
  const origin = request.headers.get("origin");
  const host = request.headers.get("host") ?? new URL(request.url).host;
  if (!origin) return true;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** The API's own security headers (the dashboard's come from the local server or CloudFront). */
export const API_SECURITY_HEADERS = secureHeaders({
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  referrerPolicy: "strict-origin-when-cross-origin",
  xContentTypeOptions: "nosniff",
  xFrameOptions: "DENY",
  crossOriginResourcePolicy: "same-origin",
});

export function appOf(deps: Deps, groups: readonly RouteGroup[], options: AppOptions) {
  const app = new Hono<AppEnv>();
  // Every route is under /api: the frame's middleware must not touch the dashboard the local server
  // mounts beside it.
  app.use("/api/*", API_SECURITY_HEADERS);
  app.use("/api/*", async (c, next) => {
    c.set("lang", pickLang(c.req.query("lang") ?? c.req.header("accept-language")));
    const caller = await options.identify(c);
    c.set("identity", caller.identity);
    c.set("user", actorName(caller.identity));
    c.set("via", caller.via);
    if (caller.session) c.set("session", caller.session);
    if (caller.via === "cookie" && !SAFE_METHODS.has(c.req.method) && crossSite(c.req.raw)) {
      throw new ForbiddenError("auth.crossSite");
    }
    await next();
    c.header("cache-control", c.res.headers.get("cache-control") ?? "no-store");
  });
  app.onError(errorResponse);
  app.notFound((c) => errorResponse(new NotFoundError("error.notFound"), c));
  for (const group of groups) {
    for (const [path, routes] of group(deps)) app.route(path, routes);
  }
  return app;
}
