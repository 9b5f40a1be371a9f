// Versioned reports: every accepted submission is its own item, never overwritten (conditional writes
// instead of transactions); the latest of a unit-period is simply its highest version, so there is no
// pointer to keep in step. Each version carries when the unit-period was first filed (see README.md).

import { sameMetrics } from "../../shared/metrics";
import type { ReportInput, ReportVersion } from "../../shared/report";
import type { ReportStore, SaveResult, Submission } from "../ports";
import { type Db, type Item, mapLimit } from "./db";
import { GSI1, keys } from "./table";

// Each round of contention lets one writer through; with a short random pause the rest follow.
const MAX_VERSION_ATTEMPTS = 40;
// Conditional writes in flight at once during bulk saves: enough to keep dynalite's thread busy.
const BULK_CONCURRENCY = 24;

/** The highest version per unit-period among the given versions. */
function latestOf(versions: readonly ReportVersion[]): ReportVersion[] {
  const latest = new Map<string, ReportVersion>();
  for (const report of versions) {
    const key = `${report.unitId}\u0000${report.period}`;
    const current = latest.get(key);
    if (!current || current.version < report.version) latest.set(key, report);
  }
  return [...latest.values()];
}

export function reportsRepo(db: Db): ReportStore {
  const versionItem = (report: ReportVersion) => ({
    ...keys.reportVersion(report.unitId, report.period, report.version),
    type: "ReportVersion",
    ...report,
  });
  const periodItem = (period: string) => ({ ...keys.filedPeriod(period), type: "Period", period });

  async function latestReport(unitId: string, period: string): Promise<ReportVersion | undefined> {
    const { pk, skPrefix } = keys.reportVersionPrefix(unitId, period);
    const [last] = await db.query({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": pk, ":prefix": skPrefix },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    });
    return last ? toReport(last) : undefined;
  }

  /** Writes the version after `current`; false when another writer took that number first. */
  async function writeNext(input: ReportInput, submission: Submission, current: ReportVersion | undefined) {
    const report: ReportVersion = {
      ...input,
      ...submission,
      version: (current?.version ?? 0) + 1,
      filedAt: current?.filedAt ?? current?.submittedAt ?? submission.submittedAt,
    };
    return (await db.putIf(versionItem(report), "attribute_not_exists(pk)")) ? report : undefined;
  }

  async function saveReport(input: ReportInput, submission: Submission): Promise<SaveResult> {
    for (let attempt = 1; attempt <= MAX_VERSION_ATTEMPTS; attempt++) {
      const latest = await latestReport(input.unitId, input.period);
      if (latest && sameMetrics(latest.metrics, input.metrics)) return { report: latest, created: false };
      const report = await writeNext(input, submission, latest);
      if (report) {
        await db.put(periodItem(input.period));
        return { report, created: true };
      }
      // Another writer took this version number: read again and take the next one, never overwrite.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
    throw new Error(`could not save ${input.unitId} ${input.period}: contention`);
  }

  return {
    saveReport,

    saveReports: (inputs, submission, onSaved) =>
      db.together(async () => {
        const periods = [...new Set(inputs.map((input) => input.period))];
        const latest = new Map<string, ReportVersion>();
        for (const period of periods) {
          const versions = (await db.queryIndex(GSI1, "gsi1pk", keys.reportsOfPeriod(period).gsi1pk)).map(toReport);
          for (const report of latestOf(versions)) latest.set(`${report.unitId}\u0000${report.period}`, report);
        }
        let saved = 0;
        const created = await mapLimit(inputs, BULK_CONCURRENCY, async (input) => {
          const current = latest.get(`${input.unitId}\u0000${input.period}`);
          let made: boolean;
          if (current && sameMetrics(current.metrics, input.metrics)) made = false;
          // Someone filed this unit-period meanwhile: the careful one-by-one path sorts it out.
          else
            made = (await writeNext(input, submission, current)) ? true : (await saveReport(input, submission)).created;
          onSaved?.(++saved);
          return made;
        });
        await db.batchPut(periods.map(periodItem));
        return created.filter(Boolean).length;
      }),

    async loadReportVersions(versions) {
      const filed = new Map<string, string>();
      for (const report of versions) {
        const key = `${report.unitId}\u0000${report.period}`;
        const first = filed.get(key);
        if (!first || report.submittedAt < first) filed.set(key, report.submittedAt);
      }
      await db.batchPut(
        versions.map((report) =>
          versionItem({
            ...report,
            filedAt: filed.get(`${report.unitId}\u0000${report.period}`) ?? report.submittedAt,
          }),
        ),
      );
      await db.batchPut([...new Set(versions.map((report) => report.period))].map(periodItem));
    },

    latestReport,

    async reportHistory(unitId, period) {
      const { pk, skPrefix } = keys.reportVersionPrefix(unitId, period);
      return (await db.queryPrefix(pk, skPrefix, { ConsistentRead: true })).map(toReport);
    },

    async latestReportsOfUnit(unitId) {
      const { pk, skPrefix } = keys.unitVersionsPrefix(unitId);
      return latestOf((await db.queryPrefix(pk, skPrefix)).map(toReport));
    },

    async latestReportsOfPeriod(period) {
      return latestOf((await db.queryIndex(GSI1, "gsi1pk", keys.reportsOfPeriod(period).gsi1pk)).map(toReport));
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
