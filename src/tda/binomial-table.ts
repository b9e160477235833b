/**
 * The combinatorial number system (Bauer 2021, §5.1): the k-simplex with vertices
 * v_k > … > v_0 has index Σ_i C(v_i, i+1), a bijection onto 0..C(n, k+1)−1 that orders
 * simplices colexicographically. Simplices are stored as these indices, never as lists.
 */
export class BinomialTable {
  private readonly table: Float64Array;
  private readonly stride: number;

  /**
   * @param n - number of vertices.
   * @param maxK - largest k of C(v, k) needed (vertices per simplex).
   * @throws RangeError when C(n, maxK) exceeds 2^53, where indices stop being exact doubles.
   */
  constructor(n: number, maxK: number) {
    this.stride = n + 1;
    this.table = new Float64Array((maxK + 1) * this.stride);
    for (let v = 0; v <= n; v++) {
      this.table[v] = 1;
      for (let k = 1; k <= Math.min(v, maxK); k++) {
        this.table[k * this.stride + v] = this.table[(k - 1) * this.stride + v - 1] + (k <= v - 1 ? this.table[k * this.stride + v - 1] : 0);
      }
    }
    if (this.table[maxK * this.stride + n] > Number.MAX_SAFE_INTEGER) {
      throw new RangeError(`${n} points are too many for exact simplex indices with ${maxK} vertices per simplex`);
    }
  }

  /** C(v, k) for 0 ≤ v ≤ n, 0 ≤ k ≤ maxK (0 when k > v). */
  get(v: number, k: number): number {
    return this.table[k * this.stride + v];
  }

  /**
   * Decodes a simplex index into its `count` vertices, written ascending into `out`.
   * Each vertex is the largest v with C(v, k) ≤ the remaining index (binary search).
   */
  decode(index: number, count: number, n: number, out: Int32Array): void {
    let rest = index;
    let hi = n - 1;
    for (let k = count; k >= 1; k--) {
      let lo = k - 1;
      let top = hi;
      const row = k * this.stride;
      while (lo < top) {
        const mid = (lo + top + 1) >> 1;
        if (this.table[row + mid] <= rest) lo = mid;
        else top = mid - 1;
      }
      out[k - 1] = lo;
      rest -= this.table[row + lo];
      hi = lo - 1;
    }
  }
}
