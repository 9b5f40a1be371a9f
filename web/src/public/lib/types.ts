// The shapes of the published files under /public/ as the public pages read them (written by
// shared/publication.ts): the index, a methodology's leaderboard, a rate's ranking, a unit's profile, the
// dictionary. Only the fields the pages use are named.

import type { Band, Label } from "../../../../shared/methodology/model";
import type { SnapshotEntry } from "../../../../shared/publication";

export type { SnapshotEntry };

export interface Licence {
  readonly vi: string;
  readonly en: string;
  readonly url: string;
}

export interface PublicIndex {
  readonly schema: string;
  readonly generatedAt: string;
  readonly licence: Licence;
  readonly dictionary: string;
  readonly published: readonly SnapshotEntry[];
}

/** What every table file of a snapshot carries beside its rows. */
interface SnapshotMeta {
  readonly cohort: string;
  readonly period: string;
  /** The previous period when it is published too (then rows carry a change), else null. */
  readonly comparedWith: string | null;
  readonly publishedAt: string;
  readonly snapshotId: string;
  readonly licence: Licence;
}

export interface AreaScore {
  readonly id: string;
  readonly score: number;
  readonly max: number;
}

export interface IndexRow {
  readonly rank: number | null;
  readonly unitId: string;
  readonly name: string;
  readonly index: number | null;
  readonly band: { readonly id: string; readonly label: Label } | null;
  readonly areas: readonly AreaScore[];
  readonly complete: boolean;
  readonly change?: number | null;
  readonly rankChange?: number | null;
  readonly previousIndex?: number | null;
}

export interface MethodologyBoardFile extends SnapshotMeta {
  readonly methodology: {
    readonly id: string;
    readonly version: string;
    readonly name: Label;
    readonly bands: readonly Band[];
  };
  readonly columns: readonly string[];
  readonly rows: readonly IndexRow[];
}

export interface RateRow {
  readonly rank: number | null;
  readonly unitId: string;
  readonly name: string;
  readonly value: number | null;
  readonly change?: number | null;
  readonly rankChange?: number | null;
}

export interface RateBoardFile extends SnapshotMeta {
  readonly rate: string;
  readonly better: "higher" | "lower";
  readonly columns: readonly string[];
  readonly rows: readonly RateRow[];
}

export interface UnitFile extends SnapshotMeta {
  readonly unit: {
    readonly id: string;
    readonly name: string;
    readonly cohort: string;
    readonly parent: { readonly id: string; readonly name: string } | null;
  };
  readonly indices: readonly (IndexRow & { readonly methodology: string; readonly of: number })[];
  readonly rates: readonly {
    readonly rate: string;
    readonly rank: number | null;
    readonly value: number | null;
    readonly of: number;
  }[];
  /** The year's commitments as they stood when the period was published (shared/publication.ts). */
  readonly commitments?: {
    readonly year: number;
    readonly items: readonly {
      readonly measure: string;
      readonly name: Words;
      readonly target: Words;
      readonly status: string;
      readonly statusName: Words;
      readonly reason: Words;
      readonly actual: number | null;
      readonly amendedOn?: string;
    }[];
  };
}

type Words = { readonly vi: string; readonly en: string };

export interface DictionaryColumn {
  readonly id: string;
  readonly vi: string;
  readonly en: string;
  readonly type: "integer" | "number" | "text";
}

export interface Dictionary {
  readonly licence: Licence;
  /** Path template (below /public/) → what it holds, "Vietnamese / English". */
  readonly paths: Readonly<Record<string, string>>;
  readonly note: string;
  readonly tables: Readonly<Record<string, readonly DictionaryColumn[]>>;
}
