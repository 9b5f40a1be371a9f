// Public-page figures: what /cong-khai's HTML loads before anything renders (its module script and the
// chunks it preloads), gzipped as a CDN would send them, and what each page and the trend chart fetch
// later on their own. Target (issue "public transparency site"): first-load JS ≤ 60 KB gzip. Read from
// the built web/dist (npm run build first); nothing is asserted.

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { record } from "./measure";

const DIST = "web/dist";
const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const gzipOf = (file: string) => gzipSync(readFileSync(join(DIST, file))).length;

/** The chunks a chunk names (static imports, import() and Vite's preload lists): "./x.js" or "assets/x.js". */
function referenced(file: string): string[] {
  const code = readFileSync(join(DIST, file), "utf8");
  return [...new Set([...code.matchAll(/["'](?:\.\/|\/?assets\/)([\w.-]+\.js)["']/g)].map((m) => `assets/${m[1]}`))];
}

export async function publicBenchmarks(): Promise<void> {
  const html = join(DIST, "cong-khai.html");
  if (!existsSync(html)) {
    record("public pages", "not built: run npm run build");
    return;
  }
  const page = readFileSync(html, "utf8");
  const attribute = (pattern: RegExp) => [...page.matchAll(pattern)].map((m) => (m[1] as string).replace(/^\//, ""));
  const firstLoad = [
    ...attribute(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...attribute(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ];
  const styles = attribute(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g);
  const jsTotal = firstLoad.reduce((sum, file) => sum + gzipOf(file), 0);
  record(`public first-load JS, gzip (${firstLoad.length} files; target ≤ 60 KB)`, kilobytes(jsTotal));
  for (const file of firstLoad) console.log(`  ${kilobytes(gzipOf(file)).padStart(9)} ${file}`);
  record("public first-load CSS, gzip", kilobytes(styles.reduce((sum, file) => sum + gzipOf(file), 0)));

  // Everything reachable from the first load but not in it: the pages' chunks and chart.js.
  const seen = new Set(firstLoad);
  const queue = [...firstLoad];
  const later: string[] = [];
  while (queue.length > 0) {
    for (const next of referenced(queue.shift() as string)) {
      if (seen.has(next) || !existsSync(join(DIST, next))) continue;
      seen.add(next);
      later.push(next);
      queue.push(next);
    }
  }
  const chart = later.filter((file) => /\/chart/.test(file));
  record(
    "public chart.js, gzip (fetched when a chart is on screen)",
    kilobytes(chart.reduce((sum, file) => sum + gzipOf(file), 0)),
  );
  record(
    "public page chunks, gzip (each page fetches its own)",
    kilobytes(later.filter((file) => !chart.includes(file)).reduce((sum, file) => sum + gzipOf(file), 0)),
  );
  for (const file of later.filter((item) => !chart.includes(item))) {
    console.log(`  ${kilobytes(gzipOf(file)).padStart(9)} ${file}`);
  }
}
