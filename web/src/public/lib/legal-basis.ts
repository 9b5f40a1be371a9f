// The legal basis of a methodology: the decisions its source note names ("Decision 876/QĐ-BNV
// (2022–2030, …)", "… 892/QĐ-BNV of 05/12/2024") with the year written beside each. The document has
// no field of its own for them yet, so they are read from its description, in the order they appear.

export interface Decision {
  /** As written: 876/QĐ-BNV. */
  readonly number: string;
  /** The year written right after it (a date's year, or the first year in brackets); null when none. */
  readonly year: number | null;
}

const DECISION = /(\d+\/Q[ĐD]-[A-Za-zĐđ]+)(?:\s+(?:of|ngày)\s+\d{1,2}\/\d{1,2}\/(\d{4})|\s*\((\d{4}))?/gu;

export function decisionsIn(text: string): Decision[] {
  const found = new Map<string, Decision>();
  for (const match of text.matchAll(DECISION)) {
    const number = match[1] as string;
    const year = match[2] ?? match[3];
    if (!found.has(number)) found.set(number, { number, year: year ? Number(year) : null });
  }
  return [...found.values()];
}
