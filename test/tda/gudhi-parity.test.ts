// Parity with gudhi 3.7 (RipsComplex + SimplexTree, Z/2): diagrams written by
// scripts/fixtures/make_tda_fixtures.py into test/fixtures/tda/rips.json.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bottleneckDistance, ripsPersistence } from '../../src/tda/index.js';
import type { PersistencePair } from '../../src/tda/index.js';

interface Case {
  name: string;
  metric: 'euclidean' | 'angular';
  kind: 'full' | 'truncated';
  dim: number;
  points: string[];
  threshold: number;
  diagrams: [number, number | null][][];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/tda/rips.json', import.meta.url), 'utf8')) as { cases: Case[] };

const toPairs = (rows: [number, number | null][]): PersistencePair[] => rows.map(([birth, death]) => ({ birth, death: death ?? Infinity }));
const key = (p: PersistencePair): string => `${p.birth}:${p.death}`;

describe('Rips persistence matches gudhi', () => {
  for (const c of fixture.cases) {
    it(`${c.name} (${c.metric}, ${c.kind})`, () => {
      const points = Float64Array.from(c.points, Number);
      // Full cases: our default threshold, the enclosing radius, must already give the complete barcode.
      const result = ripsPersistence({ points, dim: c.dim }, { metric: c.metric, threshold: c.kind === 'truncated' ? c.threshold : undefined });
      if (c.kind === 'truncated') expect(result.threshold).toBe(c.threshold);
      else expect(result.threshold).toBeLessThanOrEqual(c.threshold);
      for (let d = 0; d <= 2; d++) {
        const ours = result.diagrams[d].pairs;
        const theirs = toPairs(c.diagrams[d]);
        expect(bottleneckDistance(ours, theirs)).toBeLessThanOrEqual(1e-9);
        // Bar by bar as well: same count, sorted bars equal to float rounding.
        expect(ours.length).toBe(theirs.length);
        const sortedTheirs = [...theirs].sort((a, b) => a.birth - b.birth || a.death - b.death);
        ours.forEach((p, k) => {
          expect(Math.abs(p.birth - sortedTheirs[k].birth)).toBeLessThanOrEqual(1e-9);
          if (sortedTheirs[k].death === Infinity) expect(p.death, key(p)).toBe(Infinity);
          else expect(Math.abs(p.death - sortedTheirs[k].death)).toBeLessThanOrEqual(1e-9);
        });
      }
    });
  }
});
