/**
 * Characteristic polynomial from the intersection poset (Stanley 2007, §1.3):
 * χ(t) = Σ_X μ(X) t^{dim X} over the flats X (non-empty intersections of
 * hyperplanes, the whole space included), μ the Möbius function from the whole space.
 *
 * Hyperplane i of an affine arrangement in R^r is coned to the vector
 * (n_i, c_i) ∈ R^{r+1}; a set of hyperplanes meets (its intersection is
 * non-empty) exactly when e_∞ = (0,…,0,1) is not in the span of its vectors, and
 * hyperplane j contains the intersection exactly when its vector is in that span.
 * A flat is stored as the set of hyperplanes containing it, with an exact echelon
 * basis of their span; the flats covering Y are found by reducing every other
 * vector modulo span(Y) and grouping the residues that span the same line
 * (they generate the same closure).
 */
import { emptyBasis, extend, isZero, lineKey, reduce, type EchelonBasis } from './integer-vectors.js';
import { characteristicFromCovers, type PosetResult } from './mobius.js';

interface Flat {
  members: number[];
  basis: EchelonBasis;
  /** Flats this one covers (one rank lower). */
  below: number[];
  rank: number;
}

/**
 * @param vectors - per hyperplane, its coned integer vector of length r+1 (last entry: offset).
 *   The hyperplanes must be distinct (no two vectors on one line).
 * @param r - rank of the normals (the essential dimension).
 * @param maxFlats - give up once more than this many flats exist.
 */
export function exactPosetCharacteristicPolynomial(vectors: bigint[][], r: number, maxFlats: number): PosetResult {
  const n = vectors.length;
  const infinity: bigint[] = new Array<bigint>(r + 1).fill(0n);
  infinity[r] = 1n;
  const flats: Flat[] = [{ members: [], basis: emptyBasis(), below: [], rank: 0 }];
  let level = [0];
  for (let k = 1; k <= r && level.length > 0; k++) {
    const byKey = new Map<string, number>();
    const next: number[] = [];
    for (const y of level) {
      const Y = flats[y];
      const inY = new Uint8Array(n);
      for (const i of Y.members) inY[i] = 1;
      const infKey = lineKey(reduce(Y.basis, infinity));
      const groups = new Map<string, { members: number[]; residue: bigint[] }>();
      for (let i = 0; i < n; i++) {
        if (inY[i]) continue;
        const res = reduce(Y.basis, vectors[i]);
        if (isZero(res)) continue;
        const key = lineKey(res);
        if (key === infKey) continue; // Y ∩ H_i = ∅: parallel within Y.
        const g = groups.get(key);
        if (g) g.members.push(i);
        else groups.set(key, { members: [i], residue: res });
      }
      for (const g of groups.values()) {
        const members = [...Y.members, ...g.members].sort((a, c) => a - c);
        const key = members.join(',');
        let x = byKey.get(key);
        if (x === undefined) {
          if (flats.length >= maxFlats) return { capped: true, flats: flats.length };
          x = flats.length;
          flats.push({ members, basis: extend(Y.basis, g.residue), below: [], rank: k });
          byKey.set(key, x);
          next.push(x);
        }
        flats[x].below.push(y);
      }
    }
    level = next;
  }
  return { chi: characteristicFromCovers(flats, r), flats: flats.length, covers: flats };
}
