// File imports on the embedded database: all or nothing, idempotent, every problem listed, crash-safe.

import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { recoverImports } from "../functions/services/import-apply";
import { getImport } from "../functions/services/import-records";
import { type ImportRequest, runImport } from "../functions/services/imports";
import { STALE_IMPORT_MS } from "../functions/services/schedule";
import { TEST_UNITS, useTestStack } from "./support/stack";

const stack = useTestStack();
const csv = (text: string) => new TextEncoder().encode(text);
const request = (
  fileName: string,
  bytes: Uint8Array,
  kind = "reports",
  extra: Partial<ImportRequest> = {},
): ImportRequest => ({
  kind,
  fileName,
  bytes,
  uploadedBy: "vanthu",
  // The province's data office: may load reports for any unit, and units.
  uploader: { kind: "user", username: "vanthu", role: "admin", unitId: null },
  ...extra,
});
// Surveys and commitments are the inspector's files.
const INSPECTOR: Partial<ImportRequest> = {
  uploader: { kind: "user", username: "vanthu", role: "inspector", unitId: null },
};
const latest = (unitId: string, period: string) => stack.deps.store.latestReport(unitId, period);

beforeAll(async () => {
  await stack.deps.store.putUnits(TEST_UNITS);
});

describe("report files", () => {
  const good = csv(
    "Mã đơn vị,Kỳ báo cáo,Tiếp nhận,Giải quyết đúng hạn\nhuyen-a,2025-Q1,120,100\nhuyen-b,2025-Q1,1.250,1.200\n",
  );

  it("applies a valid CSV: every row becomes a version with who, when and the file name", async () => {
    const { record, errors } = await runImport(stack.deps, request("bao-cao-q1.csv", good));
    expect(errors).toEqual([]);
    expect(record).toMatchObject({ status: "applied", rows: 2, accepted: 2, uploadedBy: "vanthu" });
    const report = await latest("huyen-b", "2025-Q1");
    expect(report).toMatchObject({
      metrics: { received: 1250, resolvedOnTime: 1200 },
      source: "file",
      submittedBy: "vanthu",
    });
    expect(report?.sourceRef).toBe(`bao-cao-q1.csv · ${record.importId}`);
  });

  it("writes nothing for the same file uploaded again", async () => {
    const before = await stack.deps.store.reportHistory("huyen-a", "2025-Q1");
    const { record } = await runImport(stack.deps, request("bao-cao-q1 (1).csv", good));
    expect(record.status).toBe("duplicate");
    expect(record.duplicateOf).toBeDefined();
    expect(await stack.deps.store.reportHistory("huyen-a", "2025-Q1")).toEqual(before);
  });

  it("rejects a file with any bad row and writes none of its good rows", async () => {
    const bad = csv(
      "unitId,period,received,resolvedOnTime\nhuyen-c,2025-Q2,10,5\nhuyen-x,2025-Q2,10,5\nhuyen-a,2025-Q2,=B2,5\n",
    );
    const { record, errors } = await runImport(stack.deps, request("loi.csv", bad));
    expect(record).toMatchObject({ status: "rejected", rows: 3, errorCount: 2 });
    expect(errors.map((e) => [e.row, e.column, e.key])).toEqual([
      [3, "unitId", "error.unknownUnit"],
      [4, "received", "error.import.formula"],
    ]);
    expect(await latest("huyen-c", "2025-Q2")).toBeUndefined();
    expect((await getImport(stack.deps, record.importId)).errors).toHaveLength(2);
  });

  it("reads Excel files, and refuses formulas in them", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Báo cáo");
    sheet.addRow(["unitId", "period", "received", "resolvedLate"]);
    sheet.addRow(["huyen-c", "2025-Q3", 300, 2]);
    const goodXlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect((await runImport(stack.deps, request("q3.xlsx", goodXlsx))).record.status).toBe("applied");
    expect((await latest("huyen-c", "2025-Q3"))?.metrics).toEqual({ received: 300, resolvedLate: 2 });

    sheet.addRow(["huyen-a", "2025-Q3", { formula: "C2*2", result: 600 }, 1]);
    const withFormula = new Uint8Array(await workbook.xlsx.writeBuffer());
    const { record, errors } = await runImport(stack.deps, request("q3-formula.xlsx", withFormula));
    expect(record.status).toBe("rejected");
    expect(errors[0]).toMatchObject({ row: 3, column: "received", key: "error.import.formula" });
  });

  it.each([
    ["empty.csv", new Uint8Array(), "error.import.empty"],
    ["blank.csv", csv("\n\n"), "error.import.empty"],
    [
      "latin1.csv",
      new Uint8Array([0x75, 0x6e, 0x69, 0x74, 0x49, 0x64, 0x0a, 0x58, 0xe3, 0x0a]),
      "error.import.encoding",
    ],
    ["utf16.csv", new Uint8Array([0xff, 0xfe, 0x75, 0x00, 0x6e, 0x00]), "error.import.encoding"],
    ["fake.xlsx", csv("not a spreadsheet"), "error.import.format"],
    ["huge.csv", new Uint8Array(21 * 1024 * 1024).fill(0x31), "error.import.tooLarge"],
  ])("refuses %s as a whole file", async (fileName, bytes, key) => {
    const { record, errors } = await runImport(stack.deps, request(fileName, bytes));
    expect(record.status).toBe("rejected");
    expect(errors).toEqual([expect.objectContaining({ row: 0, key })]);
  });

  it("loses neither of two imports touching the same unit and period at once", async () => {
    const a = csv("unitId,period,received\nxa-a1,2025-Q3,10\n");
    const b = csv("unitId,period,received\nxa-a1,2025-Q3,11\n");
    await Promise.all([runImport(stack.deps, request("a.csv", a)), runImport(stack.deps, request("b.csv", b))]);
    const history = await stack.deps.store.reportHistory("xa-a1", "2025-Q3");
    expect(history.map((v) => v.metrics.received).sort()).toEqual([10, 11]);
  });
});

describe("crashes", () => {
  it("leaves nothing visible when the process stops after staging, before the commit", async () => {
    const file = csv("unitId,period,received\nhuyen-a,2024-Q1,1\nhuyen-b,2024-Q1,2\n");
    await expect(
      runImport(stack.deps, request("crash-stage.csv", file), {
        afterStage: () => {
          throw new Error("simulated crash");
        },
      }),
    ).rejects.toThrow("simulated crash");
    expect(await latest("huyen-a", "2024-Q1")).toBeUndefined();
    const recovered = await recoverImports(stack.deps);
    expect(recovered.failed).toBe(1);
    expect(await latest("huyen-a", "2024-Q1")).toBeUndefined();
    // The failed import does not block the same file later.
    expect((await runImport(stack.deps, request("crash-stage.csv", file))).record.status).toBe("applied");
  });

  it("rolls a committed import forward after a crash halfway through, without writing any row twice", async () => {
    const rows = TEST_UNITS.filter((unit) => unit.cohort !== "province").map(
      (unit, i) => `${unit.id},2024-Q2,${10 + i}`,
    );
    const file = csv(`unitId,period,received\n${rows.join("\n")}\n`);
    await expect(
      runImport(stack.deps, request("crash-apply.csv", file), {
        afterApplyRow: (applied) => {
          if (applied === 2) throw new Error("simulated crash");
        },
      }),
    ).rejects.toThrow("simulated crash");
    const [interrupted] = await stack.deps.store.listImports(1);
    expect(interrupted?.status).toBe("committed"); // committed but not applied: recovery will finish it
    // The cloud's schedule leaves an import alone while its ingest may still be running (15 minutes)…
    expect(await recoverImports(stack.deps, STALE_IMPORT_MS)).toEqual({ applied: 0, failed: 0 });
    expect((await stack.deps.store.getImport(interrupted?.importId ?? ""))?.status).toBe("committed");
    // …and finishes it once it has been idle that long.
    stack.clock = new Date(stack.clock.getTime() + STALE_IMPORT_MS);
    expect(await recoverImports(stack.deps, STALE_IMPORT_MS)).toEqual({ applied: 1, failed: 0 });
    for (const [i, unit] of TEST_UNITS.filter((u) => u.cohort !== "province").entries()) {
      const history = await stack.deps.store.reportHistory(unit.id, "2024-Q2");
      expect(history.map((v) => v.metrics.received)).toEqual([10 + i]);
    }
  });
});

describe("unit and survey files", () => {
  it("adds units to the tree", async () => {
    const file = csv("id,name,parentId,cohort\nxa-moi,Xã Mới,huyen-b,commune\n");
    expect((await runImport(stack.deps, request("don-vi.csv", file, "units"))).record.status).toBe("applied");
    expect(await stack.deps.store.getUnit("xa-moi")).toEqual({
      id: "xa-moi",
      name: "Xã Mới",
      parentId: "huyen-b",
      cohort: "commune",
    });
  });

  it("aggregates SIPAS answers for a period, and rejects unknown units and bad answers by row", async () => {
    const answers = csv("respondent,unit,element,criterion,answer\nr1,huyen-a,E1,E1.1,5\nr2,huyen-a,E1,E1.1,2\n");
    const { record } = await runImport(
      stack.deps,
      request("sipas-2025.csv", answers, "sipas", { period: "2025", ...INSPECTOR }),
    );
    expect(record).toMatchObject({ status: "applied", rows: 1 });
    const [result] = await stack.deps.store.surveyResultsOfPeriod("sipas", "2025");
    expect(result).toMatchObject({ unit: "huyen-a", respondents: 2, answers: 2 });
    const bad = csv("respondent,unit,element,criterion,answer\nr1,ghost,E1,E1.1,5\nr2,huyen-a,E1,E1.1,9\n");
    const rejected = await runImport(
      stack.deps,
      request("sipas-bad.csv", bad, "sipas", { period: "2025", ...INSPECTOR }),
    );
    expect(rejected.errors.map((e) => [e.row, e.key])).toEqual([
      [2, "error.unknownUnit"],
      [3, "error.sipas.answer"],
    ]);
    // The same file for another survey period is not a duplicate.
    const otherYear = await runImport(
      stack.deps,
      request("sipas-2024.csv", answers, "sipas", { period: "2024", ...INSPECTOR }),
    );
    expect(otherYear.record.status).toBe("applied");
    const again = await runImport(
      stack.deps,
      request("sipas-2025 (1).csv", answers, "sipas", { period: "2025", ...INSPECTOR }),
    );
    expect(again.record.status).toBe("duplicate");
    const noPeriod = await runImport(stack.deps, request("sipas-x.csv", answers, "sipas", INSPECTOR));
    expect(noPeriod.errors[0]?.key).toBe("error.period");
  });

  it("imports commitments, a changed target as a new version, and lists bad rows", async () => {
    const file = csv(
      "unit,year,measure,comparator,target,signedBy,signedOn\nhuyen-a,2026,onlineRate,>,50,Chủ tịch UBND huyện,2026-01-15\nhuyen-b,2026,resolvedLate,=,0,Chủ tịch UBND huyện,2026-01-15\n",
    );
    expect(
      (await runImport(stack.deps, request("cam-ket-2026.csv", file, "commitments", INSPECTOR))).record,
    ).toMatchObject({
      status: "applied",
      rows: 2,
    });
    const changed = csv(
      "unit,year,measure,comparator,target,signedBy,signedOn\nhuyen-a,2026,onlineRate,>,45,Chủ tịch UBND huyện,2026-02-20\n",
    );
    // A file carries no reason: changing a signed commitment by file is refused row by row.
    const amended = await runImport(stack.deps, request("dieu-chinh.csv", changed, "commitments", INSPECTOR));
    expect(amended.record.status).toBe("rejected");
    expect(amended.errors.map((e) => [e.row, e.column, e.key])).toEqual([
      [2, "target", "error.commitment.reasonRequired"],
    ]);
    const history = await stack.deps.store.commitmentHistory("huyen-a", 2026, "onlineRate");
    expect(history.map((v) => [v.version, v.target, v.savedBy])).toEqual([[1, 50, "vanthu"]]);
    // …and a file of a kind the uploader may not load is refused whole.
    const byOffice = await runImport(stack.deps, request("cam-ket-vp.csv", file, "commitments"));
    expect(byOffice.errors.map((e) => e.key)).toEqual(["auth.denied.role"]);
    const bad = csv(
      "unit,year,measure,comparator,target,signedBy,signedOn\nghost,2026,onlineRate,>,50,X,2026-01-15\nhuyen-a,2026,speed,>,50,X,2026-01-15\nhuyen-a,2026,onlineRate,~,50,X,2026-01-15\n",
    );
    const rejected = await runImport(stack.deps, request("cam-ket-loi.csv", bad, "commitments", INSPECTOR));
    expect(rejected.errors.map((e) => [e.row, e.column, e.key])).toEqual([
      [2, "unit", "error.unknownUnit"],
      [3, "measure", "error.commitment.measure"],
      [4, "comparator", "error.commitment.comparator"],
    ]);
  });

  it("refuses an unknown kind", async () => {
    await expect(runImport(stack.deps, request("x.csv", csv("a\n1\n"), "planets"))).rejects.toThrow();
  });
});
