import { describe, expect, it } from 'vitest';
import { compositeNames, decompositionName } from '../../src/spheres/index.js';

const b = (polytope: string, dimension: number, size: number, first = 0) => ({
  polytope,
  dimension,
  features: Array.from({ length: size }, (_, i) => first + i),
});

describe('decompositionName', () => {
  it('orders factors by dimension, then size, then label, whatever the input order', () => {
    const bundles = [b('dedicated', 1, 1, 0), b('digon', 1, 2, 1), b('pentagon', 2, 5, 3), b('digon', 1, 2, 8)];
    expect(decompositionName(bundles)).toBe('pentagon ⊕ digon ⊕ digon ⊕ dedicated');
    expect(decompositionName([...bundles].reverse())).toBe('pentagon ⊕ digon ⊕ digon ⊕ dedicated');
    expect(decompositionName([b('triangle', 2, 3), b('tetrahedron', 3, 4), b('hexagon', 2, 6)])).toBe('tetrahedron ⊕ hexagon ⊕ triangle');
  });

  it('says none for no bundles', () => {
    expect(decompositionName([])).toBe('none');
  });
});

describe('compositeNames', () => {
  it('pentagon ⊕ digon ⊕ digon: one pentagonal bipyramid, the other digon alone', () => {
    expect(compositeNames([b('digon', 1, 2), b('pentagon', 2, 5), b('digon', 1, 2)])).toEqual({
      line: 'pentagon ⊕ digon ⊕ digon',
      composites: ['pentagonal bipyramid (pentagon ⊕ digon)'],
    });
  });

  it('triangle ⊕ digon is a triangular bipyramid', () => {
    expect(compositeNames([b('triangle', 2, 3), b('digon', 1, 2)]).composites).toEqual(['triangular bipyramid (triangle ⊕ digon)']);
  });

  it('two digons make a square, three an octahedron, four a 4-orthoplex', () => {
    const digons = (k: number) => Array.from({ length: k }, () => b('digon', 1, 2));
    expect(compositeNames(digons(2)).composites).toEqual(['square (digon ⊕ digon)']);
    expect(compositeNames(digons(3)).composites).toEqual(['octahedron (digon ⊕ digon ⊕ digon)']);
    expect(compositeNames(digons(4)).composites).toEqual(['4-orthoplex (digon ⊕ digon ⊕ digon ⊕ digon)']);
    expect(compositeNames(digons(1)).composites).toEqual([]);
  });

  it('bipyramids take digons first, larger polygons first; unmatched shapes name nothing', () => {
    const r = compositeNames([b('triangle', 2, 3), b('polygon-7', 2, 7), b('digon', 1, 2), b('tetrahedron', 3, 4)]);
    expect(r.line).toBe('tetrahedron ⊕ polygon-7 ⊕ triangle ⊕ digon');
    expect(r.composites).toEqual(['7-gonal bipyramid (polygon-7 ⊕ digon)']);
    expect(compositeNames([b('cube', 3, 8), b('dedicated', 1, 1)]).composites).toEqual([]);
  });
});
