// The published tables as open data: the same rows as the public JSON, flattened into columns for CSV
// and XLSX, and a data dictionary naming every column (Vietnamese and English), with the licence.

import type { CsvCell } from "./csv";
import { toCsv } from "./csv";
import type { LeaderboardRow } from "./leaderboard";
import type { Methodology } from "./methodology/model";
import type { Ranking } from "./ranking";

export const LICENCE = {
  vi: "Dữ liệu mở theo giấy phép Creative Commons Ghi công 4.0 (CC BY 4.0): được dùng lại, ghi rõ nguồn ParWatch và ngày công bố.",
  en: "Open data under Creative Commons Attribution 4.0 (CC BY 4.0): reuse it, citing ParWatch and the date published.",
  url: "https://creativecommons.org/licenses/by/4.0/",
} as const;

export interface Column {
  readonly id: string;
  readonly vi: string;
  readonly en: string;
  readonly type: "integer" | "number" | "text";
}

export interface Table {
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly CsvCell[])[];
}

const RANK: Column = {
  id: "rank",
  vi: "Hạng (đồng hạng khi bằng nhau; trống: chưa đủ số liệu)",
  en: "Rank (ties share a rank; empty: incomplete figures)",
  type: "integer",
};
const UNIT: Column = { id: "unitId", vi: "Mã đơn vị", en: "Unit id", type: "text" };
const NAME: Column = { id: "name", vi: "Tên đơn vị", en: "Unit name", type: "text" };
const CHANGE: Column = {
  id: "change",
  vi: "Thay đổi so với kỳ trước (điểm %)",
  en: "Change against the previous period (points)",
  type: "number",
};
const RANK_CHANGE: Column = {
  id: "rankChange",
  vi: "Thay đổi thứ hạng (dương: tăng hạng)",
  en: "Rank change (positive: moved up)",
  type: "integer",
};

export function leaderboardTable(
  methodology: Methodology,
  rows: readonly LeaderboardRow[],
  withChange: boolean,
): Table {
  const areas = methodology.areas.map((area) => ({
    id: `area.${area.id}`,
    vi: `Lĩnh vực ${area.id}: ${area.label.vi} (tối đa ${area.max} điểm)`,
    en: `Area ${area.id}: ${area.label.en ?? area.label.vi} (max ${area.max} points)`,
    type: "number" as const,
  }));
  const columns: Column[] = [
    RANK,
    UNIT,
    NAME,
    { id: "index", vi: "Chỉ số (% điểm tối đa)", en: "Index (% of the maximum)", type: "number" },
    { id: "band", vi: "Xếp loại", en: "Band", type: "text" },
    ...(withChange ? [CHANGE, RANK_CHANGE] : []),
    ...areas,
  ];
  return {
    columns,
    rows: rows.map((row) => [
      row.rank,
      row.unitId,
      row.name,
      row.index === null ? null : round(row.index),
      row.band?.label.vi ?? null,
      ...(withChange ? [row.change === null ? null : round(row.change), row.rankChange] : []),
      ...methodology.areas.map((area) => {
        const score = row.areas.find((candidate) => candidate.id === area.id)?.score;
        return score === undefined ? null : round(score);
      }),
    ]),
  };
}

export function rateTable(ranking: Ranking, withChange: boolean): Table {
  const columns: Column[] = [
    RANK,
    UNIT,
    NAME,
    { id: "value", vi: "Giá trị (%)", en: "Value (%)", type: "number" },
    ...(withChange ? [CHANGE, RANK_CHANGE] : []),
  ];
  return {
    columns,
    rows: ranking.rows.map((row) => [
      row.rank,
      row.unitId,
      row.name,
      row.value === null ? null : round(row.value),
      ...(withChange ? [row.change === null ? null : round(row.change), row.rankChange] : []),
    ]),
  };
}

/** CSV for Excel: UTF-8 with a byte-order mark, headings are the column ids (the dictionary names them). */
export function tableCsv(table: Table): string {
  return `\ufeff${toCsv(
    table.columns.map((column) => column.id),
    table.rows,
  )}\r\n`;
}

/** The heading row and the rows, for the XLSX writer: headings in Vietnamese, officials' first language. */
export function tableSheet(table: Table): (string | number | null)[][] {
  return [
    table.columns.map((column) => column.vi),
    ...table.rows.map((row) => row.map((cell) => (cell === undefined || typeof cell === "boolean" ? null : cell))),
  ];
}

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * The data dictionary: every file kind under /public/v1/ and every column of its tables. Area columns
 * (`area.<id>`) are named per methodology in the leaderboard's JSON (`methodology`) and its document.
 */
export function dataDictionary() {
  const base = [RANK, UNIT, NAME];
  return {
    schema: "parwatch-public/1",
    licence: LICENCE,
    paths: {
      "index.json":
        "Mọi nhóm đơn vị và kỳ đã công bố, với đường dẫn các tệp / every published cohort-period and its files",
      "v1/{cohort}/{period}/{snapshot}/leaderboards/{methodology}.{json,csv,xlsx}":
        "Bảng xếp hạng theo bộ chỉ số / a methodology's leaderboard",
      "v1/{cohort}/{period}/{snapshot}/rates/{rate}.{json,csv,xlsx}": "Xếp hạng theo tỷ lệ / a rate's ranking",
      "v1/{cohort}/{period}/{snapshot}/units/{unitId}.json":
        "Kết quả của một đơn vị trong kỳ / one unit's results of the period",
      "v1/{cohort}/{period}/{snapshot}/methodologies/{id}-{version}.json":
        "Bộ chỉ số đã dùng / the methodology document used",
      "v1/{cohort}/{period}/{snapshot}/badges/{unitId}.svg · cards/{unitId}.html":
        "Huy hiệu và thẻ của kỳ / the period's badge and card",
      "v1/badges/{unitId}.svg · v1/cards/{unitId}.html":
        "Huy hiệu và thẻ mới nhất của đơn vị (để nhúng) / the unit's latest badge and card (to embed)",
    },
    note: "Một ảnh chụp (snapshot) không bao giờ bị sửa; công bố lại tạo ảnh chụp mới và index.json trỏ tới nó. / A snapshot never changes; republishing makes a new one and index.json points to it.",
    tables: {
      leaderboard: [
        ...base,
        { id: "index", vi: "Chỉ số (% điểm tối đa)", en: "Index (% of the maximum)", type: "number" },
        { id: "band", vi: "Xếp loại", en: "Band", type: "text" },
        CHANGE,
        RANK_CHANGE,
        { id: "area.{id}", vi: "Điểm lĩnh vực {id}", en: "Score of area {id}", type: "number" },
      ],
      rate: [...base, { id: "value", vi: "Giá trị (%)", en: "Value (%)", type: "number" }, CHANGE, RANK_CHANGE],
    },
  };
}
