// The schedule: EventBridge rules invoke the jobs Lambda (functions/lambda/jobs.ts) with the job's name —
// "recover" every 15 minutes (imports a crashed ingest left idle), "refresh" every night (recompute the
// result sets leaderboards show, so late reports reach the scores; publishing joins it later).

import { Duration } from "aws-cdk-lib";
import type { ITableV2 } from "aws-cdk-lib/aws-dynamodb";
import { Schedule as EventSchedule, Rule, RuleTargetInput } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import type { ScheduledJob } from "../../functions/services/schedule";
import { grantTable } from "./grants";
import { parWatchFunction } from "./lambda";

export interface ScheduleProps {
  readonly stage: "dev" | "prod";
  readonly table: ITableV2;
  readonly uploads: IBucket;
}

const JOBS: Readonly<Record<ScheduledJob, { schedule: EventSchedule; description: string }>> = {
  recover: {
    schedule: EventSchedule.rate(Duration.minutes(15)),
    description: "Roll forward or fail imports idle for 15 minutes",
  },
  refresh: {
    // 02:00 in Vietnam (UTC+7): after the day's filings, before anyone opens a leaderboard.
    schedule: EventSchedule.cron({ minute: "0", hour: "19" }),
    description: "Recompute the result sets leaderboards show, this year and last",
  },
};

export class Schedule extends Construct {
  readonly handler: NodejsFunction;

  constructor(scope: Construct, id: string, props: ScheduleProps) {
    super(scope, id);
    this.handler = parWatchFunction(this, "Handler", {
      ...props,
      entry: "jobs.ts",
      description: "ParWatch scheduled jobs: recover imports, refresh scores",
      memorySize: 1024,
      // A nightly refresh of a whole province's scorecards takes seconds; nationwide, minutes.
      timeout: Duration.minutes(10),
    });
    // Recovering imports writes reports; refreshing writes scorecards. No bucket access.
    grantTable(this.handler, props.table, "readWrite");
    for (const [job, { schedule, description }] of Object.entries(JOBS)) {
      new Rule(this, `${job}Rule`, {
        schedule,
        description,
        targets: [
          new LambdaFunction(this.handler, {
            event: RuleTargetInput.fromObject({ job }),
            retryAttempts: 2,
            maxEventAge: Duration.hours(1),
          }),
        ],
      });
    }
  }
}
