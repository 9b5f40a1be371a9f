// Writes a table as an XLSX file and downloads it: shared/xlsx.ts builds the parts, the browser's own
// CompressionStream deflates them. Loaded on demand (lib/sheet.ts imports it when the button is pressed).

import { type XlsxCell, xlsxParts, zip } from "../../../shared/xlsx";

async function deflateRaw(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function downloadXlsx(fileName: string, sheetName: string, rows: readonly (readonly XlsxCell[])[]) {
  const parts = await Promise.all(
    xlsxParts(sheetName, rows).map(async (part) => ({ ...part, packed: await deflateRaw(part.data) })),
  );
  const blob = new Blob([zip(parts) as BlobPart], {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the link; the object URL can go once this task ends.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
