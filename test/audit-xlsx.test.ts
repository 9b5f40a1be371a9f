// The audit trail as an Excel workbook (GET /api/audit/export.xlsx) through the API on the embedded
// database: the file is unzipped here with node:zlib alone and its cells read from the sheet's XML, so
// what is checked is what Excel receives — the time a real date serial under a day-first format, names in
// the caller's language, the same filters as the CSV, text that would run as a formula neutralised.

import { inflateRawSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { signedIn, type TestAccount } from "./support/session";
import { TEST_UNITS, useTestStack } from "./support/stack";

const stack = useTestStack();
const INSPECTOR: TestAccount = { username: "thanhtra", role: "inspector" };
const CHAIR_A: TestAccount = { username: "chutich.a", role: "chair", unitId: "huyen-a" };
const REPORTER_A: TestAccount = { username: "baocao.a", role: "reporter", unitId: "huyen-a" };
const REPORTER_B: TestAccount = { username: "baocao.b", role: "reporter", unitId: "huyen-b" };
const FORMULA_REASON = '=HYPERLINK("http://example.invalid","Xem")';
let app: ReturnType<typeof signedIn>;

const send = (method: string, body?: unknown, lang = "vi"): RequestInit => ({
  method,
  headers: { "content-type": "application/json", "accept-language": lang },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});
const tick = () => {
  stack.clock = new Date(stack.clock.getTime() + 60_000);
};
const quarter = (received: number, late: number) => ({
  received,
  resolvedEarly: received - late - 5,
  resolvedOnTime: 5,
  resolvedLate: late,
});

/** Every entry of a zip (as the writer makes it: no data descriptors, no archive comment), inflated. */
function unzip(bytes: Uint8Array): Map<string, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const files = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const method = view.getUint16(at + 10, true);
    const packedSize = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localAt = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const dataAt = localAt + 30 + view.getUint16(localAt + 26, true) + view.getUint16(localAt + 28, true);
    const packed = bytes.subarray(dataAt, dataAt + packedSize);
    const data = method === 8 ? inflateRawSync(packed) : packed;
    files.set(name, new TextDecoder().decode(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

interface Cell {
  readonly style: string | undefined;
  readonly type: string | undefined;
  readonly value: string;
}
const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

/** The sheet's rows as arrays of cells, by column letter. */
function rowsOf(sheetXml: string): Map<string, Cell>[] {
  const rows: Map<string, Cell>[] = [];
  for (const [, body] of sheetXml.matchAll(/<row r="\d+">(.*?)<\/row>/g)) {
    const cells = new Map<string, Cell>();
    for (const [, attributes = "", inner = ""] of (body ?? "").matchAll(/<c ([^>]*)>(.*?)<\/c>/g)) {
      const attribute = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(attributes)?.[1];
      const text = /<t[^>]*>(.*?)<\/t>/.exec(inner)?.[1] ?? /<v>(.*?)<\/v>/.exec(inner)?.[1] ?? "";
      const column = (attribute("r") ?? "").replace(/\d+$/, "");
      cells.set(column, { style: attribute("s"), type: attribute("t"), value: unescapeXml(text) });
    }
    rows.push(cells);
  }
  return rows;
}

async function workbook(query: string, lang = "vi", who = INSPECTOR) {
  const response = await app.request(`/api/audit/export.xlsx?${query}`, send("GET", undefined, lang), who);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  );
  expect(response.headers.get("content-disposition")).toContain('filename="audit.xlsx"');
  return unzip(new Uint8Array(await response.arrayBuffer()));
}

beforeAll(async () => {
  await stack.deps.store.putUnits(TEST_UNITS);
  app = signedIn(stack.deps, INSPECTOR);
  tick();
  expect(
    (
      await app.request(
        "/api/reports",
        send("POST", { unitId: "huyen-a", period: "2025-Q3", metrics: quarter(102, 4) }),
        REPORTER_A,
      )
    ).status,
  ).toBe(201);
  tick();
  expect(
    (
      await app.request(
        "/api/reports",
        send("POST", { unitId: "huyen-b", period: "2025-Q3", metrics: quarter(80, 2) }),
        REPORTER_B,
      )
    ).status,
  ).toBe(201);
  tick();
  expect((await app.request("/api/workflow/district/2025-Q3", send("POST", { to: "closed" }))).status).toBe(200);
  tick();
  // After closing, a correction needs a reason: this one would run as a formula in a careless export.
  const corrected = await app.request(
    "/api/reports",
    send("POST", { unitId: "huyen-a", period: "2025-Q3", metrics: quarter(101, 3), reason: FORMULA_REASON }),
    REPORTER_A,
  );
  expect(corrected.status).toBe(201);
});

describe("the audit trail as XLSX", () => {
  it("holds the entries the filter selects, the time as a real date and the names in Vietnamese", async () => {
    const listed = await (await app.request("/api/audit?unitId=huyen-a&limit=200", send("GET"))).json();
    const entries = listed.entries as { at: string; actor: string; reason?: string; action: string }[];
    expect(entries.map((entry) => entry.action)).toEqual(["report.file", "report.file"]);

    const files = await workbook("unitId=huyen-a");
    expect([...files.keys()]).toContain("xl/worksheets/sheet1.xml");
    expect(files.get("xl/workbook.xml")).toContain('<sheet name="Nhật ký thay đổi"');
    const sheet = files.get("xl/worksheets/sheet1.xml") ?? "";
    // No cell is a formula, whatever its text.
    expect(sheet).not.toContain("<f>");
    const rows = rowsOf(sheet);
    expect(rows).toHaveLength(1 + entries.length);
    expect([...(rows[0]?.values() ?? [])].map((cell) => cell.value)).toEqual([
      "Thời điểm (giờ Việt Nam)",
      "Người thực hiện",
      "Vai trò",
      "Thao tác",
      "Đối tượng",
      "Mã đơn vị",
      "Đơn vị",
      "Kỳ",
      "Nguồn",
      "Lý do",
      "Trước",
      "Sau",
      "Kết quả",
    ]);

    // The date cell: a number under the custom day-first format, the Vietnam wall clock (UTC+7) as Excel
    // counts days (25 569 is 1970-01-01). The newest entry first, as on the page.
    const styles = files.get("xl/styles.xml") ?? "";
    expect(styles).toContain('<numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm"/>');
    const xfs = [...(/<cellXfs[^>]*>(.*?)<\/cellXfs>/.exec(styles)?.[1] ?? "").matchAll(/<xf [^>]*\/>/g)].map(
      (m) => m[0],
    );
    for (const [index, entry] of entries.entries()) {
      const row = rows[index + 1] as Map<string, Cell>;
      const when = row.get("A") as Cell;
      expect(when.type).toBeUndefined();
      expect(xfs[Number(when.style)]).toContain('numFmtId="164"');
      const vietnamMs = Date.parse(entry.at) + 7 * 3_600_000;
      expect(Number(when.value)).toBeCloseTo(vietnamMs / 86_400_000 + 25_569, 9);
      expect(row.get("B")?.value).toBe(entry.actor);
    }
    // The clock of the test stack: 2025-10-05 03:04 UTC is 10:04 in Vietnam, day 45 935 + 10:04/24:00.
    const newest = rows[1] as Map<string, Cell>;
    expect(Number(newest.get("A")?.value)).toBeCloseTo(45_935 + (10 * 60 + 4) / 1440, 9);

    expect(newest.get("C")?.value).toBe("Cán bộ báo cáo");
    expect(newest.get("D")?.value).toBe("Nộp báo cáo");
    expect(newest.get("E")?.value).toBe("report:huyen-a:2025-Q3");
    expect(newest.get("F")?.value).toBe("huyen-a");
    expect(newest.get("G")?.value).toBe("Huyện An");
    expect(newest.get("H")?.value).toBe("Quý 3/2025");
    expect(newest.get("I")?.value).toBe("API");
    // The reason is inline text with its leading "=" neutralised by an apostrophe.
    expect(newest.get("J")).toEqual({ style: undefined, type: "inlineStr", value: `'${FORMULA_REASON}` });
    expect(JSON.parse(newest.get("K")?.value ?? "null")).toMatchObject({ version: 1, metrics: quarter(102, 4) });
    expect(JSON.parse(newest.get("L")?.value ?? "null")).toMatchObject({ version: 2, metrics: quarter(101, 3) });
    expect(newest.get("M")?.value).toBe("Hoàn tất");
    // The first filing had no reason: an empty cell is left out, not written as "".
    expect((rows[2] as Map<string, Cell>).has("J")).toBe(false);
  });

  it("takes the CSV's filters (user, period, dates) and the caller's language", async () => {
    const ofUser = rowsOf((await workbook("user=baocao.b")).get("xl/worksheets/sheet1.xml") ?? "");
    expect(ofUser.slice(1).map((row) => row.get("E")?.value)).toEqual(["report:huyen-b:2025-Q3"]);
    const csv = await (await app.request("/api/audit/export.csv?period=2025-Q3", send("GET"))).text();
    const ofPeriod = rowsOf((await workbook("period=2025-Q3")).get("xl/worksheets/sheet1.xml") ?? "");
    // One line per entry in both files, the heading aside (the CSV's last line ends with CRLF).
    expect(ofPeriod.length).toBe(csv.trim().split("\r\n").length);
    expect(ofPeriod.length).toBeGreaterThan(3);
    const none = rowsOf((await workbook("from=2025-11-01")).get("xl/worksheets/sheet1.xml") ?? "");
    expect(none).toHaveLength(1);

    const english = await workbook("unitId=huyen-a&lang=en", "en");
    const rows = rowsOf(english.get("xl/worksheets/sheet1.xml") ?? "");
    expect(rows[0]?.get("A")?.value).toBe("When (Vietnam time)");
    expect([
      rows[1]?.get("C")?.value,
      rows[1]?.get("D")?.value,
      rows[1]?.get("H")?.value,
      rows[1]?.get("M")?.value,
    ]).toEqual(["Reporter", "Report filed", "Q3 2025", "Done"]);
  });

  it("is for inspectors and admins only, with bad filters refused as the CSV's are", async () => {
    expect((await app.request("/api/audit/export.xlsx", send("GET"), CHAIR_A)).status).toBe(403);
    expect((await app.request("/api/audit/export.xlsx", send("GET"), REPORTER_A)).status).toBe(403);
    expect((await app.request("/api/audit/export.xlsx?from=2025-13-01", send("GET"))).status).toBe(400);
  });
});
