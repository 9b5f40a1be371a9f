// Lambda entry for the HTTP API: the hono app's API routes (not the file downloads: lambda/files.ts),
// wired to DynamoDB and S3, the caller named by the JWT authorizer's claims.

import { handle } from "hono/aws-lambda";
import { appOf } from "../app-of";
import { apiRoutes } from "../routes/api";
import { cloudDeps } from "./cloud-deps";
import { identifyByJwt } from "./identify";

export const handler = handle(appOf(cloudDeps(), [apiRoutes], { identify: identifyByJwt }));
