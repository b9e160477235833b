/**
 * Incidence decisions of the floating-point intersection poset: does a vector lie in the
 * span of others? The float test compares a relative residual ρ = ‖v − proj v‖/‖v‖ with a
 * tolerance. For coned vectors (c_j, β_j) and a point p this ρ is
 * |⟨c_j, p⟩ + β_j| / (‖(c_j, β_j)‖·‖(p, 1)‖), the backward error of "p lies on H_j" relative
 * to the size of p's coordinates and of the hyperplane: a geometric, scale-aware test (a far
 * intersection point of two nearly parallel hyperplanes is judged at its own scale).
 *
 * Three bands: ρ ≤ tolerance is a relation (rounding-level residuals of relations built
 * into the input, e.g. a regular polytope's irrational coordinates); ρ > the band's top is
 * no relation; in between, float cannot tell, and the vectors are tested exactly: their
 * doubles as exact rationals (dyadic.ts), reduced with the fraction-free BigInt code.
 * That code, not mathjs' Fraction (the design card's choice), because
 * scripts/bench/exact-rank.mjs measured it 6–13× faster on the same rank tests, with
 * identical answers (BENCHMARKS.md).
 */
import { exactIntegerDirection } from './dyadic.js';
import { rankOf } from './integer-vectors.js';

/** The ambiguous band reaches this factor above the tolerance (capped at {@link MAX_AMBIGUOUS}). */
export const AMBIGUOUS_FACTOR = 1e4;
/** Residuals above this are never ambiguous: trained weights' approximate relations sit at 1e-3 and above. */
export const MAX_AMBIGUOUS = 1e-4;

/** Decides incidences, confirming the ambiguous ones exactly. */
export class IncidenceJudge {
  /** Relative residuals ≤ this are relations. */
  readonly tolerance: number;
  /** Relative residuals > this are not; between the two, exact arithmetic decides. */
  readonly upper: number;
  /** How many decisions were ambiguous in floating point and settled exactly. */
  exactDecisions = 0;
  private readonly exact: (bigint[] | undefined)[];

  /**
   * @param vectors - the vectors the decisions are about (the coned hyperplanes; e_∞ is added as index vectors.length).
   * @param tolerance - relative residual at or below which a relation counts.
   */
  constructor(
    private readonly vectors: Float64Array[],
    tolerance: number,
  ) {
    this.tolerance = tolerance;
    this.upper = Math.max(tolerance, Math.min(AMBIGUOUS_FACTOR * tolerance, MAX_AMBIGUOUS));
    this.exact = new Array<bigint[] | undefined>(vectors.length + 1);
  }

  /** Index standing for e_∞ = (0, …, 0, 1). */
  get infinity(): number {
    return this.vectors.length;
  }

  /**
   * Whether the vectors `members` are linearly dependent, given the float relative residual
   * `rho` of the last one against the span of the others (which are independent).
   */
  dependent(rho: number, members: ArrayLike<number>): boolean {
    if (rho <= this.tolerance) return true;
    if (rho > this.upper) return false;
    this.exactDecisions++;
    const rows = Array.from(members, (i) => this.exactVector(i));
    return rankOf(rows) < rows.length;
  }

  private exactVector(i: number): bigint[] {
    let v = this.exact[i];
    if (v === undefined) {
      if (i === this.vectors.length) {
        const len = this.vectors[0]?.length ?? 1;
        v = Array.from({ length: len }, (_, k) => (k === len - 1 ? 1n : 0n));
      } else v = exactIntegerDirection(this.vectors[i]);
      this.exact[i] = v;
    }
    return v;
  }
}
