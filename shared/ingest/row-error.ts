// A problem with one cell of an uploaded or imported file: row number (the header is row 1), column,
// the value as written, and a catalogue message. Kept to the first few hundred, counted beyond.

import { type Lang, type MessageKey, type MessageParams, translate } from "../i18n";
import type { ValidationIssue } from "../validation";

export interface RowError {
  readonly row: number;
  readonly column: string;
  readonly value: string;
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

export const KEPT_ERRORS = 500;
/** A cell quoted in an error keeps this many characters: the kept errors of a file fit one stored item. */
export const KEPT_VALUE = 200;

const clip = (text: string) => (text.length > KEPT_VALUE ? `${text.slice(0, KEPT_VALUE)}…` : text);

function clipped(error: RowError): RowError {
  return {
    ...error,
    column: clip(error.column),
    value: clip(error.value),
    ...(error.params
      ? {
          params: Object.fromEntries(
            Object.entries(error.params).map(([name, value]) => [
              name,
              typeof value === "string" ? clip(value) : value,
            ]),
          ),
        }
      : {}),
  };
}

/** Row errors of one file: keeps the first ones and counts the rest (a bad file may have millions). */
export class RowErrors {
  readonly kept: RowError[] = [];
  count = 0;

  push(error: RowError): void {
    this.count++;
    if (this.kept.length < KEPT_ERRORS) this.kept.push(clipped(error));
  }

  /** Adds a row's validation issues, each at the column its path names, with the cell as written. */
  pushIssues(row: number, issues: readonly ValidationIssue[], cell: (column: string) => string): void {
    for (const issue of issues) {
      this.push({
        row,
        column: issue.path,
        value: cell(issue.path),
        key: issue.key,
        ...(issue.params ? { params: issue.params } : {}),
      });
    }
  }
}

export interface LocalizedRowError {
  readonly row: number;
  readonly column: string;
  readonly value: string;
  readonly code: string;
  readonly message: string;
}

export function localizeRowError(error: RowError, lang: Lang): LocalizedRowError {
  return {
    row: error.row,
    column: error.column,
    value: error.value,
    code: error.key.replace(/^(error|cli\.error)\./, ""),
    message: translate(lang, error.key, error.params),
  };
}
