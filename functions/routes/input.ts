// Route inputs are checked against a schema at the edge: a zod issue becomes a per-field message in the
// caller's language (error.required, error.unknownField, or the key the schema names), never a 500.

import type { Context } from "hono";
import * as z from "zod/mini";
import { InvalidInputError } from "../../shared/errors";
import { isMessageKey } from "../../shared/i18n";
import type { ValidationIssue } from "../../shared/validation";
import { jsonBody } from "./body";

function issuesOf(error: z.core.$ZodError): ValidationIssue[] {
  return error.issues.flatMap<ValidationIssue>((issue) => {
    const path = issue.path.join(".");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        path: path ? `${path}.${key}` : key,
        key: "error.unknownField",
        params: { field: key },
      }));
    }
    if (issue.code === "invalid_type" && issue.input === undefined) return [{ path, key: "error.required" }];
    if (isMessageKey(issue.message)) return [{ path, key: issue.message }];
    return [{ path, key: "error.text" }];
  });
}

/** An error answer lists this many problems at most; the rest are counted in one more line. */
export const MAX_ISSUES = 100;
const MAX_ISSUE_TEXT = 200;

const clip = (text: string) => (text.length > MAX_ISSUE_TEXT ? `${text.slice(0, MAX_ISSUE_TEXT)}…` : text);

/**
 * A bad request's problems, bounded: the first MAX_ISSUES with their paths and values clipped, then how
 * many more there were — a megabyte of unknown fields must not answer with ten.
 */
export function boundedIssues(issues: readonly ValidationIssue[]): ValidationIssue[] {
  const shown = issues.slice(0, MAX_ISSUES).map((issue) => ({
    ...issue,
    path: clip(issue.path),
    ...(issue.params
      ? {
          params: Object.fromEntries(
            Object.entries(issue.params).map(([name, value]) => [
              name,
              typeof value === "string" ? clip(value) : value,
            ]),
          ),
        }
      : {}),
  }));
  if (issues.length > MAX_ISSUES)
    shown.push({ path: "", key: "error.moreIssues", params: { count: issues.length - MAX_ISSUES } });
  return shown;
}

/** The value as the schema reads it, or a 400 with one message per offending field. */
export function parsed<T>(schema: z.ZodMiniType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new InvalidInputError(issuesOf(result.error));
  return result.data;
}

export async function bodyOf<T>(c: Context, schema: z.ZodMiniType<T>): Promise<T> {
  return parsed(schema, await jsonBody(c));
}

export const queryOf = <T>(c: Context, schema: z.ZodMiniType<T>): T => parsed(schema, c.req.query());

/** A reason for a change: trimmed, at most 2,000 characters (it is kept in every version and the audit trail). */
export const reasonSchema = z.optional(
  z.string({ error: "error.text" }).check(z.trim(), z.maxLength(2000, { error: "error.reason.tooLong" })),
);
