// The workflow of each cohort-period (see README.md): one item, moved by revision-guarded puts.

import type { Workflow } from "../../shared/workflow";
import type { WorkflowStore } from "../ports";
import type { Db, Item } from "./db";
import { GSI1, keys } from "./table";

export function workflowRepo(db: Db): WorkflowStore {
  return {
    async getWorkflow(cohort, period) {
      const { pk, sk } = keys.workflow(cohort, period);
      const found = await db.get(pk, sk, true);
      return found ? toWorkflow(found) : undefined;
    },
    async listWorkflows() {
      return (await db.queryIndex(GSI1, "gsi1pk", keys.allWorkflows().gsi1pk)).map(toWorkflow);
    },
    putWorkflow(workflow) {
      const item = { ...keys.workflow(workflow.cohort, workflow.period), type: "Workflow", ...workflow };
      return workflow.revision === 1
        ? db.putIf(item, "attribute_not_exists(pk)")
        : db.putIf(item, "revision = :previous", { ":previous": workflow.revision - 1 });
    },
  };
}

function toWorkflow(found: Item): Workflow {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _type, ...rest } = found;
  return rest as unknown as Workflow;
}
