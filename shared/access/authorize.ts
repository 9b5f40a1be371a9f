// Who may do what, and where: one pure function (identity, action, resource) → allow | deny with a
// reason. The API's one middleware and every service-level check ask it; nothing else decides.

import type { MessageKey, MessageParams } from "../i18n";
import type { StaffRole } from "../roles";
import type { Identity } from "./identity";

export const ACTIONS = [
  "unit.read", // the unit tree and a unit's name and place
  "unit.write", // add or change units (units files)
  "report.read", // a unit's figures, rates and report history
  "report.file", // file or correct a unit's report
  "ranking.read", // leaderboards of a whole cohort (rates and methodology indices)
  "filing.read", // who filed on time, late, not yet
  "score.read", // a unit's scorecard and appraisal
  "appraisal.self", // the unit's self-assessment scores
  "appraisal.appraise", // the inspector's appraised scores and deductions
  "score.recompute",
  "survey.import",
  "commitment.read",
  "commitment.write",
  "calendar.read",
  "calendar.write",
  "methodology.read",
  "methodology.write",
  "import.read", // an upload's record, rows and errors
  "workflow.read",
  "workflow.advance", // open → closed → appraised → published (and back before publishing)
  "workflow.reopen", // published → appraised
  "audit.read",
  "quality.read", // data-quality flags of a cohort-period
  "quality.check", // mark a flag as checked, with a note
  "user.manage",
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * What an action is about. `unitPath` is the unit and its ancestors, root first (from the unit tree);
 * without it the action concerns the whole province. `owner` is the user who made the thing (an upload).
 */
export interface Resource {
  readonly unitPath?: readonly string[];
  readonly owner?: string;
}

/** province: anywhere · subtree: the own unit and everything below it · own: the own unit only · mine: things the user made. */
type Reach = "province" | "subtree" | "own" | "mine";

const ANY: Reach = "province";

/** The grant table: each role's actions and how far each reaches. What is not listed is refused. */
export const GRANTS: Readonly<Record<StaffRole, Partial<Record<Action, Reach>>>> = {
  admin: {
    "unit.read": ANY,
    "unit.write": ANY,
    "report.read": ANY,
    // The province's data office loads whole-cohort files on the units' behalf (audited as the admin's).
    "report.file": ANY,
    "ranking.read": ANY,
    "filing.read": ANY,
    "score.read": ANY,
    "commitment.read": ANY,
    "calendar.read": ANY,
    "calendar.write": ANY,
    "methodology.read": ANY,
    "methodology.write": ANY,
    "import.read": ANY,
    "workflow.read": ANY,
    "workflow.reopen": ANY,
    "audit.read": ANY,
    "quality.read": ANY,
    "user.manage": ANY,
  },
  inspector: {
    "unit.read": ANY,
    "report.read": ANY,
    "ranking.read": ANY,
    "filing.read": ANY,
    "score.read": ANY,
    "appraisal.appraise": ANY,
    "score.recompute": ANY,
    "survey.import": ANY,
    "commitment.read": ANY,
    "commitment.write": ANY,
    "calendar.read": ANY,
    "methodology.read": ANY,
    "import.read": ANY,
    "workflow.read": ANY,
    "workflow.advance": ANY,
    "audit.read": ANY,
    "quality.read": ANY,
    "quality.check": ANY,
  },
  chair: {
    "unit.read": ANY,
    "report.read": "subtree",
    // A chair sees the own unit's rank among its peers: the cohort's leaderboard, not their reports.
    "ranking.read": ANY,
    "filing.read": "subtree",
    "score.read": "subtree",
    "commitment.read": "subtree",
    "calendar.read": ANY,
    "methodology.read": ANY,
    "workflow.read": ANY,
  },
  reporter: {
    "unit.read": ANY,
    "report.read": "own",
    "report.file": "own",
    "filing.read": "own",
    "score.read": "own",
    "appraisal.self": "own",
    "commitment.read": "own",
    "calendar.read": ANY,
    "methodology.read": ANY,
    "import.read": "mine",
    "workflow.read": ANY,
  },
};

export type Decision =
  | { readonly allow: true }
  | { readonly allow: false; readonly status: 401 | 403; readonly key: MessageKey; readonly params: MessageParams };

const ALLOW: Decision = { allow: true };

export function authorize(identity: Identity, action: Action, resource: Resource = {}): Decision {
  if (identity.kind === "operator") return ALLOW;
  if (identity.kind === "anonymous") return { allow: false, status: 401, key: "auth.required", params: {} };
  const reach = GRANTS[identity.role][action];
  if (!reach) {
    return {
      allow: false,
      status: 403,
      key: "auth.denied.role",
      params: { roleLabel: `role.${identity.role}`, actionLabel: `action.${action}` },
    };
  }
  if (reach === "province") return ALLOW;
  if (reach === "mine") {
    // Listing one's own uploads is allowed; a particular upload must be one's own.
    return resource.owner === undefined || resource.owner === identity.username
      ? ALLOW
      : { allow: false, status: 403, key: "auth.denied.owner", params: {} };
  }
  const unit = identity.unitId;
  const path = resource.unitPath;
  const target = path?.at(-1);
  const inReach =
    unit !== null && target !== undefined && (reach === "own" ? target === unit : (path ?? []).includes(unit));
  if (inReach) return ALLOW;
  return {
    allow: false,
    status: 403,
    key: target === undefined ? "auth.denied.province" : "auth.denied.scope",
    params: { unit: target ?? "", scope: unit ?? "" },
  };
}

/** The unit ids a user may act on with `action` among `units` (lists filtered to the caller's scope). */
export function reachOf(identity: Identity, action: Action): Reach | undefined {
  if (identity.kind === "operator") return "province";
  if (identity.kind === "anonymous") return undefined;
  return GRANTS[identity.role][action];
}
