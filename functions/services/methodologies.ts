// Methodologies available to a province: the bundled ones plus the versions an admin has loaded.
// A version is immutable; the version used for a period is the newest valid from that period's year.

import { actorName } from "../../shared/access/identity";
import { ConflictError, InvalidInputError, NotFoundError } from "../../shared/errors";
import { BUNDLED_METHODOLOGIES } from "../../shared/methodology/bundled";
import type { Methodology } from "../../shared/methodology/model";
import { validateMethodology } from "../../shared/methodology/validate";
import type { Deps } from "../deps";
import type { MethodologySummary } from "../ports";
import { type Actor, recorded } from "./audit";

const BUNDLED_BY = "bundled";

function summary(methodology: Methodology, savedBy: string, savedAt: string): MethodologySummary {
  const { id, version, name, kind, validFrom, cohorts } = methodology;
  return { id, version, name, kind, validFrom, cohorts, savedBy, savedAt };
}

/** Every version of every methodology, bundled first; ordered by id, then validFrom, then when saved. */
export async function listMethodologies(deps: Deps): Promise<MethodologySummary[]> {
  const stored = await deps.store.listMethodologies();
  const bundled = BUNDLED_METHODOLOGIES.filter(
    (m) => !stored.some((s) => s.id === m.id && s.version === m.version),
  ).map((m) => summary(m, BUNDLED_BY, ""));
  return [...bundled, ...stored].sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : a.validFrom - b.validFrom || (a.savedAt < b.savedAt ? -1 : 1),
  );
}

export async function getMethodology(deps: Deps, id: string, version: string): Promise<Methodology> {
  const found =
    (await deps.store.getMethodology(id, version)) ??
    BUNDLED_METHODOLOGIES.find((m) => m.id === id && m.version === version);
  if (!found) throw new NotFoundError("error.unknownMethodology", { id, version });
  return found;
}

/** The version to use for a period: the newest valid from the period's year (latest saved on a tie). */
export async function methodologyFor(deps: Deps, id: string, year: number, version?: string): Promise<Methodology> {
  if (version) return getMethodology(deps, id, version);
  const versions = (await listMethodologies(deps)).filter((m) => m.id === id);
  if (versions.length === 0) throw new NotFoundError("error.unknownMethodology", { id, version: "–" });
  const valid = versions.filter((m) => m.validFrom <= year);
  const chosen = valid.at(-1) ?? versions[0];
  return getMethodology(deps, id, (chosen as MethodologySummary).version);
}

export async function saveMethodology(deps: Deps, actor: Actor, id: string, body: unknown): Promise<Methodology> {
  const result = validateMethodology(body);
  if (!result.ok) throw new InvalidInputError(result.issues);
  const methodology = result.value;
  if (methodology.id !== id) {
    throw new InvalidInputError([
      { path: "id", key: "error.methodology.idMismatch", params: { id: methodology.id, expected: id } },
    ]);
  }
  const bundledClash = BUNDLED_METHODOLOGIES.some((m) => m.id === id && m.version === methodology.version);
  const saved =
    !bundledClash &&
    (await recorded(
      deps,
      actor,
      {
        action: "methodology.save",
        entity: `methodology:${id}:${methodology.version}`,
        after: { id, version: methodology.version, validFrom: methodology.validFrom, cohorts: methodology.cohorts },
      },
      () => deps.store.putMethodology(methodology, actorName(actor.identity), deps.now().toISOString()),
    ));
  if (!saved) {
    throw new ConflictError("error.methodology.versionExists", { id, version: methodology.version });
  }
  return methodology;
}
