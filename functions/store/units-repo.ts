// Units: one item each, listed through gsi1 (see README.md).

import type { Unit } from "../../shared/units";
import type { UnitStore } from "../ports";
import type { Db, Item } from "./db";
import { GSI1, keys } from "./table";

export function unitsRepo(db: Db): UnitStore {
  return {
    async listUnits() {
      return (await db.queryIndex(GSI1, "gsi1pk", keys.allUnits().gsi1pk)).map(toUnit);
    },
    async getUnit(id) {
      const { pk, sk } = keys.unit(id);
      const item = await db.get(pk, sk);
      return item ? toUnit(item) : undefined;
    },
    async putUnits(units) {
      await db.batchPut(units.map((unit) => ({ ...keys.unit(unit.id), type: "Unit", ...unit })));
    },
  };
}

function toUnit(item: Item): Unit {
  return {
    id: String(item.id),
    name: String(item.name),
    parentId: item.parentId === null || item.parentId === undefined ? null : String(item.parentId),
    cohort: String(item.cohort),
  };
}
