// The one module that turns a request into an identity. Locally (and in tests): a session token from the
// dashboard's cookie or an `Authorization: Bearer` header, checked against the account (disabled,
// password reset, logged out). In the cloud: the Cognito claims API Gateway's JWT authorizer verified,
// mapped by identityFromClaims. No header names the caller.

import type { Context } from "hono";
import type { LambdaEvent } from "hono/aws-lambda";
import { getCookie } from "hono/cookie";
import { ANONYMOUS, type Identity, identityFromClaims } from "../../shared/access/identity";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import { readToken, SESSION_COOKIE, type SessionClaims } from "./tokens";

export interface Caller {
  readonly identity: Identity;
  readonly via: AppEnv["Variables"]["via"];
  /** The session's claims, for logout. */
  readonly session?: SessionClaims;
}

export type Identify = (c: Context<AppEnv>) => Promise<Caller>;

const NOBODY: Caller = { identity: ANONYMOUS, via: "none" };

function bearerOf(c: Context): string | undefined {
  const header = c.req.header("authorization");
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/** Local sessions: our own signed tokens, each checked against the stored account on every request. */
export function identifyBySession(deps: Deps): Identify {
  return async (c) => {
    const keys = deps.sessions;
    if (!keys) return NOBODY;
    const bearer = bearerOf(c);
    const token = bearer ?? getCookie(c, SESSION_COOKIE);
    if (!token) return NOBODY;
    const claims = await readToken(keys, token);
    if (!claims) return NOBODY;
    const [account, revoked] = await Promise.all([deps.store.getUser(claims.sub), deps.store.isRevoked(claims.jti)]);
    if (!account || account.disabled || revoked || account.sessionVersion !== claims.sv) return NOBODY;
    return {
      // The stored account decides role and unit: a change by the admin counts from the next request.
      identity: { kind: "user", username: account.username, role: account.role, unitId: account.unitId },
      via: bearer ? "bearer" : "cookie",
      session: claims,
    };
  };
}

type Claims = Record<string, unknown>;

/** The cloud: claims verified by API Gateway's JWT authorizer (Cognito ID or access token). */
export const identifyByCloudClaims: Identify = async (c) => {
  const event = (c.env as { event?: LambdaEvent } | undefined)?.event;
  const context = event?.requestContext as { authorizer?: { jwt?: { claims?: Claims } } } | undefined;
  const identity = identityFromClaims(context?.authorizer?.jwt?.claims);
  return identity.kind === "anonymous" ? NOBODY : { identity, via: "cloud" };
};
