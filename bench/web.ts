// Dashboard figures: first-load JS of each staff page (the HTML's entry and preloads, then the page's own
// chunk and what it imports statically), gzipped as a CDN would send them; the whole dashboard; where
// chart.js and the XLSX writer load; and, in Chromium, the time to render and to sort a 3,321-row
// leaderboard (the number of communes in Vietnam since July 2025) — the built dashboard served by a route
// handler that answers the API with generated rows. Targets (issue #13): leaderboard page ≤ 100 KB gzip
// first load, chart.js only where a chart shows, a sort of 3,321 rows ≤ 100 ms. Read from web/dist (npm
// run build first); nothing is asserted.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { ms, record } from "./measure";

const DIST = "web/dist";
const ROWS = 3321;
const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const gzipOf = (file: string) => gzipSync(readFileSync(join(DIST, file))).length;
const sumOf = (files: Iterable<string>) => [...files].reduce((sum, file) => sum + gzipOf(file), 0);

/** The staff pages as App.svelte routes them: each is its own chunk, named after its component. */
const PAGES = [
  ["sign-in (the shell alone)", null],
  ["leaderboard", "Leaderboard"],
  ["scores", "Scores"],
  ["unit", "UnitPage"],
  ["report form", "ReportForm"],
  ["upload", "Upload"],
  ["filing", "Filing"],
  ["commitments", "Commitments"],
  ["quality", "Quality"],
  ["briefing", "Briefing"],
  ["compare", "Compare"],
  ["users", "Users"],
  ["audit", "Audit"],
] as const;

/** A chunk's imports: static (`import … from "./x.js"`, `import "./x.js"`) and dynamic (`import("./x.js")`). */
function importsOf(file: string): { statics: string[]; dynamics: string[] } {
  const code = readFileSync(join(DIST, file), "utf8");
  const found = (pattern: RegExp) => [...new Set([...code.matchAll(pattern)].map((m) => `assets/${m[1]}`))];
  return {
    statics: found(/(?:\bfrom|\bimport)\s*["'`]\.\/([\w.-]+\.js)["'`]/g),
    dynamics: found(/\bimport\(\s*["'`]\.\/([\w.-]+\.js)["'`]\s*\)/g),
  };
}

/** Every chunk a set of chunks pulls in before it runs (static imports, transitively). */
function staticClosure(roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file) || !existsSync(join(DIST, file))) continue;
    seen.add(file);
    queue.push(...importsOf(file).statics);
  }
  return seen;
}

/** Everything reachable from the roots, on first load or later (dynamic imports too), not going through `around`. */
function reachable(roots: readonly string[], around: ReadonlySet<string> = new Set()): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file) || around.has(file) || !existsSync(join(DIST, file))) continue;
    seen.add(file);
    const { statics, dynamics } = importsOf(file);
    queue.push(...statics, ...dynamics);
  }
  return seen;
}

function sizes(): void {
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  const attribute = (pattern: RegExp) => [...html.matchAll(pattern)].map((m) => (m[1] as string).replace(/^\//, ""));
  const entry = attribute(/<script[^>]*type="module"[^>]*src="([^"]+)"/g);
  const preloads = attribute(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g);
  const shell = staticClosure([...entry, ...preloads]);
  const assets = readdirSync(join(DIST, "assets"));
  const chunkOf = (name: string) => {
    const file = assets.find((item) => new RegExp(`^${name}-[\\w-]{8}\\.js$`).test(item));
    return file ? `assets/${file}` : null;
  };
  // chart.js itself: the chunk lib/chart-js.ts's chunk imports (the small wrapper is not the library).
  const wrapper = chunkOf("chart-js");
  const chartLibrary = wrapper ? [...staticClosure([wrapper])].filter((file) => file !== wrapper) : [];
  const xlsx = chunkOf("xlsx");

  const everything = reachable([...entry, ...preloads]);
  const css = assets.filter(
    (file) =>
      file.endsWith(".css") && !/^(cong-khai|Board|Home|Method|Methods|OpenData|ScrollBox|SourceLine|Unit)-/.test(file),
  );
  record(`dashboard, all JS reachable from index.html, gzip (${everything.size} files)`, kilobytes(sumOf(everything)));
  record("dashboard CSS, gzip (all pages)", kilobytes(css.reduce((sum, file) => sum + gzipOf(`assets/${file}`), 0)));
  record(`chart.js, gzip (${chartLibrary.length} file; fetched when a chart is drawn)`, kilobytes(sumOf(chartLibrary)));
  if (xlsx) record('XLSX writer, gzip (fetched when "Tải Excel" is pressed)', kilobytes(gzipOf(xlsx)));
  console.log("  first-load JS per page, gzip (target: leaderboard ≤ 100 KB); later = fetched on demand");
  for (const [label, component] of PAGES) {
    const page = component ? chunkOf(component) : null;
    if (component && !page) {
      console.log(`  ${label.padEnd(28)} no chunk ${component}-*.js (not split from the entry?)`);
      continue;
    }
    const first = staticClosure([...shell, ...(page ? [page] : [])]);
    // What the page itself fetches later (chart.js, the XLSX writer), not the other pages the shell routes to.
    const later = page ? [...reachable([page], shell)].filter((file) => !first.has(file)) : [];
    const chart = chartLibrary.some((file) => first.has(file))
      ? "chart.js IN FIRST LOAD"
      : chartLibrary.some((file) => later.includes(file))
        ? "chart.js later"
        : "no chart.js";
    console.log(
      `  ${label.padEnd(28)} ${kilobytes(sumOf(first)).padStart(9)}   later ${kilobytes(sumOf(later)).padStart(9)}   ${chart}`,
    );
  }
}

// ——— a 3,321-row leaderboard in Chromium ———

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

function generated() {
  const districts = Array.from({ length: 100 }, (_, d) => ({
    id: `huyen-${d + 1}`,
    name: `Huyện ${d + 1}`,
    parentId: "tinh",
    cohort: "district",
  }));
  const communes = Array.from({ length: ROWS }, (_, c) => ({
    id: `xa-${c + 1}`,
    name: `Xã ${String(c + 1).padStart(4, "0")}`,
    parentId: districts[c % districts.length]?.id ?? "huyen-1",
    cohort: "commune",
  }));
  const tree = [
    {
      id: "tinh",
      name: "Tỉnh",
      parentId: null,
      cohort: "province",
      children: districts.map((district) => ({
        ...district,
        children: communes
          .filter((commune) => commune.parentId === district.id)
          .map((commune) => ({ ...commune, children: [] })),
      })),
    },
  ];
  // A deterministic spread of 70–100 %, a few units without figures, changes against the previous period.
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const values = communes.map((commune, i) => ({ commune, value: i % 97 === 0 ? null : 70 + random() * 30 }));
  const ordered = [...values].sort((a, b) => (b.value ?? -1) - (a.value ?? -1));
  const rows = ordered.map(({ commune, value }, i) => {
    const previousValue = value === null ? null : Math.min(100, Math.max(60, value + (random() - 0.5) * 6));
    const parent = districts.find((district) => district.id === commune.parentId) ?? null;
    return {
      unitId: commune.id,
      name: commune.name,
      value,
      rank: value === null ? null : i + 1,
      previousValue,
      previousRank: value === null ? null : Math.max(1, i + 1 + Math.round((random() - 0.5) * 40)),
      change: value === null || previousValue === null ? null : value - previousValue,
      rankChange: value === null ? null : Math.round((random() - 0.5) * 40),
      missing: value === null ? ["2026-Q3"] : [],
      missingInputs: [],
      parent: parent ? { id: parent.id, name: parent.name } : null,
    };
  });
  return {
    tree,
    ranking: {
      cohort: "commune",
      period: "2026-9M",
      previousPeriod: "2026-H1",
      metric: "onTimeRateOfResolved",
      better: "higher",
      rows,
    },
  };
}

async function leaderboardInChromium(): Promise<void> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    record(`leaderboard of ${ROWS} rows in Chromium`, `not run: no Chromium at ${executablePath}`);
    return;
  }
  const { tree, ranking } = generated();
  const browser = await chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: "vi-VN" });
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let asked: () => void = () => {};
    const rankingAsked = new Promise<void>((resolve) => {
      asked = resolve;
    });
    const origin = "http://parwatch.bench";
    await page.route(`${origin}/**`, async (route) => {
      const url = new URL(route.request().url());
      const json = (body: unknown, status = 200) =>
        route.fulfill({ status, contentType: "application/json", body: JSON.stringify(body) });
      if (url.pathname === "/api/auth/me")
        return json({ user: { username: "bench-inspector", role: "inspector", unitId: "tinh", displayName: "Bench" } });
      if (url.pathname === "/api/units") return json({ cohorts: ["province", "district", "commune"], tree });
      if (url.pathname === "/api/periods")
        return json({ filed: ["2026-9M", "2026-H1"], selectable: ["2026-9M", "2026-H1"] });
      if (url.pathname.startsWith("/api/rankings/")) {
        asked();
        await held;
        return json(ranking);
      }
      if (url.pathname.startsWith("/api/")) return json({ error: "not in the benchmark" }, 404);
      const file = join(DIST, url.pathname);
      if (url.pathname !== "/" && existsSync(file) && extname(file))
        return route.fulfill({
          body: readFileSync(file),
          contentType: CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
        });
      return route.fulfill({ body: readFileSync(join(DIST, "index.html")), contentType: CONTENT_TYPES[".html"] });
    });

    const started = performance.now();
    await page.goto(`${origin}/leaderboard/commune/2026-9M?metric=onTimeRateOfResolved`);
    await rankingAsked;
    record(
      "leaderboard page: navigation to the rankings request (shell + page chunk)",
      ms(performance.now() - started),
    );
    // From the answer's release to the table laid out (its first rows, or all), timed inside the page.
    // Scripts go as text: tsx's name helper (__name) does not exist inside the page.
    await page.evaluate(`(() => {
      const t0 = performance.now();
      window.renderDone = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          const drawn = document.querySelectorAll("table.ranking tbody tr").length;
          if (drawn > 0 && (drawn === ${ROWS} || document.querySelector(".more-rows"))) {
            void document.body.offsetHeight;
            observer.disconnect();
            resolve([performance.now() - t0, drawn]);
          }
        });
        observer.observe(document.body, { childList: true, subtree: true });
      });
    })()`);
    release();
    const [render, drawn] = (await page.evaluate("window.renderDone")) as [number, number];
    record(`render a ${ROWS}-row leaderboard (answer → ${drawn} rows drawn, laid out)`, ms(render));

    // A heading's sort: click, Svelte's flush, layout; alternately ascending and descending.
    const sortTimes = async (heading: string) =>
      (await page.evaluate(`(async () => {
        const label = ${JSON.stringify(heading)};
        const button = [...document.querySelectorAll("table.ranking thead th button")].find((item) => item.textContent.includes(label));
        if (!button) throw new Error("no heading " + label);
        const times = [];
        for (let i = 0; i < 6; i++) {
          const before = document.querySelector("table.ranking tbody tr th").textContent;
          const t0 = performance.now();
          button.click();
          await new Promise((resolve) => setTimeout(resolve, 0));
          void document.body.offsetHeight;
          times.push(performance.now() - t0);
          if (document.querySelector("table.ranking tbody tr th").textContent === before && i > 0)
            throw new Error("sorting by " + label + " did not reorder the rows");
        }
        return times.sort((a, b) => a - b);
      })()`)) as number[];
    const describe = (times: number[]) =>
      `p50 ${ms(times[Math.floor(times.length / 2)] as number)} · max ${ms(times.at(-1) as number)} (n=${times.length}; target ≤ 100 ms)`;
    record(
      `sort ${ROWS} rows by value (click → ${drawn} first reordered, laid out)`,
      describe(await sortTimes("Giá trị")),
    );
    record(`sort ${ROWS} rows by unit name (Vietnamese collation)`, describe(await sortTimes("Đơn vị")));
    if (drawn < ROWS) {
      // The reader asks for every row: the same table with all 3,321 drawn.
      const all = (await page.evaluate(`(async () => {
        const button = [...document.querySelectorAll(".more-rows button")].at(-1);
        const t0 = performance.now();
        button.click();
        await new Promise((resolve) => setTimeout(resolve, 0));
        void document.body.offsetHeight;
        return [performance.now() - t0, document.querySelectorAll("table.ranking tbody tr").length];
      })()`)) as [number, number];
      record(`"show all": draw the other rows (${all[1]} in the DOM)`, ms(all[0]));
      record(`sort with all ${all[1]} rows drawn, by value`, describe(await sortTimes("Giá trị")));
    }
    await page.close();
  } finally {
    await browser.close();
  }
}

export async function webBenchmarks(): Promise<void> {
  console.log("\nDashboard (staff pages)");
  if (!existsSync(join(DIST, "index.html"))) {
    record("dashboard", "not built: run npm run build");
    return;
  }
  sizes();
  await leaderboardInChromium();
}

if (import.meta.url === `file://${process.argv[1]}`) await webBenchmarks();
