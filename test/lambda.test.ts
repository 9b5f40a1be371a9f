// The API Lambda as AWS runs it: the CDK app is synthesised with its real esbuild bundle, and the bundle
// (from the cloud assembly) is invoked with API Gateway v2 payloads against the embedded DynamoDB.

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { App } from "aws-cdk-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ParWatchStack } from "../infra/stack";
import { TEST_UNITS, useTestStack } from "./support/stack";

const stack = useTestStack();
const outdir = mkdtempSync(join(tmpdir(), "parwatch-lambda-"));
type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;
let handler: Handler;
let bundleBytes = 0;

/** An API Gateway HTTP API (payload 2.0) event, as the service sends it. */
function apiEvent(method: string, path: string, body?: unknown) {
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString: "",
    headers: { "accept-language": "vi", "content-type": "application/json", "x-parwatch-user": "lambda-test" },
    requestContext: {
      accountId: "123456789012",
      apiId: "api",
      domainName: "api.example.com",
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "vitest" },
      requestId: "req-1",
      routeKey: "$default",
      stage: "$default",
      time: "23/Nov/2026:03:00:00 +0000",
      timeEpoch: 1795000000000,
    },
    isBase64Encoded: false,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}

beforeAll(async () => {
  process.env.CDK_DOCKER = "/bin/false";
  const app = new App({ outdir });
  new ParWatchStack(app, "ParWatch-test", { stage: "dev" });
  const assembly = app.synth();
  const template = JSON.parse(readFileSync(join(assembly.directory, "ParWatch-test.template.json"), "utf8"));
  const [apiFunction] = Object.entries(
    template.Resources as Record<string, { Type: string; Properties: { Code?: { S3Key?: string } } }>,
  )
    .filter(([id, resource]) => resource.Type === "AWS::Lambda::Function" && id.startsWith("ApiHandler"))
    .map(([, resource]) => resource);
  const assetHash = String(apiFunction?.Properties.Code?.S3Key).replace(/\.zip$/, "");
  const bundle = join(assembly.directory, `asset.${assetHash}`, "index.mjs");
  bundleBytes = readFileSync(bundle).length;
  await stack.deps.store.putUnits(TEST_UNITS);
  Object.assign(process.env, {
    TABLE_NAME: "parwatch-test",
    UPLOAD_BUCKET: "parwatch-test",
    AWS_REGION: "ap-southeast-1",
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "S3RVER",
    AWS_ENDPOINT_URL_DYNAMODB: stack.embedded.endpoints.dynamo,
  });
  ({ handler } = (await import(pathToFileURL(bundle).href)) as { handler: Handler });
}, 180_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe("the bundled API Lambda", () => {
  it("is one minified ESM file", () => {
    expect(bundleBytes).toBeGreaterThan(10_000);
  });

  it("answers API Gateway v2 events with the same hono app", async () => {
    const units = await handler(apiEvent("GET", "/api/units"), {});
    expect(units.statusCode).toBe(200);
    expect(JSON.parse(units.body).tree[0].id).toBe("tinh");

    const filed = await handler(
      apiEvent("POST", "/api/reports", { unitId: "huyen-a", period: "2026-Q3", metrics: { received: 40 } }),
      {},
    );
    expect(filed.statusCode).toBe(201);
    expect(JSON.parse(filed.body).report).toMatchObject({ version: 1, submittedBy: "lambda-test" });
    expect((await stack.deps.store.latestReport("huyen-a", "2026-Q3"))?.metrics).toEqual({ received: 40 });

    const invalid = await handler(
      apiEvent("POST", "/api/reports", { unitId: "huyen-a", period: "2026-Q3", metrics: { received: -1 } }),
      {},
    );
    expect(invalid.statusCode).toBe(400);
    expect(JSON.parse(invalid.body).errors[0].message).toContain("Phải là số nguyên không âm");
  });
});
