// Units (one item each, listed through gsi1) and the reporting calendar of each cohort (see README.md).

import type { ReportingCalendar } from "../../shared/calendar";
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
    async getCalendar(cohort) {
      const { pk, sk } = keys.calendar(cohort);
      const item = await db.get(pk, sk);
      return item ? (item.calendar as ReportingCalendar) : undefined;
    },
    async putCalendar(calendar) {
      await db.put({ ...keys.calendar(calendar.cohort), type: "Calendar", calendar });
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
