// The ParWatch stack: one construct per concern — data, storage, site, auth, API, dashboard, ingest,
// schedule, alarms — and the outputs an operator needs (README "Deploy to AWS").

import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { Alarms } from "./constructs/alarms";
import { Api } from "./constructs/api";
import { Auth } from "./constructs/auth";
import { Dashboard } from "./constructs/dashboard";
import { Data } from "./constructs/data";
import { Ingest } from "./constructs/ingest";
import { ReadModels } from "./constructs/read-models";
import { Schedule } from "./constructs/schedule";
import { Site } from "./constructs/site";
import { Storage } from "./constructs/storage";
import { acknowledgeCdkHandlers } from "./nag";

export interface ParWatchStackProps extends StackProps {
  readonly stage: "dev" | "prod";
  /** Origins the browser uploads from (the dashboard's address); any origin when not given. */
  readonly uploadOrigins?: readonly string[];
  /** The built dashboard; web/dist (npm run build) by default. */
  readonly dashboardDir?: string;
  /** An e-mail address the alarms are sent to. */
  readonly alarmEmail?: string;
}

export class ParWatchStack extends Stack {
  constructor(scope: Construct, id: string, props: ParWatchStackProps) {
    super(scope, id, props);
    const { stage } = props;
    const data = new Data(this, "Data", { stage });
    const storage = new Storage(this, "Storage", { stage, uploadOrigins: props.uploadOrigins ?? ["*"] });
    const site = new Site(this, "Site", { site: storage.site, publicData: storage.publicData, logs: storage.logs });
    const auth = new Auth(this, "Auth", { stage, dashboardUrl: site.url });
    const common = { stage, table: data.table, uploads: storage.uploads };
    const api = new Api(this, "Api", { ...common, publicData: storage.publicData, authorizer: auth.authorizer });
    site.routeApi(api.httpApi);
    new Dashboard(this, "Dashboard", {
      dir: props.dashboardDir ?? new URL("../web/dist", import.meta.url).pathname,
      bucket: storage.site,
      distribution: site.distribution,
      signIn: { domain: auth.domainUrl, clientId: auth.client.userPoolClientId },
    });
    const ingest = new Ingest(this, "Ingest", common);
    const schedule = new Schedule(this, "Schedule", common);
    const readModels = new ReadModels(this, "ReadModels", common);
    const alarms = new Alarms(this, "Alarms", {
      functions: {
        Api: api.handler,
        Files: api.files,
        Ingest: ingest.handler,
        Jobs: schedule.handler,
        ReadModels: readModels.handler,
      },
      httpApi: api.httpApi,
      table: data.table,
      failedIngests: ingest.failed,
      email: props.alarmEmail,
    });

    const outputs: Record<string, [string, string]> = {
      DashboardUrl: [site.url, "The dashboard and the API (/api)"],
      SignInUrl: [auth.domainUrl, "Cognito's managed login (the dashboard sends staff there)"],
      ApiEndpoint: [api.httpApi.apiEndpoint, "The HTTP API itself (use the dashboard URL's /api)"],
      UserPoolId: [auth.userPool.userPoolId, "Staff accounts: create users and add them to role groups"],
      UserPoolClientId: [auth.client.userPoolClientId, "The dashboard's app client"],
      TableName: [data.table.tableName, "The DynamoDB table (the CLI's --table)"],
      UploadBucket: [storage.uploads.bucketName, "Raw uploads (the CLI's --bucket)"],
      PublicBucket: [
        storage.publicData.bucketName,
        "Published snapshots, served under /public/ (the CLI's --public-bucket)",
      ],
      JobsFunctionName: [schedule.handler.functionName, 'Run a job now: --payload \'{"job":"refresh"}\''],
      AlarmTopic: [alarms.topic.topicArn, "Subscribe to receive alarms"],
    };
    for (const [name, [value, description]] of Object.entries(outputs)) {
      new CfnOutput(this, name, { value, description });
    }
    acknowledgeCdkHandlers(this, storage.site);
  }
}
