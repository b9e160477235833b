/**
 * The Hough step's 2-planes as translucent discs: the unit circle of each
 * plane, mapped by the current projection (an ellipse, or a segment when the
 * plane is seen edge-on).
 */
import * as THREE from 'three';
import { orthonormalBasis } from '../../grassmannian/index.js';
import type { PlaneReport } from '../../report/types.js';
import { projectVectors } from '../math/projection.js';
import type { Basis3 } from '../math/projection.js';
import { bundleThreeColour } from './colours.js';

const SEGMENTS = 64;

export class PlaneDiscs {
  readonly group = new THREE.Group();
  private readonly planes: { basis: Float64Array; bundle: number | null }[];

  /**
   * @param W Feature-major weights.
   * @param m Hidden dimension.
   * @param planes The Report's planes (only 2-planes are drawn: 1-planes are the digons' lines, 3-planes fill the view).
   * @param bundleOf Bundle id of each feature.
   */
  constructor(
    private readonly m: number,
    W: Float64Array,
    planes: readonly PlaneReport[],
    bundleOf: (feature: number) => number | null,
  ) {
    this.planes = planes
      .filter((p) => p.dimension === 2)
      .map((p) => ({ basis: orthonormalBasis(W, m, p.features).basis.subarray(0, 2 * m), bundle: bundleOf(p.features[0]) }));
  }

  /** Redraw for a view basis, at radius `radius` (1 when positions are scaled by the largest norm). */
  update(view: Basis3, radius: number): void {
    for (const child of this.group.children) {
      const mesh = child as THREE.Mesh;
      mesh.geometry.dispose();
      (mesh.material as THREE.Material).dispose();
    }
    this.group.clear();
    for (const plane of this.planes) {
      const ab = projectVectors(plane.basis, 2, this.m, view);
      const rim: number[] = [];
      for (let s = 0; s <= SEGMENTS; s++) {
        const t = (2 * Math.PI * s) / SEGMENTS;
        for (let c = 0; c < 3; c++) rim.push(radius * (Math.cos(t) * ab[c] + Math.sin(t) * ab[3 + c]));
      }
      const fan: number[] = [];
      for (let s = 0; s < SEGMENTS; s++) fan.push(0, 0, 0, ...rim.slice(3 * s, 3 * s + 6));
      const geometry = new THREE.BufferGeometry();
      geometry.setAttribute('position', new THREE.Float32BufferAttribute(fan, 3));
      const material = new THREE.MeshBasicMaterial({
        color: bundleThreeColour(plane.bundle),
        transparent: true,
        opacity: 0.08,
        side: THREE.DoubleSide,
        depthWrite: false,
      });
      this.group.add(new THREE.Mesh(geometry, material));
    }
  }
}
