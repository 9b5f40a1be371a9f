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

/**
 * User names are sign-in identifiers: ASCII lower-case letters, digits, dot, hyphen, underscore
 * (`nguyen.van.an`). Vietnamese letters belong in the display name: a user name with them would have two
 * spellings that look alike (composed and decomposed, or a look-alike letter) and be typed differently on
 * every keyboard; they are refused with a sentence saying so, never folded silently.
 */
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
  const username = existing?.username ?? body.username?.normalize("NFC").trim().toLowerCase() ?? "";
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
  const displayName = body.displayName === undefined ? undefined : personName(body.displayName);
  if (displayName !== undefined && garbled(displayName))
    issues.push({ path: "displayName", key: "error.user.displayName" });
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: {
      username,
      displayName: displayName || existing?.displayName || username,
      role: role as StaffRole,
      unitId,
      ...(body.password !== undefined ? { password: body.password } : {}),
      ...(body.disabled !== undefined ? { disabled: body.disabled } : {}),
    },
  };
}

/** A name as one form: composed (NFC — a Mac or some keyboards send "ê" + "̂" as two), spaces collapsed. */
export function personName(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}

/** Windows-1252's letters in 0x80–0x9F (the rest of its bytes are Latin-1's code points). */
const CP1252: Readonly<Record<string, number>> = Object.fromEntries(
  [..."€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ"].map((char, i) => [char, 0x80 + i]),
);

/**
 * Text that arrived garbled: control characters, U+FFFD (bytes that were not UTF-8, e.g. a terminal in
 * another code page), or UTF-8 read as Windows-1252 / Latin-1 — "Nguyễn" as "Nguyá»…n": the text's
 * characters, taken as those bytes, are valid UTF-8 with letters beyond ASCII. A real name never is
 * (Vietnamese letters such as ễ or ă are not in Windows-1252; "José" or "Müller" are not UTF-8 as bytes).
 */
export function garbled(text: string): boolean {
  const runs: number[][] = [[]];
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0) || code === 0xfffd) return true;
    const byte = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : CP1252[char];
    // A letter Windows-1252 does not have (ễ, ă, đ…) ends a run: a garbled run is checked on its own.
    if (byte === undefined) runs.push([]);
    else runs.at(-1)?.push(byte);
  }
  return runs.some((bytes) => bytes.some((byte) => byte >= 0x80) && isUtf8(bytes));
}

function isUtf8(bytes: readonly number[]): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(bytes));
    return true;
  } catch {
    return false;
  }
}
