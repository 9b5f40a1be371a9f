import { describe, expect, it } from "vitest";
import { ancestry, buildTree, cohortsOf, subtreeIds, treeProblems, type Unit } from "./units";

const units: Unit[] = [
  { id: "p", name: "Tỉnh Thử", parentId: null, cohort: "province" },
  { id: "d2", name: "Huyện Đông", parentId: "p", cohort: "district" },
  { id: "d1", name: "Huyện Bắc", parentId: "p", cohort: "district" },
  { id: "s1", name: "Sở Nội vụ", parentId: "p", cohort: "department" },
  { id: "c1", name: "Xã An", parentId: "d1", cohort: "commune" },
  { id: "c2", name: "Xã Bình", parentId: "d2", cohort: "commune" },
  { id: "v1", name: "Thôn Một", parentId: "c2", cohort: "village" },
];

describe("units", () => {
  it("builds a tree of any depth with children sorted by Vietnamese name", () => {
    const [root] = buildTree(units);
    expect(root?.children.map((child) => child.name)).toEqual(["Huyện Bắc", "Huyện Đông", "Sở Nội vụ"]);
    expect(root?.children[1]?.children[0]?.children[0]?.id).toBe("v1");
  });

  it("finds a subtree and an ancestry", () => {
    expect([...subtreeIds(units, "d2")].sort()).toEqual(["c2", "d2", "v1"]);
    expect(ancestry(units, "v1").map((unit) => unit.id)).toEqual(["p", "d2", "c2", "v1"]);
  });

  it("lists the cohorts present, known ones first", () => {
    expect(cohortsOf(units)).toEqual(["province", "department", "district", "commune", "village"]);
  });

  it("reports duplicate ids, unknown parents and cycles", () => {
    const broken: Unit[] = [
      ...units,
      { id: "c1", name: "Xã An 2", parentId: "d1", cohort: "commune" },
      { id: "x", name: "Xã Lạc", parentId: "nowhere", cohort: "commune" },
      { id: "y", name: "Y", parentId: "z", cohort: "commune" },
      { id: "z", name: "Z", parentId: "y", cohort: "commune" },
    ];
    expect(treeProblems(broken)).toEqual([
      { kind: "duplicateId", id: "c1" },
      { kind: "unknownParent", id: "x", parentId: "nowhere" },
      { kind: "cycle", id: "y" },
      { kind: "cycle", id: "z" },
    ]);
    expect(treeProblems(units)).toEqual([]);
  });
});
