/** Disjoint sets over 0..n−1: union-find with path halving; the smaller root wins, so each set is labelled by its smallest member. */
export class DisjointSets {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  /** The root (smallest member) of a's set. */
  find(a: number): number {
    let x = a;
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]];
      x = this.parent[x];
    }
    return x;
  }
  /** Joins the sets of a and b; returns the surviving root and the absorbed one, or null when they were one set. */
  union(a: number, b: number): { root: number; other: number } | null {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return null;
    const [root, other] = ra < rb ? [ra, rb] : [rb, ra];
    this.parent[other] = root;
    return { root, other };
  }
}
