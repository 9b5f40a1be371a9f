// Staff accounts as the admin manages them: user name, role and unit (the scope), and whether the account
// may sign in. Checked here, stored by functions/store/users-repo.ts; the password hash never leaves the server.

import * as z from "zod/mini";
import { STAFF_ROLES, type StaffRole } from "../roles";
import type { Validated, ValidationIssue } from "../validation";

export interface Account {
  readonly username: string;
  readonly displayName: string;
  readonly role: StaffRole;
  /** The unit of a chair or reporter; null for the province-wide roles. */
  readonly unitId: string | null;
  readonly disabled: boolean;
  /** Raised by a password reset, a disable or a role change: older sessions stop working. */
  readonly sessionVersion: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
export const MIN_PASSWORD_LENGTH = 10;
/** Roles that act on one unit (and, for a chair, below it). */
export const SCOPED_ROLES: readonly StaffRole[] = ["chair", "reporter"];

const accountChange = z.strictObject({
  username: z.optional(z.string()),
  displayName: z.optional(z.string().check(z.maxLength(120))),
  role: z.optional(z.string()),
  unitId: z.optional(z.nullable(z.string().check(z.maxLength(200)))),
  password: z.optional(z.string().check(z.maxLength(200))),
  disabled: z.optional(z.boolean()),
});

export interface AccountInput {
  readonly username: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly unitId: string | null;
  readonly password?: string;
  readonly disabled?: boolean;
}

/** A new account (every field but displayName required) or a change to one (`existing` given: any subset). */
export function checkAccount(input: unknown, existing?: Account): Validated<AccountInput> {
  const parsed = accountChange.safeParse(input);
  if (!parsed.success) {
    const issues: ValidationIssue[] = parsed.error.issues.flatMap<ValidationIssue>((issue) =>
      issue.code === "unrecognized_keys"
        ? issue.keys.map((key) => ({ path: key, key: "error.unknownField" as const, params: { field: key } }))
        : [{ path: issue.path.join("."), key: "error.text" as const }],
    );
    return { ok: false, issues };
  }
  const body = parsed.data;
  const issues: ValidationIssue[] = [];
  const username = existing?.username ?? body.username?.trim().toLowerCase() ?? "";
  if (!existing && !USERNAME.test(username)) issues.push({ path: "username", key: "error.user.username" });
  const role = body.role ?? existing?.role;
  if (!(STAFF_ROLES as readonly (string | undefined)[]).includes(role)) {
    issues.push({ path: "role", key: "error.user.role", params: { allowed: STAFF_ROLES.join(", ") } });
  }
  const scoped = SCOPED_ROLES.includes(role as StaffRole);
  const unitId = scoped ? (body.unitId === undefined ? (existing?.unitId ?? null) : body.unitId?.trim() || null) : null;
  if (scoped && !unitId)
    issues.push({ path: "unitId", key: "error.user.unitRequired", params: { role: String(role) } });
  if (!existing && body.password === undefined) issues.push({ path: "password", key: "error.required" });
  if (body.password !== undefined && [...body.password].length < MIN_PASSWORD_LENGTH) {
    issues.push({ path: "password", key: "error.user.password", params: { min: MIN_PASSWORD_LENGTH } });
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: {
      username,
      displayName: body.displayName?.trim() || existing?.displayName || username,
      role: role as StaffRole,
      unitId,
      ...(body.password !== undefined ? { password: body.password } : {}),
      ...(body.disabled !== undefined ? { disabled: body.disabled } : {}),
    },
  };
}
