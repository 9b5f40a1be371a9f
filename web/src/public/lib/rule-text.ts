// A methodology in plain words, from its document alone: how each criterion is scored (the measure's
// numerator and denominator, the thresholds, proportional points, the survey), its deductions, the
// bands' ranges and the survey's settings. Pure: a language in, sentences out.

// The pages' own text (views, public site): translatable once this is imported.
import "../../../../shared/i18n/ui";
import { formatNumber, formatPercent } from "../../../../shared/format";
import { isMessageKey, type Lang, type MessageKey, type MessageParams, translate } from "../../../../shared/i18n";
import type { Band, Deduction, MethodologyNode, Scoring, SurveySettings } from "../../../../shared/methodology/model";
import { isRateId, rateDefinition } from "../../../../shared/rates";

const decimalsOf = (value: number) => (Number.isInteger(value) ? 0 : Number.isInteger(value * 10) ? 1 : 2);

/** Points or a count as written in a methodology: 10, 14,5 (vi) / 14.5 (en). */
export const pointsText = (lang: Lang, value: number) => formatNumber(lang, value, decimalsOf(value));

const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase() + text.slice(1);

const named = (lang: Lang, key: string, fallback: string) => (isMessageKey(key) ? translate(lang, key) : fallback);

/** A value of the measure: a rate in % (100 %), a count as a number. */
function measureValue(lang: Lang, measure: string, value: number): string {
  return isRateId(measure) ? formatPercent(lang, value, decimalsOf(value)) : pointsText(lang, value);
}

/** What is measured: a rate with its numerator and denominator, or a count from the reports. */
export function measureText(lang: Lang, measure: string): string {
  if (!isRateId(measure)) {
    return translate(lang, "public.rule.count", { metric: lowerFirst(named(lang, `metric.${measure}`, measure)) });
  }
  const definition = rateDefinition(measure);
  const sum = (ids: readonly string[]) => {
    const names = ids.map((id) => named(lang, `metric.${id}`, id));
    return names.length > 1 ? `(${names.join(" + ")})` : (names[0] ?? "");
  };
  return translate(lang, "public.rule.rate", {
    rate: lowerFirst(named(lang, `rate.${measure}`, measure)),
    numerator: sum(definition.numerator),
    denominator: sum(definition.denominator),
  });
}

function scoringText(lang: Lang, measure: string, scoring: Scoring, max: number): string {
  const value = (v: number) => measureValue(lang, measure, v);
  const t = (key: MessageKey, params?: MessageParams) => translate(lang, key, params);
  switch (scoring.kind) {
    case "thresholds": {
      const upward = scoring.steps.every((step) => "min" in step);
      const steps = scoring.steps
        .map((step) =>
          "min" in step
            ? t("public.rule.stepMin", { value: value(step.min), points: pointsText(lang, step.points) })
            : t("public.rule.stepMax", { value: value(step.max), points: pointsText(lang, step.points) }),
        )
        .join("; ");
      return t(upward ? "public.rule.stepsMin" : "public.rule.stepsMax", { steps });
    }
    case "proportional":
      return t("public.rule.proportional", {
        from: value(scoring.from),
        to: value(scoring.to),
        max: pointsText(lang, max),
      });
    case "passFail":
      return t("public.rule.passFail", {
        max: pointsText(lang, max),
        comparator: t(`public.cmp.${scoring.comparator}`),
        target: value(scoring.target),
      });
  }
}

/** How one node is scored, as sentences (a criterion with children is the sum of them). */
export function ruleText(lang: Lang, node: MethodologyNode, survey?: SurveySettings): string[] {
  const rule = node.rule;
  if (node.children) return [translate(lang, "public.rule.group")];
  if (!rule) return survey ? [translate(lang, "public.rule.question", { scale: survey.scale })] : [];
  switch (rule.kind) {
    case "manual":
      return [translate(lang, "public.rule.manual")];
    case "formula":
      return [measureText(lang, rule.measure), scoringText(lang, rule.measure, rule.scoring, node.max)];
    case "survey": {
      const [, element] = rule.index.split(":");
      const max = pointsText(lang, node.max);
      return [
        element
          ? translate(lang, "public.rule.surveyElement", { element, max })
          : translate(lang, "public.rule.survey", { max }),
      ];
    }
  }
}

export function deductionText(lang: Lang, deduction: Deduction): string {
  const max = pointsText(lang, deduction.max);
  if (deduction.measure && deduction.perUnit !== undefined) {
    return translate(lang, "public.rule.deductionCounted", {
      perUnit: pointsText(lang, deduction.perUnit),
      metric: lowerFirst(named(lang, `metric.${deduction.measure}`, deduction.measure)),
      max,
    });
  }
  return translate(lang, "public.rule.deduction", { max });
}

/** Each band's range of the index, from the top band down: "Khá từ 70 đến dưới 90". */
export function bandRanges(lang: Lang, bands: readonly Band[], labelOf: (band: Band) => string) {
  const ordered = [...bands].sort((a, b) => b.min - a.min);
  return ordered.map((band, at) => {
    const above = ordered[at - 1];
    const params = {
      label: labelOf(band),
      min: pointsText(lang, band.min),
      next: above ? pointsText(lang, above.min) : "",
    };
    const key = !above ? "public.band.top" : band.min <= 0 ? "public.band.bottom" : "public.band.range";
    return { band, text: translate(lang, key, params) };
  });
}

/** The survey's settings in sentences (SIPAS-style methodologies). */
export function surveyText(lang: Lang, settings: SurveySettings): string[] {
  return [
    translate(lang, "public.survey.scale", { scale: settings.scale, from: settings.satisfiedFrom }),
    translate(lang, "public.survey.criterion"),
    translate(lang, `public.survey.element.${settings.elementIndex}`),
    translate(lang, `public.survey.overall.${settings.overallIndex}`),
    translate(lang, "public.survey.points"),
    translate(lang, "public.survey.sample", {
      margin: formatPercent(lang, settings.marginOfError * 100, decimalsOf(settings.marginOfError * 100)),
    }),
  ];
}
