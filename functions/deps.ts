// What the hono app and the services need from the outside world; wired by the local server, the
// Lambda handlers and the tests.

import type { SessionKeys } from "./auth/tokens";
import type { BlobStore, Store } from "./ports";

export interface Deps {
  readonly store: Store;
  /** Uploads (the raw files of imports). */
  readonly blobs: BlobStore;
  /** The public-data bucket: published snapshots under public/, nothing else. */
  readonly publicBlobs: BlobStore;
  /** The clock, so tests can file reports "late" or "on time". */
  readonly now: () => Date;
  /** The key local sessions are signed with; absent in the cloud, where Cognito signs the tokens. */
  readonly sessions?: SessionKeys;
  /**
   * Local runs: the in-process refresher of read models (services/read-model-refresh.ts). Absent in the
   * cloud, where the table's stream drives the same refresh.
   */
  readonly readModels?: { settled(id?: string): Promise<void> };
}
