/**
 * The random-direction baseline: how much interference N unit directions drawn
 * uniformly on S^{m−1} show by chance. A group of features is a structure only
 * when its interference (or its rank deficiency) is something such directions
 * would not produce.
 *
 * For u, v independent and uniform on S^{m−1}, t = ⟨u, v⟩ has density
 * ∝ (1 − t²)^{(m−3)/2}, so t² ~ Beta(1/2, (m−1)/2) and
 *   P(|t| > c) = I_{1−c²}((m−1)/2, 1/2)
 * (I the regularized incomplete beta function). The distance d of a further
 * uniform direction from a fixed k-dimensional subspace has d² ~ Beta((m−k)/2, k/2):
 *   P(d² ≤ δ²) = I_{δ²}((m−k)/2, k/2).
 * Both are exact, unlike the ≈ sqrt(2 ln(N²)/m) rule of thumb, which is the
 * Gaussian approximation of the first for large m.
 */

/**
 * Regularized incomplete beta function I_x(a, b), by the continued fraction of
 * Numerical Recipes §6.4 (Lentz's method), using the symmetry
 * I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges slowly.
 */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lnFront) * betaFraction(x, a, b)) / a;
  return 1 - (Math.exp(lnFront) * betaFraction(1 - x, b, a)) / b;
}

function betaFraction(x: number, a: number, b: number): number {
  const TINY = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let k = 1; k <= 500; k++) {
    const k2 = 2 * k;
    let num = (k * (b - k) * x) / ((a + k2 - 1) * (a + k2));
    d = 1 + num * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + num / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    num = (-(a + k) * (a + b + k) * x) / ((a + k2) * (a + k2 + 1));
    d = 1 + num * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + num / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error < 1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const y = x - 1;
  let s = c[0];
  for (let i = 1; i < g + 2; i++) s += c[i] / (y + i);
  const t = y + g + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(s);
}

/** P(|⟨u, v⟩| > c) for independent uniform unit vectors in R^m (m ≥ 2). */
export function cosineTail(m: number, c: number): number {
  if (c <= 0) return 1;
  if (c >= 1) return 0;
  if (m === 2) return 1 - (2 / Math.PI) * Math.asin(c);
  return incompleteBeta(1 - c * c, (m - 1) / 2, 0.5);
}

/** P(d² ≤ δ²): a uniform unit vector in R^m lies within distance δ of a fixed k-dimensional subspace (0 < k < m). */
export function subspaceDistanceCdf(m: number, k: number, delta: number): number {
  if (k >= m) return 1;
  return incompleteBeta(Math.min(1, delta * delta), (m - k) / 2, k / 2);
}

/**
 * The |cos| that `pairs` independent pairs of uniform unit vectors in R^m exceed
 * with expected count `expected` (e.g. 0.01: one chance pair in a hundred data
 * sets). Bisection on cosineTail, which is monotone.
 */
export function chanceCosine(m: number, pairs: number, expected: number): number {
  if (pairs <= 0) return 0;
  const target = expected / pairs;
  if (cosineTail(m, 0) <= target) return 0;
  let lo = 0;
  let hi = 1;
  for (let it = 0; it < 60; it++) {
    const mid = (lo + hi) / 2;
    if (cosineTail(m, mid) > target) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** −log₁₀ of an expected chance count, capped at 300 (the count underflows to 0 for strong structures). */
export function significanceOf(expectedCount: number): number {
  if (!(expectedCount > 0)) return 300;
  return Math.min(300, -Math.log10(expectedCount));
}
