// Typed domain errors; the API maps them to HTTP status codes in one place (functions/http-errors.ts).

import type { MessageKey, MessageParams } from "./i18n";
import type { ValidationIssue } from "./validation";

/** Input that breaks the rules: nothing was changed. */
export class InvalidInputError extends Error {
  constructor(readonly issues: readonly ValidationIssue[]) {
    super(issues.map((issue) => `${issue.path || "(input)"}: ${issue.key}`).join("; "));
    this.name = "InvalidInputError";
  }
}

/** A unit, report or other record that does not exist. */
export class NotFoundError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: MessageParams = {},
  ) {
    super(`${key} ${JSON.stringify(params)}`);
    this.name = "NotFoundError";
  }
}

/** A write that would replace something that must not change (e.g. an existing methodology version). */
export class ConflictError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: MessageParams = {},
  ) {
    super(`${key} ${JSON.stringify(params)}`);
    this.name = "ConflictError";
  }
}

/** No valid session: sign in first (401). */
export class UnauthorizedError extends Error {
  constructor(
    readonly key: MessageKey = "auth.required",
    readonly params: MessageParams = {},
  ) {
    super(key);
    this.name = "UnauthorizedError";
  }
}

/** Signed in, but the role or the unit scope does not allow it (403). */
export class ForbiddenError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: MessageParams = {},
  ) {
    super(`${key} ${JSON.stringify(params)}`);
    this.name = "ForbiddenError";
  }
}

/** Too many attempts (429); retry after the given seconds. */
export class TooManyRequestsError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly retryAfterSeconds: number,
  ) {
    super(key);
    this.name = "TooManyRequestsError";
  }
}
