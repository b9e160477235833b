/**
 * What the page draws and lists, read off a Report of either schema: the
 * groups worth showing (the Report's `structures` once it has them, else its
 * bundles), which features are generic (dimmed and not pickable by default),
 * and the weak features riding on a strong one.
 *
 * Decision for reports without `structures` (schema tegum.report/1): every
 * bundle is a group, and the features of bundles larger than
 * GENERIC_BUNDLE_SIZE count as generic. Such a bundle is the interference
 * graph's giant component in a dictionary (thousands of random-looking
 * directions), not a shape.
 */
import type { Report } from '../../report/types.js';

/** Bundles with more features than this are generic in a schema-1 report (see the module comment). */
export const GENERIC_BUNDLE_SIZE = 256;

/** The Report's structure entry (schema tegum.report/2). */
export interface StructureEntry {
  id: number;
  features: number[];
  label: string;
  dimension: number;
  regularity: number | null;
  significance: number;
  maxCrossCos: number;
}

/** A weak feature and the strong one it rides on (schema tegum.report/2). */
export interface WeakEntry {
  index: number;
  norm: number;
  ridesOn: number | null;
  cos: number | null;
}

/** The fields schema 2 adds, all optional so schema-1 reports read too. */
interface Schema2Fields {
  structures?: StructureEntry[];
  weak?: WeakEntry[];
  generic?: { count: number; indices: number[] };
}

/** One group the page lists and draws. */
export interface ViewGroup {
  /** The structure's or bundle's id in the Report (also its palette colour). */
  id: number;
  features: number[];
  label: string;
  dimension: number;
  regularity: number | null;
  /** How far the group stands out from the random baseline; null for bundles. */
  significance: number | null;
  /** Whether the features are generic (a schema-1 giant bundle). */
  generic: boolean;
}

export interface ViewModel {
  /** 'structures' when the Report has them, else 'bundles'. */
  kind: 'structures' | 'bundles';
  /** Groups by id (ids are positions in the Report's list). */
  groups: ViewGroup[];
  /** Group ids, largest first, then most significant, then by id. */
  ranked: number[];
  /** groupOf[i]: the id of feature i's group, −1 for none. */
  groupOf: Int32Array;
  /** generic[i] = 1 for features in no structure (dimmed, not picked by default). */
  generic: Uint8Array;
  /** The strong feature each weak feature rides on. */
  ridesOn: Map<number, number>;
}

/**
 * @param report Either schema.
 */
export function viewModel(report: Report): ViewModel {
  const n = report.input.n;
  const extra = report as Report & Schema2Fields;
  const groupOf = new Int32Array(n).fill(-1);
  const generic = new Uint8Array(n);
  let groups: ViewGroup[];
  let kind: ViewModel['kind'];
  if (Array.isArray(extra.structures)) {
    kind = 'structures';
    groups = extra.structures.map((s, id) => ({
      id,
      features: s.features,
      label: s.label,
      dimension: s.dimension,
      regularity: s.regularity,
      significance: s.significance,
      generic: false,
    }));
    for (const i of extra.generic?.indices ?? []) generic[i] = 1;
  } else {
    kind = 'bundles';
    groups = report.bundles.map((b) => ({
      id: b.id,
      features: b.features,
      label: b.polytope,
      dimension: b.dimension,
      regularity: b.regularity,
      significance: null,
      generic: b.features.length > GENERIC_BUNDLE_SIZE,
    }));
    for (const g of groups) if (g.generic) for (const f of g.features) generic[f] = 1;
  }
  for (const g of groups) for (const f of g.features) groupOf[f] = g.id;
  const ridesOn = new Map<number, number>();
  for (const w of extra.weak ?? []) if (w.ridesOn !== null) ridesOn.set(w.index, w.ridesOn);
  const ranked = groups
    .map((g) => g.id)
    .sort((a, b) => groups[b].features.length - groups[a].features.length || (groups[b].significance ?? 0) - (groups[a].significance ?? 0) || a - b);
  return { kind, groups, ranked, groupOf, generic, ridesOn };
}

/**
 * Find features or groups from the search box.
 *
 * `#1234` or `1234`: feature 1234; a word: groups whose label contains it
 * (`pentagon`, `polygon-7`, `digon`), largest first.
 *
 * @param model The page's model.
 * @param n Number of features.
 * @param query What the user typed.
 */
export function search(model: ViewModel, n: number, query: string): { feature: number | null; groups: number[] } {
  const q = query.trim().toLowerCase();
  const number = /^#?(\d+)$/.exec(q);
  if (number) {
    const i = Number(number[1]);
    return { feature: i < n ? i : null, groups: [] };
  }
  if (q === '') return { feature: null, groups: [] };
  return { feature: null, groups: model.ranked.filter((id) => model.groups[id].label.toLowerCase().includes(q)) };
}
