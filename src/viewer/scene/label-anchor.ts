/** Where a bundle's label goes in the 3-D view. */
import * as THREE from 'three';

/**
 * Just beyond the bundle's outermost feature.
 *
 * @param positions Projected positions, xyz per feature.
 * @param features The bundle's feature indices.
 */
export function labelAnchor(positions: Float32Array, features: readonly number[]): THREE.Vector3 {
  let best = new THREE.Vector3();
  for (const f of features) {
    const p = new THREE.Vector3(positions[3 * f], positions[3 * f + 1], positions[3 * f + 2]);
    if (p.lengthSq() > best.lengthSq()) best = p;
  }
  return best.multiplyScalar(1.18);
}
