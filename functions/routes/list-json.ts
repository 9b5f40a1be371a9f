// Sending a list: the JSON text of an answer made from the same stored rows, for the same reader and
// language, is sent again as it was (a matrix of 120 communes is ≈ 440 KB to build and serialise).

import type { Context } from "hono";
import type { AppEnv } from "../env";
import { versionOf } from "../services/lists";

const MAX_TEXTS = 200;
const MAX_TEXT_LENGTH = 8 * 1024 * 1024;
const texts = new Map<string, string>();

export function listJson<T extends object>(c: Context<AppEnv>, answer: T, finish: (answer: T) => unknown = (a) => a) {
  const version = versionOf(answer);
  const key = version === undefined ? undefined : `${version}|${c.get("lang")}`;
  let text = key === undefined ? undefined : texts.get(key);
  if (text === undefined) {
    text = JSON.stringify(finish(answer));
    if (key !== undefined && text.length <= MAX_TEXT_LENGTH) {
      if (texts.size >= MAX_TEXTS) texts.delete(texts.keys().next().value as string);
      texts.set(key, text);
    }
  }
  return c.body(text, 200, { "content-type": "application/json" });
}
