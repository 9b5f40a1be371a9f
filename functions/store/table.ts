// The single DynamoDB table: its key schema and every key template. This module is the only place
// that builds keys; README.md beside it lists the entities and access patterns.

import type { AttributeDefinition, GlobalSecondaryIndex, KeySchemaElement } from "@aws-sdk/client-dynamodb";

export const GSI1 = "gsi1";

/** Key schema shared by the local table creation and the CDK stack. */
export const TABLE_KEYS: {
  attributes: AttributeDefinition[];
  keySchema: KeySchemaElement[];
  globalSecondaryIndexes: GlobalSecondaryIndex[];
} = {
  attributes: [
    { AttributeName: "pk", AttributeType: "S" },
    { AttributeName: "sk", AttributeType: "S" },
    { AttributeName: "gsi1pk", AttributeType: "S" },
    { AttributeName: "gsi1sk", AttributeType: "S" },
  ],
  keySchema: [
    { AttributeName: "pk", KeyType: "HASH" },
    { AttributeName: "sk", KeyType: "RANGE" },
  ],
  globalSecondaryIndexes: [
    {
      IndexName: GSI1,
      KeySchema: [
        { AttributeName: "gsi1pk", KeyType: "HASH" },
        { AttributeName: "gsi1sk", KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "ALL" },
    },
  ],
};

const VERSION_DIGITS = 6;

export const keys = {
  unit: (unitId: string) => ({ pk: `UNIT#${unitId}`, sk: "PROFILE", gsi1pk: "UNITS", gsi1sk: `UNIT#${unitId}` }),
  allUnits: () => ({ gsi1pk: "UNITS" }),

  // Every version is indexed under its period: the latest of a unit is its highest version there.
  reportVersion: (unitId: string, period: string, version: number) => ({
    pk: `UNIT#${unitId}`,
    sk: `VERSION#${period}#${String(version).padStart(VERSION_DIGITS, "0")}`,
    gsi1pk: `PERIOD#${period}`,
    gsi1sk: `UNIT#${unitId}#${String(version).padStart(VERSION_DIGITS, "0")}`,
  }),
  reportVersionPrefix: (unitId: string, period: string) => ({ pk: `UNIT#${unitId}`, skPrefix: `VERSION#${period}#` }),
  unitVersionsPrefix: (unitId: string) => ({ pk: `UNIT#${unitId}`, skPrefix: "VERSION#" }),
  reportsOfPeriod: (period: string) => ({ gsi1pk: `PERIOD#${period}` }),

  filedPeriod: (period: string) => ({ pk: "PERIODS", sk: `PERIOD#${period}` }),
  filedPeriods: () => ({ pk: "PERIODS", skPrefix: "PERIOD#" }),

  methodology: (id: string, version: string) => ({
    pk: `METHODOLOGY#${id}`,
    sk: `VERSION#${version}`,
    gsi1pk: "METHODOLOGIES",
    gsi1sk: `${id}#${version}`,
  }),
  allMethodologies: () => ({ gsi1pk: "METHODOLOGIES" }),

  // Appraisals are versioned like reports: every save is a new item, the latest is the highest revision.
  // (Items written before versions existed have no revision suffix; readers take them as revision 1.)
  appraisal: (unitId: string, methodologyId: string, period: string, revision: number) => ({
    pk: `UNIT#${unitId}`,
    sk: `APPRAISAL#${methodologyId}#${period}#${String(revision).padStart(VERSION_DIGITS, "0")}`,
    gsi1pk: `APPRAISALS#${methodologyId}#${period}`,
    gsi1sk: `UNIT#${unitId}#${String(revision).padStart(VERSION_DIGITS, "0")}`,
  }),
  appraisalVersions: (unitId: string, methodologyId: string, period: string) => ({
    pk: `UNIT#${unitId}`,
    sk: `APPRAISAL#${methodologyId}#${period}`,
  }),
  appraisalsOfPeriod: (methodologyId: string, period: string) => ({ gsi1pk: `APPRAISALS#${methodologyId}#${period}` }),

  surveyResult: (unitId: string, methodologyId: string, period: string) => ({
    pk: `UNIT#${unitId}`,
    sk: `SURVEY#${methodologyId}#${period}`,
    gsi1pk: `SURVEYS#${methodologyId}#${period}`,
    gsi1sk: `UNIT#${unitId}`,
  }),
  surveyResultsOfPeriod: (methodologyId: string, period: string) => ({ gsi1pk: `SURVEYS#${methodologyId}#${period}` }),

  scorecard: (methodologyId: string, version: string, period: string, unitId: string) => ({
    pk: `SCORES#${methodologyId}#${version}#${period}`,
    sk: `UNIT#${unitId}`,
  }),
  scorecardsOf: (methodologyId: string, version: string, period: string) => ({
    pk: `SCORES#${methodologyId}#${version}#${period}`,
    skPrefix: "UNIT#",
  }),
  resultSet: (methodologyId: string, period: string) => ({ pk: `RESULTSET#${methodologyId}`, sk: `PERIOD#${period}` }),

  importRecord: (importId: string, createdAt: string) => ({
    pk: `IMPORT#${importId}`,
    sk: "META",
    gsi1pk: "IMPORTS",
    gsi1sk: `${createdAt}#${importId}`,
  }),
  allImports: () => ({ gsi1pk: "IMPORTS" }),
  importErrors: (importId: string) => ({ pk: `IMPORT#${importId}`, sk: "ERRORS" }),
  importRow: (importId: string, index: number) => ({
    pk: `IMPORT#${importId}`,
    sk: `ROW#${String(index).padStart(VERSION_DIGITS + 2, "0")}`,
  }),
  importRows: (importId: string) => ({ pk: `IMPORT#${importId}`, skPrefix: "ROW#" }),
  contentHash: (kind: string, hash: string) => ({ pk: `IMPORTHASH#${kind}#${hash}`, sk: "HASH" }),

  calendar: (cohort: string) => ({ pk: "CALENDARS", sk: `COHORT#${cohort}` }),

  user: (username: string) => ({ pk: `USER#${username}`, sk: "ACCOUNT", gsi1pk: "USERS", gsi1sk: `USER#${username}` }),
  allUsers: () => ({ gsi1pk: "USERS" }),
  revokedSession: (jti: string) => ({ pk: `SESSION#${jti}`, sk: "REVOKED" }),

  // The audit trail: one partition per month (newest first within it), and per unit through gsi1.
  audit: (at: string, id: string, unitId: string | undefined) => ({
    pk: `AUDIT#${at.slice(0, 7)}`,
    sk: `${at}#${id}`,
    ...(unitId ? { gsi1pk: `AUDITUNIT#${unitId}`, gsi1sk: `${at}#${id}` } : {}),
  }),
  auditMonth: (month: string) => ({ pk: `AUDIT#${month}` }),
  auditOfUnit: (unitId: string) => ({ gsi1pk: `AUDITUNIT#${unitId}` }),

  workflow: (cohort: string, period: string) => ({
    pk: `WORKFLOW#${cohort}`,
    sk: `PERIOD#${period}`,
    gsi1pk: "WORKFLOWS",
    gsi1sk: `${cohort}#${period}`,
  }),
  allWorkflows: () => ({ gsi1pk: "WORKFLOWS" }),

  qualityCheck: (cohort: string, period: string, flagId: string) => ({
    pk: `QUALITY#${cohort}#${period}`,
    sk: `FLAG#${flagId}`,
  }),
  qualityChecks: (cohort: string, period: string) => ({ pk: `QUALITY#${cohort}#${period}`, skPrefix: "FLAG#" }),

  // Commitments are versioned like reports: the latest is the highest version of (unit, year, measure).
  commitmentVersion: (unitId: string, year: number, measure: string, version: number) => ({
    pk: `UNIT#${unitId}`,
    sk: `COMMITMENT#${year}#${measure}#${String(version).padStart(VERSION_DIGITS, "0")}`,
    gsi1pk: `COMMITMENTS#${year}`,
    gsi1sk: `UNIT#${unitId}#${measure}#${String(version).padStart(VERSION_DIGITS, "0")}`,
  }),
  commitmentVersions: (unitId: string, year: number, measure: string) => ({
    pk: `UNIT#${unitId}`,
    skPrefix: `COMMITMENT#${year}#${measure}#`,
  }),
  commitmentsOfUnit: (unitId: string, year: number) => ({ pk: `UNIT#${unitId}`, skPrefix: `COMMITMENT#${year}#` }),
  commitmentsOfYear: (year: number) => ({ gsi1pk: `COMMITMENTS#${year}` }),

  // Read models: a header item and one item per row under one partition, so one Query reads either all
  // rows or, by the row's path of ancestors, only those below a parent. Every header is listed in gsi1.
  readModelHead: (id: string) => ({ pk: `VIEW#${id}`, sk: "HEAD", gsi1pk: "VIEWS", gsi1sk: id }),
  readModelRow: (id: string, path: string) => ({ pk: `VIEW#${id}`, sk: `ROW#${path}` }),
  readModelRows: (id: string, pathPrefix = "") => ({ pk: `VIEW#${id}`, skPrefix: `ROW#${pathPrefix}` }),
  allReadModels: () => ({ gsi1pk: "VIEWS" }),
  resultSetsOf: (methodologyId: string) => ({ pk: `RESULTSET#${methodologyId}`, skPrefix: "PERIOD#" }),
};
