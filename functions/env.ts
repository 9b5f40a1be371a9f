// The hono environment shared by every route: request-scoped variables set by middleware.

import type { Lang } from "../shared/i18n";

export interface AppEnv {
  Variables: {
    lang: Lang;
    /** Who is calling: the signed-in user in the cloud (JWT claims), the x-parwatch-user header or "local" locally. */
    user: string;
  };
}
