import { describe, expect, it } from "vitest";
import { isMessageKey } from "../i18n";
import { STAFF_ROLES, type StaffRole } from "../roles";
import { ACTIONS, type Action, authorize, type Resource } from "./authorize";
import { ANONYMOUS, type Identity, identityFromClaims, operator } from "./identity";

// The tree the cases run on: tinh → huyen-a → xa-a1 (→ thon-1), tinh → huyen-b → xa-b1.
const PATHS = {
  tinh: ["tinh"],
  "huyen-a": ["tinh", "huyen-a"],
  "xa-a1": ["tinh", "huyen-a", "xa-a1"],
  "thon-1": ["tinh", "huyen-a", "xa-a1", "thon-1"],
  "huyen-b": ["tinh", "huyen-b"],
  "xa-b1": ["tinh", "huyen-b", "xa-b1"],
};

const USERS: Record<StaffRole, Identity> = {
  admin: { kind: "user", username: "qt", role: "admin", unitId: null },
  inspector: { kind: "user", username: "tt", role: "inspector", unitId: null },
  chair: { kind: "user", username: "ct", role: "chair", unitId: "huyen-a" },
  reporter: { kind: "user", username: "bc", role: "reporter", unitId: "xa-a1" },
};

// Written out by hand from the role list, not derived from GRANTS:
// A = anywhere, S = own unit and below, O = own unit only, M = own uploads, - = never.
const EXPECTED: Record<Action, Record<StaffRole, "A" | "S" | "O" | "M" | "-">> = {
  "unit.read": { admin: "A", inspector: "A", chair: "A", reporter: "A" },
  "unit.write": { admin: "A", inspector: "-", chair: "-", reporter: "-" },
  "report.read": { admin: "A", inspector: "A", chair: "S", reporter: "O" },
  "report.file": { admin: "A", inspector: "-", chair: "-", reporter: "O" },
  "ranking.read": { admin: "A", inspector: "A", chair: "A", reporter: "-" },
  "filing.read": { admin: "A", inspector: "A", chair: "S", reporter: "O" },
  "score.read": { admin: "A", inspector: "A", chair: "S", reporter: "O" },
  "appraisal.self": { admin: "-", inspector: "-", chair: "-", reporter: "O" },
  "appraisal.appraise": { admin: "-", inspector: "A", chair: "-", reporter: "-" },
  "score.recompute": { admin: "-", inspector: "A", chair: "-", reporter: "-" },
  "survey.import": { admin: "-", inspector: "A", chair: "-", reporter: "-" },
  "commitment.read": { admin: "A", inspector: "A", chair: "S", reporter: "O" },
  "commitment.write": { admin: "-", inspector: "A", chair: "-", reporter: "-" },
  "calendar.read": { admin: "A", inspector: "A", chair: "A", reporter: "A" },
  "calendar.write": { admin: "A", inspector: "-", chair: "-", reporter: "-" },
  "methodology.read": { admin: "A", inspector: "A", chair: "A", reporter: "A" },
  "methodology.write": { admin: "A", inspector: "-", chair: "-", reporter: "-" },
  "import.read": { admin: "A", inspector: "A", chair: "-", reporter: "M" },
  "workflow.read": { admin: "A", inspector: "A", chair: "A", reporter: "A" },
  "workflow.advance": { admin: "-", inspector: "A", chair: "-", reporter: "-" },
  "workflow.reopen": { admin: "A", inspector: "-", chair: "-", reporter: "-" },
  "audit.read": { admin: "A", inspector: "A", chair: "-", reporter: "-" },
  "quality.read": { admin: "A", inspector: "A", chair: "-", reporter: "-" },
  "quality.check": { admin: "-", inspector: "A", chair: "-", reporter: "-" },
  "user.manage": { admin: "A", inspector: "-", chair: "-", reporter: "-" },
};

/** The cases every role × action is tried on, and which reaches each case allows. */
const CASES: { name: string; resource: Resource; allowedFor: string }[] = [
  { name: "the whole province", resource: {}, allowedFor: "AM" },
  { name: "the own unit (xa-a1 / huyen-a)", resource: { unitPath: PATHS["xa-a1"] }, allowedFor: "ASOM" },
  { name: "a unit below the own one", resource: { unitPath: PATHS["thon-1"] }, allowedFor: "ASM" },
  { name: "another district's commune", resource: { unitPath: PATHS["xa-b1"] }, allowedFor: "AM" },
  { name: "another district", resource: { unitPath: PATHS["huyen-b"] }, allowedFor: "AM" },
  { name: "the province's own unit", resource: { unitPath: PATHS.tinh }, allowedFor: "AM" },
  { name: "an upload of the user's own", resource: { owner: "SELF" }, allowedFor: "AM" },
  { name: "someone else's upload", resource: { owner: "someone-else" }, allowedFor: "A" },
];

/** The chair's own unit is huyen-a: shift the "own" cases one level up for the chair. */
function resourceFor(role: StaffRole, resource: Resource, username: string): Resource {
  const owner = resource.owner === "SELF" ? username : resource.owner;
  if (role !== "chair" || !resource.unitPath) return { ...resource, ...(owner ? { owner } : {}) };
  const shifted: Record<string, readonly string[]> = {
    "xa-a1": PATHS["huyen-a"],
    "thon-1": PATHS["xa-a1"],
  };
  const last = resource.unitPath.at(-1) as string;
  return { unitPath: shifted[last] ?? resource.unitPath };
}

describe("authorize: every role × every action × in and out of scope", () => {
  let cases = 0;
  for (const action of ACTIONS) {
    for (const role of STAFF_ROLES) {
      const reach = EXPECTED[action][role];
      it(`${role} · ${action} (${reach})`, () => {
        const user = USERS[role];
        for (const { name, resource, allowedFor } of CASES) {
          const decision = authorize(
            user,
            action,
            resourceFor(role, resource, (user as { username: string }).username),
          );
          const expected = reach !== "-" && allowedFor.includes(reach);
          expect(decision.allow, `${role} ${action} on ${name}`).toBe(expected);
          if (!decision.allow) expect(decision.status).toBe(403);
          cases++;
        }
      });
    }
  }
  it("names every action and role in words for the refusals", () => {
    for (const action of ACTIONS) expect(isMessageKey(`action.${action}`), action).toBe(true);
    for (const role of STAFF_ROLES) expect(isMessageKey(`role.${role}`), role).toBe(true);
  });

  it("ran the whole matrix", () => {
    expect(cases).toBe(ACTIONS.length * STAFF_ROLES.length * CASES.length);
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  it("says why: the role, or the scope", () => {
    expect(authorize(USERS.reporter, "report.file", { unitPath: PATHS["xa-b1"] })).toEqual({
      allow: false,
      status: 403,
      key: "auth.denied.scope",
      params: { unit: "xa-b1", scope: "xa-a1" },
    });
    expect(authorize(USERS.chair, "commitment.write", { unitPath: PATHS["huyen-a"] })).toMatchObject({
      allow: false,
      key: "auth.denied.role",
      params: { roleLabel: "role.chair", actionLabel: "action.commitment.write" },
    });
  });

  it("refuses the anonymous with 401 and lets the machine's operator do everything", () => {
    for (const action of ACTIONS) {
      expect(authorize(ANONYMOUS, action, {})).toMatchObject({ allow: false, status: 401 });
      expect(authorize(operator("cli"), action, { unitPath: PATHS["xa-b1"] }).allow).toBe(true);
    }
  });

  it("gives a scoped role without a unit nothing scoped", () => {
    const lost: Identity = { kind: "user", username: "x", role: "chair", unitId: null };
    expect(authorize(lost, "report.read", { unitPath: PATHS["xa-a1"] }).allow).toBe(false);
    expect(authorize(lost, "ranking.read").allow).toBe(true);
  });
});

describe("identityFromClaims (Cognito)", () => {
  it("takes the highest group as the role and custom:unitId as the scope", () => {
    expect(
      identityFromClaims({
        email: "lan@tinh.gov.vn",
        "cognito:groups": ["reporter", "chair"],
        "custom:unitId": "huyen-a",
      }),
    ).toEqual({ kind: "user", username: "lan@tinh.gov.vn", role: "chair", unitId: "huyen-a" });
    // API Gateway passes a list claim as one string "[a b]".
    expect(identityFromClaims({ "cognito:username": "tt", "cognito:groups": "[inspector]" })).toEqual({
      kind: "user",
      username: "tt",
      role: "inspector",
      unitId: null,
    });
  });

  it("gives no role to an account in no group, and nothing for no claims", () => {
    expect(identityFromClaims({ email: "a@b.vn" })).toEqual(ANONYMOUS);
    expect(identityFromClaims({ email: "a@b.vn", "cognito:groups": ["superuser"] })).toEqual(ANONYMOUS);
    expect(identityFromClaims(undefined)).toEqual(ANONYMOUS);
  });
});
