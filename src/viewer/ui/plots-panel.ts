/**
 * Side panel with the report's 2-D figures: the Gram matrix ordered by
 * bundle, the dimensionality energy levels, the persistence barcodes and the
 * decoder's arrangement (the same SVG generators as report.html, so both show
 * the same picture).
 */
import type { Report } from '../../report/types.js';
import { gramFigure } from '../../report/figures/gram-figure.js';
import { energyFigure } from '../../report/figures/energy-figure.js';
import { arrangementPicture, topologyFigure } from '../../report/html.js';
import { element } from './dom.js';

/** Above this many features the energy plot (one SVG circle each) would slow the page down. */
const MAX_ENERGY_POINTS = 4096;

/**
 * Fill `root` with the figures.
 *
 * @param root Container (emptied).
 * @param report The report.
 * @param W Its weights (the Gram figure needs them).
 */
export function showPlots(root: HTMLElement, report: Report, W: Float64Array): void {
  const gram = element('figure', 'plot');
  gram.innerHTML = gramFigure(report, W);
  gram.appendChild(element('figcaption', '', 'Gram matrix WᵀW, features ordered by bundle'));
  const energy = element('figure', 'plot');
  if (report.features.length <= MAX_ENERGY_POINTS) energy.innerHTML = energyFigure(report);
  else energy.appendChild(element('p', '', `${report.features.length} features: too many points to plot here; see report.html.`));
  energy.appendChild(element('figcaption', '', 'feature dimensionality D_i and the Toy Models energy levels'));
  const barcodes = element('figure', 'plot');
  barcodes.innerHTML = topologyFigure(report);
  barcodes.appendChild(element('figcaption', '', `persistence barcodes of the feature directions: ${report.topology.verdict.text}`));
  const arrangement = element('figure', 'plot');
  arrangement.innerHTML = arrangementPicture(report, W);
  arrangement.appendChild(element('figcaption', '', `decoder arrangement: ${report.arrangement.regionsText} regions, ${report.arrangement.boundedRegionsText} bounded`));
  root.replaceChildren(gram, energy, barcodes, arrangement);
}
