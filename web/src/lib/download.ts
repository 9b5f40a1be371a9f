// Downloads from the API (templates, error reports, the audit CSV) are plain links: locally the session
// cookie goes with them. In the cloud a link cannot carry the token, so the file is fetched with it and
// handed to the browser as a blob.

import { locale, t } from "./i18n.svelte";
import { authHeaders, session } from "./session.svelte";

/** onclick of an <a href="/api/…" download>: does nothing locally, fetches with the token in the cloud. */
export function downloadWithSession(event: MouseEvent): void {
  if (session.mode !== "cloud" || session.status !== "signedIn") return;
  event.preventDefault();
  const anchor = event.currentTarget as HTMLAnchorElement;
  void (async () => {
    const response = await fetch(anchor.href, {
      headers: { ...(await authHeaders()), "accept-language": locale.lang },
    }).catch((failure: Error) => failure);
    // A link that fails must say so: the person clicked and expects a file.
    if (response instanceof Error || !response.ok) {
      const message = response instanceof Error ? response.message : `HTTP ${response.status}`;
      window.alert(t("common.loadFailed", { message }));
      return;
    }
    const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "download";
    const url = URL.createObjectURL(await response.blob());
    const link = Object.assign(document.createElement("a"), { href: url, download: name });
    link.click();
    URL.revokeObjectURL(url);
  })();
}
