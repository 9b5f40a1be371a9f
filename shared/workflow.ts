// The life of a cohort's period: open (filing) → closed (filing over) → appraised (scores reviewed) →
// published (results frozen, on the public site). Which moves exist, who may make them, when a reason is
// needed, and what a filing or a score change must do in each state.

import type { Action } from "./access/authorize";
import { type Period, parsePeriod } from "./period";
import type { SnapshotEntry } from "./publication";

export const WORKFLOW_STATUSES = ["open", "closed", "appraised", "published"] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

export interface WorkflowMove {
  readonly from: WorkflowStatus;
  readonly to: WorkflowStatus;
  readonly by: string;
  readonly at: string;
  readonly reason?: string;
}

export interface Workflow {
  readonly cohort: string;
  readonly period: string;
  readonly status: WorkflowStatus;
  /** 0 for a period nobody has moved yet (open); raised by every move (optimistic saves). */
  readonly revision: number;
  readonly history: readonly WorkflowMove[];
  /** The public snapshot of the period's last publishing: what /public/index.json points to. */
  readonly snapshot?: SnapshotEntry;
}

export const openWorkflow = (cohort: string, period: string): Workflow => ({
  cohort,
  period,
  status: "open",
  revision: 0,
  history: [],
});

interface Step {
  readonly action: Action;
  /** Moving back needs a reason; so does reopening published results. */
  readonly reasonRequired: boolean;
}

const STEPS: Readonly<Record<WorkflowStatus, Partial<Record<WorkflowStatus, Step>>>> = {
  open: { closed: { action: "workflow.advance", reasonRequired: false } },
  closed: {
    open: { action: "workflow.advance", reasonRequired: true },
    appraised: { action: "workflow.advance", reasonRequired: false },
  },
  appraised: {
    closed: { action: "workflow.advance", reasonRequired: true },
    published: { action: "workflow.advance", reasonRequired: false },
  },
  published: { appraised: { action: "workflow.reopen", reasonRequired: true } },
};

export function stepBetween(from: WorkflowStatus, to: WorkflowStatus): Step | undefined {
  return STEPS[from][to];
}

/** The moves possible from a status (for the dashboard's buttons). */
export function movesFrom(from: WorkflowStatus): { to: WorkflowStatus; step: Step }[] {
  return Object.entries(STEPS[from]).map(([to, step]) => ({ to: to as WorkflowStatus, step: step as Step }));
}

/**
 * The periods whose workflow governs a filing for `periodId`: itself and every roll-up containing it
 * (a month's quarter; a quarter's half, 9 months and year). Publishing a year freezes its quarters.
 */
export function governingPeriods(periodId: string): string[] {
  const period = parsePeriod(periodId);
  if (!period) return [];
  const ids = [period.id];
  const quarter = Math.ceil(period.endMonth / 3);
  const contains = (p: Period) => p.startMonth <= period.startMonth && p.endMonth >= period.endMonth;
  const candidates = [
    `${period.year}-Q${quarter}`,
    `${period.year}-H${period.endMonth <= 6 ? 1 : 2}`,
    `${period.year}-9M`,
    `${period.year}`,
  ];
  for (const id of candidates) {
    const candidate = parsePeriod(id) as Period;
    if (candidate.id !== period.id && contains(candidate) && !ids.includes(candidate.id)) ids.push(candidate.id);
  }
  return ids;
}

const RANK: Readonly<Record<WorkflowStatus, number>> = { open: 0, closed: 1, appraised: 2, published: 3 };

/** The most advanced of several statuses (the one a filing must respect). */
export function strictest(statuses: readonly WorkflowStatus[]): WorkflowStatus {
  return statuses.reduce<WorkflowStatus>((worst, status) => (RANK[status] > RANK[worst] ? status : worst), "open");
}

/**
 * What filing or correcting figures needs in a status: nothing (open), a reason and a late mark
 * (closed, appraised), or it is refused until the period is reopened (published).
 */
export function filingRule(status: WorkflowStatus): "free" | "reason" | "frozen" {
  if (status === "published") return "frozen";
  return status === "open" ? "free" : "reason";
}
