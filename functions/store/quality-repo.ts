// Inspectors' checks of data-quality flags (see README.md): one item per checked flag of a cohort-period.

import type { QualityCheck, QualityStore } from "../ports";
import type { Db } from "./db";
import { keys } from "./table";

export function qualityRepo(db: Db): QualityStore {
  return {
    async qualityChecks(cohort, period) {
      const { pk, skPrefix } = keys.qualityChecks(cohort, period);
      return (await db.queryPrefix(pk, skPrefix)).map(
        (item) => ({ flagId: item.flagId, note: item.note, by: item.by, at: item.at }) as QualityCheck,
      );
    },
    async putQualityCheck(cohort, period, check) {
      await db.put({ ...keys.qualityCheck(cohort, period, check.flagId), type: "QualityCheck", ...check });
    },
  };
}
