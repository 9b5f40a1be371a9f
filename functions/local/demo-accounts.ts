// The demo province's accounts (one per role) and its published years. Demo only: a start without the
// demo (PARWATCH_DEMO=0) seeds no accounts, and its first admin is made with `cli user add`.

import { operator } from "../../shared/access/identity";
import type { StaffRole } from "../../shared/roles";
import type { Deps } from "../deps";
import type { Actor } from "../services/audit";
import { writePublicIndex } from "../services/publish";
import { createUser } from "../services/users";
import { moveWorkflow } from "../services/workflow";

export const DEMO_PASSWORD = "parwatch-demo";

/** The demo chair leads a district with communes; the demo reporter files for one of its communes. */
export const DEMO_ACCOUNTS: readonly {
  username: string;
  role: StaffRole;
  unitId: string | null;
  displayName: string;
}[] = [
  { username: "demo-admin", role: "admin", unitId: null, displayName: "Quản trị hệ thống (demo)" },
  { username: "demo-inspector", role: "inspector", unitId: null, displayName: "Thanh tra Sở Nội vụ (demo)" },
  {
    username: "demo-chair",
    role: "chair",
    unitId: "huyen-tan-phuoc",
    displayName: "Chủ tịch UBND huyện Tân Phước (demo)",
  },
  {
    username: "demo-reporter",
    role: "reporter",
    unitId: "huyen-tan-phuoc--bac-thanh",
    displayName: "Cán bộ một cửa xã Bắc Thạnh (demo)",
  },
];

const SEED: Actor = { identity: operator("seed"), source: "seed" };

export async function seedDemoAccounts(deps: Deps, password: string): Promise<typeof DEMO_ACCOUNTS> {
  for (const account of DEMO_ACCOUNTS) await createUser(deps, SEED, { ...account, password });
  return DEMO_ACCOUNTS;
}

/** Years the demo has appraised and published, for every cohort that has results. */
const PUBLISHED = ["2024", "2025"];
const COHORTS = ["department", "district", "commune"];

export async function publishDemoYears(deps: Deps): Promise<number> {
  let published = 0;
  for (const period of PUBLISHED) {
    // The cohorts of a year are independent: published side by side (the year before first, so each
    // snapshot's change column finds it), then the index written once more with all of them in it.
    await Promise.all(
      COHORTS.map(async (cohort) => {
        for (const to of ["closed", "appraised", "published"] as const) {
          await moveWorkflow(deps, SEED, cohort, period, { to });
        }
        published++;
      }),
    );
  }
  await writePublicIndex(deps);
  return published;
}
