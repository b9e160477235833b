/**
 * The decomposition as a list: one row per bundle (colour, polytope,
 * dimension, features, regularity), the tegum-product line above it and the
 * unrepresented features below. Clicking a row selects the bundle;
 * shift/ctrl-click adds it to the selection.
 */
import type { Report } from '../../report/types.js';
import { bundleColour } from '../../report/palette.js';
import { element, fmt, swatch } from './dom.js';

export class BundleList {
  private rows = new Map<number, HTMLElement>();

  /**
   * @param root Container element (emptied on each show).
   * @param onSelect Called with the clicked bundle id and whether it extends the selection.
   */
  constructor(
    private readonly root: HTMLElement,
    private readonly onSelect: (bundle: number, extend: boolean) => void,
  ) {}

  /** Render the list for a report. */
  show(report: Report): void {
    this.root.replaceChildren();
    this.rows.clear();
    this.root.appendChild(element('p', 'decomposition', report.decomposition || '—'));
    for (const c of report.composites) this.root.appendChild(element('p', 'composite', c));
    const list = element('ol', 'bundles');
    for (const b of report.bundles) {
      const row = element('li', 'bundle');
      row.dataset.bundle = String(b.id);
      row.dataset.polytope = b.polytope;
      row.dataset.features = b.features.join(',');
      row.tabIndex = 0;
      row.append(swatch(bundleColour(b.id)), element('span', 'polytope', b.polytope), element('span', 'dim', `${b.dimension}-D`));
      row.append(element('span', 'features', compact(b.features)), element('span', 'regularity', `reg ${fmt(b.regularity)}`));
      row.addEventListener('click', (e) => this.onSelect(b.id, e.shiftKey || e.ctrlKey || e.metaKey));
      row.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') this.onSelect(b.id, e.shiftKey);
      });
      list.appendChild(row);
      this.rows.set(b.id, row);
    }
    this.root.appendChild(list);
    if (report.unrepresented.length) {
      this.root.appendChild(element('p', 'unrepresented', `unrepresented: ${compact(report.unrepresented)}`));
    }
  }

  /** Mark the selected rows. */
  markSelected(selected: ReadonlySet<number>): void {
    for (const [id, row] of this.rows) row.classList.toggle('selected', selected.has(id));
  }
}

/** 0,1,2,3,7 → "0–3, 7" (long lists are cut after 40 entries). */
export function compact(xs: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < xs.length && parts.length < 40; ) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j] + 1) j++;
    parts.push(j - i >= 2 ? `${xs[i]}–${xs[j]}` : xs.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return parts.join(', ') + (parts.length === 40 ? ', …' : '');
}
