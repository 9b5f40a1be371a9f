// Reads a JSON request body, turning malformed JSON into a per-request validation error.

import type { Context } from "hono";
import { InvalidInputError } from "../../shared/errors";

/** The parsed body; an empty body is `fallback` when given, otherwise an error. */
export async function jsonBody(c: Context, fallback?: unknown): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === "" && fallback !== undefined) return fallback;
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidInputError([{ path: "", key: "error.invalidJson" }]);
  }
}
