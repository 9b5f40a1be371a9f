// Methodology versions, appraisals (manual scores and deductions), survey results, scorecards and the
// pointer to the result set each leaderboard shows (see README.md).

import type { Methodology } from "../../shared/methodology/model";
import type { SipasUnitResult } from "../../shared/sipas";
import type { Appraisal, MethodologyStore, ResultSet, ScoreStore, StoredScorecard } from "../ports";
import type { Db, Item } from "./db";
import { GSI1, keys } from "./table";

const strip = (item: Item) => {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _type, ...rest } = item;
  return rest;
};

export function scoresRepo(db: Db): MethodologyStore & ScoreStore {
  const appraisalItem = (appraisal: Appraisal) => ({
    ...keys.appraisal(appraisal.unitId, appraisal.methodologyId, appraisal.period, appraisal.revision),
    type: "Appraisal",
    ...appraisal,
  });
  /** Versions of one appraisal, oldest first (an item from before versions counts as revision 1). */
  const versionsOf = async (unitId: string, methodologyId: string, period: string) => {
    const { pk, sk } = keys.appraisalVersions(unitId, methodologyId, period);
    const items = await db.queryPrefix(pk, sk, { ConsistentRead: true });
    return items
      .filter((item) => item.sk === sk || String(item.sk).startsWith(`${sk}#`))
      .map((item) => ({ revision: 1, ...strip(item) }) as unknown as Appraisal)
      .sort((a, b) => a.revision - b.revision);
  };
  return {
    putMethodology(methodology, savedBy, savedAt) {
      return db.putIf(
        {
          ...keys.methodology(methodology.id, methodology.version),
          type: "Methodology",
          document: methodology,
          savedBy,
          savedAt,
        },
        "attribute_not_exists(pk)",
      );
    },
    async getMethodology(id, version) {
      const { pk, sk } = keys.methodology(id, version);
      const item = await db.get(pk, sk);
      return item ? (item.document as Methodology) : undefined;
    },
    async listMethodologies() {
      const items = await db.queryIndex(GSI1, "gsi1pk", keys.allMethodologies().gsi1pk);
      return items.map((item) => {
        const document = item.document as Methodology;
        return {
          id: document.id,
          version: document.version,
          name: document.name,
          kind: document.kind,
          validFrom: document.validFrom,
          cohorts: document.cohorts,
          savedBy: String(item.savedBy),
          savedAt: String(item.savedAt),
        };
      });
    },

    async getAppraisal(unitId, methodologyId, period) {
      return (await versionsOf(unitId, methodologyId, period)).at(-1);
    },
    appraisalHistory: versionsOf,
    putAppraisal(appraisal) {
      // Each revision is its own item: the put of revision n+1 succeeds once, so a concurrent saver that
      // read the same revision loses the condition, reads again and merges; no revision is overwritten.
      return db.putIf(appraisalItem(appraisal), "attribute_not_exists(pk)");
    },
    async appraisalsOfPeriod(methodologyId, period) {
      const items = await db.queryIndex(GSI1, "gsi1pk", keys.appraisalsOfPeriod(methodologyId, period).gsi1pk);
      const latest = new Map<string, Appraisal>();
      for (const item of items) {
        const appraisal = { revision: 1, ...strip(item) } as unknown as Appraisal;
        const seen = latest.get(appraisal.unitId);
        if (!seen || seen.revision < appraisal.revision) latest.set(appraisal.unitId, appraisal);
      }
      return [...latest.values()];
    },
    async putAppraisals(appraisals) {
      await db.batchPut(appraisals.map(appraisalItem));
    },

    async putSurveyResults(methodologyId, period, results) {
      await db.batchPut(
        results.map((result) => ({
          ...keys.surveyResult(result.unit, methodologyId, period),
          type: "SurveyResult",
          period,
          result,
        })),
      );
    },
    async surveyResultsOfPeriod(methodologyId, period) {
      const items = await db.queryIndex(GSI1, "gsi1pk", keys.surveyResultsOfPeriod(methodologyId, period).gsi1pk);
      return items.map((item) => item.result as SipasUnitResult);
    },

    async putScorecards(methodologyId, version, cards) {
      await db.batchPut(
        cards.map((card) => ({
          ...keys.scorecard(methodologyId, version, card.period, card.unitId),
          type: "Scorecard",
          ...card,
        })),
      );
    },
    async scorecards(methodologyId, version, period) {
      const { pk, skPrefix } = keys.scorecardsOf(methodologyId, version, period);
      return (await db.queryPrefix(pk, skPrefix)).map((item) => strip(item) as unknown as StoredScorecard);
    },
    async getResultSet(methodologyId, period) {
      const { pk, sk } = keys.resultSet(methodologyId, period);
      const item = await db.get(pk, sk, true);
      return item ? (strip(item) as unknown as ResultSet) : undefined;
    },
    async resultSetPeriods(methodologyId) {
      const { pk, skPrefix } = keys.resultSetsOf(methodologyId);
      return (await db.queryPrefix(pk, skPrefix)).map((item) => String(item.sk).slice("PERIOD#".length));
    },
    async putResultSet(resultSet) {
      await db.put({ ...keys.resultSet(resultSet.methodologyId, resultSet.period), type: "ResultSet", ...resultSet });
    },
  };
}
