// The province's units, loaded once per sign-in by the shell: names for ids (the audit trail, accounts),
// paths for permission checks, and the choices of unit selects.

import type { Unit, UnitNode } from "../../../shared/units";

export const directory = $state<{ units: Unit[]; byId: Map<string, Unit> }>({ units: [], byId: new Map() });

const flatten = (nodes: readonly UnitNode[]): Unit[] =>
  nodes.flatMap(({ children, ...unit }) => [unit, ...flatten(children)]);

export function setUnits(tree: readonly UnitNode[]): void {
  const units = flatten(tree);
  directory.units = units;
  directory.byId = new Map(units.map((unit) => [unit.id, unit]));
}

/** A unit's name, or its id when the directory does not know it (a unit since removed). */
export const unitName = (id: string): string => directory.byId.get(id)?.name ?? id;

/** The unit and its ancestors' ids, root first: what shared/access/authorize checks a scope against. */
export function unitPath(id: string): string[] {
  const chain = [id];
  let parent = directory.byId.get(id)?.parentId;
  // A broken tree must not loop: a path is never longer than the list of units.
  while (parent && chain.length <= directory.units.length) {
    chain.unshift(parent);
    parent = directory.byId.get(parent)?.parentId;
  }
  return chain;
}
