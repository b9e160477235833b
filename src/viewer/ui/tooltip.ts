/** The hover tooltip: feature index, norm, D_i, and its structure (or bundle) and label. */
import type { Report } from '../../report/types.js';
import type { ViewModel } from '../data/view-model.js';
import { element, fmt } from './dom.js';

export class Tooltip {
  readonly element: HTMLElement;

  /** @param container Positioned element the tooltip floats in. */
  constructor(container: HTMLElement) {
    this.element = element('div', 'tooltip');
    this.element.id = 'tooltip';
    this.element.hidden = true;
    container.appendChild(this.element);
  }

  /**
   * Show feature `i` near the pointer.
   *
   * @param report The report holding the feature.
   * @param model The page's groups.
   * @param i Feature index.
   * @param x Pointer x relative to the container.
   * @param y Pointer y relative to the container.
   */
  show(report: Report, model: ViewModel, i: number, x: number, y: number): void {
    const f = report.features[i];
    const gid = model.groupOf[i];
    const where = gid >= 0 ? `structure ${gid}: ${model.groups[gid].label}` : f.represented ? 'generic (in no structure)' : 'unrepresented';
    this.element.replaceChildren(
      element('strong', '', `feature ${i}`),
      element('div', '', `‖W‖ = ${fmt(f.norm)}  ·  D = ${fmt(f.dimensionality)}`),
      element('div', '', where),
    );
    this.element.dataset.feature = String(i);
    this.element.style.transform = `translate(${Math.round(x + 14)}px, ${Math.round(y + 14)}px)`;
    this.element.hidden = false;
  }

  /**
   * Show free lines for feature `i` near the pointer (compare mode: its role in both runs).
   *
   * @param i Feature index.
   * @param lines Heading first, then one line each.
   * @param x Pointer x relative to the container.
   * @param y Pointer y relative to the container.
   */
  showLines(i: number, lines: readonly string[], x: number, y: number): void {
    this.element.replaceChildren(element('strong', '', lines[0] ?? ''), ...lines.slice(1).map((line) => element('div', '', line)));
    this.element.dataset.feature = String(i);
    this.element.style.transform = `translate(${Math.round(x + 14)}px, ${Math.round(y + 14)}px)`;
    this.element.hidden = false;
  }

  hide(): void {
    this.element.hidden = true;
    delete this.element.dataset.feature;
  }
}
