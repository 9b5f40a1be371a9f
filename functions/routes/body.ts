// Reads a JSON request body, turning malformed JSON into a per-request validation error. A body nested
// deeper than any ParWatch input is refused before a validator recurses into it.

import type { Context } from "hono";
import { InvalidInputError } from "../../shared/errors";

/** Deeper than any input ParWatch takes (a methodology tree is the deepest, a handful of levels). */
export const MAX_DEPTH = 32;

/** How deeply a parsed JSON value nests, counted without recursion (and stopping past the limit). */
export function depthOf(value: unknown, limit = MAX_DEPTH): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node !== "object" || node === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** The parsed body; an empty body is `fallback` when given, otherwise an error. */
export async function jsonBody(c: Context, fallback?: unknown): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === "" && fallback !== undefined) return fallback;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidInputError([{ path: "", key: "error.invalidJson" }]);
  }
  if (depthOf(parsed) > MAX_DEPTH)
    throw new InvalidInputError([{ path: "", key: "error.tooDeep", params: { max: MAX_DEPTH } }]);
  return parsed;
}
