// The Lambdas as AWS runs them: the CDK app is synthesised with its real esbuild bundles, and each bundle
// (from the cloud assembly) is invoked with the payload its trigger sends — API Gateway v2 events with a
// verified JWT, an S3 ObjectCreated notification, an EventBridge rule's input — against the embedded
// DynamoDB and S3.

import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { synthesiseWithBundles } from "../infra/assembly";
import { useTempDirs } from "../infra/test-dirs";
import { apiEvent, cognitoClaims, s3PutEvent } from "./support/lambda-events";
import { pointSdkAt, TEST_UNITS, useTestStack } from "./support/stack";

const stack = useTestStack();
const { tempDir, stubDashboard } = useTempDirs();

type HttpResult = { statusCode: number; body: string; headers: Record<string, string>; isBase64Encoded?: boolean };
type Handler<R = unknown> = (event: unknown, context?: unknown) => Promise<R>;
const handlers: Record<string, Handler> = {};
const sizes: Record<string, number> = {};
const http = (name: string) => handlers[name] as Handler<HttpResult>;
const inspector = cognitoClaims("thanh.tra@snv.sonha.gov.vn", ["inspector"]);
const office = cognitoClaims("van.phong@snv.sonha.gov.vn", ["admin"]);
const reporterA = cognitoClaims("mot.cua@huyena.sonha.gov.vn", ["reporter"], "huyen-a");

beforeAll(async () => {
  const { bundles } = synthesiseWithBundles(tempDir("parwatch-lambda-"), stubDashboard());
  await stack.deps.store.putUnits(TEST_UNITS);
  pointSdkAt(stack);
  Object.assign(process.env, { TABLE_NAME: "parwatch-test", UPLOAD_BUCKET: "parwatch-test" });
  for (const bundle of bundles) {
    sizes[bundle.name] = bundle.bytes;
    handlers[bundle.name] = ((await import(pathToFileURL(bundle.path).href)) as { handler: Handler }).handler;
  }
}, 180_000);

describe("the bundled Lambdas", () => {
  it("are five minified ESM files, the API within its 300 KB budget", () => {
    expect(Object.keys(sizes).sort()).toEqual([
      "ApiFiles",
      "ApiHandler",
      "IngestHandler",
      "ReadModelsHandler",
      "ScheduleHandler",
    ]);
    expect(sizes.ApiHandler).toBeLessThanOrEqual(300 * 1024);
    // The file Lambdas carry exceljs and papaparse; the API does not.
    expect(sizes.ApiFiles).toBeGreaterThan(3 * (sizes.ApiHandler as number));
  });
});

describe("the API bundle (API Gateway v2 events)", () => {
  it("answers the open health check", async () => {
    const health = await http("ApiHandler")(apiEvent("GET", "/api/health"));
    expect(health.statusCode).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: "ok", store: "ok", blobs: "ok" });
  });

  it("takes the caller, role and unit from the verified Cognito claims, never from a header", async () => {
    const filed = await http("ApiHandler")(
      apiEvent("POST", "/api/reports", {
        body: { unitId: "huyen-a", period: "2026-Q3", metrics: { received: 40 } },
        claims: reporterA,
        headers: { "x-parwatch-user": "someone-else" },
      }),
    );
    expect(filed.statusCode).toBe(201);
    expect(JSON.parse(filed.body).report).toMatchObject({ version: 1, submittedBy: "mot.cua@huyena.sonha.gov.vn" });
    expect((await stack.deps.store.latestReport("huyen-a", "2026-Q3"))?.metrics).toEqual({ received: 40 });
    // The same reporter on another district's report: out of scope, in Vietnamese, nothing written.
    const other = await http("ApiHandler")(
      apiEvent("POST", "/api/reports", {
        body: { unitId: "huyen-b", period: "2026-Q3", metrics: { received: 40 } },
        claims: reporterA,
      }),
    );
    expect(other.statusCode).toBe(403);
    expect(JSON.parse(other.body).errors[0].message).toBe(
      "Đơn vị huyen-b nằm ngoài phạm vi phụ trách của bạn (huyen-a).",
    );
    expect(await stack.deps.store.latestReport("huyen-b", "2026-Q3")).toBeUndefined();
    // An account in no role group is no one.
    const roleless = cognitoClaims("new@sonha.gov.vn", []);
    expect((await http("ApiHandler")(apiEvent("GET", "/api/units", { claims: roleless }))).statusCode).toBe(401);
  });

  it("refuses bad input in Vietnamese and writes nothing", async () => {
    const invalid = await http("ApiHandler")(
      apiEvent("POST", "/api/reports", {
        body: { unitId: "huyen-b", period: "2026-Q3", metrics: { received: -1 } },
        claims: office,
      }),
    );
    expect(invalid.statusCode).toBe(400);
    expect(JSON.parse(invalid.body).errors[0].message).toContain("Phải là số nguyên không âm");
    expect(await stack.deps.store.latestReport("huyen-b", "2026-Q3")).toBeUndefined();
  });

  it("leaves templates to the files bundle", async () => {
    const missing = await http("ApiHandler")(apiEvent("GET", "/api/templates/reports.csv", { claims: inspector }));
    expect(missing.statusCode).toBe(404);
  });
});

describe("the files bundle", () => {
  it("builds the Excel template of a cohort", async () => {
    const xlsx = await http("ApiFiles")(
      apiEvent("GET", "/api/templates/reports.xlsx", { query: "cohort=district&period=2026-Q4", claims: inspector }),
    );
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    expect(xlsx.isBase64Encoded).toBe(true);
    // A zip file (PK\x03\x04).
    expect([...Buffer.from(xlsx.body, "base64").subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  });
});

describe("the ingest bundle (S3 ObjectCreated notification)", () => {
  it("ingests a file announced through the API and uploaded to its URL, all or nothing", async () => {
    const announced = await http("ApiHandler")(
      apiEvent("POST", "/api/imports", { body: { kind: "reports", fileName: "báo cáo quý 3.csv" }, claims: office }),
    );
    expect(announced.statusCode).toBe(201);
    const { importId, key, uploadUrl, headers } = JSON.parse(announced.body);
    const file = "unitId,period,received,resolvedOnTime\nhuyen-b,2026-Q3,12,10\nhuyen-c,2026-Q3,9,9\n";
    const put = await fetch(uploadUrl, { method: "PUT", headers, body: file });
    expect(put.status).toBe(200);

    const outcomes = await handlers.IngestHandler?.(s3PutEvent("parwatch-test", key, file.length));
    expect(outcomes).toEqual([{ key, status: "applied" }]);
    expect((await stack.deps.store.getImport(importId))?.uploadedBy).toBe("van.phong@snv.sonha.gov.vn");
    expect((await stack.deps.store.latestReport("huyen-c", "2026-Q3"))?.metrics).toEqual({
      received: 9,
      resolvedOnTime: 9,
    });

    // S3 delivers at least once: the same event again changes nothing.
    expect(await handlers.IngestHandler?.(s3PutEvent("parwatch-test", key, file.length))).toEqual([
      { key, status: "applied" },
    ]);
    expect(await stack.deps.store.reportHistory("huyen-c", "2026-Q3")).toHaveLength(1);
  });
});

describe("the jobs bundle (EventBridge rule input)", () => {
  it("recover: rolls forward an import a crashed ingest left committed", async () => {
    const committedAt = "2026-01-10T02:00:00.000Z";
    await stack.deps.store.putImportRows("crashed-1", [
      { row: 2, input: { unitId: "xa-a1", period: "2026-Q2", metrics: { received: 5 } } },
    ]);
    await stack.deps.store.putImport({
      importId: "crashed-1",
      kind: "reports",
      fileName: "xa.csv",
      contentHash: "crashed-1-hash",
      status: "committed",
      rows: 1,
      accepted: 0,
      errorCount: 0,
      uploadedBy: "reporter@xa-a1",
      createdAt: committedAt,
      committedAt,
    });
    const outcome = await handlers.ScheduleHandler?.({ job: "recover" });
    expect(outcome).toEqual({ job: "recover", applied: 1, failed: 0 });
    expect((await stack.deps.store.getImport("crashed-1"))?.status).toBe("applied");
    expect((await stack.deps.store.latestReport("xa-a1", "2026-Q2"))?.submittedBy).toBe("reporter@xa-a1");
  });

  it("refresh: recomputes the result sets leaderboards show, with late reports in", async () => {
    const computed = await http("ApiHandler")(
      apiEvent("POST", "/api/scores/service-index/2026-Q3/recompute", {
        body: { cohort: "district" },
        claims: inspector,
      }),
    );
    expect(computed.statusCode).toBe(200);
    const before = await stack.deps.store.getResultSet("service-index", "2026-Q3");
    expect(before?.computedBy).toBe("thanh.tra@snv.sonha.gov.vn");

    const outcome = (await handlers.ScheduleHandler?.({ job: "refresh" })) as {
      resultSets: number;
      scorecards: number;
    };
    expect(outcome.resultSets).toBeGreaterThanOrEqual(1);
    const after = await stack.deps.store.getResultSet("service-index", "2026-Q3");
    expect(after).toMatchObject({ computedBy: "schedule", version: before?.version });
    expect(Date.parse(after?.computedAt ?? "")).toBeGreaterThan(Date.parse(before?.computedAt ?? ""));
  });

  it("refuses a job it does not know", async () => {
    await expect(handlers.ScheduleHandler?.({ job: "publish-everything" })).rejects.toThrow(/unknown scheduled job/);
  });
});

describe("the read-models bundle (DynamoDB stream records, keys only)", () => {
  const ranking = async () => {
    const answer = await http("ApiHandler")(
      apiEvent("GET", "/api/rankings/district/2026-M10", { query: "metric=onTimeRateOfResolved", claims: inspector }),
    );
    expect(answer.statusCode).toBe(200);
    return JSON.parse(answer.body).rows.find((row: { unitId: string }) => row.unitId === "huyen-c")?.value;
  };
  const streamed = {
    Records: [
      { eventName: "INSERT", dynamodb: { Keys: { pk: { S: "UNIT#huyen-c" }, sk: { S: "VERSION#2026-M10#000001" } } } },
      { eventName: "INSERT", dynamodb: { Keys: { pk: { S: "AUDIT#2026-11" }, sk: { S: "2026-11-02T00:00:00Z#x" } } } },
    ],
  };

  it("builds again the rankings a filed report made stale; replaying the batch changes nothing", async () => {
    expect(await ranking()).toBeNull();
    const filed = await http("ApiHandler")(
      apiEvent("POST", "/api/reports", {
        body: {
          unitId: "huyen-c",
          period: "2026-M10",
          metrics: { received: 10, resolvedEarlyOrOnTime: 8, resolvedLate: 2 },
        },
        claims: office,
      }),
    );
    expect(filed.statusCode).toBe(201);
    // In the cloud the API does not refresh read models itself: until the stream's batch arrives the
    // stored ranking is the one before the report.
    expect(await ranking()).toBeNull();
    const summary = (await handlers.ReadModelsHandler?.(streamed)) as { refreshed: number; failed: unknown[] };
    expect(summary.failed).toEqual([]);
    expect(summary.refreshed).toBeGreaterThanOrEqual(1);
    expect(await ranking()).toBe(80);
    await handlers.ReadModelsHandler?.(streamed);
    expect(await ranking()).toBe(80);
  });
});
