// Client-side routing over the History API: the current path and query as state, and navigate().

export const location = $state({ path: window.location.pathname, search: window.location.search });

function sync() {
  location.path = window.location.pathname;
  location.search = window.location.search;
}

export function navigate(href: string, replace = false) {
  if (replace) history.replaceState({}, "", href);
  else history.pushState({}, "", href);
  sync();
  window.scrollTo(0, 0);
}

window.addEventListener("popstate", sync);

/** Follows same-origin <a href> clicks without a page load; modified clicks open as usual. */
export function interceptLinks(event: MouseEvent) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const anchor = (event.target as Element | null)?.closest("a");
  if (!anchor || anchor.target || anchor.hasAttribute("download") || anchor.origin !== window.location.origin) return;
  if (anchor.pathname.startsWith("/api/")) return;
  event.preventDefault();
  navigate(anchor.pathname + anchor.search);
}

/** Matches "/leaderboard/:cohort/:period" style patterns; returns the named parts or null. */
export function match<Name extends string>(pattern: string, path: string): Record<Name, string> | null {
  const want = pattern.split("/").filter(Boolean);
  const have = path.split("/").filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const part = want[i] as string;
    const value = have[i] as string;
    if (part.startsWith(":")) params[part.slice(1)] = decodeURIComponent(value);
    else if (part !== value) return null;
  }
  return params as Record<Name, string>;
}
