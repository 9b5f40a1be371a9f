// CSV output shared by the CLI and the dashboard's exports: RFC 4180 quoting, CRLF line ends.

export type CsvCell = string | number | boolean | null | undefined;

export function csvLine(cells: readonly CsvCell[]): string {
  return cells
    .map((value) => {
      const text = value === null || value === undefined ? "" : String(value);
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
