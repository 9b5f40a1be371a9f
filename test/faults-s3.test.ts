// The embedded S3 down while the API runs: a real s3rver on a folder of its own, stopped (its port
// closed) and started again on the same port and folder, under the real app and the real AWS SDK.
// Announcing, ingesting and publishing then fail cleanly — 503 with a sentence from the catalogue, never
// a 500 — write nothing half-way, and succeed when they are retried with S3 back.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../functions/deps";
import { unreachable } from "../functions/http-errors";
import { ingestUpload, recoverUploads } from "../functions/ingest/uploads";
import { ensureBucket, s3BlobStore } from "../functions/store/s3";
import { translate } from "../shared/i18n";
import { PUBLIC_INDEX } from "../shared/publication";
import { signedIn } from "./support/session";
import { TEST_UNITS, useTestStack } from "./support/stack";

const stack = useTestStack();
const dir = mkdtempSync(join(tmpdir(), "parwatch-faults-s3-"));
let s3: S3rver | undefined;
let port = 0;
let deps: Deps;

async function startS3() {
  s3 = new S3rver({ address: "127.0.0.1", port, directory: dir, silent: true });
  port = (await s3.run()).port;
}
async function stopS3() {
  await s3?.close();
  s3 = undefined;
}

beforeAll(async () => {
  await startS3();
  const client = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: "ap-southeast-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
  await ensureBucket(client, "uploads");
  await ensureBucket(client, "public");
  deps = { ...stack.deps, blobs: s3BlobStore(client, "uploads"), publicBlobs: s3BlobStore(client, "public") };
  await deps.store.putUnits(TEST_UNITS);
});
afterAll(async () => {
  await stopS3();
  rmSync(dir, { recursive: true, force: true });
});

const admin = { username: "quan-tri", role: "admin" } as const;
const inspector = { username: "thanh-tra", role: "inspector" } as const;
const json = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});
const CSV = "unitId,period,received,resolvedOnTime\nxa-a1,2025-Q2,70,60\n";

/** Announces an upload through the API and PUTs the file to the URL it answers, as the browser does. */
async function upload(api: ReturnType<typeof signedIn>, fileName: string) {
  const answer = await api.request("/api/imports", json({ kind: "reports", fileName }));
  expect(answer.status).toBe(201);
  const announced = (await answer.json()) as {
    importId: string;
    key: string;
    uploadUrl: string;
    headers: Record<string, string>;
  };
  const put = fetch(announced.uploadUrl, { method: "PUT", headers: announced.headers, body: CSV }).then(
    (response) => response.status,
    (error: Error) => `refused (${(error.cause as { code?: string } | undefined)?.code ?? error.message})`,
  );
  return { ...announced, put: await put };
}

describe("the embedded S3 down", () => {
  it("says so on /api/health", async () => {
    const api = signedIn(deps, admin);
    await stopS3();
    try {
      const health = await api.request("/api/health");
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: "degraded", store: "ok", blobs: "unreachable" });
    } finally {
      await startS3();
    }
    expect((await api.request("/api/health")).status).toBe(200);
  });

  it("an upload whose file landed as S3 stopped: the ingest fails with nothing written and finishes once S3 is back", async () => {
    const api = signedIn(deps, admin);
    const sent = await upload(api, "báo cáo quý 2.csv");
    expect(sent.put).toBe(200);
    await stopS3();
    let failure: unknown;
    try {
      // What the storage event runs (the local server logs the sentence "Import failed: …" and goes on).
      failure = await ingestUpload(deps, sent.key).then(
        () => undefined,
        (error: unknown) => error,
      );
    } finally {
      await startS3();
    }
    expect(unreachable(failure)).toBe(true);
    expect((failure as Error).message).toMatch(/ECONNREFUSED/);
    // Nothing half-written: the import still pending, no report version.
    expect((await deps.store.getImport(sent.importId))?.status).toBe("pending");
    expect(await deps.store.reportHistory("xa-a1", "2025-Q2")).toEqual([]);
    // Retried with S3 back (what the next start does): ingested whole, once.
    expect(await recoverUploads(deps)).toEqual({ ingested: 1, failed: 0 });
    expect(await deps.store.getImport(sent.importId)).toMatchObject({ status: "applied", rows: 1, accepted: 1 });
    const history = await deps.store.reportHistory("xa-a1", "2025-Q2");
    expect(history.map((version) => version.metrics.received)).toEqual([70]);
    expect(await recoverUploads(deps)).toEqual({ ingested: 0, failed: 0 });
  });

  it("an upload announced while S3 is down: its PUT is refused, nothing is imported, and uploading again succeeds", async () => {
    const api = signedIn(deps, admin);
    await stopS3();
    let sent: Awaited<ReturnType<typeof upload>>;
    try {
      // The announce signs the URL without asking S3 (a presigned URL is computed locally): 201.
      sent = await upload(api, "bổ sung.csv");
    } finally {
      await startS3();
    }
    expect(sent.put).toMatch(/^refused \(ECONNREFUSED\)$/);
    expect((await deps.store.getImport(sent.importId))?.status).toBe("pending");
    // Uploading again once S3 is back: the file imports (the same figures: a duplicate, no new version).
    const again = await upload(api, "bổ sung.csv");
    expect(again.put).toBe(200);
    const outcome = await ingestUpload(deps, again.key);
    expect(outcome?.record.status).toMatch(/^(applied|duplicate)$/);
    expect((await deps.store.reportHistory("xa-a1", "2025-Q2")).length).toBe(1);
    // The announce whose file never came is marked failed once its URL has expired; it wrote nothing.
    const clock = stack.clock;
    stack.clock = new Date(clock.getTime() + 16 * 60_000);
    try {
      expect(await recoverUploads(deps, 60_000)).toEqual({ ingested: 0, failed: 1 });
    } finally {
      stack.clock = clock;
    }
    expect((await deps.store.getImport(sent.importId))?.status).toBe("failed");
  });

  it("a publish while S3 is down: 503 with a sentence, the period not published, nothing public; whole when retried", async () => {
    const api = signedIn(deps, admin);
    const metrics = { received: 120, resolvedOnTime: 100, resolvedEarly: 15, resolvedLate: 2 };
    for (const [i, unitId] of ["huyen-a", "huyen-b", "huyen-c"].entries()) {
      const filed = await api.request(
        "/api/reports",
        json({ unitId, period: "2025-Q3", metrics: { ...metrics, resolvedLate: metrics.resolvedLate + i } }),
      );
      expect(filed.status).toBe(201);
    }
    const move = (to: string) => api.request("/api/workflow/district/2025-Q3", json({ to }), inspector);
    for (const to of ["closed", "appraised"]) expect((await move(to)).status).toBe(200);
    await stopS3();
    let refused: Response;
    try {
      refused = await move("published");
    } finally {
      await startS3();
    }
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("5");
    const text = await refused.text();
    expect(JSON.parse(text)).toEqual({
      errors: [{ path: "", code: "unavailable", message: translate("vi", "error.storageUnreachable") }],
    });
    expect(text).not.toMatch(/ECONNREFUSED|at .*\.ts|stack/);
    expect((await deps.store.getWorkflow("district", "2025-Q3"))?.status).toBe("appraised");
    expect(await deps.publicBlobs.get(PUBLIC_INDEX)).toBeUndefined();
    // Retried with S3 back: published, and the index names only files that are there.
    const published = await move("published");
    expect(published.status).toBe(200);
    const index = JSON.parse(new TextDecoder().decode(await deps.publicBlobs.get(PUBLIC_INDEX))) as {
      published: { period: string; files: { manifest: string; units: Record<string, string> } }[];
    };
    expect(index.published.map((entry) => entry.period)).toEqual(["2025-Q3"]);
    for (const path of [index.published[0]?.files.manifest, ...Object.values(index.published[0]?.files.units ?? {})])
      expect(await deps.publicBlobs.head(path as string)).toBeDefined();
  });

  it("tells a failed connection from other errors, in both languages", async () => {
    const api = signedIn(deps, admin);
    expect(translate("en", "error.storageUnreachable")).toMatch(/not answering/);
    expect(unreachable(new Error("plain"))).toBe(false);
    expect(unreachable(Object.assign(new Error("fetch failed"), { cause: { code: "ECONNREFUSED" } }))).toBe(false);
    expect(
      unreachable(
        Object.assign(new Error("fetch failed"), { cause: Object.assign(new Error("x"), { code: "ECONNRESET" }) }),
      ),
    ).toBe(true);
    expect((await api.request("/api/health?lang=en")).status).toBe(200);
  });
});
