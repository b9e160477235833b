/**
 * The viewer: wires the stage, the glyph/polytope/plane layers and the
 * panels to one ViewData, and keeps the selection and projection state.
 * Shell-specific parts (where data comes from, where exports go, how a
 * dropped File becomes bytes) are passed in, so the same class runs under
 * `tegum view` and in the desktop app.
 */
import * as THREE from 'three';
import type { Report } from '../report/types.js';
import { InputError } from '../import/errors.js';
import type { ViewData } from './data/view-data.js';
import type { ExportKind, MenuCommand } from './data/preload-api.js';
import { alignSigns, axesBasis, principalBasis, projectFeatures } from './math/projection.js';
import type { Basis3 } from './math/projection.js';
import { angularOrder } from './math/polygon-order.js';
import { Stage } from './scene/stage.js';
import { FeatureGlyphs } from './scene/feature-glyphs.js';
import { PolytopeLayer } from './scene/polytope-layer.js';
import { PlaneDiscs } from './scene/plane-discs.js';
import { LabelLayer } from './scene/labels.js';
import { PositionTween } from './scene/tween.js';
import { referenceSphere } from './scene/reference-sphere.js';
import { labelAnchor } from './scene/label-anchor.js';
import { bundleColour } from '../report/palette.js';
import { BundleList } from './ui/bundle-list.js';
import { DetailPanel } from './ui/detail-panel.js';
import { Tooltip } from './ui/tooltip.js';
import { showPlots } from './ui/plots-panel.js';
import { ProjectionControls } from './ui/projection-controls.js';
import type { ProjectionChoice } from './ui/projection-controls.js';
import { canvasPng, reportFile } from './ui/exports.js';
import type { Saver } from './ui/exports.js';
import { wireFileOpen } from './ui/file-open.js';
import { byId } from './ui/dom.js';

/** What a shell provides to the viewer. */
export interface Shell {
  /** Where exports go. */
  saver: Saver;
  /** Turn a picked or dropped File into ViewData (analysing it with the library). */
  openFile(file: File): Promise<ViewData>;
}

/** Everything built for one ViewData. */
interface Loaded {
  data: ViewData;
  glyphs: FeatureGlyphs;
  polytopes: PolytopeLayer;
  planes: PlaneDiscs;
  scale: number;
  basis: Basis3;
  positions: Float32Array;
}

/** Hooks for the browser tests (window.__tegum); read-only views of state plus screen geometry. */
export interface TestHook {
  /** performance.now() when the first frame with data was drawn, else null. */
  firstFrameAt: number | null;
  /** Page coordinates of feature i's glyph, or null when hidden or behind the camera. */
  screenPositionOf(i: number): { x: number; y: number } | null;
  /** Whether a projection transition is running. */
  animating(): boolean;
  /** How many in-between frames projection transitions have drawn so far. */
  tweenFrames(): number;
  /** Number of features shown. */
  featureCount(): number;
  /** Draw one frame synchronously and return how long it took (ms), GPU work included. */
  timeFrame(): number;
}

export class ViewerApp {
  readonly stage: Stage;
  private readonly labels: LabelLayer;
  private readonly tooltip: Tooltip;
  private readonly bundleList: BundleList;
  private readonly details: DetailPanel;
  private readonly projection: ProjectionControls;
  private readonly tween = new PositionTween();
  private readonly raycaster = new THREE.Raycaster();
  private readonly viewRoot: HTMLElement;
  private loaded: Loaded | null = null;
  private selectedBundles: number[] = [];
  private selectedFeature: number | null = null;
  private tweenFrames = 0;
  readonly hook: TestHook;

  /** @param shell Shell-specific services. */
  constructor(private readonly shell: Shell) {
    this.viewRoot = byId('view');
    this.stage = new Stage(this.viewRoot);
    this.stage.scene.add(referenceSphere());
    this.labels = new LabelLayer(this.stage, this.viewRoot);
    this.tooltip = new Tooltip(this.viewRoot);
    this.bundleList = new BundleList(byId('bundles'), (id, extend) => this.selectBundle(id, extend));
    this.details = new DetailPanel(byId('details'));
    this.projection = new ProjectionControls((choice) => void this.reproject(choice, true));
    this.hook = {
      firstFrameAt: null,
      screenPositionOf: (i) => (this.loaded?.glyphs.isVisible(i) ? this.stage.screenPosition(this.loaded.glyphs.positionOf(i)) : null),
      animating: () => this.tween.running,
      tweenFrames: () => this.tweenFrames,
      featureCount: () => this.loaded?.glyphs.count ?? 0,
      timeFrame: () => {
        const start = performance.now();
        this.stage.renderNow();
        // readPixels waits for the GPU, so the time covers the whole frame, not just its submission.
        const gl = this.stage.renderer.getContext();
        gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
        return performance.now() - start;
      },
    };
    this.wireControls();
    this.wirePointer();
    wireFileOpen((file) => void this.open(file));
  }

  /** Show a Report plus its W (replaces whatever was shown). */
  show(data: ViewData): void {
    const { report, W } = data;
    const { m, n } = report.input;
    this.clearScene();
    const scale = Math.max(...report.features.map((f) => f.norm)) || 1;
    const glyphs = new FeatureGlyphs(report.features.map((f) => ({ bundle: f.bundle, relativeNorm: f.norm / scale })));
    const polytopes = new PolytopeLayer(
      report.bundles.map((b) => ({
        bundle: b,
        order: b.dimension === 2 ? angularOrder(W, m, b.features, principalBasis(W, m, b.features)) : b.features,
      })),
    );
    const planes = new PlaneDiscs(m, W, report.planes, (f) => report.features[f].bundle);
    this.stage.scene.add(planes.group, polytopes.group, glyphs.group);
    this.selectedBundles = [];
    this.selectedFeature = null;
    this.projection.setDimension(m);
    const basis = this.basisFor(this.projection.choice, report, W);
    const positions = projectFeatures(W, m, n, basis, scale);
    this.loaded = { data, glyphs, polytopes, planes, scale, basis, positions };
    this.applyVisibility();
    planes.update(basis, 1);
    this.placeAll(positions);
    this.bundleList.show(report);
    this.details.clear();
    showPlots(byId('plots'), report, W);
    byId('title').textContent = `${report.input.file} · ${report.input.tensor} · n = ${n} features in m = ${m} dims`;
    byId<HTMLInputElement>('arrows-toggle').checked = glyphs.arrowsVisible;
    this.status('');
    this.stage.resetView();
    this.stage.renderNow();
    this.hook.firstFrameAt ??= performance.now();
  }

  /** Show an error on the status line, in the CLI's one-line form for bad input. */
  status(message: string): void {
    const line = byId('status');
    line.textContent = message;
    line.hidden = message === '';
  }

  /** Analyse and show a file the user picked or dropped. */
  async open(file: File): Promise<void> {
    this.status(`analysing ${file.name} …`);
    try {
      this.show(await this.shell.openFile(file));
    } catch (err) {
      this.fail(err);
    }
  }

  /** Report a failure to load (bad input in the CLI's words, anything else as is). */
  fail(err: unknown): void {
    if (err instanceof InputError) this.status(`tegum: ${err.file}: ${err.reason}`);
    else this.status(`tegum: ${err instanceof Error ? err.message : String(err)}`);
  }

  /** Run a native-menu command (desktop app). */
  command(command: MenuCommand): void {
    if (command === 'reset-view') this.stage.resetView();
    else void this.export(command.slice('export-'.length) as ExportKind);
  }

  /** Export the report (json/md/html) or a PNG of the view. */
  async export(kind: ExportKind): Promise<void> {
    if (this.loaded === null) return;
    const { report, W } = this.loaded.data;
    const stem = stemOf(report.input.file);
    try {
      if (kind === 'png') {
        this.stage.renderNow();
        await this.shell.saver.save('png', `${stem}-view.png`, await canvasPng(this.stage.renderer.domElement));
      } else {
        await this.shell.saver.save(kind, `${stem}.report.${kind}`, reportFile(kind, report, W));
      }
    } catch (err) {
      this.fail(err);
    }
  }

  /** Select a bundle (or add it to the selection) and show its details. */
  selectBundle(id: number, extend: boolean): void {
    if (this.loaded === null) return;
    const at = this.selectedBundles.indexOf(id);
    if (extend) {
      if (at >= 0) this.selectedBundles.splice(at, 1);
      else this.selectedBundles.push(id);
    } else {
      this.selectedBundles = [id];
    }
    this.selectedFeature = null;
    const { report, W } = this.loaded.data;
    const last = this.selectedBundles.at(-1);
    if (last === undefined) this.details.clear();
    else this.details.showBundle(report, W, last);
    this.afterSelection();
  }

  private selectFeature(i: number | null): void {
    if (this.loaded === null) return;
    this.selectedFeature = i;
    const { report, W } = this.loaded.data;
    const bundle = i === null ? null : report.features[i].bundle;
    this.selectedBundles = bundle === null ? [] : [bundle];
    if (i === null) this.details.clear();
    else this.details.showFeature(report, W, i);
    this.afterSelection();
  }

  private afterSelection(): void {
    if (this.loaded === null) return;
    const { report } = this.loaded.data;
    const selected = new Set(this.selectedBundles);
    this.bundleList.markSelected(selected);
    const bright = selected.size === 0 ? null : new Set(report.bundles.filter((b) => selected.has(b.id)).flatMap((b) => b.features));
    if (bright && this.selectedFeature !== null) bright.add(this.selectedFeature);
    this.loaded.glyphs.setHighlight(bright);
    // The bundle and PCA projections follow the selection; hidden axes do not.
    if (this.projection.choice.mode === 'axes') this.placeAll(this.loaded.positions);
    else void this.reproject(this.projection.choice, true);
  }

  private basisFor(choice: ProjectionChoice, report: Report, W: Float64Array): Basis3 {
    const { m } = report.input;
    if (choice.mode === 'axes') return axesBasis(m, choice.axes);
    const chosen = choice.mode === 'bundle' ? this.selectedBundles.slice(-1) : this.selectedBundles;
    const features = chosen.length ? chosen.flatMap((id) => report.bundles[id].features) : report.features.filter((f) => f.represented).map((f) => f.index);
    return principalBasis(W, m, features);
  }

  private async reproject(choice: ProjectionChoice, animate: boolean): Promise<void> {
    const loaded = this.loaded;
    if (loaded === null) return;
    const { report, W } = loaded.data;
    const basis = alignSigns(this.basisFor(choice, report, W), loaded.basis, report.input.m);
    const target = projectFeatures(W, report.input.m, report.input.n, basis, loaded.scale);
    const from = loaded.positions;
    loaded.basis = basis;
    loaded.positions = target;
    loaded.planes.update(basis, 1);
    if (!animate) {
      this.placeAll(target);
      return;
    }
    await this.tween.run(from, target, (p, last) => {
      if (!last) this.tweenFrames++;
      this.placeAll(p);
    });
  }

  private placeAll(positions: Float32Array): void {
    const loaded = this.loaded;
    if (loaded === null) return;
    const { report } = loaded.data;
    loaded.glyphs.setPositions(positions);
    const selected = new Set(this.selectedBundles);
    const dimmed = new Set(selected.size ? report.bundles.filter((b) => !selected.has(b.id)).map((b) => b.id) : []);
    loaded.polytopes.update(positions, dimmed);
    this.labels.set(
      report.bundles
        .filter((b) => b.features.length > 1)
        .map((b) => ({ text: b.polytope, colour: bundleColour(b.id), anchor: labelAnchor(positions, b.features) }))
        // A bundle the projection collapses to the origin gets no label (it would overprint the others).
        .filter((label) => label.anchor.length() > 0.3),
    );
    this.stage.requestRender();
  }

  private applyVisibility(): void {
    const loaded = this.loaded;
    if (loaded === null) return;
    const showUnrepresented = byId<HTMLInputElement>('unrepresented-toggle').checked;
    const visible = Uint8Array.from(loaded.data.report.features, (f) => (f.represented || showUnrepresented ? 1 : 0));
    loaded.glyphs.setVisible(visible);
    this.stage.requestRender();
  }

  private clearScene(): void {
    this.tween.finish();
    if (this.loaded === null) return;
    const { glyphs, polytopes, planes } = this.loaded;
    this.stage.scene.remove(glyphs.group, polytopes.group, planes.group);
    for (const group of [glyphs.group, polytopes.group, planes.group]) {
      group.traverse((o) => {
        const mesh = o as THREE.Mesh;
        mesh.geometry?.dispose();
        if (mesh.material instanceof THREE.Material) mesh.material.dispose();
      });
    }
    this.loaded = null;
  }

  private wireControls(): void {
    byId('unrepresented-toggle').addEventListener('change', () => this.applyVisibility());
    byId('arrows-toggle').addEventListener('change', (e) => {
      if (this.loaded) this.loaded.glyphs.arrowsVisible = (e.target as HTMLInputElement).checked;
      this.stage.requestRender();
    });
    byId('planes-toggle').addEventListener('change', (e) => {
      if (this.loaded) this.loaded.planes.group.visible = (e.target as HTMLInputElement).checked;
      this.stage.requestRender();
    });
    byId('labels-toggle').addEventListener('change', (e) => {
      this.labels.visible = (e.target as HTMLInputElement).checked;
      this.stage.requestRender();
    });
    byId('reset-view').addEventListener('click', () => this.stage.resetView());
    for (const kind of ['json', 'md', 'html', 'png'] as const) {
      byId(`export-${kind}`).addEventListener('click', () => void this.export(kind));
    }
  }

  private wirePointer(): void {
    const canvas = this.stage.renderer.domElement;
    let hoverQueued = false;
    let lastMove: PointerEvent | null = null;
    canvas.addEventListener('pointermove', (e) => {
      lastMove = e;
      if (hoverQueued) return;
      hoverQueued = true;
      requestAnimationFrame(() => {
        hoverQueued = false;
        if (lastMove) this.hover(lastMove);
      });
    });
    canvas.addEventListener('pointerleave', () => this.tooltip.hide());
    let down: { x: number; y: number } | null = null;
    canvas.addEventListener('pointerdown', (e) => (down = { x: e.clientX, y: e.clientY }));
    canvas.addEventListener('pointerup', (e) => {
      // A click, not the end of an orbit drag.
      if (down && Math.hypot(e.clientX - down.x, e.clientY - down.y) < 4) this.selectFeature(this.pickAt(e.clientX, e.clientY));
      down = null;
    });
  }

  private hover(e: PointerEvent): void {
    const loaded = this.loaded;
    const i = this.pickAt(e.clientX, e.clientY);
    if (loaded === null || i === null) {
      this.tooltip.hide();
      return;
    }
    const rect = this.viewRoot.getBoundingClientRect();
    this.tooltip.show(loaded.data.report, i, e.clientX - rect.left, e.clientY - rect.top);
  }

  private pickAt(clientX: number, clientY: number): number | null {
    if (this.loaded === null) return null;
    this.raycaster.setFromCamera(this.stage.ndc(clientX, clientY), this.stage.camera);
    return this.loaded.glyphs.pick(this.raycaster);
  }
}

/** "runs/a/W.npz" → "W". */
function stemOf(file: string): string {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  return base.replace(/(\.safetensors\.index\.json|\.[^.]+)$/, '') || 'tegum';
}
