/**
 * What the spherical-code and sphere numbers mean, in the words the Markdown
 * and HTML reports print under those sections (one text for both writers).
 */
import { SPHERE_BASELINE } from '../spheres/sphere-baseline.js';

/** Under "Spherical codes": the ratios, their units and which way is good. */
export const CODES_LEGEND =
  'Each bundle’s unit feature directions as a code on the sphere of its own span (R^d, d its dimension). ' +
  'Minimal angle: the smallest angle between two features, in degrees; "of optimal" = that angle ÷ the best-known minimal angle for N points in R^d (Sloane’s tables): 1 is an optimal code, below 1 is worse. ' +
  'Thomson energy Σ 1/‖u_i − u_j‖ (unitless, directions on the unit sphere) ÷ its known minimum: 1 is optimal, above 1 is worse. ' +
  'Coherence: the largest |cos| between two features; the Welch bound √((N − d)/(d(N − 1))) is the least any N unit vectors in R^d can have. ' +
  'Random δ = √(4 ln N / d): N random unit vectors have every |cos| ≤ δ with probability ≥ ½, so a coherence well below δ is structure, near δ is what chance gives.';

/** Under "Spheres (any centre)": residual, p-value and what was searched. */
export const SPHERES_LEGEND =
  'Circles and 2-spheres, centred anywhere, through more features than it takes to fix one (4 for a circle, 5 for a 2-sphere), searched within each irregular bundle; ' +
  'bundles with a polytope label are not searched (every sphere through their vertices lies on their own centred circumsphere), and a sphere centred within 2 residuals of the origin is left to the planes above (equal norms in a plane). ' +
  'Radius, centre distance and residual are lengths in the units of W, like the feature norms; the residual is the largest distance of a listed feature from the sphere. ' +
  `p: how often random directions with the same norms, in the smallest subspace holding the sphere, put as many features within that residual of some sphere (Monte Carlo, ${SPHERE_BASELINE.trials} draws); ` +
  `only spheres with p ≤ ${SPHERE_BASELINE.alpha} are listed.`;
