// Administrative units: a tree of any depth (province → departments/districts → communes, or the
// two-tier province → commune since 2025). Each unit belongs to a cohort it is ranked within.

export const KNOWN_COHORTS = ["province", "department", "district", "commune"] as const;
export type KnownCohort = (typeof KNOWN_COHORTS)[number];

export interface Unit {
  readonly id: string;
  readonly name: string;
  /** null for the root (the province). */
  readonly parentId: string | null;
  /** The group it is ranked within; units are compared only with their own cohort. */
  readonly cohort: string;
}

export interface UnitNode extends Unit {
  readonly children: UnitNode[];
}

const collator = new Intl.Collator("vi");

/** Orders units by Vietnamese name, then id, so lists and tie orders are stable. */
export function compareUnits(a: Unit, b: Unit): number {
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Builds the forest of units (normally one root); children sorted by name. */
export function buildTree(units: readonly Unit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>(units.map((unit) => [unit.id, { ...unit, children: [] }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sortDeep = (list: UnitNode[]) => {
    list.sort(compareUnits);
    for (const node of list) sortDeep(node.children);
  };
  sortDeep(roots);
  return roots;
}

/** The ids of a unit and everything below it. */
export function subtreeIds(units: readonly Unit[], rootId: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const unit of units) {
    if (unit.parentId === null) continue;
    const siblings = children.get(unit.parentId) ?? [];
    siblings.push(unit.id);
    children.set(unit.parentId, siblings);
  }
  const ids = new Set<string>();
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (ids.has(id)) continue;
    ids.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return ids;
}

/** The chain from the root down to the unit (for breadcrumbs). */
export function ancestry(units: readonly Unit[], unitId: string): Unit[] {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const chain: Unit[] = [];
  const seen = new Set<string>();
  let current = byId.get(unitId);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    chain.unshift(current);
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  return chain;
}

/** The cohorts present among the units, in the known order first, then any others by name. */
export function cohortsOf(units: readonly Unit[]): string[] {
  const present = new Set(units.map((unit) => unit.cohort));
  const known = KNOWN_COHORTS.filter((cohort) => present.has(cohort));
  const others = [...present].filter((cohort) => !(KNOWN_COHORTS as readonly string[]).includes(cohort)).sort();
  return [...known, ...others];
}

export type TreeProblem =
  | { kind: "duplicateId"; id: string }
  | { kind: "unknownParent"; id: string; parentId: string }
  | { kind: "cycle"; id: string };

/** Structural problems of a unit list: duplicate ids, parents that do not exist, cycles. */
export function treeProblems(units: readonly Unit[]): TreeProblem[] {
  const problems: TreeProblem[] = [];
  const byId = new Map<string, Unit>();
  for (const unit of units) {
    if (byId.has(unit.id)) problems.push({ kind: "duplicateId", id: unit.id });
    byId.set(unit.id, unit);
  }
  for (const unit of units) {
    if (unit.parentId !== null && !byId.has(unit.parentId)) {
      problems.push({ kind: "unknownParent", id: unit.id, parentId: unit.parentId });
    }
  }
  for (const unit of byId.values()) {
    const seen = new Set<string>();
    let current: Unit | undefined = unit;
    while (current && current.parentId !== null) {
      if (seen.has(current.id)) {
        problems.push({ kind: "cycle", id: unit.id });
        break;
      }
      seen.add(current.id);
      current = byId.get(current.parentId);
    }
  }
  return problems;
}
