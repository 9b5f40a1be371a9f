// The period report a unit files: structure and cross-field checks, with one issue per offending field.

import * as z from "zod/mini";
import type { MessageKey } from "./i18n";
import { METRIC_IDS, type MetricId, type Metrics } from "./metrics";
import { filingOpensAt, filingOpensOn, type Period, parsePeriod } from "./period";
import type { Validated, ValidationIssue } from "./validation";

export const REPORT_SOURCES = ["form", "api", "file", "seed"] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];

/** What a reporter submits. */
export interface ReportInput {
  readonly unitId: string;
  readonly period: string;
  readonly metrics: Metrics;
}

/** A stored version of a report: the input plus who filed it, when and how. */
export interface ReportVersion extends ReportInput {
  readonly version: number;
  readonly submittedBy: string;
  readonly submittedAt: string;
  readonly source: ReportSource;
  /** For file imports: the file name and import id ("bao-cao-q3.xlsx · import 01J…"). */
  readonly sourceRef?: string;
  /** On the latest version: when the unit-period was first filed (what the reporting calendar judges). */
  readonly filedAt?: string;
  /** Filed or corrected after the period was closed: flagged late, with the reason given. */
  readonly afterClose?: boolean;
  readonly reason?: string;
}

const count = z.int().check(z.nonnegative());
const metricsShape = Object.fromEntries(METRIC_IDS.map((id) => [id, z.optional(count)])) as Record<
  MetricId,
  z.ZodMiniOptional<typeof count>
>;

const reportSchema = z.object({
  unitId: z.string().check(z.trim(), z.minLength(1)),
  period: z.string(),
  metrics: z.strictObject(metricsShape),
});

/** A month or quarter is filed once it has ended in Vietnam; before, the issue says when filing opens. */
export function checkFilingOpen(period: Period, now: Date): ValidationIssue | undefined {
  if (now.getTime() >= filingOpensAt(period).getTime()) return undefined;
  return {
    path: "period",
    key: "error.periodNotEnded",
    params: { period: period.id, opensDate: filingOpensOn(period) },
  };
}

/** Checks a submitted report: shape, period, counts, then the relations between counts. */
export function validateReport(input: unknown): Validated<ReportInput> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, issues: [{ path: "", key: "error.notAnObject" }] };
  }
  const parsed = reportSchema.safeParse(input);
  const issues: ValidationIssue[] = parsed.success ? [] : parsed.error.issues.flatMap((i) => fromZod(i, input));
  const period = (input as { period?: unknown }).period;
  if (typeof period === "string" && !issues.some((i) => i.path === "period")) {
    const parsedPeriod = parsePeriod(period);
    if (!parsedPeriod) issues.push({ path: "period", key: "error.filingPeriod", params: { value: period } });
    else if (parsedPeriod.kind !== "month" && parsedPeriod.kind !== "quarter") {
      issues.push({ path: "period", key: "error.rollUpPeriod", params: { value: period } });
    }
  }
  if (!parsed.success || issues.length > 0) return { ok: false, issues };

  const metrics = parsed.data.metrics as Metrics;
  const relationIssues = checkRelations(metrics);
  if (Object.keys(metrics).length === 0) relationIssues.push({ path: "metrics", key: "error.noMetrics" });
  if (relationIssues.length > 0) return { ok: false, issues: relationIssues };
  return {
    ok: true,
    value: { unitId: parsed.data.unitId, period: parsePeriod(parsed.data.period)?.id ?? "", metrics },
  };
}

function fromZod(issue: z.core.$ZodIssue, input: object): ValidationIssue[] {
  const path = issue.path.join(".");
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((field) => ({
      path: path ? `${path}.${field}` : field,
      key: "error.unknownField",
      params: { field },
    }));
  }
  const value = issue.path.reduce<unknown>((node, segment) => (node as Record<PropertyKey, unknown>)?.[segment], input);
  if (value === undefined) return [{ path, key: "error.required" }];
  if (issue.path[0] === "metrics") return [{ path, key: "error.count", params: { value: show(value) } }];
  if (issue.path[0] === "period") return [{ path, key: "error.filingPeriod", params: { value: show(value) } }];
  return [{ path, key: "error.text" }];
}

function show(value: unknown): string {
  const text = typeof value === "string" ? `"${value}"` : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

// A part can never exceed the whole it belongs to (so no share rate can pass 100 %). Online full and
// partial are the services a unit offers online (a stock), not applications: they have no whole here.
const PART_OF_WHOLE: readonly { parts: readonly MetricId[]; whole: MetricId; label?: MessageKey }[] = [
  { parts: ["receivedOnline"], whole: "received" },
  { parts: ["receivedPostal"], whole: "received" },
  { parts: ["receivedOnline", "receivedPostal"], whole: "received", label: "metric.receivedChannels" },
  { parts: ["onlinePayments"], whole: "receivedOnline" },
  { parts: ["digitized"], whole: "received" },
  { parts: ["feedbackOnTime"], whole: "feedbackReceived" },
  { parts: ["planTasksDone"], whole: "planTasks" },
];

/** The outcomes of the period's applications: resolved (early or on time, late), pending, returned. */
const OUTCOMES = ["resolvedLate", "pendingWithinDeadline", "pendingOverdue", "returned"] as const;

/**
 * The relations between counts that any honest report satisfies, whichever fields are given (a figure
 * left out counts as nothing here, never as a licence to exceed).
 */
export function checkRelations(m: Metrics): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const { resolvedEarly: early, resolvedOnTime: onTime, resolvedEarlyOrOnTime: combined } = m;
  if (combined !== undefined && early !== undefined && onTime !== undefined && combined !== early + onTime) {
    issues.push({
      path: "metrics.resolvedEarlyOrOnTime",
      key: "error.combinedMismatch",
      params: { combined, sum: early + onTime },
    });
  }
  // Early or on time as given: the combined figure, else whatever of the split is given.
  const inTime = combined ?? (early ?? 0) + (onTime ?? 0);
  const resolved = inTime + (m.resolvedLate ?? 0);
  const used = inTime + OUTCOMES.reduce((sum, id) => sum + (m[id] ?? 0), 0);
  if (m.received !== undefined && m.carriedOver !== undefined) {
    const available = m.received + m.carriedOver;
    if (used > available) issues.push({ path: "metrics.received", key: "error.balance", params: { used, available } });
  } else if (m.received !== undefined && resolved > m.received) {
    issues.push({
      path: "metrics.carriedOver",
      key: "error.balanceNeedsCarriedOver",
      params: { resolved, received: m.received },
    });
  }
  for (const { parts, whole, label } of PART_OF_WHOLE) {
    const values = parts.map((part) => m[part]);
    const wholeValue = m[whole];
    if (wholeValue === undefined || values.some((value) => value === undefined)) continue;
    const partValue = (values as number[]).reduce((sum, value) => sum + value, 0);
    if (partValue <= wholeValue) continue;
    const [first] = parts as [MetricId];
    issues.push(
      label
        ? {
            path: `metrics.${parts.at(-1)}`,
            key: "error.partsExceedWhole",
            params: { partsLabel: label, partValue, wholeLabel: `metric.${whole}`, wholeValue },
          }
        : {
            path: `metrics.${first}`,
            key: "error.partExceedsWhole",
            params: { partLabel: `metric.${first}`, partValue, wholeLabel: `metric.${whole}`, wholeValue },
          },
    );
  }
  return issues;
}
