/**
 * The working coboundary of one column during the reduction: a multiset of simplices over
 * Z/2 (equal entries cancel in pairs) from which the filtration-earliest survivor, the pivot,
 * is read. Filtration order: diameter rank, ties broken by larger combinatorial index.
 *
 * A monotone bucket queue: the pivot never moves backwards (entries earlier than the current
 * pivot are never pushed, see cohomology.ts), so entries of later diameters are dropped into
 * one bucket per diameter rank in O(1), and only the current diameter's bucket is kept as a
 * small heap. A long column (the cocycle of a long H2 bar adds ~10^5 coboundaries) then costs
 * heap operations on a few hundred entries instead of on millions.
 */
export class WorkingColumn {
  private heap = new Float64Array(64);
  private heapSize = 0;
  private current = 0;
  private readonly head: Int32Array;
  private poolIndex = new Float64Array(1024);
  private poolNext = new Int32Array(1024);
  private poolSize = 0;
  // Min-heap of ranks whose bucket is non-empty.
  private ranks = new Int32Array(64);
  private rankCount = 0;

  /** @param rankCount - number of distinct diameter ranks. */
  constructor(rankCount: number) {
    this.head = new Int32Array(rankCount).fill(-1);
  }

  /** Empties the column; no entry earlier than diameter rank `rank` will be pushed. */
  begin(rank: number): void {
    while (this.rankCount > 0) this.head[this.popRank()] = -1;
    this.heapSize = 0;
    this.poolSize = 0;
    this.current = rank;
  }

  /** Adds one entry (rank ≥ the current pivot's rank). */
  push(rank: number, index: number): void {
    if (rank === this.current) {
      this.heapPush(index);
      return;
    }
    if (this.poolSize === this.poolIndex.length) this.growPool();
    const slot = this.poolSize++;
    this.poolIndex[slot] = index;
    const first = this.head[rank];
    this.poolNext[slot] = first;
    this.head[rank] = slot;
    if (first < 0) this.pushRank(rank);
  }

  /** Cancels pairs until the earliest survivor is on top; false when the column is zero. */
  settle(): boolean {
    for (;;) {
      while (this.heapSize > 0) {
        const top = this.heap[0];
        this.heapPop();
        if (this.heapSize === 0 || this.heap[0] !== top) {
          this.heapPush(top);
          return true;
        }
        this.heapPop();
      }
      if (this.rankCount === 0) return false;
      // Move on to the next non-empty diameter.
      const rank = this.popRank();
      this.current = rank;
      for (let slot = this.head[rank]; slot >= 0; slot = this.poolNext[slot]) this.heapPush(this.poolIndex[slot]);
      this.head[rank] = -1;
    }
  }

  /** Diameter rank of the pivot (after a successful settle). */
  topRank(): number {
    return this.current;
  }

  /** Combinatorial index of the pivot (after a successful settle). */
  topIndex(): number {
    return this.heap[0];
  }

  // Max-heap on index: within one diameter, larger index = earlier in the filtration.
  private heapPush(index: number): void {
    if (this.heapSize === this.heap.length) {
      const grown = new Float64Array(this.heap.length * 2);
      grown.set(this.heap);
      this.heap = grown;
    }
    const h = this.heap;
    let i = this.heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent] >= index) break;
      h[i] = h[parent];
      i = parent;
    }
    h[i] = index;
  }

  private heapPop(): void {
    const h = this.heap;
    const n = --this.heapSize;
    if (n === 0) return;
    const last = h[n];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && h[child + 1] > h[child]) child++;
      if (last >= h[child]) break;
      h[i] = h[child];
      i = child;
    }
    h[i] = last;
  }

  private pushRank(rank: number): void {
    if (this.rankCount === this.ranks.length) {
      const grown = new Int32Array(this.ranks.length * 2);
      grown.set(this.ranks);
      this.ranks = grown;
    }
    const r = this.ranks;
    let i = this.rankCount++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (r[parent] <= rank) break;
      r[i] = r[parent];
      i = parent;
    }
    r[i] = rank;
  }

  private popRank(): number {
    const r = this.ranks;
    const top = r[0];
    const n = --this.rankCount;
    if (n > 0) {
      const last = r[n];
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && r[child + 1] < r[child]) child++;
        if (last <= r[child]) break;
        r[i] = r[child];
        i = child;
      }
      r[i] = last;
    }
    return top;
  }

  private growPool(): void {
    const index = new Float64Array(this.poolIndex.length * 2);
    index.set(this.poolIndex);
    this.poolIndex = index;
    const next = new Int32Array(this.poolNext.length * 2);
    next.set(this.poolNext);
    this.poolNext = next;
  }
}
