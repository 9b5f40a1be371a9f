// English messages of report plausibility, combined counts, filing periods and data quality.

import type { viFigures } from "./vi-figures";

export const enFigures: Record<keyof typeof viFigures, string> = {
  "metric.resolvedEarlyOrOnTime": "Resolved early or on time (one figure)",
  "error.balanceNeedsCarriedOver":
    "Resolved ({resolved}) exceeds received ({received}): enter the carried-over applications (brought from the previous period).",
  "error.combinedMismatch":
    "Resolved early or on time ({combined}) must equal early + on time ({sum}); when you give them separately, leave this field empty.",
  "error.partsExceedWhole": "{partsLabel} ({partValue}) cannot exceed {wholeLabel} ({wholeValue}).",
  "metric.receivedChannels": "Received online + by post",
  "error.filingPeriod":
    "Invalid reporting period: {value}. Reports are monthly (e.g. 2026-M07) or quarterly (e.g. 2026-Q3).",
  "error.import.allBlank": "The file has no row with figures ({blank} rows left blank).",
  "import.blankRows": "{blank} rows left blank were skipped.",
  "error.quality.unknownFlag": "There is no flag {value} in this period.",
  "error.explain.noScores": "{unitId} has no scores for both {period} and {previous} to compare.",
  "error.tooLong": "Too long: at most {max} characters.",
  "error.tooDeep": "The body nests too deeply (at most {max} levels).",
  "error.bodyTooLarge": "The body is too large (at most {max}). Upload large files on the Upload page.",
  "error.appraisal.evidence": "Evidence is a list of at most 20 items of at most 300 characters each.",
  "error.periodNotEnded": "{period} has not ended yet: its report can be filed from {opensDate} (Vietnam time).",
};
