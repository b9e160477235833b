/**
 * Exact linear algebra over the integers (BigInt) for the intersection poset:
 * primitive vectors, echelon bases and fraction-free reduction. Directions only
 * matter here, so every vector is kept primitive (coprime entries).
 */
import type { Rational } from './rational.js';

/** Greatest common divisor of |a| and |b|. */
export function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** Divides v by the gcd of its entries (in place); the zero vector is left as is. */
export function makePrimitive(v: bigint[]): bigint[] {
  let g = 0n;
  for (const x of v) if (x !== 0n) g = gcd(g, x);
  if (g > 1n) for (let i = 0; i < v.length; i++) v[i] /= g;
  return v;
}

/** The primitive integer vector on the same line (same direction) as the rational vector q. */
export function integerDirection(q: Rational[]): bigint[] {
  let l = 1n;
  for (const r of q) if (r.num !== 0n) l = (l / gcd(l, r.den)) * r.den;
  return makePrimitive(q.map((r) => (r.num * l) / r.den));
}

/** True when every entry is zero. */
export function isZero(v: bigint[]): boolean {
  return v.every((x) => x === 0n);
}

/** A key equal for two vectors exactly when they span the same line (sign ignored). */
export function lineKey(v: bigint[]): string {
  const first = v.find((x) => x !== 0n) ?? 0n;
  return (first < 0n ? v.map((x) => -x) : v).join(',');
}

/**
 * Rows in echelon form: row k is zero at the pivots of rows 0..k−1. Reduction
 * by the rows in order therefore clears every pivot in turn.
 */
export interface EchelonBasis {
  rows: bigint[][];
  pivots: number[];
}

/** The empty basis (spans {0}). */
export function emptyBasis(): EchelonBasis {
  return { rows: [], pivots: [] };
}

/**
 * v reduced modulo the span of the basis, fraction-free and primitive: zero
 * exactly when v lies in the span. Returns a new array.
 */
export function reduce(basis: EchelonBasis, v: bigint[]): bigint[] {
  let w = v.slice();
  for (let k = 0; k < basis.rows.length; k++) {
    const p = basis.pivots[k];
    if (w[p] === 0n) continue;
    const row = basis.rows[k];
    const a = row[p];
    const c = w[p];
    w = w.map((x, i) => a * x - c * row[i]);
    makePrimitive(w);
  }
  return w;
}

/** The basis extended by a vector already reduced against it (non-zero). */
export function extend(basis: EchelonBasis, reduced: bigint[]): EchelonBasis {
  const pivot = reduced.findIndex((x) => x !== 0n);
  if (pivot < 0) throw new RangeError('cannot extend a basis by a vector in its span');
  return { rows: [...basis.rows, reduced], pivots: [...basis.pivots, pivot] };
}

/** Rank of a set of integer vectors (exact). */
export function rankOf(vectors: bigint[][]): number {
  let basis = emptyBasis();
  for (const v of vectors) {
    const r = reduce(basis, v);
    if (!isZero(r)) basis = extend(basis, r);
  }
  return basis.rows.length;
}

/** Determinant of a square integer matrix by Bareiss' fraction-free elimination (exact). */
export function determinant(rows: bigint[][]): bigint {
  const n = rows.length;
  const a = rows.map((r) => r.slice());
  let sign = 1n;
  let prev = 1n;
  for (let k = 0; k < n - 1; k++) {
    if (a[k][k] === 0n) {
      const swap = a.findIndex((r, i) => i > k && r[k] !== 0n);
      if (swap < 0) return 0n;
      [a[k], a[swap]] = [a[swap], a[k]];
      sign = -sign;
    }
    for (let i = k + 1; i < n; i++) {
      for (let j = k + 1; j < n; j++) a[i][j] = (a[i][j] * a[k][k] - a[i][k] * a[k][j]) / prev;
    }
    prev = a[k][k];
  }
  return n === 0 ? 1n : sign * a[n - 1][n - 1];
}
