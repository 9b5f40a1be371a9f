// Lambda entry for the EventBridge schedule: the rule's target input names the job ({"job": "recover"}).

import { runScheduledJob, SCHEDULED_JOBS, type ScheduledJob } from "../services/schedule";
import { cloudDeps } from "./cloud-deps";

const deps = cloudDeps();

export async function handler(event: { job?: string }) {
  const job = event.job as ScheduledJob;
  if (!SCHEDULED_JOBS.includes(job)) throw new Error(`unknown scheduled job: ${String(event.job)}`);
  const outcome = await runScheduledJob(deps, job);
  console.log(JSON.stringify({ level: "info", message: "scheduled job done", ...outcome }));
  return outcome;
}
