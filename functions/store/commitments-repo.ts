// Commitments, versioned like reports: every change is a new item (conditional put), the latest is the
// highest version of a unit, year and measure (see README.md).

import type { Commitment } from "../../shared/commitments";
import { ConflictError } from "../../shared/errors";
import type { CommitmentAmendment, CommitmentStore, CommitmentVersion } from "../ports";
import type { Db, Item } from "./db";
import { GSI1, keys } from "./table";

const ATTEMPTS = 20;

const TERMS = ["comparator", "target", "signedBy", "signedOn", "note"] as const;
const sameTerms = (a: Commitment, b: Commitment) => TERMS.every((field) => (a[field] ?? null) === (b[field] ?? null));

function toCommitment(item: Item): CommitmentVersion {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _type, ...rest } = item;
  return rest as unknown as CommitmentVersion;
}

function latestOf(versions: readonly CommitmentVersion[]): CommitmentVersion[] {
  const latest = new Map<string, CommitmentVersion>();
  for (const version of versions) {
    const key = `${version.unitId}\u0000${version.year}\u0000${version.measure}`;
    const current = latest.get(key);
    if (!current || current.version < version.version) latest.set(key, version);
  }
  return [...latest.values()];
}

export function commitmentsRepo(db: Db): CommitmentStore {
  async function history(unitId: string, year: number, measure: string) {
    const { pk, skPrefix } = keys.commitmentVersions(unitId, year, measure);
    return (await db.queryPrefix(pk, skPrefix, { ConsistentRead: true })).map(toCommitment);
  }
  return {
    async saveCommitment(commitment, savedBy, savedAt, reason) {
      for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        const latest = (await history(commitment.unitId, commitment.year, commitment.measure)).at(-1);
        if (latest && sameTerms(latest, commitment)) return { commitment: latest, created: false };
        if (latest && !reason) throw new ConflictError("error.commitment.reasonRequired");
        const version: CommitmentVersion = {
          ...commitment,
          id: commitment.measure,
          version: (latest?.version ?? 0) + 1,
          savedBy,
          savedAt,
          ...(latest && reason
            ? {
                amendment: {
                  at: savedAt,
                  by: savedBy,
                  reason,
                  from: Object.fromEntries(
                    TERMS.map((field) => [field, latest[field] ?? null]),
                  ) as CommitmentAmendment["from"],
                },
              }
            : {}),
        };
        const item = {
          ...keys.commitmentVersion(commitment.unitId, commitment.year, commitment.measure, version.version),
          type: "Commitment",
          ...version,
        };
        if (await db.putIf(item, "attribute_not_exists(pk)")) return { commitment: version, created: true };
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
      throw new Error(`could not save commitment ${commitment.unitId} ${commitment.measure}: contention`);
    },
    async commitmentsOfUnit(unitId, year) {
      const { pk, skPrefix } = keys.commitmentsOfUnit(unitId, year);
      return latestOf((await db.queryPrefix(pk, skPrefix)).map(toCommitment));
    },
    async commitmentsOfYear(year) {
      return latestOf((await db.queryIndex(GSI1, "gsi1pk", keys.commitmentsOfYear(year).gsi1pk)).map(toCommitment));
    },
    commitmentHistory: history,
    async loadCommitmentVersions(versions) {
      await db.batchPut(
        versions.map((version) => ({
          ...keys.commitmentVersion(version.unitId, version.year, version.measure, version.version),
          type: "Commitment",
          ...version,
        })),
      );
    },
  };
}
