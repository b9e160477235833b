/** The ReLU decoder's affine hyperplane arrangement: regions, χ, product decomposition. */
export { arrangementOf } from './arrangement.js';
export type { Arrangement, ArrangementFactor, ArrangementMethod, ArrangementOptions } from './arrangement.js';
export { compareWithBundles } from './compare-bundles.js';
export type { BundleComparison } from './compare-bundles.js';
export { countsSentence, methodSentence } from './describe.js';
export type { DescribedArrangement } from './describe.js';
