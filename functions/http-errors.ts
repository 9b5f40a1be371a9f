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
  if (unreachable(error)) {
    // The table or the bucket not answering (the embedded S3 stopped, a network fault): a sentence, retry soon.
    console.error(JSON.stringify({ level: "warn", message: error.message, path: c.req.path }));
    c.header("retry-after", "5");
    return c.json(
      { errors: [{ path: "", code: "unavailable", message: translate(lang, "error.storageUnreachable") }] },
      503,
    );
  }
  console.error(JSON.stringify({ level: "error", message: error.message, stack: error.stack, path: c.req.path }));
  return c.json({ errors: [{ path: "", code: "internal", message: translate(lang, "error.internal") }] }, 500);
}

/** Errors of a connection that failed or of a service saying it is unavailable (the SDK's, Node's). */
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
]);

export function unreachable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 4) return false;
  const fault = error as Error & { code?: unknown; $metadata?: { httpStatusCode?: number } };
  if (typeof fault.code === "string" && UNREACHABLE_CODES.has(fault.code)) return true;
  if (fault.name === "TimeoutError" || fault.name === "ServiceUnavailable") return true;
  if (fault.$metadata?.httpStatusCode === 503) return true;
  return unreachable(fault.cause, depth + 1);
}
