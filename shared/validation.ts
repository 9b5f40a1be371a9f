// Validation outcomes shared by every input path: a list of issues, each tied to a field path and a
// catalogue message, so the API, the form and file imports can say what is wrong in the user's language.

import { formatNumber } from "./format";
import { isMessageKey, type Lang, type MessageKey, type MessageParams, translate } from "./i18n";

export interface ValidationIssue {
  /** Dotted path of the offending field, e.g. "metrics.resolvedLate"; "" for the whole input. */
  readonly path: string;
  readonly key: MessageKey;
  /** Values for the message; a param named "…Label" holds a catalogue key and is translated too;
   *  numbers are formatted for the reader (61.475 / 61,475). */
  readonly params?: MessageParams;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

export interface LocalizedIssue {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

export function localizeIssues(issues: readonly ValidationIssue[], lang: Lang): LocalizedIssue[] {
  return issues.map((issue) => ({
    path: issue.path,
    code: issue.key.replace(/^error\./, ""),
    message: translate(lang, issue.key, localizeParams(issue.params, lang)),
  }));
}

/**
 * Params for a message: "…Label" params name catalogue keys and are translated; "…Date" params
 * (yyyy-mm-dd) read dd/mm/yyyy in Vietnamese; numbers are formatted (61.475 / 61,475).
 */
export function localizeParams(params: MessageParams | undefined, lang: Lang): MessageParams | undefined {
  if (!params) return params;
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) =>
      name.endsWith("Label") && typeof value === "string" && isMessageKey(value)
        ? [name, translate(lang, value)]
        : name.endsWith("Date") && typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)
          ? [name, lang === "vi" ? value.split("-").reverse().join("/") : value]
          : [name, typeof value === "number" ? formatNumber(lang, value) : value],
    ),
  );
}
