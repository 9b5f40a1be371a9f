// Sending a list: the JSON text of an answer made from the same stored rows, for the same reader and
// language, is sent again as it was — gzipped once when the caller accepts it (a matrix of 120 communes
// is ≈ 440 KB of JSON, ≈ 30 KB gzipped; browsers always accept gzip).

import { gzipSync } from "node:zlib";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { versionOf } from "../services/lists";

const MAX_TEXTS = 200;
const MAX_TEXT_LENGTH = 8 * 1024 * 1024;
/** Below this a body is sent as it is: compressing it saves less than it costs. */
const GZIP_FROM = 2048;

interface Sent {
  readonly text: string;
  gzipped?: Uint8Array<ArrayBuffer>;
}
const sent = new Map<string, Sent>();

export function listJson<T extends object>(c: Context<AppEnv>, answer: T, finish: (answer: T) => unknown = (a) => a) {
  const version = versionOf(answer);
  const key = version === undefined ? undefined : `${version}|${c.get("lang")}`;
  let body = key === undefined ? undefined : sent.get(key);
  if (body === undefined) {
    body = { text: JSON.stringify(finish(answer)) };
    if (key !== undefined && body.text.length <= MAX_TEXT_LENGTH) {
      if (sent.size >= MAX_TEXTS) sent.delete(sent.keys().next().value as string);
      sent.set(key, body);
    }
  }
  const headers = { "content-type": "application/json", vary: "accept-encoding" };
  if (body.text.length < GZIP_FROM || !/\bgzip\b/.test(c.req.header("accept-encoding") ?? ""))
    return c.body(body.text, 200, headers);
  body.gzipped ??= new Uint8Array(gzipSync(body.text));
  return c.body(body.gzipped, 200, { ...headers, "content-encoding": "gzip" });
}
