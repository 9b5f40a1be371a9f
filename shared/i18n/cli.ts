// The CLI's own text, kept out of the catalogue the API carries (its bundle has a 300 KB budget).
// Importing this module makes the keys translatable; only the CLI imports it.

import { enCli } from "./en-cli";
import { useUiCatalogues } from "./index";
import { viCli } from "./vi-cli";

export type CliKey = keyof typeof viCli;

useUiCatalogues({ vi: viCli, en: enCli });
