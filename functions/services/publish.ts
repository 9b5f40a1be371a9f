// Publishing a cohort's period: its results are written whole as a new, immutable snapshot under
// public/v1/… in the public-data bucket, then /public/index.json is rewritten from the workflow items
// (the record of what is published). Nothing is edited in place; a reopened period keeps its last
// published snapshot until it is published again, which replaces the pointer.

import { measureName, reasonText, targetText } from "../../shared/commitments-text";
import { ConflictError } from "../../shared/errors";
import { type Lang, translate } from "../../shared/i18n";
import { dataDictionary, tableSheet } from "../../shared/open-data";
import { comparePeriods, parsePeriod, periodOf, previousPeriod } from "../../shared/period";
import {
  buildIndex,
  buildSnapshot,
  CACHE,
  CONTENT_TYPES,
  PUBLIC_DICTIONARY,
  PUBLIC_INDEX,
  PUBLIC_PREFIX,
  type PublicCommitment,
  type SnapshotEntry,
  type SnapshotFile,
} from "../../shared/publication";
import { RATE_IDS } from "../../shared/rates";
import type { Deps } from "../deps";
import { xlsxOf } from "../publish/xlsx";
import { mapLimit } from "../store/db";
import { commitmentMatrix } from "./commitments";
import { listMethodologies } from "./methodologies";
import { rankCohortOn } from "./rankings";
import { leaderboard } from "./scoring";

/** Writes the snapshot's files; returns its index entry and its badges. Refuses when there is nothing to show. */
export async function writeSnapshot(
  deps: Deps,
  cohort: string,
  periodId: string,
  snapshotId: string,
): Promise<{ entry: SnapshotEntry; badgeFiles: ReadonlyMap<string, SnapshotFile> }> {
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
  const rankings = (await rankCohortOn(deps, cohort, period.id, RATE_IDS)).filter((ranking) =>
    ranking.rows.some((row) => row.rank !== null),
  );
  if (boards.length === 0 && rankings.length === 0) {
    throw new ConflictError("error.workflow.nothingToPublish", { cohort, period: period.id });
  }
  // The year's commitments as they stand now (a past year's have ended), in words, without signatories.
  const matrix = await commitmentMatrix(deps, cohort, period.year);
  const words = (make: (lang: Lang) => string) => ({ vi: make("vi"), en: make("en") });
  const byUnit = new Map(
    matrix.rows.map((row) => [
      row.unitId,
      row.cells.map(
        ({ commitment, evaluation }): PublicCommitment => ({
          measure: commitment.measure,
          name: words((lang) => measureName(lang, commitment.measure)),
          target: words((lang) => targetText(lang, commitment)),
          status: evaluation.status,
          statusName: words((lang) => translate(lang, `commitment.status.${evaluation.status}`)),
          reason: words((lang) => reasonText(lang, commitment, evaluation)),
          actual: evaluation.actual,
          ...(commitment.amendment ? { amendedOn: commitment.amendment.at.slice(0, 10) } : {}),
        }),
      ),
    ]),
  );
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
    commitments: { year: period.year, byUnit },
  });
  // The snapshot first, whole; the unit's latest badge and the index point at it afterwards.
  await mapLimit([...snapshot.files], 24, ([key, file]) =>
    deps.publicBlobs.put(key, file.body, file.contentType, {}, CACHE.immutable),
  );
  await mapLimit([...snapshot.sheets], 8, ([key, sheet]) =>
    deps.publicBlobs.put(key, xlsxOf(sheet.name, tableSheet(sheet.table)), CONTENT_TYPES.xlsx, {}, CACHE.immutable),
  );
  // The badges kept with the snapshot too, so a publish killed before they reach their latest paths can
  // be finished from the snapshot alone (repairPublicIndex).
  await mapLimit([...snapshot.badgeFiles], 24, ([key, file]) =>
    deps.publicBlobs.put(keptBadgeKey(snapshot.entry, key), file.body, file.contentType, {}, CACHE.immutable),
  );
  return { entry: snapshot.entry, badgeFiles: snapshot.badgeFiles };
}

/** Where a snapshot keeps its copy of a badge or card whose latest path is `latest`. */
function keptBadgeKey(entry: SnapshotEntry, latest: string): string {
  const base = entry.files.manifest.replace(/\/manifest\.json$/, "");
  return `${base}/${latest.slice(`${PUBLIC_PREFIX}/v1/`.length)}`;
}

/**
 * Rewrites /public/index.json from the published workflow items — the pointer to every live snapshot —
 * with the data dictionary; when the period just published is its cohort's newest, its units' badges
 * and cards become the latest.
 */
export async function writePublicIndex(
  deps: Deps,
  published?: { entry: SnapshotEntry; badgeFiles: ReadonlyMap<string, SnapshotFile> },
): Promise<void> {
  const entries = (await deps.store.listWorkflows()).flatMap((workflow) =>
    workflow.snapshot ? [workflow.snapshot] : [],
  );
  if (published) {
    const { cohort, period } = published.entry;
    const newer = entries.some(
      (entry) => entry.cohort === cohort && comparePeriods(periodOf(entry.period), periodOf(period)) > 0,
    );
    if (!newer) {
      await mapLimit([...published.badgeFiles], 24, ([key, file]) =>
        deps.publicBlobs.put(key, file.body, file.contentType, {}, CACHE.pointer),
      );
    }
  }
  await deps.publicBlobs.put(
    PUBLIC_DICTIONARY,
    JSON.stringify(dataDictionary()),
    CONTENT_TYPES.json,
    {},
    CACHE.pointer,
  );
  const index = JSON.stringify(buildIndex(entries, deps.now().toISOString()));
  await deps.publicBlobs.put(PUBLIC_INDEX, index, CONTENT_TYPES.json, {}, CACHE.pointer);
}

/**
 * Makes /public/index.json what the workflow items say is published, when it is not: a publish killed
 * after saving the move and before writing the index (or while writing it — the embedded S3 writes an
 * object in place, so a kill mid-write leaves it cut) is finished here: the newest period of each cohort
 * the index did not name gets its badges from the snapshot's own copies, then the index is rewritten.
 * Returns whether anything was written. The local server runs it on every start.
 */
export async function repairPublicIndex(deps: Deps): Promise<boolean> {
  const entries = (await deps.store.listWorkflows()).flatMap((workflow) =>
    workflow.snapshot ? [workflow.snapshot] : [],
  );
  const stored = await deps.publicBlobs.get(PUBLIC_INDEX);
  let named: Set<string> | undefined;
  try {
    const index = JSON.parse(new TextDecoder().decode(stored)) as { published?: { snapshotId?: unknown }[] };
    named = new Set((index.published ?? []).map((entry) => String(entry.snapshotId)));
  } catch {
    named = undefined;
  }
  if (stored === undefined && entries.length === 0) return false;
  if (named && named.size === entries.length && entries.every((entry) => named.has(entry.snapshotId))) return false;
  const newest = new Map<string, SnapshotEntry>();
  for (const entry of entries) {
    const seen = newest.get(entry.cohort);
    if (!seen || comparePeriods(periodOf(entry.period), periodOf(seen.period)) > 0) newest.set(entry.cohort, entry);
  }
  for (const entry of newest.values()) {
    if (named?.has(entry.snapshotId)) continue;
    const latest = Object.values(entry.files.badges).flatMap((badge) => [badge.svg, badge.card]);
    await mapLimit(latest, 24, async (key) => {
      const kept = keptBadgeKey(entry, key);
      const [body, head] = await Promise.all([deps.publicBlobs.get(kept), deps.publicBlobs.head(kept)]);
      if (body) await deps.publicBlobs.put(key, body, head?.contentType, {}, CACHE.pointer);
    });
  }
  await writePublicIndex(deps);
  return true;
}
