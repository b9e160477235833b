/**
 * A plain-language reading of a barcode: how many clusters, circles and 2-spheres the
 * point cloud shows at its own scale.
 */
import type { PersistencePair, RipsResult } from './types.js';

/** Parameters of {@link barcodeVerdict}. */
export interface VerdictOptions {
  /**
   * A bar is "long" when its length (an infinite bar: threshold − birth) is at least this
   * fraction of `scale` (default 0.25). Noise bars of dense samples are far shorter; the
   * signal bars of the regular polygons and of dense circle/sphere samples far longer.
   * Sparse polytopes sit in between (the cube's five H1 bars reach 0.24 of 2, the
   * octahedron's H2 bar 0.29): they are decided by which side of the fraction they fall.
   */
  fraction?: number;
  /**
   * The length scale (default: the result's threshold, which by default is the enclosing
   * radius min_i max_j d(i, j), i.e. about the radius of the cloud; 2 for antipodal unit points).
   * Meant for unit feature directions; for a cloud spread far wider than its loops (e.g. two
   * small circles far apart) the loops are short at this scale: pass a smaller scale.
   */
  scale?: number;
}

/** What {@link barcodeVerdict} concludes. */
export interface BarcodeVerdict {
  /**
   * Well-separated groups of points: the infinite H0 bars, plus finite H0 bars that are long
   * and die at least twice as late as the median H0 bar (a clear gap above the typical point
   * spacing, so a sparse regular polygon counts as one group, not as N isolated points).
   */
  clusters: number;
  /** Long H1 bars: independent loops. */
  circles: number;
  /** Long H2 bars: enclosed cavities. */
  spheres: number;
  /** The length a bar needed to count as long. */
  minLength: number;
  /** One sentence for the report. */
  text: string;
}

/**
 * Counts the long bars per dimension and words the result.
 *
 * @param result - output of ripsPersistence.
 * @param opts - see {@link VerdictOptions}.
 */
export function barcodeVerdict(result: RipsResult, opts: VerdictOptions = {}): BarcodeVerdict {
  const fraction = opts.fraction ?? 0.25;
  const scale = opts.scale ?? result.threshold;
  const minLength = fraction * scale;
  const length = (p: PersistencePair): number => (p.death === Infinity ? result.threshold : p.death) - p.birth;
  const pairsOf = (d: number): PersistencePair[] => result.diagrams.find((g) => g.dimension === d)?.pairs ?? [];
  const long = (d: number): number => pairsOf(d).filter((p) => length(p) >= minLength).length;
  const deaths = pairsOf(0)
    .filter((p) => p.death !== Infinity)
    .map((p) => p.death)
    .sort((a, b) => a - b);
  const median = deaths.length > 0 ? deaths[Math.floor((deaths.length - 1) / 2)] : 0;
  const clusters = pairsOf(0).filter((p) => p.death === Infinity || (p.death >= minLength && p.death >= 2 * median)).length;
  const circles = long(1);
  const spheres = long(2);
  const computed = Math.max(...result.diagrams.map((g) => g.dimension));
  return { clusters, circles, spheres, minLength, text: wording(clusters, circles, spheres, computed) };
}

function wording(clusters: number, circles: number, spheres: number, computed: number): string {
  const count = (k: number, one: string): string => (k === 1 ? `one long ${one} bar` : `${k} long ${one} bars`);
  const parts: string[] = [];
  if (clusters > 1) parts.push(`${count(clusters, 'H0')}: the features fall into ${clusters} separated groups`);
  if (circles === 1) parts.push(`${count(1, 'H1')}: the features lie on a circle`);
  else if (circles > 1) parts.push(`${count(circles, 'H1')}: the features trace ${circles} independent loops`);
  if (spheres === 1) parts.push(`${count(1, 'H2')}: the features lie on a 2-sphere`);
  else if (spheres > 1) parts.push(`${count(spheres, 'H2')}: the features enclose ${spheres} cavities`);
  if (circles === 0 && spheres === 0) {
    const dims = computed >= 2 ? 'H1 or H2' : computed === 1 ? 'H1' : 'higher';
    parts.push(`no long ${dims} bar: no loops or cavities at this scale${computed < 2 ? ' (higher dimensions not computed)' : ''}`);
  }
  return parts.join('; ');
}
