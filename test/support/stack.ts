// A fresh embedded stack per test file: in-memory dynalite and a temporary s3rver, real AWS SDK clients.

import { afterAll, beforeAll } from "vitest";
import { ephemeralKeys } from "../../functions/auth/tokens";
import type { Deps } from "../../functions/deps";
import { type EmbeddedStack, startEmbedded } from "../../functions/local/embedded";
import { createLocalRefresher, type LocalRefresher } from "../../functions/services/read-model-refresh";
import { dynamoStore, ensureTable } from "../../functions/store/dynamodb";
import { ensureBucket, s3BlobStore } from "../../functions/store/s3";
import type { Unit } from "../../shared/units";

export interface TestStack {
  readonly embedded: EmbeddedStack;
  readonly deps: Deps;
  /** The clock the deps read; tests move it. */
  clock: Date;
}

export const TEST_UNITS: Unit[] = [
  { id: "tinh", name: "Tỉnh Thử Nghiệm", parentId: null, cohort: "province" },
  { id: "huyen-a", name: "Huyện An", parentId: "tinh", cohort: "district" },
  { id: "huyen-b", name: "Huyện Bình", parentId: "tinh", cohort: "district" },
  { id: "huyen-c", name: "Huyện Cát", parentId: "tinh", cohort: "district" },
  { id: "xa-a1", name: "Xã An Một", parentId: "huyen-a", cohort: "commune" },
];

/** Starts the stack before the file's tests and stops it after; the table is created empty. */
export function useTestStack(): TestStack {
  const holder = { clock: new Date("2025-10-05T03:00:00Z") } as TestStack;
  let readModels: LocalRefresher | undefined;
  beforeAll(async () => {
    const embedded = await startEmbedded();
    await ensureTable(embedded.dynamo, "parwatch-test");
    readModels = createLocalRefresher();
    await ensureBucket(embedded.s3, "parwatch-test");
    await ensureBucket(embedded.s3, "parwatch-test-public");
    Object.assign(holder, {
      embedded,
      deps: {
        store: dynamoStore(embedded.dynamo, "parwatch-test", { observe: readModels.observe }),
        blobs: s3BlobStore(embedded.s3, "parwatch-test"),
        publicBlobs: s3BlobStore(embedded.s3, "parwatch-test-public"),
        now: () => holder.clock,
        sessions: ephemeralKeys(),
        readModels,
      },
    });
    readModels.attach(holder.deps);
  });
  afterAll(async () => {
    await readModels?.close();
    await holder.embedded?.close();
  });
  return holder;
}

/**
 * Points the AWS SDK's default clients (the Lambdas' and the CLI's cloud mode) at the embedded stack,
 * through the SDK's own endpoint variables, as a deployment points them at AWS.
 */
export function pointSdkAt(stack: TestStack): void {
  Object.assign(process.env, {
    AWS_REGION: "ap-southeast-1",
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "S3RVER",
    AWS_ENDPOINT_URL_DYNAMODB: stack.embedded.endpoints.dynamo,
    AWS_ENDPOINT_URL_S3: stack.embedded.endpoints.s3,
    S3_FORCE_PATH_STYLE: "true",
  });
}
