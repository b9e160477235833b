/**
 * The decomposition as a list: one row per structure of the Report with
 * colour, label, dimension, size and significance, largest first, the tegum-product line above
 * and the unrepresented and generic features below. Clicking a row selects
 * the group; shift/ctrl-click adds it to the selection. Very long lists show
 * their first MAX_ROWS rows (the search box finds the rest).
 */
import type { Report } from '../../report/types.js';
import { bundleColour } from '../../report/palette.js';
import type { ViewGroup, ViewModel } from '../data/view-model.js';
import { element, fmt, swatch } from './dom.js';

/** Rows drawn at most (a dictionary can have thousands of groups). */
const MAX_ROWS = 400;

/** How the list describes and colours what the view draws. */
export interface ListOptions {
  /** Generic features are dim, unpicked points (dictionary scale) rather than grey balls. */
  genericAsPoints: boolean;
  /** A group's swatch colour (default: its palette colour; compare mode colours by run A's bundles). */
  colour?: (group: ViewGroup) => string;
}

export class BundleList {
  private rows = new Map<number, HTMLElement>();

  /**
   * @param root Container element (emptied on each show).
   * @param onSelect Called with the clicked group id and whether it extends the selection.
   */
  constructor(
    private readonly root: HTMLElement,
    private readonly onSelect: (group: number, extend: boolean) => void,
  ) {}

  /** Render the list for a report. */
  show(report: Report, model: ViewModel, opts: ListOptions): void {
    const colour = opts.colour ?? ((g: ViewGroup) => bundleColour(g.id));
    this.root.replaceChildren();
    this.rows.clear();
    this.root.appendChild(element('p', 'decomposition', report.decomposition || '—'));
    for (const c of report.composites) this.root.appendChild(element('p', 'composite', c));
    this.root.appendChild(element('p', 'list-head', `${model.groups.length} structures, largest first`));
    const list = element('ol', 'bundles');
    for (const id of model.ranked.slice(0, MAX_ROWS)) {
      const g = model.groups[id];
      const row = element('li', 'bundle');
      row.dataset.bundle = String(g.id);
      row.dataset.polytope = g.label;
      row.dataset.features = g.features.join(',');
      row.tabIndex = 0;
      const score = `sig ${fmt(g.significance, 1)}`;
      row.append(swatch(colour(g)), element('span', 'polytope', g.label), element('span', 'dim', `${g.dimension}-D`));
      row.append(element('span', 'features', `${g.features.length}: ${compact(g.features)}`), element('span', 'regularity', score));
      row.title = `${g.label}, ${g.features.length} features in ${g.dimension} dimensions`;
      row.addEventListener('click', (e) => this.onSelect(g.id, e.shiftKey || e.ctrlKey || e.metaKey));
      row.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') this.onSelect(g.id, e.shiftKey);
      });
      list.appendChild(row);
      this.rows.set(g.id, row);
    }
    this.root.appendChild(list);
    if (model.ranked.length > MAX_ROWS)
      this.root.appendChild(element('p', 'hint', `… ${model.ranked.length - MAX_ROWS} smaller structures not listed; find them with the search box.`));
    if (report.unrepresented.length) {
      this.root.appendChild(element('p', 'unrepresented', `unrepresented: ${compact(report.unrepresented)}`));
    }
    const generic = model.generic.reduce((s, x) => s + x, 0);
    if (generic) {
      const drawn = opts.genericAsPoints ? 'dim points, not pickable unless “generic” is on' : 'drawn grey';
      this.root.appendChild(element('p', 'generic-count', `${generic} generic feature${generic === 1 ? '' : 's'} (in no structure): ${drawn}`));
    }
  }

  /** Mark the selected rows and scroll the last one into view. */
  markSelected(selected: ReadonlySet<number>, last?: number): void {
    for (const [id, row] of this.rows) row.classList.toggle('selected', selected.has(id));
    if (last !== undefined) this.rows.get(last)?.scrollIntoView({ block: 'nearest' });
  }
}

/** 0,1,2,3,7 → "0–3, 7" (long lists are cut after 40 entries). */
export function compact(xs: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < xs.length && parts.length < 40;) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j] + 1) j++;
    parts.push(j - i >= 2 ? `${xs[i]}–${xs[j]}` : xs.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return parts.join(', ') + (parts.length === 40 ? ', …' : '');
}
