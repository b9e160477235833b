export {
  regularPolygon,
  dedicated,
  digon,
  tetrahedron,
  cube,
  octahedron,
  squareAntiprism,
  icosahedron,
  dodecahedron,
  simplex,
  directSum,
  mulberry32,
  gaussian,
  randomRotation,
  applyRotation,
} from './polytopes.js';
export type { PointSet, Assembled, Rng } from './polytopes.js';
export { classifyBundle } from './classify.js';
export type { ClassifyOptions, BundleShape } from './classify.js';
export { decompositionName, compositeNames } from './decomposition.js';
export type { NamedBundle, CompositeNames } from './decomposition.js';
