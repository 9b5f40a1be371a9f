// The pages' own text (the staff dashboard's views and the public site), kept out of the catalogue the
// API and the CLI carry so their bundles stay small. Importing this module makes the keys translatable
// (translate() looks here after the shared catalogue); only the browser apps import it.

import { enPublic } from "./en-public";
import { enTrustPages } from "./en-trust-pages";
import { enViews } from "./en-views";
import { useUiCatalogues } from "./index";
import { viPublic } from "./vi-public";
import { viTrustPages } from "./vi-trust-pages";
import { viViews } from "./vi-views";

export type UiKey = keyof typeof viPublic | keyof typeof viViews | keyof typeof viTrustPages;

export const uiCatalogues = {
  vi: { ...viTrustPages, ...viPublic, ...viViews },
  en: { ...enTrustPages, ...enPublic, ...enViews },
} as const;

useUiCatalogues(uiCatalogues);
