// Requests to the hono app as an inspector would send them: JSON in, a language, a named caller.

import type { App } from "../../functions/app";

export function requester(app: () => App, user = "thanhtra") {
  return (method: string, path: string, body?: unknown, lang = "en") =>
    app().request(path, {
      method,
      headers: { "content-type": "application/json", "accept-language": lang, "x-parwatch-user": user },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}
