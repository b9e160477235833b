/**
 * The viewer: wires the stage, the glyph/polytope/plane layers and the
 * panels to one ViewData, and keeps the selection and projection state.
 * Shell-specific parts (where data comes from, where exports go, how a
 * dropped File becomes bytes) are passed in, so the same class runs under
 * `tegum view` and in the desktop app.
 *
 * At dictionary scale nothing here is quadratic on the main thread: W is
 * drawn as soon as it arrives (before the analysis), large groups' angle
 * statistics go to a Worker, projections use the sampled principal basis,
 * and only the largest structures get hulls and labels.
 */
import * as THREE from 'three';
import type { Report } from '../report/types.js';
import { InputError } from '../import/errors.js';
import type { ViewData } from './data/view-data.js';
import type { ExportKind, MenuCommand } from './data/preload-api.js';
import type { EarlyWeights, ServerStatus } from './data/http-source.js';
import { search, viewModel } from './data/view-model.js';
import type { ViewModel } from './data/view-model.js';
import { alignSigns, axesBasis, largest, length, principalBasis, projectFeatures, varianceShown } from './math/projection.js';
import type { Basis3 } from './math/projection.js';
import { angularOrder } from './math/polygon-order.js';
import { Stage } from './scene/stage.js';
import { FeatureGlyphs, LARGE_INPUT } from './scene/feature-glyphs.js';
import { MAX_HULL_FEATURES, PolytopeLayer } from './scene/polytope-layer.js';
import { PlaneDiscs } from './scene/plane-discs.js';
import { LabelLayer } from './scene/labels.js';
import { PositionTween } from './scene/tween.js';
import { referenceSphere } from './scene/reference-sphere.js';
import { labelAnchor } from './scene/label-anchor.js';
import { SelectionMarker } from './scene/selection-marker.js';
import { RiderLines } from './scene/rider-lines.js';
import { bundleColour } from '../report/palette.js';
import { BundleList } from './ui/bundle-list.js';
import { DetailPanel } from './ui/detail-panel.js';
import { Tooltip } from './ui/tooltip.js';
import { showPlots } from './ui/plots-panel.js';
import { ProjectionControls } from './ui/projection-controls.js';
import type { ProjectionChoice } from './ui/projection-controls.js';
import { reportFile, viewPng } from './ui/exports.js';
import type { Saver } from './ui/exports.js';
import { legendItems, renderLegend } from './ui/legend.js';
import type { LegendItem } from './ui/legend.js';
import { wireFileOpen } from './ui/file-open.js';
import { wireShortcuts } from './ui/shortcuts.js';
import { byId } from './ui/dom.js';
import { evenlySpaced } from './math/sample.js';
import { titleOf } from './ui/title.js';

/** What a shell provides to the viewer. */
export interface Shell {
  /** Where exports go. */
  saver: Saver;
  /**
   * Turn a picked or dropped File into ViewData (analysing it with the library, off the main thread).
   *
   * @param file The file.
   * @param onProgress Progress of the analysis (fraction in [0, 1], what is being done).
   */
  openFile(file: File, onProgress: (fraction: number, detail: string) => void): Promise<ViewData>;
}

/** The largest groups get polytope outlines and labels; the rest are coloured points (thousands of hulls would bury the picture). */
const MAX_SHAPES = 60;
/** The caption's variance share is taken over at most this many evenly spaced features. */
const VARIANCE_SAMPLE = 2048;
/** Colour of features while the analysis has not arrived. */
const PENDING_COLOUR = '#5a6b7d';
/** Represented features in no structure (unrepresented ones keep the palette's light grey). */
const GENERIC_COLOUR = '#7d7d7d';

/** Everything built for one W (and its Report, once there). */
interface Loaded {
  W: Float64Array;
  m: number;
  n: number;
  /** null while the analysis is still running (W drawn alone). */
  report: Report | null;
  model: ViewModel | null;
  glyphs: FeatureGlyphs;
  polytopes: PolytopeLayer;
  planes: PlaneDiscs | null;
  riders: RiderLines | null;
  scale: number;
  basis: Basis3;
  positions: Float32Array;
  title: string;
}

/** Hooks for the browser tests (window.__tegum); read-only views of state plus screen geometry. */
export interface TestHook {
  /** performance.now() when W first reached the viewer (downloaded and decoded), else null. */
  dataAt: number | null;
  /** performance.now() when the first frame with W was drawn, else null. */
  firstFrameAt: number | null;
  /** performance.now() when the first frame with the analysis was drawn, else null. */
  reportFrameAt: number | null;
  /** Page coordinates of feature i's glyph, or null when hidden or behind the camera. */
  screenPositionOf(i: number): { x: number; y: number } | null;
  /** Whether feature i can be hovered and clicked now. */
  pickable(i: number): boolean;
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
  private readonly marker = new SelectionMarker();
  private readonly tween = new PositionTween();
  private readonly raycaster = new THREE.Raycaster();
  private readonly viewRoot: HTMLElement;
  private loaded: Loaded | null = null;
  private selectedGroups: number[] = [];
  private selectedFeature: number | null = null;
  /** Position in the ranked list the arrow keys step from. */
  private cursor = -1;
  private searchHits: { query: string; next: number } = { query: '', next: 0 };
  private tweenFrames = 0;
  private legend: LegendItem[] = [];
  readonly hook: TestHook;

  /** @param shell Shell-specific services. */
  constructor(private readonly shell: Shell) {
    this.viewRoot = byId('view');
    this.stage = new Stage(this.viewRoot);
    this.stage.scene.add(referenceSphere(), this.marker.sprite);
    this.labels = new LabelLayer(this.stage, this.viewRoot);
    this.tooltip = new Tooltip(this.viewRoot);
    this.bundleList = new BundleList(byId('bundles'), (id, extend) => this.selectGroup(id, extend));
    this.details = new DetailPanel(byId('details'));
    this.projection = new ProjectionControls((choice) => void this.reproject(choice, true));
    this.projection.setSelection(0);
    this.hook = {
      dataAt: null,
      firstFrameAt: null,
      reportFrameAt: null,
      screenPositionOf: (i) => (this.loaded?.glyphs.isVisible(i) ? this.stage.screenPosition(this.loaded.glyphs.positionOf(i)) : null),
      pickable: (i) => this.loaded?.report != null && this.loaded.glyphs.isPickable(i),
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
    wireShortcuts({
      clear: () => this.clearSelection(),
      home: () => this.goHome(),
      step: (by) => this.step(by),
      search: () => byId<HTMLInputElement>('search').focus(),
    });
  }

  /** Show the server's progress while it analyses. */
  progress(status: ServerStatus): void {
    if (status.stage === 'ready' || status.reportReady) return;
    const stage = status.steps > 0 ? `stage ${status.step} of ${status.steps}` : status.stage;
    const percent = status.fraction > 0 ? ` (${Math.round(100 * status.fraction)} %)` : '';
    this.status(
      `analysing: ${stage}${status.detail ? ` — ${status.detail}` : ''}${percent}${this.loaded ? ' · the features are drawn; structures follow when the analysis is done' : ''}`,
    );
  }

  /** Draw W before its Report: every feature in one colour, PCA of the whole cloud. */
  showWeights(early: EarlyWeights, title: string): void {
    const { W, m, n } = early;
    this.hook.dataAt ??= performance.now();
    this.clearScene();
    const norms = Float64Array.from({ length: n }, (_, i) => length(W.subarray(i * m, i * m + m)));
    const scale = largest(norms) || 1;
    const glyphs = new FeatureGlyphs(Array.from(norms, (x) => ({ group: null, relativeNorm: x / scale, colour: PENDING_COLOUR, generic: true })));
    glyphs.genericActive = true;
    const polytopes = new PolytopeLayer([]);
    this.stage.scene.add(polytopes.group, glyphs.group);
    const all = Array.from({ length: n }, (_, i) => i).filter((i) => norms[i] > 0);
    const basis = principalBasis(W, m, all);
    const positions = projectFeatures(W, m, n, basis, scale);
    this.loaded = { W, m, n, report: null, model: null, glyphs, polytopes, planes: null, riders: null, scale, basis, positions, title };
    glyphs.setPositions(positions);
    this.labels.set([]);
    byId('title').textContent = title;
    byId<HTMLInputElement>('arrows-toggle').checked = glyphs.arrowsVisible;
    this.caption();
    this.stage.resetView();
    this.stage.renderNow();
    this.hook.firstFrameAt ??= performance.now();
  }

  /** Show a Report plus its W (replaces whatever was shown). */
  show(data: ViewData): void {
    const { report, W } = data;
    const { m, n } = report.input;
    this.hook.dataAt ??= performance.now();
    this.clearScene();
    const model = viewModel(report);
    const scale = largest(report.features.map((f) => f.norm)) || 1;
    // Generic features become dim, unpicked points only at scale; in a toy model every feature deserves a ball.
    const large = n > LARGE_INPUT;
    const glyphs = new FeatureGlyphs(
      report.features.map((f, i) => {
        const rides = model.ridesOn.get(i);
        // A weak rider takes the colour of the structure its strong feature is in (its short norm draws it faint).
        const group = model.groupOf[i] >= 0 ? model.groupOf[i] : rides !== undefined && model.groupOf[rides] >= 0 ? model.groupOf[rides] : null;
        const colour = group === null && f.represented ? GENERIC_COLOUR : undefined;
        return { group, relativeNorm: f.norm / scale, colour, generic: large && (model.generic[i] === 1 || model.groupOf[i] < 0) };
      }),
    );
    const shaped = model.ranked.filter((id) => model.groups[id].features.length <= MAX_HULL_FEATURES).slice(0, MAX_SHAPES);
    const polytopes = new PolytopeLayer(
      shaped.map((id) => {
        const g = model.groups[id];
        return {
          bundle: { id, features: g.features, dimension: g.dimension, polytope: g.label, regularity: g.regularity ?? 0 },
          order: g.dimension === 2 ? angularOrder(W, m, g.features, principalBasis(W, m, g.features)) : g.features,
        };
      }),
    );
    const planes = new PlaneDiscs(m, W, report.planes, (f) => (model.groupOf[f] >= 0 ? model.groupOf[f] : null));
    const riders = new RiderLines(model.ridesOn);
    this.stage.scene.add(planes.group, polytopes.group, riders.lines, glyphs.group);
    this.selectedGroups = [];
    this.selectedFeature = null;
    this.cursor = -1;
    this.projection.setDimension(m);
    this.projection.setSelection(0);
    const title = titleOf(report);
    const loaded: Loaded = {
      W,
      m,
      n,
      report,
      model,
      glyphs,
      polytopes,
      planes,
      riders,
      scale,
      basis: new Float64Array(3 * m),
      positions: new Float32Array(3 * n),
      title,
    };
    this.loaded = loaded;
    loaded.basis = this.basisFor(this.projection.choice, loaded);
    loaded.positions = projectFeatures(W, m, n, loaded.basis, scale);
    glyphs.genericActive = byId<HTMLInputElement>('generic-toggle').checked;
    this.applyVisibility();
    planes.update(loaded.basis, 1);
    this.placeAll(loaded.positions);
    this.bundleList.show(report, model, { genericAsPoints: large });
    this.details.clear();
    showPlots(byId('plots'), report, W, this.shell.saver, (f) =>
      model.groupOf[f] >= 0 ? bundleColour(model.groupOf[f]) : report.features[f].represented ? GENERIC_COLOUR : bundleColour(null),
    );
    byId('title').textContent = title;
    byId<HTMLInputElement>('arrows-toggle').checked = glyphs.arrowsVisible;
    this.legend = legendItems({
      colours: model.ranked.slice(0, 3).map((id) => bundleColour(id)),
      generic: report.features.some((f, i) => f.represented && model.groupOf[i] < 0) ? (large ? 'point' : 'ball') : null,
      hasPlanes: report.planes.some((p) => p.dimension === 2),
      hasHulls: shaped.length > 0,
      hasRiders: model.ridesOn.size > 0,
    });
    renderLegend(byId('legend'), this.legend);
    this.caption();
    this.status('');
    this.marker.place(null, 0);
    this.stage.resetView();
    this.stage.renderNow();
    this.hook.firstFrameAt ??= performance.now();
    this.hook.reportFrameAt ??= performance.now();
  }

  /** Show a message on the status line ('' hides it). */
  status(message: string): void {
    const line = byId('status');
    line.textContent = message;
    line.hidden = message === '';
  }

  /** Analyse and show a file the user picked or dropped. */
  async open(file: File): Promise<void> {
    this.status(`analysing ${file.name} …`);
    try {
      this.show(await this.shell.openFile(file, (fraction, detail) => this.status(`analysing ${file.name}: ${detail} (${Math.round(100 * fraction)} %)`)));
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
    else void this.export(command.slice('export-'.length) as Exclude<ExportKind, 'svg'>);
  }

  /** Export the report (json/md/html) or a PNG of the view with its title, labels and legend. */
  async export(kind: Exclude<ExportKind, 'svg'>): Promise<void> {
    const loaded = this.loaded;
    if (loaded === null || loaded.report === null) return;
    const { report, W } = loaded;
    const stem = stemOf(report.input.file);
    try {
      if (kind === 'png') {
        this.stage.renderNow();
        const png = await viewPng({
          canvas: this.stage.renderer.domElement,
          title: loaded.title,
          caption: byId('axis-caption').textContent ?? '',
          labels: this.labels.drawn(),
          legend: this.legend,
        });
        await this.shell.saver.save('png', `${stem}-view.png`, png);
      } else {
        await this.shell.saver.save(kind, `${stem}.report.${kind}`, reportFile(kind, report, W));
      }
    } catch (err) {
      this.fail(err);
    }
  }

  /** Select a group (or add it to the selection) and show its details. */
  selectGroup(id: number, extend: boolean): void {
    const loaded = this.loaded;
    if (loaded === null || loaded.report === null || loaded.model === null) return;
    const at = this.selectedGroups.indexOf(id);
    if (extend) {
      if (at >= 0) this.selectedGroups.splice(at, 1);
      else this.selectedGroups.push(id);
    } else {
      this.selectedGroups = [id];
    }
    this.selectedFeature = null;
    this.cursor = loaded.model.ranked.indexOf(id);
    const last = this.selectedGroups.at(-1);
    if (last === undefined) this.details.clear();
    else this.details.showGroup(loaded.report, loaded.model, loaded.W, last);
    this.afterSelection();
  }

  /** Select one feature (null clears) and show its details. */
  selectFeature(i: number | null): void {
    const loaded = this.loaded;
    if (loaded === null || loaded.report === null || loaded.model === null) return;
    this.selectedFeature = i;
    const group = i === null ? -1 : loaded.model.groupOf[i];
    this.selectedGroups = group < 0 ? [] : [group];
    if (i === null) this.details.clear();
    else this.details.showFeature(loaded.report, loaded.model, loaded.W, i);
    this.afterSelection();
  }

  /** Find a feature (`#1234`) or step through the groups whose label matches (`pentagon`). */
  find(query: string): void {
    const loaded = this.loaded;
    const result = byId('search-result');
    if (loaded === null || loaded.model === null) return;
    const hits = search(loaded.model, loaded.n, query);
    if (hits.feature !== null) {
      this.selectFeature(hits.feature);
      result.textContent = `feature ${hits.feature}`;
      return;
    }
    if (hits.groups.length === 0) {
      result.textContent = query.trim() === '' ? '' : 'no match';
      return;
    }
    const next = this.searchHits.query === query ? this.searchHits.next % hits.groups.length : 0;
    this.searchHits = { query, next: next + 1 };
    this.selectGroup(hits.groups[next], false);
    result.textContent = `${next + 1} of ${hits.groups.length}`;
  }

  private clearSelection(): void {
    byId('help').hidden = true;
    byId<HTMLInputElement>('search').value = '';
    byId('search-result').textContent = '';
    this.cursor = -1;
    this.selectFeature(null);
  }

  private goHome(): void {
    this.stage.resetView();
  }

  /** Select the next (+1) or previous (−1) group in the ranked list. */
  private step(by: number): void {
    const model = this.loaded?.model;
    if (!model || model.ranked.length === 0) return;
    const count = model.ranked.length;
    this.cursor = this.cursor < 0 ? (by > 0 ? 0 : count - 1) : (this.cursor + by + count) % count;
    this.selectGroup(model.ranked[this.cursor], false);
  }

  private afterSelection(): void {
    const loaded = this.loaded;
    if (loaded === null || loaded.model === null) return;
    const selected = new Set(this.selectedGroups);
    this.bundleList.markSelected(selected, this.selectedGroups.at(-1));
    const bright = selected.size === 0 ? null : new Set(this.selectedGroups.flatMap((id) => loaded.model!.groups[id].features));
    if (bright && this.selectedFeature !== null) bright.add(this.selectedFeature);
    if (bright === null && this.selectedFeature !== null) loaded.glyphs.setHighlight(new Set([this.selectedFeature]));
    else loaded.glyphs.setHighlight(bright);
    this.projection.setSelection(this.selectedGroups.length);
    // The structure's and the PCA projections follow the selection; hidden axes do not.
    if (this.projection.choice.mode === 'axes') {
      this.placeAll(loaded.positions);
      this.caption();
    } else void this.reproject(this.projection.choice, true);
  }

  /** The features the current projection is fitted to: the selection's, else every represented (or, before the analysis, non-zero) feature. */
  private focus(choice: ProjectionChoice, loaded: Loaded): number[] {
    const model = loaded.model;
    if (model && this.selectedGroups.length) {
      const chosen = choice.mode === 'bundle' ? this.selectedGroups.slice(-1) : this.selectedGroups;
      return chosen.flatMap((id) => model.groups[id].features);
    }
    if (loaded.report) return loaded.report.features.filter((f) => f.represented).map((f) => f.index);
    return Array.from({ length: loaded.n }, (_, i) => i);
  }

  private basisFor(choice: ProjectionChoice, loaded: Loaded): Basis3 {
    if (choice.mode === 'axes') return axesBasis(loaded.m, choice.axes);
    return principalBasis(loaded.W, loaded.m, this.focus(choice, loaded));
  }

  /** The caption over the view: which axes are shown and how much of the fitted features' variance they hold. */
  private caption(): void {
    const loaded = this.loaded;
    const line = byId('axis-caption');
    if (loaded === null) {
      line.textContent = '';
      return;
    }
    const choice = this.projection.choice;
    const focus = this.focus(choice, loaded);
    // A whole dictionary's share is estimated on an even sample (exact for groups up to that size).
    const features = evenlySpaced(focus, VARIANCE_SAMPLE);
    const shown = varianceShown(loaded.W, loaded.m, features, loaded.basis);
    const model = loaded.model;
    const chosen = choice.mode === 'bundle' ? this.selectedGroups.slice(-1) : this.selectedGroups;
    const what = model && chosen.length ? chosen.map((id) => `structure ${id} (${model.groups[id].label})`).join(' + ') : 'all features';
    // The reference axes at the origin are drawn red, green, blue (three.js's AxesHelper).
    const axes =
      choice.mode === 'axes'
        ? `x, y, z (red, green, blue) = hidden axes ${choice.axes.join(', ')}`
        : `x, y, z (red, green, blue) = principal axes 1–3 of ${what}`;
    const approx = features.length < focus.length ? '≈ ' : '';
    line.textContent = `${axes} · the view holds ${approx}${Math.round(100 * shown)} % of ${chosen.length ? 'its' : 'their'} variance`;
  }

  private async reproject(choice: ProjectionChoice, animate: boolean): Promise<void> {
    const loaded = this.loaded;
    if (loaded === null) return;
    const basis = alignSigns(this.basisFor(choice, loaded), loaded.basis, loaded.m);
    const target = projectFeatures(loaded.W, loaded.m, loaded.n, basis, loaded.scale);
    const from = loaded.positions;
    loaded.basis = basis;
    loaded.positions = target;
    loaded.planes?.update(basis, 1);
    this.caption();
    // Large inputs jump: an animated frame rebuilds every glyph matrix, and a jump keeps the page responsive.
    if (!animate || loaded.n > 4096) {
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
    loaded.glyphs.setPositions(positions);
    loaded.riders?.update(positions);
    const f = this.selectedFeature;
    this.marker.place(f === null ? null : loaded.glyphs.positionOf(f), f === null ? 0 : loaded.glyphs.radiusOf(f));
    const model = loaded.model;
    if (model === null) return;
    const selected = new Set(this.selectedGroups);
    const dimmed = new Set(selected.size ? model.groups.filter((g) => !selected.has(g.id)).map((g) => g.id) : []);
    loaded.polytopes.update(positions, dimmed);
    const labelled = new Set([...model.ranked.filter((id) => model.groups[id].features.length > 1).slice(0, MAX_SHAPES), ...selected]);
    this.labels.set(
      [...labelled]
        .map((id) => {
          const g = model.groups[id];
          return {
            text: g.label,
            colour: bundleColour(id),
            anchor: labelAnchor(positions, g.features),
            priority: (selected.has(id) ? 1e9 : 0) + g.features.length,
            faint: dimmed.has(id),
          };
        })
        // A group the projection collapses to the origin gets no label (it would overprint the others).
        .filter((label) => label.anchor.length() > 0.3),
    );
    this.stage.requestRender();
  }

  private applyVisibility(): void {
    const loaded = this.loaded;
    if (loaded === null || loaded.report === null) return;
    const showUnrepresented = byId<HTMLInputElement>('unrepresented-toggle').checked;
    const visible = Uint8Array.from(loaded.report.features, (f) => (f.represented || showUnrepresented ? 1 : 0));
    loaded.glyphs.setVisible(visible);
    this.stage.requestRender();
  }

  private clearScene(): void {
    this.tween.finish();
    if (this.loaded === null) return;
    const { glyphs, polytopes, planes, riders } = this.loaded;
    const groups = [glyphs.group, polytopes.group, ...(planes ? [planes.group] : []), ...(riders ? [riders.lines] : [])];
    this.stage.scene.remove(...groups);
    for (const group of groups) {
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
    byId('generic-toggle').addEventListener('change', (e) => {
      if (this.loaded?.report) this.loaded.glyphs.genericActive = (e.target as HTMLInputElement).checked;
      this.stage.requestRender();
    });
    byId('arrows-toggle').addEventListener('change', (e) => {
      if (this.loaded) this.loaded.glyphs.arrowsVisible = (e.target as HTMLInputElement).checked;
      this.stage.requestRender();
    });
    byId('planes-toggle').addEventListener('change', (e) => {
      if (this.loaded?.planes) this.loaded.planes.group.visible = (e.target as HTMLInputElement).checked;
      this.stage.requestRender();
    });
    byId('labels-toggle').addEventListener('change', (e) => {
      this.labels.visible = (e.target as HTMLInputElement).checked;
      this.stage.requestRender();
    });
    byId('reset-view').addEventListener('click', () => this.goHome());
    for (const kind of ['json', 'md', 'html', 'png'] as const) {
      byId(`export-${kind}`).addEventListener('click', () => void this.export(kind));
    }
    const box = byId<HTMLInputElement>('search');
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') this.find(box.value);
      if (e.key === 'Escape') box.blur();
    });
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
    if (loaded === null || loaded.report === null || loaded.model === null || i === null) {
      this.tooltip.hide();
      return;
    }
    const rect = this.viewRoot.getBoundingClientRect();
    this.tooltip.show(loaded.report, loaded.model, i, e.clientX - rect.left, e.clientY - rect.top);
  }

  private pickAt(clientX: number, clientY: number): number | null {
    if (this.loaded === null || this.loaded.report === null) return null;
    this.raycaster.setFromCamera(this.stage.ndc(clientX, clientY), this.stage.camera);
    return this.loaded.glyphs.pick(this.raycaster);
  }
}

/** "runs/a/W.npz" → "W". */
function stemOf(file: string): string {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  return base.replace(/(\.safetensors\.index\.json|\.[^.]+)$/, '') || 'tegum';
}
