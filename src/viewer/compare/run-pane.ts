/**
 * One side of compare mode: a stage of its own (canvas, camera, controls)
 * with one run's feature glyphs, polytopes and labels, and a heading naming
 * the run and its decomposition. Colours come from the compare colour rule,
 * not from the run's own bundles.
 */
import * as THREE from 'three';
import type { ViewData } from '../data/view-data.js';
import { principalBasis, projectFeatures } from '../math/projection.js';
import type { Basis3 } from '../math/projection.js';
import { angularOrder } from '../math/polygon-order.js';
import { Stage } from '../scene/stage.js';
import { FeatureGlyphs } from '../scene/feature-glyphs.js';
import { PolytopeLayer } from '../scene/polytope-layer.js';
import { LabelLayer } from '../scene/labels.js';
import { referenceSphere } from '../scene/reference-sphere.js';
import { labelAnchor } from '../scene/label-anchor.js';
import { bundleColour } from '../../report/palette.js';
import { Tooltip } from '../ui/tooltip.js';
import { element } from '../ui/dom.js';

/** Shapes and labels of run B's own bundles are drawn in this neutral colour (their features keep A's colours). */
export const NEUTRAL_SHAPE_COLOUR = '#777777';

export interface RunPaneOptions {
  /** "A" or "B". */
  name: string;
  /** The file (and instance) the run came from. */
  label: string;
  /** One base colour per feature (matchedColours). */
  colours: readonly string[];
  /** Draw polytopes and labels in the bundle's palette colour (run A) or neutral (run B). */
  ownBundleColours: boolean;
  /** Divisor for positions, shared by both panes so lengths compare. */
  scale: number;
}

export class RunPane {
  readonly root: HTMLElement;
  readonly stage: Stage;
  readonly glyphs: FeatureGlyphs;
  readonly tooltip: Tooltip;
  private readonly polytopes: PolytopeLayer;
  private readonly labels: LabelLayer;
  private positions: Float32Array;

  /**
   * @param container Element the pane is appended to.
   * @param data The run (W aligned onto run A's hidden space for run B).
   * @param opts Name, label, colours and scale.
   */
  constructor(
    container: HTMLElement,
    readonly data: ViewData,
    private readonly opts: RunPaneOptions,
  ) {
    const { report, W } = data;
    const { m, n } = report.input;
    this.root = element('div', 'pane');
    this.root.id = `pane-${opts.name.toLowerCase()}`;
    container.appendChild(this.root);
    this.stage = new Stage(this.root);
    this.stage.scene.add(referenceSphere());
    const heading = element('div', 'pane-title');
    heading.append(element('strong', '', `${opts.name}: ${opts.label}`), element('div', 'pane-decomposition', report.decomposition || '—'));
    this.root.appendChild(heading);
    this.labels = new LabelLayer(this.stage, this.root);
    this.tooltip = new Tooltip(this.root);
    this.tooltip.element.id = `tooltip-${opts.name.toLowerCase()}`;
    this.glyphs = new FeatureGlyphs(report.features.map((f, i) => ({ group: f.bundle, relativeNorm: f.norm / opts.scale, colour: opts.colours[i] })));
    this.polytopes = new PolytopeLayer(
      report.bundles.map((b) => ({
        bundle: b,
        order: b.dimension === 2 ? angularOrder(W, m, b.features, principalBasis(W, m, b.features)) : b.features,
        colour: opts.ownBundleColours ? undefined : NEUTRAL_SHAPE_COLOUR,
      })),
    );
    this.stage.scene.add(this.polytopes.group, this.glyphs.group);
    this.positions = new Float32Array(3 * n);
  }

  /** Project the run with `basis` and redraw glyphs, shapes and labels. */
  project(basis: Basis3): void {
    const { report, W } = this.data;
    this.positions = projectFeatures(W, report.input.m, report.input.n, basis, this.opts.scale);
    this.glyphs.setPositions(this.positions);
    this.polytopes.update(this.positions, new Set());
    this.labels.set(
      report.bundles
        .filter((b) => b.features.length > 1)
        .map((b) => ({
          text: b.polytope,
          colour: this.opts.ownBundleColours ? bundleColour(b.id) : NEUTRAL_SHAPE_COLOUR,
          anchor: labelAnchor(this.positions, b.features),
        }))
        .filter((label) => label.anchor.length() > 0.3),
    );
    this.stage.requestRender();
  }

  /** Show represented features, plus the unrepresented ones when asked. */
  setShowUnrepresented(on: boolean): void {
    this.glyphs.setVisible(Uint8Array.from(this.data.report.features, (f) => (f.represented || on ? 1 : 0)));
    this.stage.requestRender();
  }

  /** Show or hide the bundle labels. */
  set labelsVisible(on: boolean) {
    this.labels.visible = on;
    this.stage.requestRender();
  }

  /** The visible feature under a page point, or null. */
  pickAt(clientX: number, clientY: number, raycaster: THREE.Raycaster): number | null {
    raycaster.setFromCamera(this.stage.ndc(clientX, clientY), this.stage.camera);
    return this.glyphs.pick(raycaster);
  }

  /** Page coordinates of feature i's glyph, or null when hidden or behind the camera. */
  screenPositionOf(i: number): { x: number; y: number } | null {
    return this.glyphs.isVisible(i) ? this.stage.screenPosition(this.glyphs.positionOf(i)) : null;
  }
}
