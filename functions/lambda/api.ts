// Lambda entry for the HTTP API: the hono app's API routes (not the file downloads: lambda/files.ts),
// wired to DynamoDB and S3, the caller (role and unit) from the JWT authorizer's verified Cognito claims.

import { handle } from "hono/aws-lambda";
import { appOf } from "../app-of";
import { identifyByCloudClaims } from "../auth/identify";
import { apiRoutes } from "../routes/api";
import { cloudDeps } from "./cloud-deps";

export const handler = handle(appOf(cloudDeps(), [apiRoutes], { identify: identifyByCloudClaims }));
