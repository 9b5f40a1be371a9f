// Signed-in requests for the API tests: real accounts in the embedded table and real session tokens,
// checked by the same middleware the product runs (auth/identify.ts). The password is hashed once per
// test file; tokens are issued by the store's own signing key.

import type { App } from "../../functions/app";
import { createApp } from "../../functions/app";
import { identifyBySession } from "../../functions/auth/identify";
import { hashPassword } from "../../functions/auth/passwords";
import { issueToken } from "../../functions/auth/tokens";
import type { Deps } from "../../functions/deps";
import type { StaffRole } from "../../shared/roles";

export const TEST_PASSWORD = "parwatch-test-password";
let hash: Promise<string> | undefined;

export interface TestAccount {
  readonly username: string;
  readonly role: StaffRole;
  readonly unitId?: string | null;
}

/** Creates the account when it does not exist yet (active, session version 1). */
export async function ensureAccount(deps: Deps, account: TestAccount): Promise<void> {
  if (await deps.store.getUser(account.username)) return;
  hash ??= hashPassword(TEST_PASSWORD);
  const at = new Date().toISOString();
  await deps.store.createUser({
    username: account.username,
    displayName: account.username,
    role: account.role,
    unitId: account.unitId ?? null,
    disabled: false,
    sessionVersion: 1,
    createdAt: at,
    createdBy: "test",
    updatedAt: at,
    updatedBy: "test",
    passwordHash: await hash,
  });
}

/** `Authorization: Bearer …` of a fresh session of the account (made if needed). */
export async function bearerFor(deps: Deps, account: TestAccount): Promise<Record<string, string>> {
  await ensureAccount(deps, account);
  const user = await deps.store.getUser(account.username);
  if (!user || !deps.sessions) throw new Error("test stack without sessions");
  const { token } = await issueToken(deps.sessions, user);
  return { authorization: `Bearer ${token}` };
}

/** The full app as the local server builds it (local sessions). */
export const sessionApp = (deps: Deps) => createApp(deps, { identify: identifyBySession(deps) });

/**
 * An app whose requests are signed in: as `account` by default, or as the account a test names with
 * `as` (made with `role`). Every request carries a real bearer token.
 */
export function signedIn(deps: Deps, account: TestAccount) {
  const app: App = sessionApp(deps);
  const tokens = new Map<string, Promise<Record<string, string>>>();
  const headersOf = (who: TestAccount) => {
    if (!tokens.has(who.username)) tokens.set(who.username, bearerFor(deps, who));
    return tokens.get(who.username) as Promise<Record<string, string>>;
  };
  return {
    app,
    async request(path: string, init: RequestInit = {}, who: TestAccount = account) {
      const headers = new Headers(init.headers);
      for (const [name, value] of Object.entries(await headersOf(who))) headers.set(name, value);
      return app.request(path, { ...init, headers });
    },
  };
}
