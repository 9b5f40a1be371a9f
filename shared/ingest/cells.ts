// Reading one cell as written by a person or a spreadsheet: counts with thousands separators either way
// (1.234 or 1,234), empty cells as "not reported", formulas and garbage as errors.

import type { MessageKey } from "../i18n";

export type CellResult<T> = { ok: true; value: T } | { ok: false; key: MessageKey };

const GROUPED = /^\d{1,3}(?:[.,\u00a0 ]\d{3})+$/;
const PLAIN = /^\d+$/;

/** A non-negative whole number, undefined for an empty cell. */
export function readCount(text: string): CellResult<number | undefined> {
  const value = text.trim();
  if (value === "") return { ok: true, value: undefined };
  if (/^[=+@]/.test(value) || /^-\D/.test(value)) return { ok: false, key: "error.import.formula" };
  if (PLAIN.test(value)) return { ok: true, value: Number(value) };
  // Digits grouped by threes can only be thousands: counts are whole numbers.
  if (GROUPED.test(value)) return { ok: true, value: Number(value.replace(/[.,\u00a0 ]/g, "")) };
  return { ok: false, key: "error.import.count" };
}
