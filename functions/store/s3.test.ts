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

  it("presigns an upload URL with no checksum of the body it has not seen, that takes the file", async () => {
    const { blobs } = stack.deps;
    const url = new URL(
      await blobs.uploadUrl("uploads/reports/x/b%C3%A1o%20c%C3%A1o.csv", "text/csv", { "uploaded-by": "thanhtra" }),
    );
    const names = [...url.searchParams.keys()].sort();
    expect(names).toEqual([
      "X-Amz-Algorithm",
      "X-Amz-Content-Sha256",
      "X-Amz-Credential",
      "X-Amz-Date",
      "X-Amz-Expires",
      "X-Amz-Signature",
      "X-Amz-SignedHeaders",
      "x-amz-meta-uploaded-by",
      "x-id",
    ]);
    expect(names.some((name) => /checksum/i.test(name))).toBe(false);
    expect(url.searchParams.get("X-Amz-Content-Sha256")).toBe("UNSIGNED-PAYLOAD");
    expect(url.searchParams.get("X-Amz-Expires")).toBe("900");
    expect(url.searchParams.get("X-Amz-SignedHeaders")?.split(";")).toContain("content-type");
    const put = await fetch(url, {
      method: "PUT",
      headers: { "content-type": "text/csv", "x-amz-meta-uploaded-by": "thanhtra" },
      body: "unitId,period\n",
    });
    expect(put.status).toBe(200);
    expect(new TextDecoder().decode(await blobs.get("uploads/reports/x/b%C3%A1o%20c%C3%A1o.csv"))).toBe(
      "unitId,period\n",
    );
  });
});
