// Scoring units with a methodology: gathering each unit's inputs (report figures, appraisals, survey
// results), recomputing and storing scorecards under the methodology version, reading leaderboards and
// scorecards, and entering appraisals.

import { actorName } from "../../shared/access/identity";
import { ConflictError, InvalidInputError, NotFoundError } from "../../shared/errors";
import { figuresFrom } from "../../shared/figures";
import { bottom, buildLeaderboard, type LeaderboardRow, mostImproved, type ScoredUnit } from "../../shared/leaderboard";
import { type Scorecard, type ScoreInputs, scoreUnit } from "../../shared/methodology/engine";
import { leaves, type Methodology, type MethodologyNode } from "../../shared/methodology/model";
import { surveyScorecard } from "../../shared/methodology/survey-scorecard";
import { type Period, parsePeriod, previousPeriod } from "../../shared/period";
import type { ReportVersion } from "../../shared/report";
import { periodsToRead } from "../../shared/rollup";
import { type SipasUnitResult, surveyIndices } from "../../shared/sipas";
import type { Unit } from "../../shared/units";
import type { ValidationIssue } from "../../shared/validation";
import { demandForUnit } from "../auth/guard";
import type { Deps } from "../deps";
import type { Appraisal, AppraisedScore, DeductionEntry, ResultSet, StoredScorecard } from "../ports";
import { type Actor, recorded } from "./audit";
import { methodologyFor } from "./methodologies";
import { governingStatus } from "./workflow";

const SURVEY_METHODOLOGY = "sipas";
const SAVE_ATTEMPTS = 20;

function requirePeriod(periodId: string): Period {
  const period = parsePeriod(periodId);
  if (!period) throw new InvalidInputError([{ path: "period", key: "error.period", params: { value: periodId } }]);
  return period;
}

/** The latest filed reports of every unit, for all the periods a roll-up of `period` reads. */
async function reportsByUnit(deps: Deps, period: Period): Promise<Map<string, ReportVersion[]>> {
  const pages = await Promise.all(periodsToRead(period).map((id) => deps.store.latestReportsOfPeriod(id)));
  const byUnit = new Map<string, ReportVersion[]>();
  for (const report of pages.flat()) byUnit.set(report.unitId, [...(byUnit.get(report.unitId) ?? []), report]);
  return byUnit;
}

/** Survey results for a period: the period's own survey, otherwise its year's (SIPAS is surveyed yearly). */
async function surveyResults(deps: Deps, period: Period): Promise<Map<string, SipasUnitResult>> {
  let results = await deps.store.surveyResultsOfPeriod(SURVEY_METHODOLOGY, period.id);
  if (results.length === 0 && period.kind !== "year") {
    results = await deps.store.surveyResultsOfPeriod(SURVEY_METHODOLOGY, String(period.year));
  }
  return new Map(results.map((result) => [result.unit, result]));
}

function inputsFrom(
  unitId: string,
  period: Period,
  reports: readonly ReportVersion[],
  appraisal: Appraisal | undefined,
  survey: SipasUnitResult | undefined,
): ScoreInputs {
  const figures = figuresFrom(unitId, period.id, reports);
  const complete = figures.sources.length > 0 && figures.missing.length === 0;
  return {
    // Incomplete roll-ups give no measures: their leaves are reported missing rather than half-scored.
    measures: complete ? { ...figures.metrics, ...figures.rates } : {},
    survey: survey ? surveyIndices(survey) : {},
    manual: appraisal?.scores ?? {},
    deductions: Object.fromEntries(
      Object.entries(appraisal?.deductions ?? {}).map(([id, entry]) => [id, entry.points]),
    ),
  };
}

export interface RecomputeOptions {
  readonly cohort?: string;
  readonly version?: string;
  /** Make this version the one leaderboards show even when another version's results exist. */
  readonly replace?: boolean;
}

export interface RecomputeSummary {
  readonly methodologyId: string;
  readonly version: string;
  readonly period: string;
  readonly units: number;
  readonly complete: number;
  /** Cohorts left as they were because their results for the period are published. */
  readonly frozenCohorts: readonly string[];
  /** The result set leaderboards show after this recompute. */
  readonly resultSet: ResultSet;
}

/** Scores every unit of the methodology's cohorts (or one cohort) and stores the scorecards. */
export async function recompute(
  deps: Deps,
  methodologyId: string,
  periodId: string,
  options: RecomputeOptions,
  computedBy: string,
): Promise<RecomputeSummary> {
  const period = requirePeriod(periodId);
  const methodology = await methodologyFor(deps, methodologyId, period.year, options.version);
  if (options.cohort && !methodology.cohorts.includes(options.cohort)) {
    throw new InvalidInputError([
      { path: "cohort", key: "error.scores.cohort", params: { methodology: methodology.id, cohort: options.cohort } },
    ]);
  }
  // Published results are frozen: their cohorts are not recomputed until the period is reopened.
  const requested = options.cohort ? [options.cohort] : methodology.cohorts;
  const statuses = await Promise.all(requested.map((cohort) => governingStatus(deps, cohort, period.id)));
  const cohorts = requested.filter((_, i) => statuses[i] !== "published");
  if (options.cohort && cohorts.length === 0) {
    throw new ConflictError("error.workflow.frozen", { cohort: options.cohort, period: period.id });
  }
  const units = (await deps.store.listUnits()).filter((unit) => cohorts.includes(unit.cohort));
  const cards = await computeScorecards(deps, methodology, period, units);
  const computedAt = deps.now().toISOString();
  await deps.store.putScorecards(
    methodology.id,
    methodology.version,
    cards.map(({ unitId, scorecard }) => ({ unitId, period: period.id, scorecard, computedAt })),
  );
  const current = await deps.store.getResultSet(methodology.id, period.id);
  let resultSet = current;
  // Results of another version stay what leaderboards show unless the caller asks to replace them.
  if (!current || current.version === methodology.version || options.replace) {
    resultSet = {
      methodologyId: methodology.id,
      period: period.id,
      version: methodology.version,
      computedAt,
      computedBy,
    };
    await deps.store.putResultSet(resultSet);
  }
  return {
    methodologyId: methodology.id,
    version: methodology.version,
    period: period.id,
    units: cards.length,
    complete: cards.filter((card) => card.scorecard.complete).length,
    frozenCohorts: requested.filter((cohort) => !cohorts.includes(cohort)),
    resultSet: resultSet as ResultSet,
  };
}

export async function computeScorecards(
  deps: Deps,
  methodology: Methodology,
  period: Period,
  units: readonly Unit[],
): Promise<{ unitId: string; scorecard: Scorecard }[]> {
  if (methodology.kind === "survey") {
    const results = new Map(
      (await deps.store.surveyResultsOfPeriod(methodology.id, period.id)).map((result) => [result.unit, result]),
    );
    return units.map((unit) => ({ unitId: unit.id, scorecard: surveyScorecard(methodology, results.get(unit.id)) }));
  }
  const [reports, appraisals, surveys] = await Promise.all([
    reportsByUnit(deps, period),
    deps.store.appraisalsOfPeriod(methodology.id, period.id),
    surveyResults(deps, period),
  ]);
  const appraisalOf = new Map(appraisals.map((appraisal) => [appraisal.unitId, appraisal]));
  return units.map((unit) => ({
    unitId: unit.id,
    scorecard: scoreUnit(
      methodology,
      inputsFrom(unit.id, period, reports.get(unit.id) ?? [], appraisalOf.get(unit.id), surveys.get(unit.id)),
    ),
  }));
}

export async function storedScorecards(
  deps: Deps,
  methodologyId: string,
  period: string,
): Promise<Map<string, StoredScorecard> | null> {
  const resultSet = await deps.store.getResultSet(methodologyId, period);
  if (!resultSet) return null;
  const cards = await deps.store.scorecards(methodologyId, resultSet.version, period);
  return new Map(cards.map((card) => [card.unitId, card]));
}

export interface Leaderboard {
  readonly cohort: string;
  readonly period: string;
  readonly previousPeriod: string;
  readonly methodology: Methodology;
  readonly resultSet: ResultSet | null;
  readonly rows: readonly LeaderboardRow[];
  readonly mostImproved: readonly LeaderboardRow[];
  readonly bottom: readonly LeaderboardRow[];
}

export async function leaderboard(
  deps: Deps,
  cohort: string,
  periodId: string,
  methodologyId: string,
): Promise<Leaderboard> {
  const period = requirePeriod(periodId);
  const previous = previousPeriod(period);
  const units = (await deps.store.listUnits()).filter((unit) => unit.cohort === cohort);
  if (units.length === 0) {
    throw new InvalidInputError([{ path: "cohort", key: "error.unknownCohort", params: { value: cohort } }]);
  }
  const [resultSet, current, before] = await Promise.all([
    deps.store.getResultSet(methodologyId, period.id),
    storedScorecards(deps, methodologyId, period.id),
    storedScorecards(deps, methodologyId, previous.id),
  ]);
  const methodology = await methodologyFor(deps, methodologyId, period.year, resultSet?.version);
  const scored = (cards: Map<string, StoredScorecard> | null): ScoredUnit[] =>
    cards
      ? units.map((unit) => ({ unitId: unit.id, name: unit.name, scorecard: cards.get(unit.id)?.scorecard ?? null }))
      : [];
  const rows = current ? buildLeaderboard(scored(current), scored(before)) : [];
  return {
    cohort,
    period: period.id,
    previousPeriod: previous.id,
    methodology,
    resultSet: resultSet ?? null,
    rows,
    mostImproved: mostImproved(rows),
    bottom: bottom(rows),
  };
}

export async function unitScorecard(deps: Deps, unitId: string, methodologyId: string, periodId: string) {
  const period = requirePeriod(periodId);
  if (!(await deps.store.getUnit(unitId))) throw new NotFoundError("error.unknownUnit", { value: unitId });
  const cards = await storedScorecards(deps, methodologyId, period.id);
  const card = cards?.get(unitId);
  if (!card) throw new NotFoundError("error.scores.notComputed", { methodology: methodologyId, period: period.id });
  const methodology = await methodologyFor(deps, methodologyId, period.year, card.scorecard.methodologyVersion);
  const appraisal = await deps.store.getAppraisal(unitId, methodologyId, period.id);
  return { ...card, methodology, appraisal: appraisal ?? null };
}

export async function getAppraisal(
  deps: Deps,
  unitId: string,
  methodologyId: string,
  periodId: string,
): Promise<Appraisal> {
  const period = requirePeriod(periodId);
  if (!(await deps.store.getUnit(unitId))) throw new NotFoundError("error.unknownUnit", { value: unitId });
  return (
    (await deps.store.getAppraisal(unitId, methodologyId, period.id)) ?? {
      unitId,
      methodologyId,
      period: period.id,
      scores: {},
      deductions: {},
      revision: 0,
    }
  );
}

interface AppraisalBody {
  scores?: Record<string, { selfScore?: unknown; appraisedScore?: unknown; reason?: unknown; evidence?: unknown }>;
  deductions?: Record<string, { points?: unknown; reason?: unknown }>;
  /** Why scores already appraised (or any score once the period is appraised) are changed. */
  reason?: unknown;
}

export async function appraisalHistory(deps: Deps, unitId: string, methodologyId: string, periodId: string) {
  const period = requirePeriod(periodId);
  if (!(await deps.store.getUnit(unitId))) throw new NotFoundError("error.unknownUnit", { value: unitId });
  return deps.store.appraisalHistory(unitId, methodologyId, period.id);
}

const SCORE_FIELDS = ["selfScore", "appraisedScore", "reason", "evidence"];
const MAX_REASON = 2000;

/** Checks an appraisal against the methodology: manual leaves only, points within each maximum, known fields. */
function validateAppraisal(methodology: Methodology, body: unknown): ValidationIssue[] {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return [{ path: "", key: "error.notAnObject" }];
  const { scores = {}, deductions = {}, reason } = body as AppraisalBody;
  const issues: ValidationIssue[] = [];
  const byId = new Map(leaves(methodology.areas).map((leaf) => [leaf.id, leaf]));
  const manualDeductions = new Map<string, number>();
  const collect = (nodes: readonly MethodologyNode[]) => {
    for (const node of nodes) {
      for (const d of node.deductions ?? []) if (!d.measure) manualDeductions.set(d.id, d.max);
      if (node.children) collect(node.children);
    }
  };
  collect(methodology.areas);
  const inRange = (value: unknown, max: number) =>
    typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= max;
  if (typeof scores !== "object" || scores === null || Array.isArray(scores))
    return [{ path: "scores", key: "error.notAnObject" }];
  if (typeof deductions !== "object" || deductions === null || Array.isArray(deductions)) {
    return [{ path: "deductions", key: "error.notAnObject" }];
  }
  for (const field of Object.keys(body)) {
    if (!["scores", "deductions", "reason"].includes(field))
      issues.push({ path: field, key: "error.unknownField", params: { field } });
  }
  const text = (path: string, value: unknown, max: number) => {
    if (value === undefined) return;
    if (typeof value !== "string") issues.push({ path, key: "error.text" });
    else if (value.length > max) issues.push({ path, key: "error.tooLong", params: { max } });
  };
  text("reason", reason, MAX_REASON);
  for (const [id, entry] of Object.entries(scores)) {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      issues.push({ path: `scores.${id}`, key: "error.notAnObject" });
      continue;
    }
    for (const field of Object.keys(entry)) {
      if (!SCORE_FIELDS.includes(field))
        issues.push({ path: `scores.${id}.${field}`, key: "error.unknownField", params: { field } });
    }
    const leaf = byId.get(id);
    if (!leaf) {
      issues.push({
        path: `scores.${id}`,
        key: "error.appraisal.unknownLeaf",
        params: { id, methodology: methodology.id },
      });
      continue;
    }
    if (leaf.rule?.kind !== "manual") {
      issues.push({ path: `scores.${id}`, key: "error.appraisal.notManual", params: { id } });
      continue;
    }
    for (const field of ["selfScore", "appraisedScore"] as const) {
      if (entry?.[field] !== undefined && !inRange(entry[field], leaf.max)) {
        issues.push({ path: `scores.${id}.${field}`, key: "error.appraisal.range", params: { max: leaf.max } });
      }
    }
    text(`scores.${id}.reason`, entry.reason, MAX_REASON);
    if (
      entry.evidence !== undefined &&
      !(
        Array.isArray(entry.evidence) &&
        entry.evidence.length <= 20 &&
        entry.evidence.every((e) => typeof e === "string" && e.length <= 300)
      )
    ) {
      issues.push({ path: `scores.${id}.evidence`, key: "error.appraisal.evidence" });
    }
  }
  for (const [id, entry] of Object.entries(deductions)) {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      issues.push({ path: `deductions.${id}`, key: "error.notAnObject" });
      continue;
    }
    for (const field of Object.keys(entry)) {
      if (field !== "points" && field !== "reason") {
        issues.push({ path: `deductions.${id}.${field}`, key: "error.unknownField", params: { field } });
      }
    }
    text(`deductions.${id}.reason`, entry.reason, MAX_REASON);
    const max = manualDeductions.get(id);
    if (max === undefined) {
      issues.push({
        path: `deductions.${id}`,
        key: "error.appraisal.unknownDeduction",
        params: { id, methodology: methodology.id },
      });
    } else if (!inRange(entry?.points, max)) {
      issues.push({ path: `deductions.${id}.points`, key: "error.appraisal.range", params: { max } });
    }
  }
  return issues;
}

/** Which parts of an appraisal a body touches: the unit's self-scores, or the inspector's appraisal. */
function partsOf({ scores = {}, deductions = {} }: AppraisalBody) {
  const self = Object.values(scores).some((entry) => entry?.selfScore !== undefined || entry?.evidence !== undefined);
  const appraisal =
    Object.keys(deductions).length > 0 ||
    Object.values(scores).some((entry) => entry?.appraisedScore !== undefined || entry?.reason !== undefined);
  return { self, appraisal };
}

/** The entered scores that change an appraised score or a deduction already on record. */
function changesToAppraised(current: Appraisal, { scores = {}, deductions = {} }: AppraisalBody) {
  const scoreChanges = Object.entries(scores).filter(([id, entry]) => {
    const before = current.scores[id]?.appraisedScore;
    return before !== undefined && entry?.appraisedScore !== undefined && entry.appraisedScore !== before;
  });
  const deductionChanges = Object.entries(deductions).filter(([id, entry]) => {
    const before = current.deductions[id]?.points;
    return before !== undefined && entry?.points !== before;
  });
  return { scoreChanges, deductionChanges };
}

/**
 * Merges entered scores and deductions into a new revision of the appraisal (every revision is kept);
 * concurrent savers never lose a change. The unit enters self-scores, the inspector appraised scores and
 * deductions; changing an appraised score, or any score once the period is appraised, needs a reason;
 * published results are frozen.
 */
export async function appraise(
  deps: Deps,
  actor: Actor,
  unitId: string,
  methodologyId: string,
  periodId: string,
  body: unknown,
): Promise<Appraisal> {
  const period = requirePeriod(periodId);
  const unit = await deps.store.getUnit(unitId);
  if (!unit) throw new NotFoundError("error.unknownUnit", { value: unitId });
  const methodology = await methodologyFor(deps, methodologyId, period.year);
  if (methodology.kind !== "points") {
    throw new InvalidInputError([{ path: "", key: "error.appraisal.notManual", params: { id: methodology.id } }]);
  }
  const issues = validateAppraisal(methodology, body);
  if (issues.length > 0) throw new InvalidInputError(issues);
  const entered = body as AppraisalBody;
  const parts = partsOf(entered);
  if (parts.self) await demandForUnit(deps, actor.identity, "appraisal.self", unitId);
  if (parts.appraisal) await demandForUnit(deps, actor.identity, "appraisal.appraise", unitId);
  const status = await governingStatus(deps, unit.cohort, period.id);
  if (status === "published")
    throw new ConflictError("error.workflow.frozen", { cohort: unit.cohort, period: period.id });
  const reason = typeof entered.reason === "string" ? entered.reason.trim() : "";
  const { scores = {}, deductions = {} } = entered;
  const by = actorName(actor.identity);
  const at = deps.now().toISOString();
  for (let attempt = 1; attempt <= SAVE_ATTEMPTS; attempt++) {
    const current = await getAppraisal(deps, unitId, methodology.id, period.id);
    const { scoreChanges, deductionChanges } = changesToAppraised(current, entered);
    const needsReason = status === "appraised" || scoreChanges.length > 0 || deductionChanges.length > 0;
    if (needsReason && reason === "") throw new InvalidInputError([{ path: "reason", key: "error.reason.required" }]);
    const mergedScores: Record<string, AppraisedScore> = { ...current.scores };
    for (const [id, entry] of Object.entries(scores)) {
      mergedScores[id] = { ...mergedScores[id], ...(entry as Partial<AppraisedScore>), by, at };
    }
    const mergedDeductions: Record<string, DeductionEntry> = { ...current.deductions };
    for (const [id, entry] of Object.entries(deductions)) {
      mergedDeductions[id] = {
        points: entry.points as number,
        ...(typeof entry.reason === "string" ? { reason: entry.reason } : {}),
        by,
        at,
      };
    }
    const next: Appraisal = {
      unitId,
      methodologyId: methodology.id,
      period: period.id,
      scores: mergedScores,
      deductions: mergedDeductions,
      revision: current.revision + 1,
      savedBy: by,
      savedAt: at,
      ...(reason ? { changeReason: reason } : {}),
    };
    const pick = (source: Appraisal) => ({
      scores: Object.fromEntries(Object.keys(scores).map((id) => [id, source.scores[id] ?? null])),
      deductions: Object.fromEntries(Object.keys(deductions).map((id) => [id, source.deductions[id] ?? null])),
    });
    const saved = await recorded(
      deps,
      actor,
      {
        action: "appraisal.save",
        entity: `appraisal:${unitId}:${methodology.id}:${period.id}`,
        unitId,
        period: period.id,
        reason: reason || undefined,
        before: { revision: current.revision, ...pick(current) },
        after: { revision: next.revision, ...pick(next) },
      },
      () => deps.store.putAppraisal(next),
    );
    if (saved) return next;
    // Someone saved in between: wait a moment, read their change and merge again.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
  }
  throw new ConflictError("error.appraisal.conflict");
}
