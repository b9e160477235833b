/** A faint unit sphere (three great circles) and short axes, for orientation. */
import * as THREE from 'three';

/** The reference geometry, radius 1 (features scaled by the largest norm reach it). */
export function referenceSphere(): THREE.Object3D {
  const group = new THREE.Group();
  const material = new THREE.LineBasicMaterial({ color: 0xcfcfc8 });
  const circle = new THREE.BufferGeometry().setFromPoints(
    Array.from({ length: 129 }, (_, s) => new THREE.Vector3(Math.cos((s * Math.PI) / 64), Math.sin((s * Math.PI) / 64), 0)),
  );
  for (const rotation of [new THREE.Euler(0, 0, 0), new THREE.Euler(Math.PI / 2, 0, 0), new THREE.Euler(0, Math.PI / 2, 0)]) {
    const loop = new THREE.Line(circle, material);
    loop.rotation.copy(rotation);
    group.add(loop);
  }
  group.add(new THREE.AxesHelper(0.15));
  return group;
}
