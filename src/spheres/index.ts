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
} from './polytopes.js';
export type { PointSet, Assembled } from './polytopes.js';
export { classifyBundle } from './classify.js';
export type { ClassifyOptions, BundleShape } from './classify.js';
export { decompositionName, compositeNames } from './decomposition.js';
export type { NamedBundle, CompositeNames } from './decomposition.js';
export { bestKnownMinAngleDeg } from './sloane.js';
export { thomsonEnergy, thomsonMinimum } from './thomson.js';
export { sphericalCodeQuality, bundleDirections } from './codes.js';
export type { SphericalCodeQuality, CodeQualityOptions, BundleDirectionsOptions, BundleDirections } from './codes.js';
export { circumsphere, sphereDistance, sphereEmbeddingLength, writeSphereEmbedding } from './circumsphere.js';
export type { Circumsphere } from './circumsphere.js';
export { findSpheres } from './sphere-clusters.js';
export type { FindSpheresOptions, FoundSphere, SphereSearchParams, FindSpheresResult } from './sphere-clusters.js';
