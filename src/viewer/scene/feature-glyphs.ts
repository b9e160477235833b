/**
 * Features as glyphs, with two levels of detail so 16k–100k features stay
 * interactive on a software rasteriser:
 *  - features of a structure (or of any group, in small inputs) are lit
 *    balls, instanced (one draw call), drawn after and never hidden by
 *  - generic features (in no structure), which are round point sprites
 *    (one vertex each, THREE.Points), dimmed and not pickable unless the
 *    user asks for them (`genericActive`).
 * A line from the origin to each tip (one LineSegments) shows the vectors;
 * it starts hidden for large inputs. Colour is the group's palette colour
 * faded by norm.
 */
import * as THREE from 'three';
import { bundleColour } from '../../report/palette.js';
import { backgroundColour, fadeStrength } from './colours.js';

/** Above this many features the balls get fewer triangles and the arrows start hidden. */
export const LARGE_INPUT = 2048;

/** At most this many features are balls; any further structure features are drawn as points. */
const MAX_BALLS = 8192;

/** How much fainter generic features are drawn while they are not active. */
const GENERIC_FADE = 0.45;

/** Per-feature facts the glyphs need (from the Report). */
export interface GlyphFeature {
  /** Palette key (group id), or null for an unrepresented feature. */
  group: number | null;
  relativeNorm: number;
  /** Base colour overriding the group's palette colour (compare mode colours by the other run's bundle). */
  colour?: string;
  /** In no structure: a point, dimmed and unpicked unless generic features are active. */
  generic?: boolean;
}

export class FeatureGlyphs {
  readonly group = new THREE.Group();
  private readonly balls: THREE.InstancedMesh;
  private readonly points: THREE.Points;
  private readonly arrows: THREE.LineSegments;
  private readonly arrowPositions: Float32Array;
  private readonly pointPositions: Float32Array;
  /** Ball instance of each feature, −1 for a point. */
  private readonly ballOf: Int32Array;
  private readonly ballFeatures: number[];
  private positions: Float32Array;
  private visible: Uint8Array;
  private readonly radius: number;
  private readonly matrix = new THREE.Matrix4();
  private highlight: ReadonlySet<number> | null = null;
  private active = false;
  /** Each feature's undimmed base colour, rgb (parsed once: re-parsing 16k hex strings per selection shows). */
  private readonly base: Float32Array;
  private readonly background = backgroundColour();

  /**
   * @param features One entry per feature, in index order.
   */
  constructor(private readonly features: readonly GlyphFeature[]) {
    const n = features.length;
    const large = n > LARGE_INPUT;
    this.radius = large ? 0.02 : 0.035;
    this.base = new Float32Array(3 * n);
    const parsed = new Map<string, THREE.Color>();
    features.forEach((f, i) => {
      const hex = f.colour ?? bundleColour(f.group);
      let c = parsed.get(hex);
      if (c === undefined) parsed.set(hex, (c = new THREE.Color(hex)));
      this.base.set([c.r, c.g, c.b], 3 * i);
    });
    this.ballOf = new Int32Array(n).fill(-1);
    this.ballFeatures = [];
    features.forEach((f, i) => {
      if (!f.generic && this.ballFeatures.length < MAX_BALLS) {
        this.ballOf[i] = this.ballFeatures.length;
        this.ballFeatures.push(i);
      }
    });
    const ball = new THREE.IcosahedronGeometry(1, large ? 1 : 2);
    this.balls = new THREE.InstancedMesh(ball, new THREE.MeshLambertMaterial(), Math.max(1, this.ballFeatures.length));
    this.balls.count = this.ballFeatures.length;
    this.balls.instanceMatrix.setUsage(THREE.DynamicDrawUsage);
    this.balls.renderOrder = 2;

    this.pointPositions = new Float32Array(3 * n);
    const pointGeometry = new THREE.BufferGeometry();
    pointGeometry.setAttribute('position', new THREE.BufferAttribute(this.pointPositions, 3).setUsage(THREE.DynamicDrawUsage));
    pointGeometry.setAttribute('color', new THREE.BufferAttribute(new Float32Array(3 * n), 3));
    // Points draw without writing depth and before the balls: the cloud never hides a structure.
    const pointMaterial = new THREE.PointsMaterial({
      size: large ? 0.018 : 0.05,
      vertexColors: true,
      sizeAttenuation: true,
      map: discTexture(),
      alphaTest: 0.5,
      depthWrite: false,
    });
    this.points = new THREE.Points(pointGeometry, pointMaterial);
    this.points.renderOrder = 0;

    this.arrowPositions = new Float32Array(6 * n);
    const arrowGeometry = new THREE.BufferGeometry();
    arrowGeometry.setAttribute('position', new THREE.BufferAttribute(this.arrowPositions, 3).setUsage(THREE.DynamicDrawUsage));
    arrowGeometry.setAttribute('color', new THREE.BufferAttribute(new Float32Array(6 * n), 3));
    this.arrows = new THREE.LineSegments(arrowGeometry, new THREE.LineBasicMaterial({ vertexColors: true }));
    this.arrows.visible = !large;
    this.arrows.renderOrder = 1;
    this.group.add(this.points, this.arrows, this.balls);
    this.positions = new Float32Array(3 * n);
    this.visible = new Uint8Array(n).fill(1);
    this.setHighlight(null);
  }

  /** Number of features. */
  get count(): number {
    return this.features.length;
  }

  /** Whether the origin-to-tip lines are drawn. */
  set arrowsVisible(on: boolean) {
    this.arrows.visible = on;
  }

  get arrowsVisible(): boolean {
    return this.arrows.visible;
  }

  /** Generic features drawn at full strength and pickable (off by default). */
  set genericActive(on: boolean) {
    this.active = on;
    this.setHighlight(this.highlight);
  }

  get genericActive(): boolean {
    return this.active;
  }

  /** Move every feature (xyz per feature, length 3n). */
  setPositions(positions: Float32Array): void {
    this.positions = positions;
    this.update();
  }

  /** Show or hide features; hidden ones are collapsed to nothing and never picked. */
  setVisible(visible: Uint8Array): void {
    this.visible = visible;
    this.update();
  }

  /** Position of feature i in the scene. */
  positionOf(i: number): THREE.Vector3 {
    return new THREE.Vector3(this.positions[3 * i], this.positions[3 * i + 1], this.positions[3 * i + 2]);
  }

  /** Whether feature i is drawn. */
  isVisible(i: number): boolean {
    return this.visible[i] === 1;
  }

  /** Whether feature i can be hovered and clicked (drawn, and not a generic feature while those are inactive). */
  isPickable(i: number): boolean {
    return this.visible[i] === 1 && (this.active || !this.features[i].generic);
  }

  /** Scene radius of feature i's glyph (the selection marker is drawn around it). */
  radiusOf(i: number): number {
    return this.ballOf[i] >= 0 ? this.radius * (0.6 + 0.4 * this.features[i].relativeNorm) : this.radius * 0.5;
  }

  /**
   * Dim every feature outside `selected` (null: nothing dimmed).
   *
   * @param selected Feature indices to keep bright.
   */
  setHighlight(selected: ReadonlySet<number> | null): void {
    this.highlight = selected;
    const arrowColours = this.arrows.geometry.getAttribute('color') as THREE.BufferAttribute;
    const pointColours = this.points.geometry.getAttribute('color') as THREE.BufferAttribute;
    const bg = this.background;
    const c = new THREE.Color();
    this.features.forEach((f, i) => {
      const dimmed = selected !== null && !selected.has(i);
      const norm = f.generic && !this.active && !selected?.has(i) ? f.relativeNorm * GENERIC_FADE : f.relativeNorm;
      const t = fadeStrength(norm, dimmed);
      c.setRGB(
        bg.r + (this.base[3 * i] - bg.r) * t,
        bg.g + (this.base[3 * i + 1] - bg.g) * t,
        bg.b + (this.base[3 * i + 2] - bg.b) * t,
        THREE.LinearSRGBColorSpace,
      );
      const ball = this.ballOf[i];
      if (ball >= 0) this.balls.setColorAt(ball, c);
      pointColours.setXYZ(i, c.r, c.g, c.b);
      arrowColours.setXYZ(2 * i, c.r, c.g, c.b);
      arrowColours.setXYZ(2 * i + 1, c.r, c.g, c.b);
    });
    if (this.balls.instanceColor) this.balls.instanceColor.needsUpdate = true;
    arrowColours.needsUpdate = true;
    pointColours.needsUpdate = true;
  }

  /** The features kept bright by the last setHighlight (null: none dimmed). */
  get highlighted(): ReadonlySet<number> | null {
    return this.highlight;
  }

  /**
   * The pickable feature under a ray: a ball nearest the camera, else (generic features active) the nearest point.
   *
   * @returns Its index, or null.
   */
  pick(raycaster: THREE.Raycaster): number | null {
    for (const hit of raycaster.intersectObject(this.balls, false)) {
      if (hit.instanceId === undefined) continue;
      const i = this.ballFeatures[hit.instanceId];
      if (this.isPickable(i)) return i;
    }
    raycaster.params.Points = { threshold: this.radius * 0.6 };
    let best: number | null = null;
    let bestDistance = Infinity;
    for (const hit of raycaster.intersectObject(this.points, false)) {
      const i = hit.index;
      if (i === undefined || !this.isPickable(i)) continue;
      // Closest to the ray first (points are tiny; the nearest along the ray may be a neighbour's fringe).
      const d = hit.distanceToRay ?? 0;
      if (d < bestDistance) [best, bestDistance] = [i, d];
    }
    return best;
  }

  private update(): void {
    const p = this.positions;
    const shownPoints: number[] = [];
    for (let i = 0; i < this.features.length; i++) {
      const shown = this.visible[i] === 1;
      const ball = this.ballOf[i];
      if (ball >= 0) {
        const r = shown ? this.radius * (0.6 + 0.4 * this.features[i].relativeNorm) : 0;
        this.matrix.makeScale(r, r, r).setPosition(p[3 * i], p[3 * i + 1], p[3 * i + 2]);
        this.balls.setMatrixAt(ball, this.matrix);
      } else if (shown) shownPoints.push(i);
      for (let c = 0; c < 3; c++) {
        this.arrowPositions[6 * i + 3 + c] = shown ? p[3 * i + c] : 0;
        this.pointPositions[3 * i + c] = p[3 * i + c];
      }
    }
    this.balls.instanceMatrix.needsUpdate = true;
    this.balls.computeBoundingSphere();
    const pointGeometry = this.points.geometry;
    pointGeometry.setIndex(shownPoints);
    (pointGeometry.getAttribute('position') as THREE.BufferAttribute).needsUpdate = true;
    pointGeometry.computeBoundingSphere();
    (this.arrows.geometry.getAttribute('position') as THREE.BufferAttribute).needsUpdate = true;
    this.arrows.geometry.computeBoundingSphere();
  }
}

/** A white disc with a soft rim, so point sprites read as dots rather than squares. */
function discTexture(): THREE.Texture {
  const size = 64;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (ctx) {
    ctx.fillStyle = '#ffffff';
    ctx.beginPath();
    ctx.arc(size / 2, size / 2, size / 2 - 2, 0, 2 * Math.PI);
    ctx.fill();
  }
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  return texture;
}
