/**
 * Batch projector embedding of a rank range of k-subsets: the CPU reference
 * of (and fallback for) the GPU embedding kernel.
 */
import { basisWorkspace, orthonormalBasisInto } from './basis.js';
import { embeddingLength, writeProjectorEmbedding } from './projector.js';
import { forEachSubset } from './subsets.js';

/** Options of {@link embedSubsets}. */
export interface EmbedOptions {
  /** Absolute rank threshold on singular values; default numpy's max(m,k)·σ₁·ε per subset. */
  tol?: number;
  /** Preallocated output of length ≥ count·m(m+1)/2, reused across calls. */
  embeddings?: Float64Array;
  /** Preallocated output of length ≥ count. */
  ranks?: Uint8Array;
}

/** Result of {@link embedSubsets}. */
export interface SubsetEmbeddings {
  /** count × m(m+1)/2 row-major: subset startRank+i at row i. */
  embeddings: Float64Array;
  /** Numerical rank of each subset's span; ranks[i] < k flags a dependent subset. */
  ranks: Uint8Array;
}

/**
 * Projector embeddings of the k-subsets with lex ranks startRank ..
 * startRank+count−1 (itertools.combinations order, see subsets.ts).
 *
 * A rank-deficient subset (ranks[i] < k) gets the embedding of the
 * lower-dimensional span it actually has.
 *
 * @param W - Feature-major n×m weights: coordinate r of feature i is W[i*m + r].
 * @param m - Hidden dimension.
 * @param n - Number of features.
 * @param k - Subset size (≤ 255).
 * @param startRank - Lex rank of the first subset.
 * @param count - Number of subsets; startRank + count ≤ C(n, k).
 * @param opts - Rank tolerance and optional preallocated outputs.
 * @returns Embeddings (count × m(m+1)/2) and ranks.
 */
export function embedSubsets(W: Float64Array, m: number, n: number, k: number, startRank: number, count: number, opts: EmbedOptions = {}): SubsetEmbeddings {
  if (W.length < n * m) throw new RangeError(`W has ${W.length} values, expected n·m = ${n * m}`);
  if (k > 255) throw new RangeError(`k = ${k} does not fit the Uint8Array of ranks`);
  const L = embeddingLength(m);
  const embeddings = opts.embeddings ?? new Float64Array(count * L);
  const ranks = opts.ranks ?? new Uint8Array(count);
  if (embeddings.length < count * L || ranks.length < count) {
    throw new RangeError(`output buffers too small for ${count} subsets`);
  }
  const tol = opts.tol;
  const work = basisWorkspace(m, k);
  const basis = new Float64Array(k * m);
  forEachSubset(n, k, startRank, count, (subset, rank) => {
    const i = rank - startRank;
    const r = orthonormalBasisInto(W, m, subset, tol, work, basis);
    ranks[i] = r;
    writeProjectorEmbedding(basis, r, m, embeddings, i * L);
  });
  return { embeddings, ranks };
}
