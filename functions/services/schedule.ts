// The scheduled jobs (EventBridge in the cloud; locally the server and the CLI recover imports at start):
//   recover — roll forward or fail imports a crashed ingest left idle for 15 minutes;
//   refresh — compare a sample of read models with their sources (rebuilding any that differ), then
//             recompute the result sets leaderboards show for this year and last, with the version each
//             shows, so late reports and corrections reach the scores without anyone pressing a button.

import { operator } from "../../shared/access/identity";
import { periodOf, selectablePeriods } from "../../shared/period";
import type { Deps } from "../deps";
import { recorded } from "./audit";
import { recoverImports } from "./import-apply";
import { listMethodologies } from "./methodologies";
import { checkSample } from "./read-model-refresh";
import { type RecomputeSummary, recompute } from "./scoring";

/** Longer than the ingest Lambda's timeout: an import idle this long is not being worked on. */
export const STALE_IMPORT_MS = 15 * 60 * 1000;

export const SCHEDULED_JOBS = ["recover", "refresh"] as const;
export type ScheduledJob = (typeof SCHEDULED_JOBS)[number];

export const SCHEDULE_USER = "schedule";

/** Read models the nightly refresh compares with a build from the source items. */
export const READ_MODEL_SAMPLE = 20;

/** Recomputes every result set of this year and last, keeping the methodology version it shows. */
export async function refreshResults(deps: Deps): Promise<RecomputeSummary[]> {
  const thisYear = deps.now().getUTCFullYear();
  const periods = selectablePeriods(await deps.store.filedPeriods()).filter((id) => periodOf(id).year >= thisYear - 1);
  const ids = [...new Set((await listMethodologies(deps)).map((methodology) => methodology.id))];
  const summaries: RecomputeSummary[] = [];
  for (const methodologyId of ids) {
    for (const period of periods) {
      const shown = await deps.store.getResultSet(methodologyId, period);
      if (!shown) continue;
      summaries.push(await recompute(deps, methodologyId, period, { version: shown.version }, SCHEDULE_USER));
    }
  }
  return summaries;
}

export async function runScheduledJob(deps: Deps, job: ScheduledJob) {
  if (job === "recover") return { job, ...(await recoverImports(deps, STALE_IMPORT_MS)) };
  // First, while nothing is being written: a sample of read models against their sources (any that
  // differ are named in the log and built again).
  const sample = await checkSample(deps, READ_MODEL_SAMPLE);
  // One audit entry per run: the schedule recomputed the result sets leaderboards show (published ones stay).
  const summaries = await recorded(
    deps,
    { identity: operator(SCHEDULE_USER), source: "schedule", sourceRef: "refresh" },
    { action: "score.recompute", entity: "schedule:refresh" },
    () => refreshResults(deps),
    (done) => done.map(({ methodologyId, period, units }) => ({ methodologyId, period, units })),
  );
  return {
    job,
    resultSets: summaries.length,
    scorecards: summaries.reduce((sum, summary) => sum + summary.units, 0),
    readModelsChecked: sample.checked,
    readModelDifferences: sample.differences,
  };
}
