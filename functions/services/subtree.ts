// Lists limited to a parent unit (?parent=): which rows stay, and each row's parent for the column shown
// when a list is not limited. One answer for every list (rankings, leaderboards, filing, commitments).

import { InvalidInputError } from "../../shared/errors";
import { subtreeIds, type Unit } from "../../shared/units";

export interface Subtree {
  /** Whether a unit is in the list (below the parent, or any unit when no parent is asked for). */
  readonly keeps: (unitId: string) => boolean;
  /** Each unit's parent, for the list's parent column. */
  readonly parentOf: (unitId: string) => { id: string; name: string } | null;
}

export function subtreeOf(units: readonly Unit[], parent: string | undefined): Subtree {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  if (parent !== undefined && !byId.has(parent)) {
    throw new InvalidInputError([{ path: "parent", key: "error.unknownUnit", params: { value: parent } }]);
  }
  const below = parent === undefined ? undefined : subtreeIds(units, parent);
  return {
    keeps: (unitId) => below === undefined || (below.has(unitId) && unitId !== parent),
    parentOf: (unitId) => {
      const parentId = byId.get(unitId)?.parentId;
      const found = parentId ? byId.get(parentId) : undefined;
      return found ? { id: found.id, name: found.name } : null;
    },
  };
}

/** Rows limited to the subtree, each with its parent. */
export function withinSubtree<Row extends { unitId: string }>(rows: readonly Row[], subtree: Subtree) {
  return rows
    .filter((row) => subtree.keeps(row.unitId))
    .map((row) => ({ ...row, parent: subtree.parentOf(row.unitId) }));
}
