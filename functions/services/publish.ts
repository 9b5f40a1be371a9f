// Publishing a cohort's period: its results are written whole as a new, immutable snapshot under
// public/v1/… in the public-data bucket, then /public/index.json is rewritten from the workflow items
// (the record of what is published). Nothing is edited in place; a reopened period keeps its last
// published snapshot until it is published again, which replaces the pointer.

import { ConflictError } from "../../shared/errors";
import { parsePeriod, previousPeriod } from "../../shared/period";
import { buildIndex, buildSnapshot, PUBLIC_INDEX, type SnapshotEntry } from "../../shared/publication";
import { RATE_IDS } from "../../shared/rates";
import type { Deps } from "../deps";
import { listMethodologies } from "./methodologies";
import { rankCohort } from "./rankings";
import { leaderboard } from "./scoring";

const JSON_TYPE = "application/json; charset=utf-8";

/** Writes the snapshot's files; returns its index entry. Refuses when there is nothing to show. */
export async function writeSnapshot(
  deps: Deps,
  cohort: string,
  periodId: string,
  snapshotId: string,
): Promise<SnapshotEntry> {
  const period = parsePeriod(periodId);
  if (!period) throw new ConflictError("error.workflow.nothingToPublish", { cohort, period: periodId });
  const units = (await deps.store.listUnits()).filter((unit) => unit.cohort === cohort);
  const methodologyIds = [
    ...new Set((await listMethodologies(deps)).filter((m) => m.cohorts.includes(cohort)).map((m) => m.id)),
  ];
  const boards = [];
  for (const id of methodologyIds) {
    const board = await leaderboard(deps, cohort, period.id, id);
    if (board.resultSet && board.rows.some((row) => row.rank !== null)) {
      boards.push({ methodology: board.methodology, rows: board.rows });
    }
  }
  const rankings = [];
  for (const rate of RATE_IDS) {
    const ranking = await rankCohort(deps, cohort, period.id, rate);
    if (ranking.rows.some((row) => row.rank !== null)) rankings.push(ranking);
  }
  if (boards.length === 0 && rankings.length === 0) {
    throw new ConflictError("error.workflow.nothingToPublish", { cohort, period: period.id });
  }
  const previous = previousPeriod(period).id;
  const previousPublished = (await deps.store.getWorkflow(cohort, previous))?.snapshot !== undefined;
  const snapshot = buildSnapshot({
    snapshotId,
    cohort,
    period: period.id,
    previousPeriod: previous,
    previousPublished,
    publishedAt: deps.now().toISOString(),
    units,
    boards,
    rankings,
  });
  for (const [key, value] of snapshot.files) {
    await deps.publicBlobs.put(key, JSON.stringify(value), JSON_TYPE);
  }
  return snapshot.entry;
}

/** Rewrites /public/index.json from the published workflow items: the pointer to every live snapshot. */
export async function writePublicIndex(deps: Deps): Promise<void> {
  const entries = (await deps.store.listWorkflows()).flatMap((workflow) =>
    workflow.snapshot ? [workflow.snapshot] : [],
  );
  await deps.publicBlobs.put(PUBLIC_INDEX, JSON.stringify(buildIndex(entries, deps.now().toISOString())), JSON_TYPE);
}
