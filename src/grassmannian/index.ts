/** Grassmannian embedding of feature subsets (CPU reference, float64). */
export { binomial, unrankSubset, rankSubset, forEachSubset, mapSubset, subsetsOf } from './subsets.js';
export { FLOAT64_EPS, basisWorkspace, defaultRankTolerance, orthonormalBasis, orthonormalBasisInto } from './basis.js';
export type { BasisWorkspace, SubspaceBasis } from './basis.js';
export { embeddingLength, embeddingIndex, projectorEmbedding, projectorFromEmbedding, writeProjectorEmbedding } from './projector.js';
export { projectorDistanceSquared, chordalDistance, embeddingDistanceSquared } from './distance.js';
export { embedSubsets } from './embed.js';
export type { EmbedOptions, SubsetEmbeddings } from './embed.js';
