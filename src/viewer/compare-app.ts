/**
 * Compare mode (`tegum view A B`): two runs side by side, one pane each,
 * with linked cameras, one projection basis for both (B's W arrives aligned
 * onto A, so the hidden spaces correspond), one colour per feature across
 * both views (its bundle in run A), and hover that highlights the same
 * feature index in both views with its role in each run.
 */
import * as THREE from 'three';
import type { Report } from '../report/types.js';
import type { CompareData } from './data/compare-source.js';
import { alignSigns, axesBasis, largest, principalBasis } from './math/projection.js';
import type { Basis3 } from './math/projection.js';
import { linkCameras } from './compare/camera-link.js';
import { COLOUR_RULE, matchedColours } from './compare/match-colours.js';
import { RunPane } from './compare/run-pane.js';
import { viewModel } from './data/view-model.js';
import type { ViewGroup, ViewModel } from './data/view-model.js';
import { bundleColour } from '../report/palette.js';
import { BundleList } from './ui/bundle-list.js';
import { DetailPanel } from './ui/detail-panel.js';
import { ProjectionControls } from './ui/projection-controls.js';
import type { ProjectionChoice } from './ui/projection-controls.js';
import { byId, element, fmt } from './ui/dom.js';

/** A camera's pose, for the tests. */
export interface CameraState {
  position: [number, number, number];
  quaternion: [number, number, number, number];
  target: [number, number, number];
  zoom: number;
}

/** Hooks for the browser tests (window.__tegumCompare). Views are 0 (run A) and 1 (run B). */
export interface CompareTestHook {
  /** performance.now() when both panes first drew, else null. */
  firstFrameAt: number | null;
  /** Page coordinates of feature i's glyph in a view, or null when hidden or behind the camera. */
  screenPositionOf(view: number, i: number): { x: number; y: number } | null;
  /** The camera pose of a view. */
  camera(view: number): CameraState;
  /** The features a view keeps bright (sorted), or null when nothing is dimmed. */
  highlighted(view: number): number[] | null;
  /** The 3×m projection basis each view uses, row-major. */
  basis(view: number): number[];
}

/** Where a click in a bundle list came from. */
type Run = 0 | 1;

export class CompareApp {
  private readonly panes: [RunPane, RunPane];
  private readonly projection: ProjectionControls;
  private readonly details: [DetailPanel, DetailPanel];
  private readonly lists: [BundleList, BundleList];
  private readonly raycaster = new THREE.Raycaster();
  private readonly bases: [Basis3, Basis3];
  private readonly models: [ViewModel, ViewModel];
  private selection: { run: Run; bundles: number[] } = { run: 0, bundles: [] };
  readonly hook: CompareTestHook;

  /** @param data Both runs (B aligned onto A) and the alignment facts. */
  constructor(private readonly data: CompareData) {
    const { a, b, info } = data;
    const view = byId('view');
    view.classList.add('compare');
    document.body.classList.add('compare-mode');
    const scale = largest([...a.report.features, ...b.report.features].map((f) => f.norm)) || 1;
    const colours = matchedColours(a.report, b.report);
    this.models = [viewModel(a.report), viewModel(b.report)];
    this.panes = [
      new RunPane(view, a, { name: 'A', label: info.labels[0], colours, ownBundleColours: true, scale }),
      new RunPane(view, b, { name: 'B', label: info.labels[1], colours, ownBundleColours: false, scale }),
    ];
    linkCameras(this.panes.map((p) => p.stage));
    this.projection = new ProjectionControls((choice) => this.reproject(choice));
    this.projection.setDimension(a.report.input.m);
    const m = a.report.input.m;
    this.bases = [new Float64Array(3 * m), new Float64Array(3 * m)];

    const side = byId('bundles');
    side.replaceChildren(
      element(
        'p',
        'alignment',
        `B aligned onto A: residual ${fmt(info.residual)}, ${info.signFlips.length} sign flip${info.signFlips.length === 1 ? '' : 's'} (rotation alone: ${fmt(info.residualRotationOnly)})`,
      ),
      element(
        'p',
        'legend',
        `residual = ‖R·S·B − A‖ / ‖A‖ after the best rotation R and sign flips S: 0 = identical up to rotation and sign flips, 1 = as far apart as unrelated weights`,
      ),
      element('p', 'legend', COLOUR_RULE),
    );
    const listRoots = ['A', 'B'].map((name, run) => {
      const box = element('div', 'run-bundles');
      box.id = `bundles-${name.toLowerCase()}`;
      side.append(element('h3', '', `${name}: ${info.labels[run]}`), box);
      return box;
    });
    this.lists = [
      new BundleList(listRoots[0], (id, extend) => this.selectBundle(0, id, extend)),
      new BundleList(listRoots[1], (id, extend) => this.selectBundle(1, id, extend)),
    ];
    // Swatches follow the compare colour rule: the colour of the group's features in both views.
    const swatchOf = (g: ViewGroup): string => colours[g.features[0]] ?? bundleColour(null);
    this.lists[0].show(a.report, this.models[0], { genericAsPoints: false, colour: swatchOf });
    this.lists[1].show(b.report, this.models[1], { genericAsPoints: false, colour: swatchOf });
    const detailRoots = ['a', 'b'].map((name) => {
      const box = element('div', 'run-details');
      box.id = `details-${name}`;
      byId('details').append(box);
      return box;
    });
    // One hint for both panels: a click selects in both runs at once.
    this.details = [new DetailPanel(detailRoots[0]), new DetailPanel(detailRoots[1], false)];
    byId('title').textContent = `compare · ${info.labels[0]} ↔ ${info.labels[1]} · n = ${a.report.input.n} features in m = ${m} dims`;

    this.hook = {
      firstFrameAt: null,
      screenPositionOf: (v, i) => this.panes[v].screenPositionOf(i),
      camera: (v) => cameraState(this.panes[v]),
      highlighted: (v) => {
        const set = this.panes[v].glyphs.highlighted;
        return set === null ? null : [...set].sort((x, y) => x - y);
      },
      basis: (v) => Array.from(this.bases[v]),
    };
    this.wireControls();
    this.panes.forEach((pane, v) => this.wirePointer(pane, v as Run));
    this.applyVisibility();
    this.reproject(this.projection.choice);
    for (const pane of this.panes) {
      pane.stage.resetView();
      pane.stage.renderNow();
    }
    this.hook.firstFrameAt = performance.now();
  }

  /** The basis from the selected bundle(s) of the run they were picked in, or PCA of A's represented features. */
  private basisFor(choice: ProjectionChoice): Basis3 {
    const m = this.data.a.report.input.m;
    if (choice.mode === 'axes') return axesBasis(m, choice.axes);
    const { run, bundles } = this.selection;
    const { W } = this.panes[run].data;
    const chosen = choice.mode === 'bundle' ? bundles.slice(-1) : bundles;
    if (chosen.length)
      return principalBasis(
        W,
        m,
        chosen.flatMap((id) => this.models[run].groups[id].features),
      );
    const a = this.data.a;
    return principalBasis(
      a.W,
      m,
      a.report.features.filter((f) => f.represented).map((f) => f.index),
    );
  }

  private reproject(choice: ProjectionChoice): void {
    const m = this.data.a.report.input.m;
    const basis = alignSigns(this.basisFor(choice), this.bases[0], m);
    // The same basis for both views: matched features sit in comparable places.
    this.bases[0] = basis;
    this.bases[1] = basis;
    for (const pane of this.panes) pane.project(basis);
  }

  private selectBundle(run: Run, id: number, extend: boolean): void {
    const same = this.selection.run === run;
    const bundles = same ? [...this.selection.bundles] : [];
    const at = bundles.indexOf(id);
    if (extend) {
      if (at >= 0) bundles.splice(at, 1);
      else bundles.push(id);
    } else {
      bundles.splice(0, bundles.length, id);
    }
    this.selection = { run, bundles };
    this.lists.forEach((list, r) => list.markSelected(new Set(r === run ? bundles : [])));
    const bright = bundles.length ? new Set(bundles.flatMap((b) => this.models[run].groups[b].features)) : null;
    this.highlight(bright);
    const last = bundles.at(-1);
    this.panes.forEach((pane, r) => {
      if (r === run && last !== undefined) this.details[r].showGroup(pane.data.report, this.models[r], pane.data.W, last);
      else this.details[r].clear();
    });
    this.reproject(this.projection.choice);
  }

  private selectFeature(i: number | null): void {
    this.selection = { run: 0, bundles: [] };
    this.lists.forEach((list) => list.markSelected(new Set()));
    this.highlight(i === null ? null : new Set([i]));
    this.panes.forEach((pane, r) => {
      if (i === null) this.details[r].clear();
      else this.details[r].showFeature(pane.data.report, this.models[r], pane.data.W, i);
    });
  }

  /** Keep the same feature indices bright in both views. */
  private highlight(bright: ReadonlySet<number> | null): void {
    for (const pane of this.panes) {
      pane.glyphs.setHighlight(bright);
      pane.stage.requestRender();
    }
  }

  /** What the current selection keeps bright (restored when the pointer leaves a feature). */
  private selectionHighlight(): ReadonlySet<number> | null {
    const { run, bundles } = this.selection;
    if (!bundles.length) return null;
    return new Set(bundles.flatMap((b) => this.models[run].groups[b].features));
  }

  private applyVisibility(): void {
    const on = byId<HTMLInputElement>('unrepresented-toggle').checked;
    for (const pane of this.panes) pane.setShowUnrepresented(on);
  }

  private wireControls(): void {
    byId('unrepresented-toggle').addEventListener('change', () => this.applyVisibility());
    byId('arrows-toggle').addEventListener('change', (e) => {
      for (const pane of this.panes) {
        pane.glyphs.arrowsVisible = (e.target as HTMLInputElement).checked;
        pane.stage.requestRender();
      }
    });
    byId('labels-toggle').addEventListener('change', (e) => {
      for (const pane of this.panes) pane.labelsVisible = (e.target as HTMLInputElement).checked;
    });
    byId('reset-view').addEventListener('click', () => this.panes[0].stage.resetView());
  }

  private wirePointer(pane: RunPane, view: Run): void {
    const canvas = pane.stage.renderer.domElement;
    let hoverQueued = false;
    let lastMove: PointerEvent | null = null;
    let hovered: number | null = null;
    canvas.addEventListener('pointermove', (e) => {
      lastMove = e;
      if (hoverQueued) return;
      hoverQueued = true;
      requestAnimationFrame(() => {
        hoverQueued = false;
        if (lastMove === null) return;
        const i = pane.pickAt(lastMove.clientX, lastMove.clientY, this.raycaster);
        if (i !== hovered) this.highlight(i === null ? this.selectionHighlight() : new Set([i]));
        hovered = i;
        if (i === null) pane.tooltip.hide();
        else {
          const rect = pane.root.getBoundingClientRect();
          pane.tooltip.showLines(i, this.roleLines(i, view), lastMove.clientX - rect.left, lastMove.clientY - rect.top);
        }
      });
    });
    canvas.addEventListener('pointerleave', () => {
      lastMove = null;
      pane.tooltip.hide();
      if (hovered !== null) this.highlight(this.selectionHighlight());
      hovered = null;
    });
    let down: { x: number; y: number } | null = null;
    canvas.addEventListener('pointerdown', (e) => (down = { x: e.clientX, y: e.clientY }));
    canvas.addEventListener('pointerup', (e) => {
      // A click, not the end of an orbit drag.
      if (down && Math.hypot(e.clientX - down.x, e.clientY - down.y) < 4) this.selectFeature(pane.pickAt(e.clientX, e.clientY, this.raycaster));
      down = null;
    });
  }

  /** Feature i's role in both runs: "A: bundle 2 · pentagon → B: bundle 0 · digon". */
  private roleLines(i: number, view: Run): string[] {
    const [a, b] = this.panes.map((p) => p.data.report);
    return [`feature ${i} (hovered in ${view === 0 ? 'A' : 'B'})`, `A: ${role(a, i)}`, `→ B: ${role(b, i)}`];
  }
}

/** A feature's bundle and polytope, norm and D_i in one run. */
function role(report: Report, i: number): string {
  const f = report.features[i];
  const where = f.bundle === null ? 'unrepresented' : `bundle ${f.bundle} · ${report.bundles[f.bundle].polytope}`;
  return `${where}  (‖W‖ = ${fmt(f.norm)}, D = ${fmt(f.dimensionality)})`;
}

function cameraState(pane: RunPane): CameraState {
  const { camera, controls } = pane.stage;
  return {
    position: camera.position.toArray(),
    quaternion: camera.quaternion.toArray(),
    target: controls.target.toArray(),
    zoom: camera.zoom,
  };
}
