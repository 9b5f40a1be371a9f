// The public pages' routes (below /cong-khai) over the History API: the current address as state, the
// route table, and the links the pages build. Nothing here knows the staff dashboard's routes. No path
// segment holds a dot (a methodology's version goes in ?phien-ban=): CloudFront serves a last segment
// with a dot as a file, not as a page (infra/constructs/site.ts).

export const BASE = "/cong-khai";

export const location = $state({ path: window.location.pathname, search: window.location.search });

function sync() {
  location.path = window.location.pathname;
  location.search = window.location.search;
}

export function navigate(href: string) {
  history.pushState({}, "", href);
  sync();
}

window.addEventListener("popstate", sync);

/** Follows same-origin links to public pages without a page load; files (/public/…) open as usual. */
export function interceptLinks(event: MouseEvent) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const anchor = (event.target as Element | null)?.closest("a");
  if (!anchor || anchor.target || anchor.hasAttribute("download") || anchor.origin !== window.location.origin) return;
  if (anchor.pathname !== BASE && !anchor.pathname.startsWith(`${BASE}/`)) return;
  event.preventDefault();
  navigate(anchor.pathname + anchor.search);
}

export type Route =
  | { readonly page: "home" }
  | { readonly page: "board"; readonly cohort: string; readonly period: string; readonly table: string }
  | { readonly page: "unit"; readonly unitId: string }
  | { readonly page: "methods" }
  | { readonly page: "method"; readonly methodologyId: string; readonly version: string | null }
  | { readonly page: "openData" }
  | { readonly page: "notFound" };

const PATTERNS: readonly [string, (params: Record<string, string>) => Route][] = [
  ["", () => ({ page: "home" })],
  [
    "xep-hang/:cohort/:period/:table",
    (p) => ({ page: "board", cohort: p.cohort ?? "", period: p.period ?? "", table: p.table ?? "" }),
  ],
  ["don-vi/:unitId", (p) => ({ page: "unit", unitId: p.unitId ?? "" })],
  ["phuong-phap", () => ({ page: "methods" })],
  ["phuong-phap/:id", (p) => ({ page: "method", methodologyId: p.id ?? "", version: p["phien-ban"] ?? null })],
  ["du-lieu-mo", () => ({ page: "openData" })],
];

function match(pattern: string, parts: readonly string[]): Record<string, string> | null {
  const want = pattern.split("/").filter(Boolean);
  if (want.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const value = parts[i] as string;
    if (part.startsWith(":")) params[part.slice(1)] = value;
    else if (part !== value) return null;
  }
  return params;
}

export function routeOf(path: string, search = ""): Route {
  if (path !== BASE && !path.startsWith(`${BASE}/`)) return { page: "notFound" };
  let parts: string[];
  try {
    parts = path.slice(BASE.length).split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    return { page: "notFound" };
  }
  const query = Object.fromEntries(new URLSearchParams(search));
  for (const [pattern, route] of PATTERNS) {
    const params = match(pattern, parts);
    if (params) return route({ ...query, ...params });
  }
  return { page: "notFound" };
}

import { profilePath } from "../../../../shared/publication";

const part = encodeURIComponent;

export const links = {
  home: () => BASE,
  board: (cohort: string, period: string, table: string) =>
    `${BASE}/xep-hang/${part(cohort)}/${part(period)}/${part(table)}`,
  /** The badge links here too (shared/publication.ts). */
  unit: profilePath,
  methods: () => `${BASE}/phuong-phap`,
  method: (id: string, version?: string) =>
    `${BASE}/phuong-phap/${part(id)}${version ? `?phien-ban=${part(version)}` : ""}`,
  openData: () => `${BASE}/du-lieu-mo`,
};
