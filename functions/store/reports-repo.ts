// Versioned reports: every accepted submission kept, a LATEST pointer per unit-period that only moves
// forward, conditional writes instead of transactions (see README.md, "How a report is saved").

import { sameMetrics } from "../../shared/metrics";
import type { ReportVersion } from "../../shared/report";
import type { ReportStore } from "../ports";
import type { Db, Item } from "./db";
import { GSI1, keys } from "./table";

const MAX_VERSION_ATTEMPTS = 8;

export function reportsRepo(db: Db): ReportStore {
  async function lastVersionNumber(unitId: string, period: string): Promise<number> {
    const { pk, skPrefix } = keys.reportVersionPrefix(unitId, period);
    const [last] = await db.query({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": pk, ":prefix": skPrefix },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    });
    return last ? Number(last.version) : 0;
  }

  const latestItem = (report: ReportVersion, filedAt: string) => ({
    ...keys.latestReport(report.unitId, report.period),
    type: "ReportLatest",
    ...report,
    filedAt,
  });
  const versionItem = (report: ReportVersion) => ({
    ...keys.reportVersion(report.unitId, report.period, report.version),
    type: "ReportVersion",
    ...report,
  });
  const periodItem = (period: string) => ({ ...keys.filedPeriod(period), type: "Period", period });

  async function latestReport(unitId: string, period: string): Promise<ReportVersion | undefined> {
    const { pk, sk } = keys.latestReport(unitId, period);
    const item = await db.get(pk, sk, true);
    return item ? toReport(item) : undefined;
  }

  return {
    async saveReport(input, submission) {
      const latest = await latestReport(input.unitId, input.period);
      if (latest && sameMetrics(latest.metrics, input.metrics)) return { report: latest, created: false };
      let version = (await lastVersionNumber(input.unitId, input.period)) + 1;
      for (let attempt = 1; ; attempt++) {
        const report: ReportVersion = { ...input, ...submission, version };
        if (await db.putIf(versionItem(report), "attribute_not_exists(pk)")) {
          // Only moves forward: a slower writer of an older version leaves the newer pointer alone.
          const filedAt = latest?.filedAt ?? latest?.submittedAt ?? report.submittedAt;
          await db.putIf(latestItem(report, filedAt), "attribute_not_exists(pk) OR version < :version", {
            ":version": version,
          });
          await db.put(periodItem(input.period));
          return { report: { ...report, filedAt }, created: true };
        }
        // Another writer took this version number: take the next one, never overwrite.
        if (attempt >= MAX_VERSION_ATTEMPTS)
          throw new Error(`could not save ${input.unitId} ${input.period}: contention`);
        version = (await lastVersionNumber(input.unitId, input.period)) + 1;
      }
    },

    async loadReportVersions(versions) {
      await db.batchPut(versions.map(versionItem));
      const latest = new Map<string, ReportVersion>();
      const filed = new Map<string, string>();
      for (const report of versions) {
        const key = `${report.unitId}\u0000${report.period}`;
        const current = latest.get(key);
        if (!current || current.version < report.version) latest.set(key, report);
        const first = filed.get(key);
        if (!first || report.submittedAt < first) filed.set(key, report.submittedAt);
      }
      await db.batchPut(
        [...latest.entries()].map(([key, report]) => latestItem(report, filed.get(key) ?? report.submittedAt)),
      );
      await db.batchPut([...new Set(versions.map((report) => report.period))].map(periodItem));
    },

    latestReport,

    async reportHistory(unitId, period) {
      const { pk, skPrefix } = keys.reportVersionPrefix(unitId, period);
      return (await db.queryPrefix(pk, skPrefix, { ConsistentRead: true })).map(toReport);
    },

    async latestReportsOfUnit(unitId) {
      const { pk, skPrefix } = keys.latestReportPrefix(unitId);
      return (await db.queryPrefix(pk, skPrefix)).map(toReport);
    },

    async latestReportsOfPeriod(period) {
      return (await db.queryIndex(GSI1, "gsi1pk", keys.latestReportsOfPeriod(period).gsi1pk)).map(toReport);
    },

    async filedPeriods() {
      const { pk, skPrefix } = keys.filedPeriods();
      return (await db.queryPrefix(pk, skPrefix)).map((item) => String(item.period));
    },
  };
}

function toReport(item: Item): ReportVersion {
  return {
    unitId: String(item.unitId),
    period: String(item.period),
    metrics: item.metrics as ReportVersion["metrics"],
    version: Number(item.version),
    submittedBy: String(item.submittedBy),
    submittedAt: String(item.submittedAt),
    source: item.source as ReportVersion["source"],
    ...(item.sourceRef ? { sourceRef: String(item.sourceRef) } : {}),
    ...(item.filedAt ? { filedAt: String(item.filedAt) } : {}),
  };
}
