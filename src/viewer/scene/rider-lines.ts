/**
 * Weak features riding on a strong one (Report `weak[].ridesOn`): a faint
 * line from each rider's tip to its strong feature's tip, so a rider reads as
 * belonging to that feature rather than as a stray short vector.
 */
import * as THREE from 'three';

export class RiderLines {
  readonly lines: THREE.LineSegments;
  private readonly pairs: [number, number][];
  private readonly positions: Float32Array;

  /**
   * @param ridesOn Rider → the strong feature it rides on.
   */
  constructor(ridesOn: ReadonlyMap<number, number>) {
    this.pairs = [...ridesOn];
    this.positions = new Float32Array(6 * this.pairs.length);
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute('position', new THREE.BufferAttribute(this.positions, 3).setUsage(THREE.DynamicDrawUsage));
    this.lines = new THREE.LineSegments(geometry, new THREE.LineBasicMaterial({ color: 0x888888, transparent: true, opacity: 0.35, depthWrite: false }));
    this.lines.visible = this.pairs.length > 0;
  }

  /** Follow the feature positions (xyz per feature). */
  update(positions: Float32Array): void {
    this.pairs.forEach(([rider, strong], k) => {
      for (let c = 0; c < 3; c++) {
        this.positions[6 * k + c] = positions[3 * rider + c];
        this.positions[6 * k + 3 + c] = positions[3 * strong + c];
      }
    });
    const geometry = this.lines.geometry;
    (geometry.getAttribute('position') as THREE.BufferAttribute).needsUpdate = true;
    geometry.computeBoundingSphere();
  }
}
