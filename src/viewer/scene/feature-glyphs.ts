/**
 * Features as glyphs: a ball at each feature's projected tip (instanced, one
 * draw call however many features) and a line from the origin to it (one
 * LineSegments), coloured by bundle and faded by norm.
 */
import * as THREE from 'three';
import { fadedColour, featureColour } from './colours.js';

/** Above this many features the balls get fewer triangles and the arrows start hidden. */
export const LARGE_INPUT = 2048;

/** Per-feature facts the glyphs need (from the Report). */
export interface GlyphFeature {
  bundle: number | null;
  relativeNorm: number;
  /** Base colour overriding the bundle's palette colour (compare mode colours by the other run's bundle). */
  colour?: string;
}

export class FeatureGlyphs {
  readonly group = new THREE.Group();
  readonly balls: THREE.InstancedMesh;
  private readonly arrows: THREE.LineSegments;
  private readonly arrowPositions: Float32Array;
  private positions: Float32Array;
  private visible: Uint8Array;
  private readonly radius: number;
  private readonly matrix = new THREE.Matrix4();
  private highlight: ReadonlySet<number> | null = null;

  /**
   * @param features One entry per feature, in index order.
   */
  constructor(private readonly features: readonly GlyphFeature[]) {
    const n = features.length;
    const large = n > LARGE_INPUT;
    this.radius = large ? 0.012 : 0.035;
    const ball = new THREE.IcosahedronGeometry(1, large ? 0 : 2);
    this.balls = new THREE.InstancedMesh(ball, new THREE.MeshLambertMaterial(), n);
    this.balls.instanceMatrix.setUsage(THREE.DynamicDrawUsage);
    this.arrowPositions = new Float32Array(6 * n);
    const arrowGeometry = new THREE.BufferGeometry();
    arrowGeometry.setAttribute('position', new THREE.BufferAttribute(this.arrowPositions, 3).setUsage(THREE.DynamicDrawUsage));
    arrowGeometry.setAttribute('color', new THREE.BufferAttribute(new Float32Array(6 * n), 3));
    this.arrows = new THREE.LineSegments(arrowGeometry, new THREE.LineBasicMaterial({ vertexColors: true }));
    this.arrows.visible = !large;
    this.group.add(this.arrows, this.balls);
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

  /**
   * Dim every feature outside `selected` (null: nothing dimmed).
   *
   * @param selected Feature indices to keep bright.
   */
  setHighlight(selected: ReadonlySet<number> | null): void {
    this.highlight = selected;
    const colours = this.arrows.geometry.getAttribute('color') as THREE.BufferAttribute;
    this.features.forEach((f, i) => {
      const dimmed = selected !== null && !selected.has(i);
      const c = f.colour === undefined ? featureColour(f.bundle, f.relativeNorm, dimmed) : fadedColour(f.colour, f.relativeNorm, dimmed);
      this.balls.setColorAt(i, c);
      colours.setXYZ(2 * i, c.r, c.g, c.b);
      colours.setXYZ(2 * i + 1, c.r, c.g, c.b);
    });
    if (this.balls.instanceColor) this.balls.instanceColor.needsUpdate = true;
    colours.needsUpdate = true;
  }

  /** The features kept bright by the last setHighlight (null: none dimmed). */
  get highlighted(): ReadonlySet<number> | null {
    return this.highlight;
  }

  /**
   * The visible feature under a ray, nearest to the camera first.
   *
   * @returns Its index, or null.
   */
  pick(raycaster: THREE.Raycaster): number | null {
    for (const hit of raycaster.intersectObject(this.balls, false)) {
      if (hit.instanceId !== undefined && this.visible[hit.instanceId] === 1) return hit.instanceId;
    }
    return null;
  }

  private update(): void {
    const p = this.positions;
    for (let i = 0; i < this.features.length; i++) {
      const shown = this.visible[i] === 1;
      const r = shown ? this.radius * (0.6 + 0.4 * this.features[i].relativeNorm) : 0;
      this.matrix.makeScale(r, r, r).setPosition(p[3 * i], p[3 * i + 1], p[3 * i + 2]);
      this.balls.setMatrixAt(i, this.matrix);
      for (let c = 0; c < 3; c++) this.arrowPositions[6 * i + 3 + c] = shown ? p[3 * i + c] : 0;
    }
    this.balls.instanceMatrix.needsUpdate = true;
    this.balls.computeBoundingSphere();
    (this.arrows.geometry.getAttribute('position') as THREE.BufferAttribute).needsUpdate = true;
    this.arrows.geometry.computeBoundingSphere();
  }
}
