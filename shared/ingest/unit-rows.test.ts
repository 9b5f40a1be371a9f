import { describe, expect, it } from "vitest";
import type { Unit } from "../units";
import { checkUnitRows } from "./unit-rows";

const existing: Unit[] = [{ id: "tinh", name: "Tỉnh", parentId: null, cohort: "province" }];

describe("checkUnitRows", () => {
  it("accepts a tree with Vietnamese headings, parents in the file or already known", () => {
    const { units, errors } = checkUnitRows(
      [
        ["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Nhóm"],
        ["xa-moi", "Xã Mới", "huyen-moi", "commune"],
        ["huyen-moi", "Huyện Mới", "tinh", "district"],
      ],
      existing,
    );
    expect(errors.count).toBe(0);
    expect(units.map((u) => u.unit)).toEqual([
      { id: "xa-moi", name: "Xã Mới", parentId: "huyen-moi", cohort: "commune" },
      { id: "huyen-moi", name: "Huyện Mới", parentId: "tinh", cohort: "district" },
    ]);
  });

  it("names bad ids, missing names, bad cohorts, duplicates, unknown parents and loops", () => {
    const { errors } = checkUnitRows(
      [
        ["id", "name", "parentId", "cohort"],
        ["Xã Có Dấu", "Xã", "tinh", "commune"],
        ["xa-1", "", "tinh", "Xã"],
        ["xa-2", "Xã 2", "nowhere", "commune"],
        ["xa-2", "Xã 2 lần nữa", "tinh", "commune"],
      ],
      existing,
    );
    expect(errors.kept.map((e) => [e.row, e.column, e.key])).toEqual([
      [2, "id", "error.text"],
      [3, "name", "error.required"],
      [3, "cohort", "error.import.cohort"],
      [5, "id", "error.import.duplicateUnit"],
    ]);
    const loop = checkUnitRows(
      [
        ["id", "name", "parentId", "cohort"],
        ["a", "A", "b", "commune"],
        ["b", "B", "a", "commune"],
        ["c", "C", "nowhere", "commune"],
      ],
      existing,
    );
    expect(loop.errors.kept.map((e) => [e.row, e.key])).toEqual([
      [4, "error.import.parentUnknown"],
      [2, "error.import.cycle"],
      [3, "error.import.cycle"],
    ]);
  });
});
