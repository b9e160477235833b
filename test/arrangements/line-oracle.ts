/**
 * Independent brute force for line arrangements in the plane (no code from
 * src/arrangements): every double is an exact dyadic rational, so lines
 * a·x + b·y + c = 0 given by doubles meet in exact rational points. Counting
 * vertices V and edges E (a line through k distinct vertices has k+1 pieces) and
 * closing the plane with one point at infinity, Euler's formula V − E + F = 2 gives
 * F = E − V + 1 regions. The unbounded regions are the gaps between consecutive
 * rays at infinity: 2·(lines) when at least two directions occur, lines+1 when all
 * are parallel, 1 for no line.
 */

/** x = num/den exactly. */
function exact(x: number): [bigint, bigint] {
  if (!Number.isFinite(x)) throw new RangeError('not finite');
  let k = 0;
  while (!Number.isInteger(x * 2 ** k)) k++;
  return [BigInt(x * 2 ** k), 2n ** BigInt(k)];
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}

function fractionKey(num: bigint, den: bigint): string {
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den) || 1n;
  return `${num / g}/${den / g}`;
}

/** Regions and bounded regions of the lines a_i·p + c_i = 0 (a_i ≠ 0), duplicates allowed. */
export function lineArrangementCounts(lines: { a: [number, number]; c: number }[]): { regions: number; bounded: number; distinct: number; vertices: number } {
  // Integer triples, primitive and sign-normalised, so equal lines get equal keys.
  const triples = new Map<string, [bigint, bigint, bigint]>();
  for (const l of lines) {
    const q = [exact(l.a[0]), exact(l.a[1]), exact(l.c)];
    const den = q.reduce((acc, [, d]) => (acc / gcd(acc, d)) * d, 1n);
    let t = q.map(([nn, d]) => (nn * den) / d);
    const g = t.reduce((acc, x) => gcd(acc, x), 0n);
    t = t.map((x) => x / g);
    const first = t.find((x) => x !== 0n) ?? 1n;
    if (first < 0n) t = t.map((x) => -x);
    if (t[0] === 0n && t[1] === 0n) throw new RangeError('zero normal');
    triples.set(t.join(','), [t[0], t[1], t[2]]);
  }
  const L = [...triples.values()];
  const vertices = new Set<string>();
  const onLine = L.map(() => new Set<string>());
  const directions = new Set<string>();
  for (const [a, b] of L) {
    const g = gcd(a, b);
    let d = [a / g, b / g];
    if (d[0] < 0n || (d[0] === 0n && d[1] < 0n)) d = [-d[0], -d[1]];
    directions.add(d.join(','));
  }
  for (let i = 0; i < L.length; i++) {
    for (let j = i + 1; j < L.length; j++) {
      const [a1, b1, c1] = L[i];
      const [a2, b2, c2] = L[j];
      const det = a1 * b2 - a2 * b1;
      if (det === 0n) continue;
      const key = `${fractionKey(b1 * c2 - b2 * c1, det)};${fractionKey(c1 * a2 - c2 * a1, det)}`;
      vertices.add(key);
      onLine[i].add(key);
      onLine[j].add(key);
    }
  }
  const V = vertices.size;
  const E = onLine.reduce((s, set) => s + set.size + 1, 0);
  const regions = L.length === 0 ? 1 : E - V + 1;
  const unbounded = L.length === 0 ? 1 : directions.size === 1 ? L.length + 1 : 2 * L.length;
  return { regions, bounded: regions - unbounded, distinct: L.length, vertices: V };
}

/** Lines of the decoder (W feature-major n×2, bias b) for the oracle. */
export function decoderLines(W: number[][], b: number[]): { a: [number, number]; c: number }[] {
  return W.map((w, i) => ({ a: [w[0], w[1]], c: b[i] }));
}
