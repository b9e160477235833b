import { describe, expect, it } from 'vitest';
import { arrangementFigure } from '../../src/report/figures/arrangement-figure.js';
import { flat, polygon } from './helpers.js';
import { decoderLines, lineArrangementCounts } from './line-oracle.js';

const count = (s: string, re: RegExp): number => (s.match(re) ?? []).length;

describe('arrangementFigure', () => {
  it('m = 2 pentagon: one line and label per feature, one shaded cell per region', () => {
    const rows = polygon(5);
    const bias = rows.map(() => -0.2);
    const out = arrangementFigure(flat(rows), 2, Float64Array.from(bias), [0, 1, 2, 3, 4]);
    expect(out.startsWith('<svg')).toBe(true);
    expect(count(out, /<line /g)).toBe(5);
    for (let i = 0; i < 5; i++) expect(out).toContain(`>f${i}</text>`);
    // The default box holds every crossing, so each region meets it in exactly one cell.
    expect(count(out, /<polygon /g)).toBe(lineArrangementCounts(decoderLines(rows, bias)).regions);
    // The centre of the pentagram is where no ReLU fires (⟨w,0⟩ − 0.2 < 0).
    expect(out).toContain('<title>0 of 5 ReLUs active</title>');
    expect(out).toContain('hidden plane (h0, h1)');
  });

  it('m = 3: a slice through the origin on the chosen axes; a feature parallel to the slice draws no line', () => {
    const rows = [
      [1, 0, 0],
      [0, 1, 0],
      [1, 1, 0],
      [0, 0, 1],
    ];
    const out = arrangementFigure(flat(rows), 3, Float64Array.from([0.5, -0.5, 0.3, -1]), [0, 1, 2, 3], { axes: [0, 1] });
    expect(out).toContain('slice through the origin spanned by hidden axes h0, h1');
    expect(count(out, /<line /g)).toBe(3);
    expect(out).toContain('1 feature parallel to the plane (no line)');
    // Three lines in general position: 7 regions in the slice.
    expect(count(out, /<polygon /g)).toBe(7);
  });

  it('rejects bad axes', () => {
    expect(() => arrangementFigure(flat([[1, 0, 0]]), 3, null, [0], { axes: [1, 1] })).toThrow(/axes/);
  });
});
