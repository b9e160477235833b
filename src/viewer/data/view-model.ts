/**
 * What the page draws and lists, read off a Report: the groups worth showing
 * (the Report's structures), which features are generic (in no structure:
 * dimmed and not pickable by default), and the weak features riding on a
 * strong one. Every Report the page sees is of this tegum's schema: fetched
 * ones are checked (data/http-source.ts), the rest are analysed in the page.
 */
import type { Report } from '../../report/types.js';

/** One group the page lists and draws. */
export interface ViewGroup {
  /** The structure's id in the Report (also its palette colour). */
  id: number;
  features: number[];
  label: string;
  dimension: number;
  regularity: number | null;
  /** How far the group stands out from the random baseline (−log₁₀ of the expected chance count). */
  significance: number;
}

export interface ViewModel {
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

export function viewModel(report: Report): ViewModel {
  const n = report.input.n;
  const groupOf = new Int32Array(n).fill(-1);
  const generic = new Uint8Array(n);
  const groups: ViewGroup[] = report.structures.map((s, id) => ({
    id,
    features: s.features,
    label: s.label,
    dimension: s.dimension,
    regularity: s.regularity,
    significance: s.significance,
  }));
  for (const i of report.generic.indices) generic[i] = 1;
  for (const g of groups) for (const f of g.features) groupOf[f] = g.id;
  const ridesOn = new Map<number, number>();
  for (const w of report.weak) if (w.ridesOn !== null) ridesOn.set(w.index, w.ridesOn);
  const ranked = groups
    .map((g) => g.id)
    .sort((a, b) => groups[b].features.length - groups[a].features.length || groups[b].significance - groups[a].significance || a - b);
  return { groups, ranked, groupOf, generic, ridesOn };
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
