// Lambda entry for the file downloads (GET /api/templates/…): the hono app's file routes, in their own
// function because exceljs would make the API bundle four times larger.

import { handle } from "hono/aws-lambda";
import { appOf } from "../app-of";
import { identifyByCloudClaims } from "../auth/identify";
import { fileRoutes } from "../routes/files";
import { cloudDeps } from "./cloud-deps";

export const handler = handle(appOf(cloudDeps(), [fileRoutes], { identify: identifyByCloudClaims }));
