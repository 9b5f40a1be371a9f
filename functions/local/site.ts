// What the local server adds around the API: the dashboard's security headers (the same policy CloudFront
// sends) and /public/* read from the public-data bucket, as CloudFront serves it in the cloud — snapshot
// files are immutable and cached for a year, the index for a minute.

import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { localCsp } from "../../shared/content-security";
import { PUBLIC_INDEX, PUBLIC_PREFIX } from "../../shared/publication";
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

export function publicFiles(deps: Deps): MiddlewareHandler {
  return async (c) => {
    const key = decodeURIComponent(new URL(c.req.url).pathname).replace(/^\//, "");
    const bytes =
      key.startsWith(`${PUBLIC_PREFIX}/`) && !key.includes("..") ? await deps.publicBlobs.get(key) : undefined;
    if (!bytes) return c.json({ errors: [{ path: "", code: "notFound", message: "Not found." }] }, 404);
    const type = key.endsWith(".json")
      ? "application/json; charset=utf-8"
      : key.endsWith(".svg")
        ? "image/svg+xml"
        : "application/octet-stream";
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type": type,
      "cache-control": key === PUBLIC_INDEX ? "public, max-age=60" : "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      "access-control-allow-origin": "*",
    });
  };
}
