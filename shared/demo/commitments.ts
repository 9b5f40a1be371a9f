// The demo province's commitments: each cohort gets the province's usual set for 2025 and 2026 (the
// practice of one template per cohort), and a few units adjust a target afterwards.

import type { Commitment } from "../commitments";
import type { Comparator } from "../methodology/model";
import type { Unit } from "../units";

type Term = { measure: string; comparator: Comparator; target: number };

const TEMPLATES: Record<string, readonly Term[]> = {
  department: [
    { measure: "onTimeRateOfResolved", comparator: ">=", target: 100 },
    { measure: "onlineRate", comparator: ">", target: 50 },
    { measure: "filingOnTime", comparator: ">=", target: 100 },
    { measure: "resolvedLate", comparator: "<=", target: 40 },
    { measure: "index:par-province", comparator: ">=", target: 80 },
  ],
  district: [
    { measure: "onTimeRateOfResolved", comparator: ">=", target: 98 },
    { measure: "onlineRate", comparator: ">", target: 50 },
    { measure: "filingOnTime", comparator: ">=", target: 100 },
    { measure: "pendingOverdue", comparator: "=", target: 0 },
    { measure: "rank:par-province", comparator: "<=", target: 5 },
  ],
  commune: [
    { measure: "onTimeRateOfResolved", comparator: ">=", target: 100 },
    { measure: "onlineRate", comparator: ">", target: 50 },
    { measure: "filingOnTime", comparator: ">=", target: 100 },
    { measure: "planCompletionRate", comparator: ">=", target: 100 },
    { measure: "index:par-commune", comparator: ">=", target: 80 },
  ],
};

const SIGNERS: Record<string, string> = {
  department: "Giám đốc",
  district: "Chủ tịch UBND huyện",
  commune: "Chủ tịch UBND xã",
};

/** Template commitments, then per-unit adjustments (a later version of the same commitment). */
export function demoCommitments(
  units: readonly Unit[],
  years: readonly number[],
): { template: Commitment[]; adjusted: Commitment[] } {
  const template: Commitment[] = [];
  const adjusted: Commitment[] = [];
  for (const year of years) {
    units.forEach((unit, i) => {
      for (const term of TEMPLATES[unit.cohort] ?? []) {
        const commitment: Commitment = {
          id: term.measure,
          unitId: unit.id,
          year,
          ...term,
          signedBy: SIGNERS[unit.cohort] ?? "Thủ trưởng",
          signedOn: `${year}-01-15`,
        };
        template.push(commitment);
        // Every ninth unit negotiated a lower online target in February.
        if (term.measure === "onlineRate" && i % 9 === 4) {
          adjusted.push({
            ...commitment,
            target: 40,
            signedOn: `${year}-02-20`,
            note: "Điều chỉnh theo điều kiện hạ tầng",
          });
        }
      }
    });
  }
  return { template, adjusted };
}
