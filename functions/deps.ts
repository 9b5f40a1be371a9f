// What the hono app and the services need from the outside world; wired by the local server, the
// Lambda handlers and the tests.

import type { BlobStore, Store } from "./ports";

export interface Deps {
  readonly store: Store;
  readonly blobs: BlobStore;
  /** The clock, so tests can file reports "late" or "on time". */
  readonly now: () => Date;
}
