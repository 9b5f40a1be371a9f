// Who is acting. A staff user has a role and a unit (their scope); the operator is the person at the
// machine running the CLI on the data folder itself (or the seed and the schedule): full rights, recorded
// under its own name. Anonymous callers read published files only.

import { STAFF_ROLES, type StaffRole } from "../roles";

export type Identity =
  | {
      readonly kind: "user";
      readonly username: string;
      readonly role: StaffRole;
      /** The unit whose subtree the user works on; null for province-wide roles. */
      readonly unitId: string | null;
    }
  | { readonly kind: "operator"; readonly name: string }
  | { readonly kind: "anonymous" };

export const ANONYMOUS: Identity = { kind: "anonymous" };

export const operator = (name: string): Identity => ({ kind: "operator", name });

/** The name an audit entry and a stored version carry. */
export function actorName(identity: Identity): string {
  if (identity.kind === "user") return identity.username;
  if (identity.kind === "operator") return `operator:${identity.name}`;
  return "anonymous";
}

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === "string" && (STAFF_ROLES as readonly string[]).includes(value);
}

/**
 * The cloud's mapping of Cognito claims to the same identity: the highest-ranked group is the role
 * (admin > inspector > chair > reporter), the `custom:unitId` attribute the scope. No group, no role.
 */
export function identityFromClaims(claims: Readonly<Record<string, unknown>> | undefined): Identity {
  if (!claims) return ANONYMOUS;
  const rawGroups = claims["cognito:groups"];
  const groups =
    typeof rawGroups === "string"
      ? rawGroups.replace(/^\[|\]$/g, "").split(/[\s,]+/)
      : Array.isArray(rawGroups)
        ? rawGroups.map(String)
        : [];
  const role = STAFF_ROLES.find((candidate) => groups.includes(candidate));
  const name = claims.email ?? claims["cognito:username"] ?? claims.username ?? claims.sub;
  if (!role || typeof name !== "string" || name === "") return ANONYMOUS;
  const unit = claims["custom:unitId"];
  return { kind: "user", username: name, role, unitId: typeof unit === "string" && unit !== "" ? unit : null };
}
