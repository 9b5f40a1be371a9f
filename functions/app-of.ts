// The hono app's frame — language, caller, cross-site protection, security headers, errors — around
// route groups. The full app (app.ts) mounts every group; each Lambda mounts only the groups it serves,
// so the API bundle carries no file decoding.

import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import { actorName } from "../shared/access/identity";
import { ForbiddenError, InvalidInputError, NotFoundError } from "../shared/errors";
import { pickLang, translate } from "../shared/i18n";
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

const translateBodyLimit = (header: string | undefined, query: string | undefined) =>
  translate(pickLang(query ?? header), "error.bodyTooLarge", { max: "1 MB" });

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

/** Every JSON input fits in this (a methodology document is ≈ 15 KB; files go to S3, not through here). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** An id or a query value longer than this is nobody's id (DynamoDB keys stop at 1–2 KB anyway). */
export const MAX_PARAMETER = 256;

/** Path segments and query values past MAX_PARAMETER are refused before any key is built from them. */
function overlong(request: Request): string | undefined {
  const url = new URL(request.url);
  const segment = url.pathname.split("/").find((part) => part.length > MAX_PARAMETER * 3);
  if (segment !== undefined) return "path";
  for (const [name, value] of url.searchParams)
    if (value.length > MAX_PARAMETER * 4 || name.length > MAX_PARAMETER) return name;
  for (const part of url.pathname.split("/")) {
    try {
      if (decodeURIComponent(part).length > MAX_PARAMETER) return "path";
    } catch {
      return "path";
    }
  }
  return undefined;
}

export function appOf(deps: Deps, groups: readonly RouteGroup[], options: AppOptions) {
  const app = new Hono<AppEnv>();
  // Every route is under /api: the frame's middleware must not touch the dashboard the local server
  // mounts beside it.
  app.use("/api/*", API_SECURITY_HEADERS);
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json(
          {
            errors: [
              {
                path: "",
                code: "bodyTooLarge",
                message: translateBodyLimit(c.req.header("accept-language"), c.req.query("lang")),
              },
            ],
          },
          413,
        ),
    }),
  );
  app.use("/api/*", async (c, next) => {
    c.set("lang", pickLang(c.req.query("lang") ?? c.req.header("accept-language")));
    const tooLong = overlong(c.req.raw);
    if (tooLong) throw new InvalidInputError([{ path: tooLong, key: "error.tooLong", params: { max: MAX_PARAMETER } }]);
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
