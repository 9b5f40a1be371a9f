// What the signed-in person may do, asked of the same rule table the API enforces
// (shared/access/authorize): pages, links and buttons a role may not use are not shown at all.

import { type Action, authorize, reachOf } from "../../../shared/access/authorize";
import { ANONYMOUS, type Identity } from "../../../shared/access/identity";
import { session } from "./session.svelte";

export function identity(): Identity {
  const user = session.user;
  return user ? { kind: "user", username: user.username, role: user.role, unitId: user.unitId } : ANONYMOUS;
}

/** Whether the person may do `action` anywhere at all (the API narrows lists to their scope). */
export const may = (action: Action): boolean => reachOf(identity(), action) !== undefined;

/** Whether the person may do `action` on the unit whose path (root first) is given. */
export const mayOn = (action: Action, unitPath: readonly string[]): boolean =>
  authorize(identity(), action, { unitPath }).allow;

/** Upload kinds and the permission each takes (the API's own table is functions/services/import-records.ts). */
export const IMPORT_ACTIONS = {
  reports: "report.file",
  units: "unit.write",
  sipas: "survey.import",
  commitments: "commitment.write",
} as const satisfies Record<string, Action>;

export const mayUpload = (): boolean => Object.values(IMPORT_ACTIONS).some(may);

/** The pages by their first path segment and what each needs; "/" is the leaderboard. */
const PAGES: Readonly<Record<string, () => boolean>> = {
  "": () => may("ranking.read"),
  leaderboard: () => may("ranking.read"),
  scores: () => may("ranking.read"),
  filing: () => may("filing.read"),
  commitments: () => may("commitment.read"),
  units: () => may("unit.read"),
  report: () => may("report.file"),
  upload: mayUpload,
  users: () => may("user.manage"),
  audit: () => may("audit.read"),
  quality: () => may("quality.read"),
  briefing: () => may("ranking.read") && may("report.read"),
  compare: () => may("ranking.read"),
};

/** Whether the page at `path` is one the person may open (unknown paths: yes, they say "not found"). */
export function mayOpen(path: string): boolean {
  const page = PAGES[path.split("/")[1] ?? ""];
  return page ? page() : true;
}

/** Where a role starts: the leaderboard for those who read rankings, the report form for reporters. */
export function homePath(): string {
  if (may("ranking.read")) return "/";
  if (may("report.file")) return "/report";
  return "/filing";
}
