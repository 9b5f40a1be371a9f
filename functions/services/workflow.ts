// Moving a cohort's period through open → closed → appraised → published, and what a filing or a score
// change must respect on the way. Publishing writes the public snapshot before the move is saved: a
// crash in between leaves an unreferenced snapshot, never a published period without one.

import { randomBytes } from "node:crypto";
import { ConflictError, InvalidInputError } from "../../shared/errors";
import { parsePeriod } from "../../shared/period";
import {
  governingPeriods,
  openWorkflow,
  stepBetween,
  strictest,
  type Workflow,
  type WorkflowStatus,
} from "../../shared/workflow";
import { demand } from "../auth/guard";
import type { Deps } from "../deps";
import { type Actor, recorded } from "./audit";
import { writePublicIndex, writeSnapshot } from "./publish";

async function requireCohortPeriod(deps: Deps, cohort: string, periodId: string) {
  const period = parsePeriod(periodId);
  const units = await deps.store.listUnits();
  const issues = [];
  if (!period) issues.push({ path: "period", key: "error.period" as const, params: { value: periodId } });
  if (!units.some((unit) => unit.cohort === cohort)) {
    issues.push({ path: "cohort", key: "error.unknownCohort" as const, params: { value: cohort } });
  }
  if (!period || issues.length > 0) throw new InvalidInputError(issues);
  return period.id;
}

export async function workflowOf(deps: Deps, cohort: string, periodId: string): Promise<Workflow> {
  const period = await requireCohortPeriod(deps, cohort, periodId);
  return (await deps.store.getWorkflow(cohort, period)) ?? openWorkflow(cohort, period);
}

/** The status a filing or correction for (cohort, period) must respect: the strictest of the periods containing it. */
export async function governingStatus(deps: Deps, cohort: string, periodId: string): Promise<WorkflowStatus> {
  const flows = await Promise.all(governingPeriods(periodId).map((id) => deps.store.getWorkflow(cohort, id)));
  return strictest(flows.map((flow) => flow?.status ?? "open"));
}

export async function moveWorkflow(
  deps: Deps,
  actor: Actor,
  cohort: string,
  periodId: string,
  request: { to: WorkflowStatus; reason?: string; revision?: number },
): Promise<Workflow> {
  const current = await workflowOf(deps, cohort, periodId);
  if (request.revision !== undefined && request.revision !== current.revision) {
    throw new ConflictError("error.workflow.conflict");
  }
  const step = stepBetween(current.status, request.to);
  if (!step) {
    throw new ConflictError("error.workflow.transition", {
      period: current.period,
      fromLabel: `workflow.status.${current.status}`,
      toLabel: `workflow.status.${request.to}`,
    });
  }
  demand(actor.identity, step.action);
  const reason = request.reason?.trim();
  if (step.reasonRequired && !reason) throw new InvalidInputError([{ path: "reason", key: "error.reason.required" }]);
  const at = deps.now().toISOString();
  const written =
    request.to === "published"
      ? await writeSnapshot(
          deps,
          cohort,
          current.period,
          `${at.replace(/[-:.]/g, "").slice(0, 15)}-${randomBytes(3).toString("hex")}`,
        )
      : undefined;
  const snapshot = written?.entry ?? current.snapshot;
  const next: Workflow = {
    ...current,
    status: request.to,
    revision: current.revision + 1,
    history: [
      ...current.history,
      {
        from: current.status,
        to: request.to,
        by: actor.identity.kind === "user" ? actor.identity.username : "operator",
        at,
        ...(reason ? { reason } : {}),
      },
    ],
    ...(snapshot ? { snapshot } : {}),
  };
  const saved = await recorded(
    deps,
    actor,
    {
      action: request.to === "published" ? "publish" : "workflow.move",
      entity: `workflow:${cohort}:${current.period}`,
      period: current.period,
      reason,
      before: { status: current.status },
      after: {
        status: next.status,
        ...(request.to === "published" && snapshot ? { snapshotId: snapshot.snapshotId } : {}),
      },
    },
    () => deps.store.putWorkflow(next),
  );
  if (!saved) throw new ConflictError("error.workflow.conflict");
  if (written) await writePublicIndex(deps, written);
  return next;
}
