// Which cohort sits below which: where a row's drill-down leads (province → district → commune).

import { directory } from "./unit-directory.svelte";

/** The cohort of the units directly below the cohort's units, or null at the bottom of the tree. */
export function childCohortOf(cohort: string): string | null {
  const members = new Set(directory.units.filter((unit) => unit.cohort === cohort).map((unit) => unit.id));
  return directory.units.find((unit) => unit.parentId && members.has(unit.parentId))?.cohort ?? null;
}
