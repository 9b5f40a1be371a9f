// The S3 adapter against the embedded s3rver, through the real AWS SDK.

import { describe, expect, it } from "vitest";
import { useTestStack } from "../../test/support/stack";

const stack = useTestStack();

describe("s3BlobStore", () => {
  it("stores and reads back bytes, and says when a key is absent", async () => {
    const { blobs } = stack.deps;
    await blobs.ping();
    await blobs.put("uploads/a.csv", "unitId,period\nxa-a,2025-Q3\n", "text/csv");
    expect(new TextDecoder().decode(await blobs.get("uploads/a.csv"))).toBe("unitId,period\nxa-a,2025-Q3\n");
    expect(await blobs.get("uploads/missing.csv")).toBeUndefined();
  });
});
