// The methodologies ParWatch ships with, as data files beside this module, and the national A/B/C groups.

import parCommune from "./json/par-commune.json";
import parProvince from "./json/par-province.json";
import serviceIndex from "./json/service-index.json";
import sipas from "./json/sipas.json";
import type { Band, Methodology } from "./model";
import { validateMethodology } from "./validate";

function checked(document: unknown): Methodology {
  const result = validateMethodology(document);
  if (!result.ok) throw new Error(`bundled methodology is invalid: ${JSON.stringify(result.issues)}`);
  return result.value;
}

export const BUNDLED_METHODOLOGIES: readonly Methodology[] = [parProvince, parCommune, serviceIndex, sipas].map(
  checked,
);

export function bundledMethodology(id: string): Methodology | undefined {
  return BUNDLED_METHODOLOGIES.find((methodology) => methodology.id === id);
}

/** National PAR Index groups: A ≥ 90 %, B 80 – < 90 %, C < 80 %. */
export const NATIONAL_BANDS: readonly Band[] = [
  { id: "A", label: { vi: "Nhóm A", en: "Group A" }, min: 90 },
  { id: "B", label: { vi: "Nhóm B", en: "Group B" }, min: 80 },
  { id: "C", label: { vi: "Nhóm C", en: "Group C" }, min: 0 },
];

/** Bands by name for tools: "par-national" or the id of a bundled methodology. */
export function bandsNamed(name: string): readonly Band[] | undefined {
  return name === "par-national" ? NATIONAL_BANDS : bundledMethodology(name)?.bands;
}
