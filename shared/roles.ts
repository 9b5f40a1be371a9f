// The staff roles (DESIGN.md "Roles"). In the cloud each is a Cognito group; a user's groups arrive in the
// token's cognito:groups claim. The public has no role: it reads published data. What each role may do
// is decided in one place with the roles issue; this list is what the user pool is built from.

export const STAFF_ROLES = ["admin", "inspector", "chair", "reporter"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_DESCRIPTIONS: Readonly<Record<StaffRole, string>> = {
  admin: "Methodologies, units and users",
  inspector: "Appraisal, commitments and publishing for the whole province",
  chair: "Reads rankings and commitments of the own unit's subtree",
  reporter: "Files reports for the own unit",
};
