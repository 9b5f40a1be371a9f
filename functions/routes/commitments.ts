// Commitments:
//   GET  /api/units/:id/commitments?year=2026      → each commitment with its evaluation, in words
//   PUT  /api/units/:id/commitments                → {year, measure, comparator, target, signedBy, signedOn, note?}
//   GET  /api/units/:id/commitments/:measure/history?year=
//   POST /api/commitments/template                 → {cohort, year, commitments: [...]} for every unit of a cohort
//   GET  /api/commitments/:cohort/:year            → the inspector's matrix, counts per status, what moved

import { type Context, Hono } from "hono";
import * as z from "zod/mini";
import { measureName, reasonText, targetText } from "../../shared/commitments-text";
import { type Lang, translate } from "../../shared/i18n";
import { can, fromParam } from "../auth/guard";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";
import { actorOf } from "../services/actor";
import { applyTemplate, type EvaluatedCommitment, saveCommitment, unitCommitments } from "../services/commitments";
import { matrixList } from "../services/lists";
import { jsonBody } from "./body";
import { parsed, queryOf, reasonSchema } from "./input";
import { listJson } from "./list-json";
import { listQuery } from "./rankings";

/** A commitment with its evaluation and the words a reader needs: measure, target, status, reason. */
export function present(lang: Lang, { commitment, evaluation, previousStatus }: EvaluatedCommitment) {
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

const yearSchema = z.optional(z.string().check(z.regex(/^\d{4}$/, { error: "error.year" })));
const yearOf = (c: Context<AppEnv>, now: Date) => {
  const { year } = queryOf(c, z.object({ year: yearSchema }));
  return Number(year ?? now.getUTCFullYear());
};

export function unitCommitmentRoutes(deps: Deps) {
  const unit = fromParam("id");
  return new Hono<AppEnv>()
    .get("/:id/commitments", can(deps, "commitment.read", unit), async (c) => {
      const year = yearOf(c, deps.now());
      const evaluated = await unitCommitments(deps, c.req.param("id"), year);
      return c.json({
        year,
        commitments: evaluated.map((item) => ({ ...present(c.get("lang"), item), trend: item.trend })),
      });
    })
    .put("/:id/commitments", can(deps, "commitment.write", unit), async (c) => {
      const body = await jsonBody(c);
      const { commitment, created } = await saveCommitment(deps, actorOf(c), {
        ...(body && typeof body === "object" ? body : {}),
        unitId: c.req.param("id"),
      });
      return c.json({ commitment, created }, created ? 201 : 200);
    })
    .get("/:id/commitments/:measure/history", can(deps, "commitment.read", unit), async (c) => {
      const year = yearOf(c, deps.now());
      return c.json({ versions: await deps.store.commitmentHistory(c.req.param("id"), year, c.req.param("measure")) });
    });
}

/**
 * The template's frame: a cohort id of text (an object there, say one with its own `toString` key, must
 * not reach String()), the year and each commitment as the service checks them, no other keys.
 */
const templateBody = z.strictObject({
  cohort: z.string({ error: "error.text" }).check(z.maxLength(64, { error: "error.text" })),
  year: z.unknown(),
  commitments: z
    .array(z.unknown(), { error: "error.required" })
    .check(z.maxLength(100, { error: "error.template.tooMany" })),
  reason: reasonSchema,
});

export function commitmentRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .post("/template", can(deps, "commitment.write"), async (c) =>
      c.json(await applyTemplate(deps, actorOf(c), parsed(templateBody, await jsonBody(c)))),
    )
    .get("/:cohort/:year", can(deps, "commitment.read", "listed"), async (c) => {
      const year = parsed(z.string().check(z.regex(/^\d{4}$/, { error: "error.year" })), c.req.param("year"));
      const { parent } = queryOf(c, listQuery);
      const matrix = await matrixList(deps, c.get("identity"), c.req.param("cohort"), Number(year), parent);
      const lang = c.get("lang");
      return listJson(c, matrix, () => ({
        ...matrix,
        measureNames: Object.fromEntries(matrix.measures.map((measure) => [measure, measureName(lang, measure)])),
        rows: matrix.rows.map((row) => ({ ...row, cells: row.cells.map((cell) => present(lang, cell)) })),
      }));
    });
}
