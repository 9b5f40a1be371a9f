// The full hono app — every route group — as the local server and the tests run it. In the cloud the
// same groups are split over two Lambdas (lambda/api.ts, lambda/files.ts) behind one HTTP API.

import type { AppOptions } from "./app-of";
import { appOf } from "./app-of";
import type { Deps } from "./deps";
import { apiRoutes } from "./routes/api";
import { fileRoutes } from "./routes/files";

export function createApp(deps: Deps, options: AppOptions) {
  return appOf(deps, [apiRoutes, fileRoutes], options);
}

export type App = ReturnType<typeof createApp>;
