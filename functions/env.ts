// The hono environment shared by every route: request-scoped variables set by middleware.

import type { Lang } from "../shared/i18n";

export interface AppEnv {
  Variables: {
    lang: Lang;
    /** Who is calling. Until sign-in arrives (roles issue) it is the x-parwatch-user header or "local". */
    user: string;
  };
}
