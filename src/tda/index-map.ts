/**
 * Open-addressing hash map from simplex indices (integers below 2^53, stored as doubles)
 * to column numbers. A JS Map boxes indices above 2^31 as heap numbers; this one keeps
 * keys and values in typed arrays, which matters with millions of lookups.
 */
export class IndexMap {
  private keys: Float64Array;
  private values: Int32Array;
  private mask: number;
  private count = 0;

  /** @param expected - number of entries to size for (the map grows as needed). */
  constructor(expected = 16) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.keys = new Float64Array(capacity).fill(-1);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** Number of entries. */
  get size(): number {
    return this.count;
  }

  /** The value stored for `key`, or −1 when absent. */
  get(key: number): number {
    let slot = hash(key) & this.mask;
    for (;;) {
      const k = this.keys[slot];
      if (k === key) return this.values[slot];
      if (k === -1) return -1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Stores `value` (≥ 0) for `key` (≥ 0), replacing any earlier value. */
  set(key: number, value: number): void {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    let slot = hash(key) & this.mask;
    for (;;) {
      const k = this.keys[slot];
      if (k === key) {
        this.values[slot] = value;
        return;
      }
      if (k === -1) {
        this.keys[slot] = key;
        this.values[slot] = value;
        this.count++;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Float64Array(oldKeys.length * 2).fill(-1);
    this.values = new Int32Array(oldKeys.length * 2);
    this.mask = this.keys.length - 1;
    this.count = 0;
    for (let i = 0; i < oldKeys.length; i++) if (oldKeys[i] !== -1) this.set(oldKeys[i], oldValues[i]);
  }
}

/** Mixes the low and high 32-bit halves of an integer-valued double (murmur3 finaliser). */
function hash(key: number): number {
  let h = (key >>> 0) ^ Math.imul((key / 4294967296) >>> 0, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
