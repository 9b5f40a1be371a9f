// The one way the public pages read data: the published static files under /public/ (never /api/).
// Snapshot files never change, so a file read once is kept for the visit; a page that is left cancels
// its requests (AbortSignal).

import { PUBLIC_INDEX, PUBLIC_PREFIX } from "../../../../shared/publication";
import type { PublicIndex } from "./types";

/** A file the index does not name, or that is not there: the page says "not published". */
export class NotPublishedError extends Error {
  constructor(readonly path: string) {
    super(`not published: ${path}`);
  }
}

const kept = new Map<string, unknown>();

/** The URL of a published file from its key in the index ("public/v1/…" → "/public/v1/…"). */
export function fileUrl(key: string): string {
  if (!key.startsWith(`${PUBLIC_PREFIX}/`) || key.includes("..")) throw new NotPublishedError(key);
  return `/${key}`;
}

export async function readPublic<T>(key: string, signal?: AbortSignal): Promise<T> {
  const url = fileUrl(key);
  if (kept.has(url)) return kept.get(url) as T;
  const response = await fetch(url, { signal, headers: { accept: "application/json" } });
  if (response.status === 404 || response.status === 403) throw new NotPublishedError(key);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const value = (await response.json()) as T;
  kept.set(url, value);
  return value;
}

/** /public/index.json; none yet (nothing ever published) reads as an empty index. */
export async function readIndex(signal?: AbortSignal): Promise<PublicIndex | null> {
  try {
    return await readPublic<PublicIndex>(PUBLIC_INDEX, signal);
  } catch (failure) {
    if (failure instanceof NotPublishedError) return null;
    throw failure;
  }
}
