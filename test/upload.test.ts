// The upload path end to end on the real local server: announce, PUT to the presigned URL of the
// embedded S3, the put event ingests the file, the import's status and error report come back.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadKey } from "../functions/ingest/announce";
import { ingestS3Event } from "../functions/ingest/uploads";
import { type RunningServer, startLocal } from "../functions/local/server";

let server: RunningServer;
let dataDir: string;
let token: string;
let adminToken: string;

/** Signs in through the real endpoint; the answer's token is the bearer token of the API and the CLI. */
async function login(username: string, password: string): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  expect(response.status).toBe(200);
  return (await response.json()).token;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "parwatch-upload-"));
  server = await startLocal({ port: 0, dataDir, webDir: resolve("web/dist") });
  // The demo admin makes the district's reporter, who uploads the district's files.
  const admin = await login("demo-admin", "parwatch-demo");
  adminToken = admin;
  const created = await fetch(`${server.url}/api/users`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${admin}` },
    body: JSON.stringify({
      username: "vanthu.tanphuoc",
      role: "reporter",
      unitId: "huyen-tan-phuoc",
      password: "mat-khau-du-dai",
    }),
  });
  expect(created.status).toBe(201);
  token = await login("vanthu.tanphuoc", "mat-khau-du-dai");
});
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const api = (path: string, init: RequestInit = {}, as = token) =>
  fetch(`${server.url}${path}`, {
    ...init,
    headers: { "content-type": "application/json", authorization: `Bearer ${as}`, ...init.headers },
  });

async function upload(fileName: string, body: string, kind = "reports", announce?: (key: string) => void, as = token) {
  const announced = await (
    await api("/api/imports", { method: "POST", body: JSON.stringify({ kind, fileName }) }, as)
  ).json();
  announce?.(announced.key);
  const put = await fetch(announced.uploadUrl, { method: "PUT", headers: announced.headers, body });
  expect(put.status).toBe(200);
  for (let attempt = 0; attempt < 100; attempt++) {
    const status = await (await api(`/api/imports/${announced.importId}?lang=en`, {}, as)).json();
    if (!["pending", "staged", "committed"].includes(status.record.status)) return status;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`import did not finish: ${fileName} ${as === token ? "reporter" : "admin"}`);
}

describe("upload through the presigned URL", () => {
  it("ingests a good file on the storage event and records who uploaded it", async () => {
    const result = await upload(
      "bao-cao-thang-10.csv",
      "unitId,period,received,resolvedOnTime\nhuyen-tan-phuoc,2026-M10,812,790\n",
    );
    expect(result.record).toMatchObject({
      status: "applied",
      rows: 1,
      uploadedBy: "vanthu.tanphuoc",
      fileName: "bao-cao-thang-10.csv",
    });
    const report = await (await api("/api/units/huyen-tan-phuoc/reports/2026-M10")).json();
    expect(report.report).toMatchObject({ source: "file", submittedBy: "vanthu.tanphuoc", metrics: { received: 812 } });
  });

  it("ingests a file whose name has spaces, Vietnamese letters and a plus sign", async () => {
    const result = await upload(
      "báo cáo quý 3 + bổ sung.csv",
      "unitId,period,received,resolvedOnTime\nhuyen-tan-phuoc,2026-M08,640,600\n",
    );
    expect(result.record).toMatchObject({ status: "applied", rows: 1, fileName: "báo cáo quý 3 + bổ sung.csv" });
  });

  it("returns a bad file's errors by row, in the reader's language, and as CSV", async () => {
    const result = await upload(
      "loi.csv",
      "unitId,period,received\nkhong-co,2026-M10,5\nhuyen-tan-phuoc,2026-M13,abc\n",
    );
    expect(result.record).toMatchObject({ status: "rejected", errorCount: 3 });
    expect(
      result.errors.map((e: { row: number; column: string; message: string }) => `${e.row} ${e.column}: ${e.message}`),
    ).toEqual([
      "2 unitId: There is no unit with id khong-co.",
      "3 period: Invalid reporting period: 2026-M13. Reports are monthly (e.g. 2026-M07) or quarterly (e.g. 2026-Q3).",
      "3 received: Must be a whole number, 0 or more (for example 1234 or 1,234).",
    ]);
    const bytes = new Uint8Array(await (await api(`/api/imports/${result.record.importId}/errors.csv`)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel opens it as UTF-8
    const csv = new TextDecoder().decode(bytes);
    expect(csv.split("\r\n")[0]).toBe("Dòng,Cột,Giá trị,Lỗi");
    expect(csv).toContain("2,unitId,khong-co,Không có đơn vị mã khong-co.");
  });

  it("lists imports newest first and serves templates the import reads back", async () => {
    const list = await (await api("/api/imports")).json();
    expect(list.imports[0].fileName).toBe("loi.csv");
    // A reporter's template holds the own unit only; the province's data office gets the whole cohort.
    const templateOf = async (as: string) =>
      (await (await api("/api/templates/reports.csv?cohort=district&period=2026-M11", {}, as)).text())
        .replace(/^\ufeff/, "")
        .trim()
        .split("\r\n");
    expect((await templateOf(token)).map((line) => line.split(",")[0])).toEqual(["Mã đơn vị", "huyen-tan-phuoc"]);
    const lines = await templateOf(adminToken);
    expect(lines[0]?.startsWith("Mã đơn vị,Tên đơn vị,Kỳ báo cáo,Tồn kỳ trước,Tiếp nhận,")).toBe(true);
    expect(lines).toHaveLength(9);
    const filled = lines
      .map((line, i) => (i === 0 ? line : `${line.split(",").slice(0, 3).join(",")},3,40${",".repeat(18)}`))
      .join("\n");
    // The reporter may not file for the other districts: refused row by row, nothing written.
    const refused = await upload("template.csv", filled);
    expect(refused.record).toMatchObject({ status: "rejected", errorCount: 7 });
    expect(refused.errors[0].message).toMatch(/outside the uploader's units/);
    expect((await upload("template-van-phong.csv", filled, "reports", undefined, adminToken)).record).toMatchObject({
      status: "applied",
      rows: 8,
      uploadedBy: "demo-admin",
    });
    const xlsx = await api("/api/templates/reports.xlsx?cohort=commune&period=2026-M11");
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
  });

  it("refuses a file over the limit by its size alone, unread, and removes it", async () => {
    let key = "";
    // Units files may be 5 MB: this one is 6 MB of otherwise valid rows.
    const rows = "id,name,parentId,cohort\n".padEnd(6 * 1024 * 1024, "x");
    // Units are the admin's: a reporter may not even announce such a file.
    const notYours = await api("/api/imports", {
      method: "POST",
      body: JSON.stringify({ kind: "units", fileName: "x.csv" }),
    });
    expect(notYours.status).toBe(403);
    const result = await upload(
      "don-vi.csv",
      rows,
      "units",
      (announced) => {
        key = announced;
      },
      adminToken,
    );
    expect(result.record).toMatchObject({ status: "rejected", rows: 0, errorCount: 1, uploadedBy: "demo-admin" });
    expect(result.errors[0].message).toBe("The file is too large: 6.0 MB; the limit is 5.0 MB.");
    expect(await server.deps.blobs.head(key)).toBeUndefined();
  });

  it("refuses to announce an unknown kind or a file that is neither CSV nor Excel", async () => {
    const response = await api("/api/imports?lang=en", {
      method: "POST",
      body: JSON.stringify({ kind: "photos", fileName: "a.pdf" }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).errors.map((e: { path: string }) => e.path)).toEqual(["kind", "fileName"]);
  });
});

describe("the S3-event entry", () => {
  it("ingests the keys of an S3 notification exactly as the cloud Lambda receives it, and ignores other events", async () => {
    // Announced as the browser would; the object lands at the announced key.
    const announced = await (
      await api("/api/imports", {
        method: "POST",
        body: JSON.stringify({ kind: "reports", fileName: "bao cao thang 11.csv" }),
      })
    ).json();
    const key = uploadKey("reports", announced.importId, "bao cao thang 11.csv");
    expect(announced.key).toBe(key);
    await server.deps.blobs.put(key, "unitId,period,received\nhuyen-tan-phuoc,2026-M09,7\n", "text/csv");
    // The embedded S3's own event ingests it (its key as-is)…
    for (let attempt = 0; attempt < 100; attempt++) {
      if ((await server.deps.store.getImport(announced.importId))?.status === "applied") break;
      await new Promise((done) => setTimeout(done, 50));
    }
    expect((await server.deps.store.getImport(announced.importId))?.status).toBe("applied");
    // …and the same object delivered as AWS writes notifications — URL-encoded, spaces as "+" — names the
    // same object, finds it applied and writes nothing more (S3 delivers at least once).
    const encoded = encodeURIComponent(key).replace(/%20/g, "+").replace(/%2F/g, "/");
    const outcomes = await ingestS3Event(server.deps, {
      Records: [
        { eventName: "ObjectCreated:Put", s3: { bucket: { name: "parwatch-uploads" }, object: { key: encoded } } },
        { eventName: "ObjectRemoved:Delete", s3: { bucket: { name: "parwatch-uploads" }, object: { key: encoded } } },
      ],
    });
    expect(await server.deps.store.reportHistory("huyen-tan-phuoc", "2026-M09")).toHaveLength(1);
    expect(outcomes).toEqual([{ key, status: "applied" }]);
  });
});
