/**
 * How the arrangement's product split relates to tegum's bundles.
 *
 * Bundles are the connected components of the interference graph (|w_i·w_j| above
 * the noise floor), so different bundles span mutually orthogonal subspaces; their
 * ranks add up, which makes the bundle partition a product split of the arrangement.
 * The finest split therefore refines it: each factor lies inside one bundle, and a
 * bundle whose normals are linearly independent but not orthogonal (two features at
 * 45° in a plane) splits further. A factor that crosses bundles means the two
 * tolerances disagree (bundles cut at a coarser noise floor than the arrangement's).
 */

/** Outcome of {@link compareWithBundles}. */
export interface BundleComparison {
  /** The two partitions are identical on the features they share. */
  agree: boolean;
  /**
   * 'same'; 'finer': every factor lies in a bundle (the expected relation);
   * 'coarser': every bundle lies in a factor; 'crossing': neither.
   */
  relation: 'same' | 'finer' | 'coarser' | 'crossing';
  /** Bundles (as feature lists) that the arrangement splits into several factors. */
  splitBundles: number[][];
  /** Factors that contain features of several bundles. */
  crossingFactors: number[][];
  /** Features present in only one of the two partitions (ignored by the comparison). */
  unmatched: number[];
}

/**
 * @param split - the arrangement's factors (feature lists), e.g. `Arrangement.factors`.
 * @param bundles - tegum's bundles as feature lists (`report.bundles[k].features`).
 */
export function compareWithBundles(split: number[][], bundles: number[][]): BundleComparison {
  const inSplit = new Set(split.flat());
  const inBundles = new Set(bundles.flat());
  const shared = (f: number): boolean => inSplit.has(f) && inBundles.has(f);
  const unmatched = [...new Set([...inSplit, ...inBundles])].filter((f) => !shared(f)).sort((a, b) => a - b);
  const factors = split.map((g) => g.filter(shared)).filter((g) => g.length > 0);
  const blocks = bundles.map((g) => g.filter(shared)).filter((g) => g.length > 0);
  const blockOf = new Map<number, number>();
  blocks.forEach((g, k) => g.forEach((f) => blockOf.set(f, k)));
  const factorOf = new Map<number, number>();
  factors.forEach((g, k) => g.forEach((f) => factorOf.set(f, k)));
  const crossingFactors = factors.filter((g) => new Set(g.map((f) => blockOf.get(f))).size > 1);
  const splitBundles = blocks.filter((g) => new Set(g.map((f) => factorOf.get(f))).size > 1);
  const finer = crossingFactors.length === 0;
  const coarser = splitBundles.length === 0;
  const relation = finer && coarser ? 'same' : finer ? 'finer' : coarser ? 'coarser' : 'crossing';
  return { agree: relation === 'same', relation, splitBundles, crossingFactors, unmatched };
}
