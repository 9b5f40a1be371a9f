// CSV output shared by the CLI and the dashboard's exports: RFC 4180 quoting, CRLF line ends.

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d[\d.,]*(e[+-]?\d+)?$/i;

/**
 * A text cell a spreadsheet would run as a formula (= + - @, tab, CR first) gets a leading apostrophe
 * (OWASP's CSV-injection advice); numbers, and text that is only a number such as "-3,5", stay as they are.
 */
export function neutralizeCell(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

export function csvLine(cells: readonly CsvCell[]): string {
  return cells
    .map((value) => {
      const text = value === null || value === undefined ? "" : neutralizeCell(String(value));
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(",");
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map(csvLine).join("\r\n");
}

/** A number for machine-readable output: rounded, dot decimal, empty when missing. */
export function csvNumber(value: number | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  const factor = 10 ** decimals;
  return String(Math.round(value * factor) / factor);
}
