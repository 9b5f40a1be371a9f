// Downloads a CSV built with shared/csv.ts, with a BOM so Excel opens Vietnamese text as UTF-8.

export { toCsv } from "../../../shared/csv";

export function downloadCsv(fileName: string, csv: string) {
  const url = URL.createObjectURL(new Blob(["\ufeff", csv], { type: "text/csv;charset=utf-8" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
