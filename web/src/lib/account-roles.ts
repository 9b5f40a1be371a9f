// Which roles work on one unit: the API's rule is SCOPED_ROLES in shared/access/account.ts, restated here
// so the dashboard does not bundle that module's schema library for one list.

import type { StaffRole } from "../../../shared/roles";

const SCOPED: readonly string[] = ["chair", "reporter"] satisfies StaffRole[];

/** Chairs and reporters act on their own unit (a chair also below it): their accounts need one. */
export const needsUnit = (role: string): boolean => SCOPED.includes(role);
