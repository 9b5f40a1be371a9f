// Generated route inputs for the fuzz tests: path parameters, query strings and JSON bodies, each a mix
// of values the route knows (so a case gets past the first check and reaches the next one) and hostile
// ones — unicode of every plane, huge and non-finite numbers, prototype keys, overlong ids, bad escapes,
// nesting just inside and just past the limit.

import fc from "fast-check";
import parProvince from "../../shared/methodology/json/par-province.json";

export const PROTO_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf"];

/** Text no id should ever be: every plane of unicode, controls, bad escapes, path tricks, huge numbers. */
const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
  { weight: 1, arbitrary: fc.constantFrom(...PROTO_KEYS) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "",
      " ",
      ".",
      "..",
      "../../etc/passwd",
      "%",
      "%00",
      "\u0000",
      "\ufeff",
      "\u202e",
      "null",
      "undefined",
      "NaN",
      "Infinity",
      "-Infinity",
      "1e309",
      "-1",
      "0",
      "2026.5",
      "0x32",
      "9".repeat(400),
      "x".repeat(257),
      "x".repeat(800),
      "2025-Q5",
      "2025-M13",
      "2025-M00",
      "9999",
      "0000-Q1",
      "2026-02-31",
      "Xã Bắc Thạnh",
      "🏛️",
      "<script>alert(1)</script>",
      "' OR 1=1 --",
      ["$", "{7*7}"].join(""), // a template placeholder, as text
      "UNIT#huyen-a",
      "huyen-a#VERSION",
    ),
  },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
);

/** Good values for each path parameter and query key the routes use. */
const KNOWN: Record<string, readonly string[]> = {
  id: ["huyen-a", "xa-a1", "tinh", "par-province", "par-commune", "sipas", "service-index", "mini"],
  unitId: ["huyen-a", "xa-a1", "tinh", "huyen-b"],
  period: ["2025-Q3", "2025", "2025-M07", "2025-H1", "2025-9M", "2026-Q4", "2025-Q2", "2024"],
  cohort: ["district", "commune", "department", "province"],
  methodology: ["par-province", "par-commune", "service-index", "sipas"],
  measure: ["onlineRate", "onTimeRateOfResolved", "lateRate", "satisfactionRate"],
  username: ["nguoi-thu", "nobody", "khach"],
  year: ["2025", "2026", "2024"],
  file: ["reports.csv", "reports.xlsx", "units.csv", "units.xlsx", "sipas.csv", "commitments.xlsx", "x.pdf"],
  metric: ["onTimeRateOfResolved", "lateRate", "onlineRate", "received"],
  version: ["2024.1", "2025.1", "1"],
  parent: ["huyen-a", "tinh", "nowhere"],
  area: ["1", "2", "8"],
  limit: ["1", "10", "500", "99999", "0"],
  from: ["2025-01-01", "2025-12-31"],
  to: ["2025-12-31", "2026-01-01"],
  user: ["quantri", "thanhtra"],
  lang: ["en", "vi", "fr"],
  cursor: ["abc"],
};

/** A value for a parameter or query key: usually one it knows, often hostile. */
export const valueFor = (name: string, extra: readonly string[] = []): fc.Arbitrary<string> => {
  const known = [...extra, ...(Object.hasOwn(KNOWN, name) ? (KNOWN[name] as readonly string[]) : [])];
  return known.length > 0
    ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...known) }, { weight: 3, arbitrary: hostileText })
    : hostileText;
};

/** A path segment as a client would send it: percent-encoded, or raw bytes of bad or overlong escapes. */
export const segmentFor = (name: string, extra: readonly string[] = []): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 8, arbitrary: valueFor(name, extra).map((value) => encodeURIComponent(value) || "x") },
    { weight: 1, arbitrary: fc.constantFrom("%C3%28", "%FF%FE", "%E0%80%80", "%ED%A0%80", "%", "%zz", "%2e%2e") },
  );

/** The query keys each route reads (the rest are generated names). */
export const QUERY_KEYS = [
  "year",
  "methodology",
  "version",
  "metric",
  "parent",
  "period",
  "area",
  "limit",
  "cohort",
  "unitId",
  "user",
  "from",
  "to",
  "cursor",
  "lang",
];

export const queryString: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...QUERY_KEYS) },
        { weight: 1, arbitrary: fc.constantFrom(...PROTO_KEYS) },
        { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
      ),
      fc.boolean(),
    ),
    { maxLength: 4 },
  )
  .chain((keys) =>
    keys.length === 0
      ? fc.constant("")
      : fc
          .tuple(...keys.map(([key]) => valueFor(key)))
          .map(
            (values) =>
              `?${keys.map(([key, raw], i) => `${encodeURIComponent(key)}=${raw ? (values[i] as string).replace(/[&#\s]/g, "") : encodeURIComponent(values[i] as string)}`).join("&")}`,
          ),
  );

/** Numbers JSON can say that no count is: huge, tiny, negative, fractional, past a double. */
const hostileNumberText = fc.constantFrom(
  "1e309",
  "-1e309",
  "1e-400",
  "123456789012345678901234567890",
  "-0",
  "0.1",
  "-1",
  "9007199254740993",
  "1E2",
);

/** Nesting of arrays and objects around a value, `depth` deep (written out; stringifying would recurse). */
export const nested = (depth: number, open = '{"a":', close = "}") => `${open.repeat(depth)}1${close.repeat(depth)}`;

/** Raw body texts: not JSON, empty, JSON of the wrong kind, hostile numbers, nesting at the limit, prototype keys. */
export const rawBody: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("", " ", "null", "true", "0", '""', "[]", "{}", "{", "}", "[", '{"a":}', "nul", "\ufeff{}", "{}{}"),
  hostileNumberText,
  fc.integer({ min: 28, max: 36 }).map((depth) => nested(depth)),
  fc.integer({ min: 28, max: 36 }).map((depth) => nested(depth, "[", "]")),
  fc
    .constantFrom(...PROTO_KEYS)
    .map((key) => `{"${key}":{"isAdmin":true,"role":"admin","polluted":1},"unitId":"huyen-a","period":"2025-Q3"}`),
  fc.string({ unit: "binary", maxLength: 200 }),
);

/** A JSON value anywhere: fast-check's own, with prototype keys among its object keys. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 5 }) },
  {
    weight: 1,
    arbitrary: fc.dictionary(
      fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ unit: "binary", maxLength: 10 })),
      fc.jsonValue({ maxDepth: 3 }),
      { maxKeys: 5 },
    ),
  },
);

/** A hostile replacement for a field: any JSON, text of any kind, huge numbers, null, long text. */
export const hostileField: fc.Arbitrary<unknown> = fc.oneof(
  anyJson,
  hostileText,
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53 + 2, Number.MAX_VALUE, -Number.MAX_VALUE, [], {}),
  fc.integer({ min: 2001, max: 450_000 }).map((n) => "x".repeat(n)),
  fc.constantFrom(...PROTO_KEYS),
);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Paths to every value of a JSON document (objects and arrays included), root excluded. */
function pathsOf(
  value: Json,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      const path = [...prefix, Array.isArray(value) ? Number(key) : key];
      out.push(path);
      if (out.length < 400) pathsOf(inner as Json, path, out);
    }
  }
  return out;
}

type Mutation =
  | { op: "set"; at: number; value: unknown }
  | { op: "delete"; at: number }
  | { op: "add"; at: number; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant("set" as const), at: fc.nat(), value: hostileField }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("delete" as const), at: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("add" as const),
      at: fc.nat(),
      key: fc.oneof(fc.constantFrom(...PROTO_KEYS, "isAdmin", "role", "passwordHash"), fc.string({ maxLength: 12 })),
      value: hostileField,
    }),
  },
);

function apply(base: Json, mutations: readonly Mutation[]): Json {
  const doc = structuredClone(base);
  for (const change of mutations) {
    const paths = pathsOf(doc);
    const containers = [[] as (string | number)[], ...paths.filter((path) => isObject(get(doc, path)))];
    if (change.op === "add") {
      const target = get(doc, containers[change.at % containers.length] as (string | number)[]);
      // defineProperty: a key named __proto__ becomes an own key, as JSON.parse makes it.
      if (target && typeof target === "object" && !Array.isArray(target))
        Object.defineProperty(target, change.key, {
          value: change.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      continue;
    }
    if (paths.length === 0) continue;
    const path = paths[change.at % paths.length] as (string | number)[];
    const parent = get(doc, path.slice(0, -1)) as Record<string | number, unknown>;
    const last = path.at(-1) as string | number;
    if (change.op === "delete") {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else {
      parent[last] = change.value;
    }
  }
  return doc;
}

const isObject = (value: unknown) => typeof value === "object" && value !== null;
function get(doc: Json, path: readonly (string | number)[]): unknown {
  let node: unknown = doc;
  for (const key of path) node = isObject(node) ? (node as Record<string | number, unknown>)[key] : undefined;
  return node;
}

/** A good body with one to three hostile changes (a field replaced, removed, or a key added anywhere). */
export const mutated = (base: Json): fc.Arbitrary<unknown> =>
  fc.array(mutation, { minLength: 1, maxLength: 3 }).map((mutations) => apply(base, mutations));

const miniMethodology = (): Json => {
  const doc = structuredClone(parProvince) as unknown as { [key: string]: Json };
  return { ...doc, id: "mini", version: "2099.1", areas: (doc.areas as Json[]).slice(0, 2) };
};

/** One good body per write route (its keys as the README documents them), to mutate. */
export const GOOD_BODIES: Record<string, Json> = {
  "POST /api/auth/login": { username: "khach", password: "sai-mat-khau" },
  "POST /api/auth/logout": {},
  "POST /api/users": {
    username: "moi",
    displayName: "Người Mới",
    role: "reporter",
    unitId: "xa-a1",
    password: "mat-khau-du-dai-1",
  },
  "PUT /api/users/:username": { displayName: "Người Thử", role: "chair", unitId: "huyen-a", disabled: false },
  "POST /api/workflow/:cohort/:period": { to: "closed", reason: "Hết hạn", revision: 0 },
  "POST /api/quality/:cohort/:period/checks": { flagId: "huyen-a:history:received:2025-Q3", note: "Đã kiểm tra" },
  "PATCH /api/units/:id/reports/:period": { metrics: { received: 130, resolvedLate: null }, reason: "Sửa số liệu" },
  "PUT /api/units/:id/appraisals/:methodology/:period": {
    scores: { "1.1.1": { selfScore: 1, appraisedScore: 1, reason: "Đủ hồ sơ", evidence: "QĐ 12/2025" } },
    deductions: { "d-1": { points: 0.5, reason: "Chậm" } },
    reason: "Thẩm định",
  },
  "PUT /api/units/:id/commitments": {
    year: 2026,
    measure: "onlineRate",
    comparator: ">=",
    target: 50,
    signedBy: "Chủ tịch",
    signedOn: "2026-01-15",
    note: "Cam kết",
    reason: "Điều chỉnh",
  },
  "POST /api/reports": {
    unitId: "huyen-a",
    period: "2025-Q3",
    metrics: { received: 120, resolvedOnTime: 100, resolvedEarly: 15, resolvedLate: 2 },
    source: "api",
    reason: "Bổ sung",
  },
  "PUT /api/methodologies/:id": miniMethodology(),
  "POST /api/scores/:methodology/:period/recompute": { cohort: "district", version: "2024.1", replace: false },
  "POST /api/imports": { kind: "reports", fileName: "bao-cao quý 3.csv", period: "2025" },
  "PUT /api/calendars/:cohort": { dueDays: 10, overrides: { "2025-Q3": "2025-10-20" }, reason: "Lùi hạn" },
  "POST /api/commitments/template": {
    cohort: "district",
    year: 2026,
    commitments: [
      { measure: "onlineRate", comparator: ">=", target: 50, signedBy: "Chủ tịch", signedOn: "2026-01-15" },
    ],
  },
};

/** A body for a write route: its good body mutated, any JSON, or raw text. */
export const bodyFor = (route: string): fc.Arbitrary<string> => {
  const good = GOOD_BODIES[route];
  return fc.oneof(
    {
      weight: good === undefined ? 0 : 5,
      arbitrary: good === undefined ? fc.constant("{}") : mutated(good).map((b) => JSON.stringify(b)),
    },
    { weight: 2, arbitrary: anyJson.map((value) => JSON.stringify(value) ?? "null") },
    { weight: 1, arbitrary: rawBody },
  );
};
