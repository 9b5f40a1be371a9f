// Property-based fuzzing of every file parser: generated CSV text (random headings among the real ones,
// cells of any kind, quotes, a BOM, every line ending, comma or semicolon), generated XLSX files (valid
// zips written by shared/xlsx.ts, stored or deflated, with random cells, then random byte mutations and
// truncations) and generated SIPAS answer files. The decoders and row checks (reports, units,
// commitments) never throw: a clean result or row errors. Through the whole import (runImport on the
// embedded stack) a rejected file stores its rejection — the import record and its error list — and
// nothing else (the table scanned before and after); an accepted one what it says. Fixed seeds.

import { deflateRawSync } from "node:zlib";
import { DeleteItemCommand } from "@aws-sdk/client-dynamodb";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeTable } from "../functions/ingest/decode";
import { IMPORT_LIMITS, XLSX_LIMITS } from "../functions/services/import-records";
import { runImport } from "../functions/services/imports";
import type { Identity } from "../shared/access/identity";
import { checkCommitmentRows } from "../shared/ingest/commitment-rows";
import { checkReportRows } from "../shared/ingest/report-rows";
import { checkUnitRows } from "../shared/ingest/unit-rows";
import { METRIC_IDS } from "../shared/metrics";
import { type XlsxCell, xlsxParts, zip } from "../shared/xlsx";
import { CaseCount, describeDifference, difference, FUZZ_TABLE, tableItems } from "./support/fuzz";
import { FUZZ_SEED, seedFuzzStore } from "./support/fuzz-routes";
import { TEST_UNITS, useTestStack } from "./support/stack";

const stack = useTestStack();
const count = new CaseCount();
const RUNS = Number(process.env.FUZZ_FILE_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * RUNS));
const UNIT_IDS = new Set(TEST_UNITS.map((unit) => unit.id));
const NOW = new Date("2025-10-05T03:00:00Z");
const ADMIN: Identity = { kind: "user", username: "quantri", role: "admin", unitId: null };
const INSPECTOR: Identity = { kind: "user", username: "thanhtra", role: "inspector", unitId: null };

beforeAll(async () => {
  await seedFuzzStore(stack);
});

const HEADINGS = [
  "unitId",
  "unitName",
  "period",
  ...METRIC_IDS,
  "Mã đơn vị",
  "Kỳ báo cáo",
  "Tiếp nhận",
  "id",
  "name",
  "cohort",
  "parentId",
  "unit",
  "year",
  "measure",
  "comparator",
  "target",
  "signedBy",
  "signedOn",
  "note",
  "respondent",
  "element",
  "criterion",
  "answer",
  "needs",
];

const CELL_VALUES = [
  "huyen-a",
  "xa-a1",
  "tinh",
  "nowhere",
  "2025-Q3",
  "2025-M07",
  "2025",
  "2026-Q4",
  "district",
  "commune",
  "onlineRate",
  ">=",
  "2026-01-15",
  "2026-02-31",
  "E1.1",
  "E2.3",
  "0",
  "1",
  "5",
  "120",
  "-1",
  "1.5",
  "1e309",
  "1,5",
  "1.000",
  "=1+1",
  "+SUM(A1)",
  "@cmd",
  "",
  " ",
  "__proto__",
  "constructor",
  "NaN",
  "9".repeat(40),
];

const cell: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...CELL_VALUES) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer({ min: -10, max: 100_000 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('"', '""', "a,b", "a;b", "line\nbreak", "cr\rcell", "\ufeff", "\u0000x") },
);

const heading: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HEADINGS) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom("__proto__", "constructor", "", "UNITID", " period ", "received") },
);

/** A table: a heading row, then rows of cells (ragged on purpose). */
const table: fc.Arbitrary<string[][]> = fc
  .tuple(
    fc.uniqueArray(heading, { minLength: 0, maxLength: 8 }),
    fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 12 }),
  )
  .map(([head, rows]) => [head, ...rows]);

interface CsvStyle {
  readonly separator: string;
  readonly lineEnd: string;
  readonly bom: boolean;
  readonly quoteAll: boolean;
  readonly brokenQuote: boolean;
}

const csvStyle: fc.Arbitrary<CsvStyle> = fc.record({
  separator: fc.constantFrom(",", ";", "\t"),
  lineEnd: fc.constantFrom("\r\n", "\n", "\r"),
  bom: fc.boolean(),
  quoteAll: fc.boolean(),
  brokenQuote: fc.boolean(),
});

function csvText(rows: readonly (readonly string[])[], style: CsvStyle): string {
  const quote = (text: string) => (style.quoteAll || /["\r\n,;\t]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  let text = rows.map((row) => row.map(quote).join(style.separator)).join(style.lineEnd);
  if (style.brokenQuote) text += `${style.lineEnd}"unterminated${style.separator}x`;
  return (style.bom ? "\ufeff" : "") + text;
}

const encode = (text: string) => new TextEncoder().encode(text);

/** Bytes changed at random places, or cut short: what a damaged upload looks like. */
const mutation = fc.record({
  flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
  cut: fc.option(fc.nat(), { nil: undefined }),
});
function mutate(bytes: Uint8Array, { flips, cut }: { flips: [number, number][]; cut: number | undefined }): Uint8Array {
  const out = Uint8Array.from(bytes);
  for (const [at, value] of flips) if (out.length > 0) out[at % out.length] = value;
  return cut === undefined || out.length === 0 ? out : out.subarray(0, cut % out.length);
}

function xlsxBytes(rows: readonly (readonly XlsxCell[])[], deflate: boolean): Uint8Array {
  return zip(
    xlsxParts("Sheet1", rows).map((part) =>
      deflate ? { ...part, packed: new Uint8Array(deflateRawSync(part.data)) } : part,
    ),
  );
}

/** Cells for a sheet: text as generated, numbers where the text is one, now and then a non-finite number. */
const xlsxTable = fc
  .tuple(
    table,
    fc.array(fc.constantFrom<XlsxCell>(Number.NaN, Number.POSITIVE_INFINITY, -0, 1e21, null), { maxLength: 3 }),
  )
  .map(([rows, odd]) =>
    rows.map((row, r) =>
      row.map(
        (text, c): XlsxCell =>
          r > 0 && c === 0 && odd.length > 0
            ? (odd[0] as XlsxCell)
            : r > 0 && /^-?\d+(\.\d+)?$/.test(text)
              ? Number(text)
              : text,
      ),
    ),
  );

/** Every row check on decoded rows: none may throw, and each says ok or lists its errors. */
function checkAll(rows: readonly (readonly string[])[]): void {
  const reports = checkReportRows(rows, UNIT_IDS, NOW);
  expect(reports.errors.count >= 0 && (reports.errors.count > 0 || Array.isArray(reports.reports))).toBe(true);
  const units = checkUnitRows(rows, TEST_UNITS);
  expect(units.errors.count > 0 || Array.isArray(units.units)).toBe(true);
  const commitments = checkCommitmentRows(rows, UNIT_IDS);
  expect(commitments.errors.count > 0 || Array.isArray(commitments.commitments)).toBe(true);
  for (const errors of [reports.errors, units.errors, commitments.errors])
    for (const error of errors.kept) expect(typeof error.key === "string" && Number.isInteger(error.row)).toBe(true);
}

describe("the decoders and row checks on generated files", () => {
  it("reads any generated CSV to rows or a file error, and checks them without throwing", async () => {
    await fc.assert(
      fc.asyncProperty(
        table,
        csvStyle,
        fc.option(mutation, { freq: 4, nil: undefined }),
        async (rows, style, damage) => {
          let bytes: Uint8Array = encode(csvText(rows, style));
          if (damage) bytes = mutate(bytes, damage);
          const decoded = await decodeTable(bytes, "bao-cao.csv", IMPORT_LIMITS.reports, XLSX_LIMITS.reports);
          if (decoded.ok) checkAll(decoded.rows);
          else expect(decoded.key).toMatch(/^error\.import\./);
          count.add("csv");
        },
      ),
      { numRuns: runs(4000), seed: FUZZ_SEED },
    );
  }, 120_000);

  it("reads any generated XLSX, whole or damaged, to rows or a file error, never a throw", async () => {
    await fc.assert(
      fc.asyncProperty(
        xlsxTable,
        fc.boolean(),
        fc.option(mutation, { freq: 2, nil: undefined }),
        async (rows, deflate, damage) => {
          let bytes: Uint8Array = xlsxBytes(rows, deflate);
          if (damage) bytes = mutate(bytes, damage);
          const decoded = await decodeTable(bytes, "bao-cao.xlsx", IMPORT_LIMITS.reports, XLSX_LIMITS.reports);
          if (decoded.ok) checkAll(decoded.rows);
          else expect(decoded.key).toMatch(/^error\.import\./);
          count.add("xlsx");
          count.add(decoded.ok ? "xlsx read" : `xlsx ${decoded.key}`);
        },
      ),
      { numRuns: runs(1200), seed: FUZZ_SEED },
    );
    // Both ways out are taken: most sheets are read (exceljs), damaged ones refused.
    expect(count.of("xlsx read")).toBeGreaterThan(runs(1200) / 3);
    expect(count.of("xlsx")).toBeGreaterThan(count.of("xlsx read"));
  }, 120_000);

  it("reads a well-formed XLSX back as the cells it was written with", async () => {
    // The oracle for the generated sheets: what xlsx.ts wrote, decode.ts reads (text cells, neutralised).
    const rows = [
      ["unitId", "period", "received"],
      ["huyen-a", "2025-Q3", 120],
    ];
    const decoded = await decodeTable(xlsxBytes(rows, true), "q3.xlsx", IMPORT_LIMITS.reports, XLSX_LIMITS.reports);
    expect(decoded).toEqual({
      ok: true,
      rows: [
        ["unitId", "period", "received"],
        ["huyen-a", "2025-Q3", "120"],
      ],
    });
  });
});

/** Keys a rejected import may leave: its record and its error list, nothing else. */
const rejectionKeys = (importId: string) => new Set([`IMPORT#${importId}|META`, `IMPORT#${importId}|ERRORS`]);

async function importChecked(kind: string, fileName: string, bytes: Uint8Array, period?: string) {
  await stack.deps.readModels?.settled();
  const before = await tableItems(stack);
  const outcome = await runImport(stack.deps, {
    kind,
    fileName,
    bytes,
    uploadedBy: kind === "sipas" || kind === "commitments" ? "thanhtra" : "quantri",
    uploader: kind === "sipas" || kind === "commitments" ? INSPECTOR : ADMIN,
    ...(period === undefined ? {} : { period }),
  });
  await stack.deps.readModels?.settled();
  const changed = difference(before, await tableItems(stack));
  const { record, errors } = outcome;
  if (record.status === "rejected") {
    const allowed = rejectionKeys(record.importId);
    const other = [...changed.added, ...changed.changed, ...changed.removed].filter((key) => !allowed.has(key));
    expect(other, `${fileName} rejected, yet wrote ${describeDifference(changed)}`).toEqual([]);
    expect(changed.removed).toEqual([]);
    expect(record.errorCount).toBeGreaterThan(0);
    expect(errors.length).toBe(Math.min(record.errorCount, 500));
    // Checked: the rejection is all it left. Taken away again so the table (scanned whole every case)
    // stays the size of the seed and each case stays fast.
    for (const key of allowed) {
      const [pk, sk] = key.split("|") as [string, string];
      await stack.embedded.dynamo.send(
        new DeleteItemCommand({ TableName: FUZZ_TABLE, Key: { pk: { S: pk }, sk: { S: sk } } }),
      );
    }
  } else {
    expect(["applied", "duplicate"]).toContain(record.status);
    expect(errors).toEqual([]);
  }
  count.add(`import ${kind}`);
  return record.status;
}

const SIPAS_CRITERIA = ["E1.1", "E1.2", "E2.1", "E2.3", "E3.1", "E5.4", "E9.9", "", "__proto__"];
const sipasFile = fc
  .record({
    head: fc.oneof(
      { weight: 4, arbitrary: fc.constant(["respondent", "unit", "element", "criterion", "answer", "needs"]) },
      {
        weight: 1,
        arbitrary: fc.shuffledSubarray(["respondent", "unit", "element", "criterion", "answer", "needs", "Unit", "x"]),
      },
    ),
    rows: fc.array(
      fc.oneof(
        // A good answer row (blank element, a real criterion, an answer on the scale or blank)…
        {
          weight: 8,
          arbitrary: fc.tuple(
            fc.constantFrom("r1", "r2", "r3"),
            fc.constantFrom("huyen-a", "xa-a1", "huyen-b"),
            fc.constant(""),
            fc.constantFrom("E1.1", "E1.2", "E2.1", "E2.3"),
            fc.constantFrom("1", "2", "3", "4", "5", ""),
            fc.constantFrom("", "N1;N2"),
          ),
        },
        // …or any row at all.
        {
          weight: 1,
          arbitrary: fc.tuple(
            fc.oneof(fc.constantFrom("r1", "r2", "r3"), cell),
            fc.oneof(
              { weight: 3, arbitrary: fc.constantFrom("huyen-a", "xa-a1", "huyen-b") },
              { weight: 1, arbitrary: cell },
            ),
            fc.constantFrom("E1", "E2", "E3", "", "E9"),
            fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SIPAS_CRITERIA) }, { weight: 1, arbitrary: cell }),
            fc.oneof(
              { weight: 3, arbitrary: fc.constantFrom("1", "2", "3", "4", "5", "") },
              { weight: 1, arbitrary: cell },
            ),
            fc.oneof(fc.constant(""), fc.constantFrom("N1;N2", ";;", "__proto__"), cell),
          ),
        },
      ),
      { maxLength: 8 },
    ),
    style: csvStyle,
    period: fc.oneof(
      { weight: 4, arbitrary: fc.constant("2025") },
      { weight: 1, arbitrary: fc.constantFrom("2025-Q3", "", "2025-Q9", "abc") },
    ),
    damage: fc.option(mutation, { freq: 8, nil: undefined }),
  })
  .map(({ head, rows, style, period, damage }) => {
    const bytes = encode(csvText([head, ...rows.map((row) => [...row])], { ...style, separator: "," }));
    return { bytes: damage ? mutate(bytes, damage) : bytes, period };
  });

describe("whole imports of generated files on the embedded stack", () => {
  it("streams generated SIPAS answers: accepted, or rejected with its errors and nothing else stored", async () => {
    const statuses = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(sipasFile, async ({ bytes, period }) => {
        const status = await importChecked("sipas", "phieu.csv", bytes, period);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }),
      { numRuns: runs(300), seed: FUZZ_SEED },
    );
    // Some generated files are good ones: the accepting path runs too.
    expect(statuses.get("rejected") ?? 0).toBeGreaterThan(0);
    expect((statuses.get("applied") ?? 0) + (statuses.get("duplicate") ?? 0)).toBeGreaterThan(0);
  }, 120_000);

  it("imports generated report, unit and commitment files (CSV and XLSX): a rejected one stores only its rejection", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("reports", "units", "commitments"),
        fc.boolean(),
        table,
        csvStyle,
        fc.option(mutation, { freq: 3, nil: undefined }),
        async (kind, xlsx, rows, style, damage) => {
          let bytes: Uint8Array = xlsx ? xlsxBytes(rows, true) : encode(csvText(rows, style));
          if (damage) bytes = mutate(bytes, damage);
          count.add(`status ${await importChecked(kind, xlsx ? "tep.xlsx" : "tep.csv", bytes)}`);
        },
      ),
      { numRuns: runs(300), seed: FUZZ_SEED },
    );
  }, 120_000);

  it("ran every planned case", () => {
    const planned = runs(4000) + runs(1200) + runs(300) + runs(300);
    expect(planned).toBeGreaterThanOrEqual(RUNS * 5800);
    const cases = ["csv", "xlsx", "import sipas", "import reports", "import units", "import commitments"].reduce(
      (sum, label) => sum + count.of(label),
      0,
    );
    console.log(`fuzz-files: ${cases} cases (${count.summary()})`);
    expect(cases).toBe(planned);
  });
});
