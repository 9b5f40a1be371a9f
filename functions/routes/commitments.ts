// Commitments:
//   GET  /api/units/:id/commitments?year=2026      → each commitment with its evaluation, in words
//   PUT  /api/units/:id/commitments                → {year, measure, comparator, target, signedBy, signedOn, note?}
//   GET  /api/units/:id/commitments/:measure/history?year=
//   POST /api/commitments/template                 → {cohort, year, commitments: [...]} for every unit of a cohort
//   GET  /api/commitments/:cohort/:year            → the inspector's matrix, counts per status, what moved

import { Hono } from "hono";
import { measureName, reasonText, targetText } from "../../shared/commitments-text";
import { type Lang, translate } from "../../shared/i18n";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import {
  applyTemplate,
  commitmentMatrix,
  type EvaluatedCommitment,
  saveCommitment,
  unitCommitments,
} from "../services/commitments";
import { jsonBody } from "./body";

/** A commitment with its evaluation and the words a reader needs: measure, target, status, reason. */
function present(lang: Lang, { commitment, evaluation, previousStatus }: EvaluatedCommitment) {
  return {
    ...commitment,
    evaluation,
    previousStatus,
    text: {
      measure: measureName(lang, commitment.measure),
      target: targetText(lang, commitment),
      status: translate(lang, `commitment.status.${evaluation.status}`),
      reason: reasonText(lang, commitment, evaluation),
    },
  };
}

const yearOf = (value: string | undefined, now: Date) => Number(value ?? now.getUTCFullYear());

export function unitCommitmentRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/:id/commitments", async (c) => {
      const year = yearOf(c.req.query("year"), deps.now());
      const evaluated = await unitCommitments(deps, c.req.param("id"), year);
      return c.json({
        year,
        commitments: evaluated.map((item) => ({ ...present(c.get("lang"), item), trend: item.trend })),
      });
    })
    .put("/:id/commitments", async (c) => {
      const body = (await jsonBody(c)) as Record<string, unknown>;
      const { commitment, created } = await saveCommitment(deps, { ...body, unitId: c.req.param("id") }, c.get("user"));
      return c.json({ commitment, created }, created ? 201 : 200);
    })
    .get("/:id/commitments/:measure/history", async (c) => {
      const year = yearOf(c.req.query("year"), deps.now());
      return c.json({ versions: await deps.store.commitmentHistory(c.req.param("id"), year, c.req.param("measure")) });
    });
}

export function commitmentRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .post("/template", async (c) =>
      c.json(await applyTemplate(deps, (await jsonBody(c)) as Record<string, unknown>, c.get("user"))),
    )
    .get("/:cohort/:year", async (c) => {
      const matrix = await commitmentMatrix(deps, c.req.param("cohort"), Number(c.req.param("year")));
      const lang = c.get("lang");
      return c.json({
        ...matrix,
        measureNames: Object.fromEntries(matrix.measures.map((measure) => [measure, measureName(lang, measure)])),
        rows: matrix.rows.map((row) => ({ ...row, cells: row.cells.map((cell) => present(lang, cell)) })),
      });
    });
}
