// Sessions as signed, expiring JWTs (hono/jwt, HS256 only): the same token is the dashboard's HttpOnly
// cookie and the API's and CLI's bearer token. The signing key never leaves the server.

import { randomBytes } from "node:crypto";
import { sign, verify } from "hono/jwt";
import type { StaffRole } from "../../shared/roles";

export const SESSION_HOURS = 8;
export const SESSION_COOKIE = "parwatch_session";

export interface SessionClaims {
  readonly sub: string;
  readonly role: StaffRole;
  readonly unitId: string | null;
  /** The account's session version: a password reset or a disable ends every older session. */
  readonly sv: number;
  readonly jti: string;
  readonly iat: number;
  readonly exp: number;
}

export interface SessionKeys {
  readonly secret: string;
}

/** A random key for one process (tests) — a local server keeps its key in the data folder instead. */
export const ephemeralKeys = (): SessionKeys => ({ secret: randomBytes(32).toString("base64url") });

export async function issueToken(
  keys: SessionKeys,
  user: { username: string; role: StaffRole; unitId: string | null; sessionVersion: number },
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<{ token: string; claims: SessionClaims }> {
  const claims: SessionClaims = {
    sub: user.username,
    role: user.role,
    unitId: user.unitId,
    sv: user.sessionVersion,
    jti: randomBytes(12).toString("base64url"),
    iat: nowSeconds,
    exp: nowSeconds + SESSION_HOURS * 3600,
  };
  return { token: await sign({ ...claims }, keys.secret, "HS256"), claims };
}

/** The claims of a valid token; undefined for a tampered, expired, unsigned (alg none) or malformed one. */
export async function readToken(keys: SessionKeys, token: string): Promise<SessionClaims | undefined> {
  try {
    const payload = await verify(token, keys.secret, "HS256");
    if (typeof payload.sub !== "string" || typeof payload.jti !== "string" || typeof payload.exp !== "number") {
      return undefined;
    }
    return payload as unknown as SessionClaims;
  } catch {
    // Every failure of verify is the caller's token being unusable: the answer is 401, never 500.
    return undefined;
  }
}
