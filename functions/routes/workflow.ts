// The workflow of a cohort's period:
//   GET  /api/workflow/:cohort/:period → {status, history, revision, snapshot?, moves} (moves: what the
//        caller may do next)
//   POST /api/workflow/:cohort/:period {to, reason?, revision?} → 200 the new state with its moves; 409 for a
//        move that does not exist from here (or a revision that is not the current one); 403 for a role that
//        may not make it; 400 when a reason is needed

import { Hono } from "hono";
import * as z from "zod/mini";
import { authorize } from "../../shared/access/authorize";
import type { Identity } from "../../shared/access/identity";
import { movesFrom, WORKFLOW_STATUSES, type Workflow } from "../../shared/workflow";
import { can } from "../auth/guard";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import { actorOf } from "../services/actor";
import { moveWorkflow, workflowOf } from "../services/workflow";
import { jsonBody } from "./body";
import { parsed, reasonSchema } from "./input";

const moveBody = z.strictObject({
  to: z.enum(WORKFLOW_STATUSES, { error: "error.workflow.status" }),
  reason: reasonSchema,
  /** The revision the caller saw: a move made on a stale view is refused (409) instead of applied. */
  revision: z.optional(z.int().check(z.nonnegative())),
});

/** What the caller may do next from a state. */
const movesFor = (identity: Identity, workflow: Workflow) =>
  movesFrom(workflow.status)
    .filter(({ step }) => authorize(identity, step.action).allow)
    .map(({ to, step }) => ({ to, reasonRequired: step.reasonRequired }));

export function workflowRoutes(deps: Deps) {
  return (
    new Hono<AppEnv>()
      .get("/:cohort/:period", can(deps, "workflow.read"), async (c) => {
        const workflow = await workflowOf(deps, c.req.param("cohort"), c.req.param("period"));
        return c.json({ ...workflow, moves: movesFor(c.get("identity"), workflow) });
      })
      // Advancing takes workflow.advance, reopening workflow.reopen: the service asks for the one the move needs.
      .post("/:cohort/:period", can(deps, ["workflow.advance", "workflow.reopen"]), async (c) => {
        const body = parsed(moveBody, await jsonBody(c));
        const moved = await moveWorkflow(deps, actorOf(c), c.req.param("cohort"), c.req.param("period"), body);
        return c.json({ ...moved, moves: movesFor(c.get("identity"), moved) });
      })
  );
}
