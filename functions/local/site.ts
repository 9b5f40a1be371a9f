// What the local server adds around the API: the dashboard's security headers (the same policy CloudFront
// sends) and /public/* read from the public-data bucket, as CloudFront serves it in the cloud — snapshot
// files are immutable and cached for a year, the index and latest badges for a minute (as stored), and
// anyone may embed or fetch them (cards are framed on units' portals).

import type { Context, MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { localCsp } from "../../shared/content-security";
import { pickLang, translate } from "../../shared/i18n";
import { CACHE, PUBLIC_PREFIX } from "../../shared/publication";
import type { Deps } from "../deps";

export function dashboardHeaders(uploadOrigin: string): MiddlewareHandler {
  const csp = localCsp(uploadOrigin);
  const headers = secureHeaders({
    contentSecurityPolicy: {},
    referrerPolicy: "strict-origin-when-cross-origin",
    xContentTypeOptions: "nosniff",
    xFrameOptions: "DENY",
  });
  return async (c, next) => {
    await headers(c, next);
    c.header("content-security-policy", csp);
  };
}

/** A JSON 404 in the caller's language (Vietnamese unless English is asked for). */
export function notFoundJson(c: Context): Response {
  const lang = pickLang(c.req.query("lang") ?? c.req.header("accept-language"));
  return c.json({ errors: [{ path: "", code: "notFound", message: translate(lang, "error.notFound") }] }, 404);
}

export function publicFiles(deps: Deps): MiddlewareHandler {
  return async (c) => {
    const key = decodeURIComponent(new URL(c.req.url).pathname).replace(/^\//, "");
    const bytes =
      key.startsWith(`${PUBLIC_PREFIX}/`) && !key.includes("..") ? await deps.publicBlobs.get(key) : undefined;
    if (!bytes) return notFoundJson(c);
    const head = await deps.publicBlobs.head(key);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type": head?.contentType ?? "application/octet-stream",
      // As CloudFront serves them: the cache-control each object was stored with.
      "cache-control": head?.cacheControl ?? CACHE.pointer,
      "x-content-type-options": "nosniff",
      "access-control-allow-origin": "*",
      "content-security-policy":
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors *",
    });
  };
}
