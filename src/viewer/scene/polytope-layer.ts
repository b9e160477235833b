/**
 * Each bundle's polytope in the current projection: a segment for a digon,
 * the polygon (edges + translucent face) for a 2-D bundle, the convex hull for
 * a bundle of dimension ≥ 3 (exact in its own basis, a projection's shadow
 * otherwise). Rebuilt whenever the feature positions change.
 */
import * as THREE from 'three';
import { ConvexGeometry } from 'three/addons/geometries/ConvexGeometry.js';
import type { BundleReport } from '../../report/types.js';
import { bundleThreeColour } from './colours.js';

/** Bundles with more features are left as point clouds (a hull of thousands of points says little). */
export const MAX_HULL_FEATURES = 256;

/**
 * Hull triangles meeting at less than this dihedral deviation are drawn as one
 * face: noise leaves a cube's square faces slightly bent, and their diagonals
 * are not edges. Real edges of the named polytopes bend by ≥ 40° (icosahedron).
 */
const EDGE_ANGLE_DEGREES = 8;

/** A bundle with its features in drawing order (polygons: angular order in the bundle's plane). */
export interface PolytopeBundle {
  bundle: BundleReport;
  order: number[];
  /** Colour overriding the bundle's palette colour (compare mode draws run B's shapes neutral). */
  colour?: string;
}

export class PolytopeLayer {
  readonly group = new THREE.Group();

  /**
   * @param bundles Bundles to draw, each with its feature order.
   */
  constructor(private readonly bundles: readonly PolytopeBundle[]) {}

  /**
   * Rebuild the shapes from feature positions (xyz per feature).
   *
   * @param positions Projected positions of all features.
   * @param dimmed Bundle ids to draw faintly (outside the selection).
   */
  update(positions: Float32Array, dimmed: ReadonlySet<number>): void {
    for (const child of this.group.children) disposeObject(child);
    this.group.clear();
    for (const { bundle, order, colour: override } of this.bundles) {
      if (order.length < 2 || order.length > MAX_HULL_FEATURES) continue;
      const points = order.map((f) => new THREE.Vector3(positions[3 * f], positions[3 * f + 1], positions[3 * f + 2]));
      const colour = override === undefined ? bundleThreeColour(bundle.id) : new THREE.Color(override);
      const faint = dimmed.has(bundle.id);
      const shape =
        bundle.dimension <= 1 || points.length === 2 ? segment(points, colour) : bundle.dimension === 2 ? polygon(points, colour) : hull(points, colour);
      if (shape === null) continue;
      if (faint) shape.traverse((o) => fade(o));
      shape.name = `bundle-${bundle.id}`;
      this.group.add(shape);
    }
  }
}

function segment(points: THREE.Vector3[], colour: THREE.Color): THREE.Object3D {
  // A digon's two features (or a 1-D bundle's several) lie on one line through the origin.
  const geometry = new THREE.BufferGeometry().setFromPoints(points);
  return new THREE.Line(geometry, new THREE.LineBasicMaterial({ color: colour }));
}

function polygon(points: THREE.Vector3[], colour: THREE.Color): THREE.Object3D {
  const group = new THREE.Group();
  group.add(new THREE.LineLoop(new THREE.BufferGeometry().setFromPoints(points), new THREE.LineBasicMaterial({ color: colour })));
  // Fan from the origin: regular polygons of features are centred there.
  const fan: number[] = [];
  for (let j = 0; j < points.length; j++) {
    const a = points[j];
    const b = points[(j + 1) % points.length];
    fan.push(0, 0, 0, a.x, a.y, a.z, b.x, b.y, b.z);
  }
  const face = new THREE.BufferGeometry();
  face.setAttribute('position', new THREE.Float32BufferAttribute(fan, 3));
  group.add(new THREE.Mesh(face, translucent(colour)));
  return group;
}

function hull(points: THREE.Vector3[], colour: THREE.Color): THREE.Object3D | null {
  let geometry: ConvexGeometry;
  try {
    geometry = new ConvexGeometry(points);
  } catch {
    // Fewer than four affinely independent points in this projection: no solid to draw.
    return null;
  }
  if (!geometry.getAttribute('position') || geometry.getAttribute('position').count === 0) return null;
  const group = new THREE.Group();
  group.add(new THREE.Mesh(geometry, translucent(colour)));
  group.add(new THREE.LineSegments(new THREE.EdgesGeometry(geometry, EDGE_ANGLE_DEGREES), new THREE.LineBasicMaterial({ color: colour })));
  return group;
}

function translucent(colour: THREE.Color): THREE.MeshLambertMaterial {
  return new THREE.MeshLambertMaterial({ color: colour, transparent: true, opacity: 0.22, side: THREE.DoubleSide, depthWrite: false });
}

function fade(object: THREE.Object3D): void {
  const material = (object as THREE.Mesh).material;
  if (material instanceof THREE.Material) {
    material.transparent = true;
    material.opacity *= 0.25;
  }
}

function disposeObject(object: THREE.Object3D): void {
  object.traverse((o) => {
    const mesh = o as THREE.Mesh;
    mesh.geometry?.dispose();
    if (mesh.material instanceof THREE.Material) mesh.material.dispose();
  });
}
