// The hono environment shared by every route: request-scoped variables set by middleware.

import type { Identity } from "../shared/access/identity";
import type { Lang } from "../shared/i18n";
import type { SessionClaims } from "./auth/tokens";

export interface AppEnv {
  Variables: {
    lang: Lang;
    /** Who is calling (auth/identify.ts): a signed-in user, the machine's operator, or anonymous. */
    identity: Identity;
    /** The caller's name as versions and the audit trail record it. */
    user: string;
    /** How the session arrived; cookie sessions get the cross-site checks. */
    via: "cookie" | "bearer" | "cloud" | "none";
    /** The local session's claims (logout revokes them). */
    session?: SessionClaims;
  };
}
