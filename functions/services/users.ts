// Accounts: sign-in (with the failed-attempt throttle), and the admin's create / change / disable /
// reset. A change of role, unit, password or a disable ends the account's older sessions.

import { type Account, checkAccount, USERNAME } from "../../shared/access/account";
import type { Identity } from "../../shared/access/identity";
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
} from "../../shared/errors";
import { decoyHash, hashPassword, verifyPassword } from "../auth/passwords";
import type { LoginThrottle } from "../auth/throttle";
import { issueToken, type SessionClaims } from "../auth/tokens";
import type { Deps } from "../deps";
import type { StoredAccount } from "../ports";
import { type Actor, recorded } from "./audit";

export const publicAccount = ({ passwordHash: _hash, ...account }: StoredAccount): Account => account;

export async function login(
  deps: Deps,
  throttle: LoginThrottle,
  credentials: { username: string; password: string },
  address: string,
): Promise<{ token: string; claims: SessionClaims; account: Account }> {
  const username = credentials.username.trim().toLowerCase();
  const wait = throttle.retryAfter(username, address);
  if (wait > 0) throw new TooManyRequestsError("auth.tooMany", Math.ceil(wait / 1000));
  const keys = deps.sessions;
  const account = USERNAME.test(username) ? await deps.store.getUser(username) : undefined;
  // The same work whether or not the account exists: timing does not tell who has one.
  const valid = await verifyPassword(credentials.password, account?.passwordHash ?? (await decoyHash()));
  if (!keys || !account || !valid || account.disabled) {
    throttle.fail(username, address);
    throw new UnauthorizedError("auth.badCredentials");
  }
  throttle.succeed(username);
  const { token, claims } = await issueToken(keys, account);
  return { token, claims, account: publicAccount(account) };
}

export async function logout(deps: Deps, session: SessionClaims | undefined): Promise<void> {
  if (session) await deps.store.revokeSession(session.jti, session.exp);
}

async function checkUnit(deps: Deps, unitId: string | null) {
  if (unitId && !(await deps.store.getUnit(unitId))) {
    throw new InvalidInputError([{ path: "unitId", key: "error.unknownUnit", params: { value: unitId } }]);
  }
}

export async function createUser(deps: Deps, actor: Actor, body: unknown): Promise<Account> {
  const checked = checkAccount(body);
  if (!checked.ok) throw new InvalidInputError(checked.issues);
  const input = checked.value;
  await checkUnit(deps, input.unitId);
  const at = deps.now().toISOString();
  const by = actor.identity.kind === "user" ? actor.identity.username : "operator";
  const account: StoredAccount = {
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    unitId: input.unitId,
    disabled: input.disabled ?? false,
    sessionVersion: 1,
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    updatedBy: by,
    passwordHash: await hashPassword(input.password as string),
  };
  const after = publicAccount(account);
  const created = await recorded(
    deps,
    actor,
    { action: "user.create", entity: `user:${account.username}`, unitId: account.unitId ?? undefined, after },
    () => deps.store.createUser(account),
  );
  if (!created) throw new ConflictError("error.user.exists", { username: account.username });
  return after;
}

export async function updateUser(deps: Deps, actor: Actor, username: string, body: unknown): Promise<Account> {
  const existing = USERNAME.test(username) ? await deps.store.getUser(username) : undefined;
  if (!existing) throw new NotFoundError("error.user.notFound", { username });
  const checked = checkAccount(body, existing);
  if (!checked.ok) throw new InvalidInputError(checked.issues);
  const input = checked.value;
  await checkUnit(deps, input.unitId);
  const disabled = input.disabled ?? existing.disabled;
  if (existing.role === "admin" && !existing.disabled && (disabled || input.role !== "admin")) {
    const admins = (await deps.store.listUsers()).filter((user) => user.role === "admin" && !user.disabled);
    if (admins.length <= 1) throw new ConflictError("error.user.lastAdmin");
  }
  const endsSessions =
    input.password !== undefined ||
    disabled !== existing.disabled ||
    input.role !== existing.role ||
    input.unitId !== existing.unitId;
  const next: StoredAccount = {
    ...existing,
    displayName: input.displayName,
    role: input.role,
    unitId: input.unitId,
    disabled,
    sessionVersion: existing.sessionVersion + (endsSessions ? 1 : 0),
    updatedAt: deps.now().toISOString(),
    updatedBy: actor.identity.kind === "user" ? actor.identity.username : "operator",
    ...(input.password !== undefined ? { passwordHash: await hashPassword(input.password) } : {}),
  };
  const after = { ...publicAccount(next), ...(input.password !== undefined ? { passwordReset: true } : {}) };
  const saved = await recorded(
    deps,
    actor,
    {
      action: "user.update",
      entity: `user:${username}`,
      unitId: next.unitId ?? undefined,
      before: publicAccount(existing),
      after,
    },
    () => deps.store.updateUser(next, existing.updatedAt),
  );
  if (!saved) throw new ConflictError("error.user.conflict");
  return publicAccount(next);
}

/** The identity a session claims, for /api/auth/me. */
export const whoIs = (identity: Identity) =>
  identity.kind === "user"
    ? { username: identity.username, role: identity.role, unitId: identity.unitId }
    : { username: identity.kind === "operator" ? identity.name : "", role: identity.kind, unitId: null };
