/** What naming a decomposition needs from each bundle. */
export interface NamedBundle {
  polytope: string;
  /** Numerical rank of the bundle. */
  dimension: number;
  features: readonly number[];
}

/**
 * The model as a tegum product, e.g. "pentagon ⊕ digon ⊕ digon ⊕ dedicated".
 * Factors are ordered by dimension (descending), then by number of features
 * (descending), then by label, so the same geometry always reads the same,
 * whatever the feature order. "none" when there are no bundles.
 *
 * @param bundles - The bundles with their labels.
 */
export function decompositionName(bundles: readonly NamedBundle[]): string {
  if (bundles.length === 0) return 'none';
  return [...bundles]
    .sort((a, b) => b.dimension - a.dimension || b.features.length - a.features.length || (a.polytope < b.polytope ? -1 : a.polytope > b.polytope ? 1 : 0))
    .map((b) => b.polytope)
    .join(' ⊕ ');
}

/** The product line and the named shapes some of its factors make together. */
export interface CompositeNames {
  line: string;
  /** e.g. "pentagonal bipyramid (pentagon ⊕ digon)". */
  composites: string[];
}

const BIPYRAMID_BASES: Record<string, string> = {
  pentagon: 'pentagonal',
  hexagon: 'hexagonal',
  triangle: 'triangular',
};

/**
 * Named shapes that tegum products of bundles form (Toy Models of
 * Superposition): a polygon ⊕ digon is a bipyramid (triangular, pentagonal,
 * hexagonal, N-gonal); digons left over combine into a cross-polytope: 2 → square,
 * 3 → octahedron, k ≥ 4 → k-orthoplex. Each digon is used once: first as the apex
 * pair of a bipyramid (largest polygons first), the rest together.
 *
 * @param bundles - The bundles with their labels.
 * @returns The decomposition line and the composite names.
 */
export function compositeNames(bundles: readonly NamedBundle[]): CompositeNames {
  const line = decompositionName(bundles);
  const labels = line === 'none' ? [] : line.split(' ⊕ ');
  let digons = labels.filter((l) => l === 'digon').length;
  const composites: string[] = [];
  for (const label of labels) {
    if (digons === 0) break;
    const base = BIPYRAMID_BASES[label] ?? (label.startsWith('polygon-') ? `${label.slice(8)}-gonal` : undefined);
    if (base === undefined) continue;
    composites.push(`${base} bipyramid (${label} ⊕ digon)`);
    digons--;
  }
  const apexes = Array.from({ length: digons }, () => 'digon').join(' ⊕ ');
  if (digons === 2) composites.push(`square (${apexes})`);
  if (digons === 3) composites.push(`octahedron (${apexes})`);
  if (digons >= 4) composites.push(`${digons}-orthoplex (${apexes})`);
  return { line, composites };
}
