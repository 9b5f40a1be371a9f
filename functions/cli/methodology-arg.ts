// Resolves a --methodology argument: a bundled id, or a JSON file that must pass validation.

import { readFile } from "node:fs/promises";
import { BUNDLED_METHODOLOGIES, bundledMethodology } from "../../shared/methodology/bundled";
import type { Methodology } from "../../shared/methodology/model";
import { validateMethodology } from "../../shared/methodology/validate";
import { localizeIssues } from "../../shared/validation";
import { CliError, type CliIo, fail, say } from "./io";

export const bundledIds = () => BUNDLED_METHODOLOGIES.map((methodology) => methodology.id).join(", ");

export async function resolveMethodology(io: CliIo, value: string, kind: Methodology["kind"]): Promise<Methodology> {
  let methodology = bundledMethodology(value);
  if (!methodology) {
    let document: unknown;
    try {
      document = JSON.parse(await readFile(value, "utf8"));
    } catch {
      fail(io, "cli.error.methodology", { value, known: bundledIds() });
    }
    const result = validateMethodology(document);
    if (!result.ok) {
      throw new CliError([
        say(io, "cli.error.methodologyInvalid", { file: value }),
        ...localizeIssues(result.issues, io.lang).map((issue) => `  ${issue.path}: ${issue.message}`),
      ]);
    }
    methodology = result.value;
  }
  if (methodology.kind !== kind) fail(io, "cli.error.methodologyKind", { id: methodology.id, kind });
  return methodology;
}
