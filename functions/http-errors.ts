// The one place where domain errors become HTTP responses, in the caller's language.

import type { Context } from "hono";
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
} from "../shared/errors";
import { translate } from "../shared/i18n";
import { localizeIssues, localizeParams } from "../shared/validation";
import type { AppEnv } from "./env";
import { boundedIssues } from "./routes/input";

export function errorResponse(error: Error, c: Context<AppEnv>): Response {
  const lang = c.get("lang") ?? "vi";
  if (error instanceof InvalidInputError) {
    return c.json({ errors: localizeIssues(boundedIssues(error.issues), lang) }, 400);
  }
  if (error instanceof ConflictError) {
    return c.json(
      {
        errors: [
          { path: "", code: "conflict", message: translate(lang, error.key, localizeParams(error.params, lang)) },
        ],
      },
      409,
    );
  }
  if (error instanceof UnauthorizedError) {
    return c.json(
      {
        errors: [
          { path: "", code: "unauthorized", message: translate(lang, error.key, localizeParams(error.params, lang)) },
        ],
      },
      401,
    );
  }
  if (error instanceof ForbiddenError) {
    return c.json(
      {
        errors: [
          { path: "", code: "forbidden", message: translate(lang, error.key, localizeParams(error.params, lang)) },
        ],
      },
      403,
    );
  }
  if (error instanceof TooManyRequestsError) {
    const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
    c.header("retry-after", String(error.retryAfterSeconds));
    return c.json({ errors: [{ path: "", code: "tooMany", message: translate(lang, error.key, { minutes }) }] }, 429);
  }
  if (error instanceof NotFoundError) {
    return c.json(
      {
        errors: [
          { path: "", code: "notFound", message: translate(lang, error.key, localizeParams(error.params, lang)) },
        ],
      },
      404,
    );
  }
  console.error(JSON.stringify({ level: "error", message: error.message, stack: error.stack, path: c.req.path }));
  return c.json({ errors: [{ path: "", code: "internal", message: translate(lang, "error.internal") }] }, 500);
}
