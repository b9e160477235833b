/**
 * The formatting rules the writers share, each held to what its doc comment
 * promises: fmt's 4 significant digits, the aligned text table, compact index
 * lists, grouped decompositions, shortened huge counts, SVG escaping and
 * rounding, the bundle palette.
 */
import { describe, expect, it } from 'vitest';
import { fmt, formatTable } from '../../src/report/text-table.js';
import { compactList, countsByLabel, groupedLine, shortCount } from '../../src/report/terminal.js';
import { el, escapeXml, svg, text } from '../../src/report/svg.js';
import { bundleColour, UNREPRESENTED_COLOUR } from '../../src/report/palette.js';
import { meanDimensionality } from '../../src/report/mean-dimensionality.js';
import { FIGURE_FONT } from '../../src/report/figures/figure-text.js';
import type { StructureReport } from '../../src/report/types.js';
import { CODES_LEGEND, SPHERES_LEGEND } from '../../src/report/geometry-legend.js';

describe('fmt: 4 significant digits, compact', () => {
  it('non-finite numbers and zero have fixed words', () => {
    expect(fmt(NaN)).toBe('NaN');
    expect(fmt(Infinity)).toBe('Inf');
    expect(fmt(-Infinity)).toBe('-Inf');
    expect(fmt(0)).toBe('0');
    expect(fmt(-0)).toBe('0');
  });
  it('plain decimals from 1e-3 up to (not including) 1e6, trailing zeros dropped', () => {
    expect(fmt(1.23456)).toBe('1.235');
    expect(fmt(-1.23456)).toBe('-1.235');
    expect(fmt(0.5)).toBe('0.5');
    expect(fmt(0.001)).toBe('0.001');
    expect(fmt(-0.001)).toBe('-0.001');
    expect(fmt(0.0012346)).toBe('0.001235');
    expect(fmt(123456)).toBe('123500');
    expect(fmt(999_000)).toBe('999000');
    expect(fmt(2)).toBe('2');
  });
  it('exponent form outside that range, mantissa with 4 digits and no "+" or trailing zeros', () => {
    expect(fmt(0.0001234)).toBe('1.234e-4');
    expect(fmt(0.00099)).toBe('9.9e-4');
    expect(fmt(-0.0001234)).toBe('-1.234e-4');
    expect(fmt(1e6)).toBe('1e6');
    expect(fmt(-1e6)).toBe('-1e6');
    expect(fmt(2.5e10)).toBe('2.5e10');
    expect(fmt(1.5e-7)).toBe('1.5e-7');
    expect(fmt(1.2e-20)).toBe('1.2e-20');
    expect(fmt(1.23456e-9)).toBe('1.235e-9');
    expect(fmt(1e100)).toBe('1e100');
  });
});

describe('formatTable: aligned columns, numbers right-aligned', () => {
  it('pads every column to its widest cell, right-aligns numeric columns and draws the rule', () => {
    const out = formatTable(
      ['n', 'name', 'x'],
      [
        ['1', 'a', '0.5'],
        ['22', 'bbb', '1e-4'],
      ],
    );
    expect(out).toBe([' n  name     x', '──  ────  ────', ' 1  a      0.5', '22  bbb   1e-4', ''].join('\n'));
  });
  it('a column is numeric only when every cell is a number, NaN, Inf or a dash', () => {
    const out = formatTable(
      ['aa', 'bb', 'cc'],
      [
        ['NaN', '-Inf', 'x'],
        ['—', 'Inf', '1'],
        ['-2', '3.5e+2', '2'],
      ],
    );
    const lines = out.split('\n');
    expect(lines[0]).toBe(' aa      bb  cc');
    expect(lines[2]).toBe('NaN    -Inf  x');
    expect(lines[3]).toBe('  —     Inf  1');
    expect(lines[4]).toBe(' -2  3.5e+2  2');
  });
  it('a word that merely contains digits is text; a missing cell is empty', () => {
    const out = formatTable(['col', 'b'], [['a1', '1'], ['12'], ['Info', '2']]);
    expect(out.split('\n')).toEqual(['col   b', '────  ─', 'a1    1', '12', 'Info  2', '']);
  });
  it('a cell is a number only as a whole: digits at one end of a word do not make it one', () => {
    const cols = [
      ['v1', 'xx22'],
      ['1a', '22bb'],
      ['xNaN', 'NaN'],
      ['NaNx', 'NaN'],
      ['Infinity', 'Inf'],
      ['x—', '—'],
    ];
    for (const [a, b] of cols) {
      const lines = formatTable(['h'], [[a], [b]]).split('\n');
      expect(lines[2], `${a} / ${b}`).toBe(a);
      expect(lines[3]).toBe(b);
    }
  });
  it('with no rows every column is text (left-aligned)', () => {
    expect(formatTable(['n', 'value'], [])).toBe('n  value\n─  ─────\n');
  });
});

describe('compactList: runs of three or more as ranges', () => {
  it('writes runs as a–b and shorter runs out', () => {
    expect(compactList([])).toBe('');
    expect(compactList([4])).toBe('4');
    expect(compactList([0, 1, 2, 3, 7])).toBe('0–3, 7');
    expect(compactList([0, 1, 5, 6])).toBe('0, 1, 5, 6');
    expect(compactList([0, 1, 2, 9, 10, 11, 12])).toBe('0–2, 9–12');
    expect(compactList([3, 5, 7])).toBe('3, 5, 7');
  });
  it('stops after 24 parts and counts the indices left out', () => {
    const xs = Array.from({ length: 30 }, (_, i) => 2 * i);
    const shown = xs.slice(0, 24).join(', ');
    expect(compactList(xs)).toBe(`${shown}, … (6 more)`);
    expect(compactList(xs.slice(0, 24))).toBe(shown);
    // Parts, not indices, are what is counted: a range is one part.
    const ranges = Array.from({ length: 26 }, (_, i) => [10 * i, 10 * i + 1, 10 * i + 2]).flat();
    const out = compactList(ranges);
    expect(out.split(', ').filter((p) => p.includes('–'))).toHaveLength(24);
    expect(out.endsWith(', … (6 more)')).toBe(true);
  });
});

describe('groupedLine, shortCount, countsByLabel', () => {
  it('groupedLine counts three or more equal neighbours and keeps pairs written out', () => {
    expect(groupedLine('none')).toBe('none');
    expect(groupedLine('digon ⊕ digon ⊕ digon ⊕ pentagon')).toBe('digon ×3 ⊕ pentagon');
    expect(groupedLine('digon ⊕ digon ⊕ pentagon')).toBe('digon ⊕ digon ⊕ pentagon');
    expect(groupedLine('pentagon ⊕ digon ⊕ digon ⊕ digon ⊕ digon ⊕ dedicated ⊕ dedicated ⊕ dedicated')).toBe('pentagon ⊕ digon ×4 ⊕ dedicated ×3');
    expect(groupedLine('cube')).toBe('cube');
    expect(groupedLine('digon ⊕ pentagon ⊕ digon ⊕ digon')).toBe('digon ⊕ pentagon ⊕ digon ⊕ digon');
  });
  it('shortCount abbreviates decimal counts of 16 digits or more, nothing else', () => {
    expect(shortCount('123456789012345')).toBe('123456789012345');
    expect(shortCount('1234567890123456')).toBe('≈ 1.234 × 10^15');
    expect(shortCount('3' + '1'.repeat(1503))).toBe('≈ 3.111 × 10^1503');
    expect(shortCount('unknown')).toBe('unknown');
    expect(shortCount('x1234567890123456')).toBe('x1234567890123456');
    expect(shortCount('1234567890123456 ')).toBe('1234567890123456 ');
  });
  it('countsByLabel: most frequent first, ties alphabetical, ×N only for repeats', () => {
    const s = (label: string): StructureReport => ({
      id: 0,
      features: [],
      label,
      dimension: 1,
      regularity: null,
      significance: 0,
      maxCrossCos: 0,
      source: 'factor',
    });
    expect(countsByLabel([])).toBe('');
    expect(countsByLabel(['pentagon', 'digon', 'square-antiprism', 'digon', 'digon'].map(s))).toBe('digon ×3, pentagon, square-antiprism');
    expect(countsByLabel(['triangle', 'cube', 'triangle', 'cube', 'dedicated'].map(s))).toBe('cube ×2, triangle ×2, dedicated');
    expect(countsByLabel(['b', 'a'].map(s))).toBe('a, b');
  });
});

describe('SVG building', () => {
  it('escapes the five XML specials and nothing else', () => {
    expect(escapeXml(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;');
    expect(escapeXml('plain ⊕ text')).toBe('plain ⊕ text');
  });
  it('el rounds numeric attributes to 2 decimals, escapes string ones, closes empty elements', () => {
    expect(el('rect', { x: 1.23456, y: -0.005, fill: 'a"b' })).toBe('<rect x="1.23" y="0" fill="a&quot;b"/>');
    expect(el('g', { id: 'k' }, '<x/>')).toBe('<g id="k"><x/></g>');
    expect(el('g', { id: 'k' }, '')).toBe('<g id="k"/>');
    expect(el('circle', { r: 2.675 })).toBe('<circle r="2.68"/>');
  });
  it('text escapes its content; svg declares its size, namespace and label', () => {
    expect(text(1, 2, 'a<b', { 'font-size': 11 })).toBe('<text x="1" y="2" font-size="11">a&lt;b</text>');
    expect(svg(30, 20, '<g/>', 'a "fig"')).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 20" width="30" height="20" role="img" aria-label="a &quot;fig&quot;"><g/></svg>',
    );
  });
  it('figure text is 11 px', () => {
    expect(FIGURE_FONT).toBe(11);
  });
});

describe('palette and mean dimensionality', () => {
  it('nine distinct bundle colours, cycling; grey for unrepresented', () => {
    const colours = Array.from({ length: 9 }, (_, i) => bundleColour(i));
    expect(new Set(colours).size).toBe(9);
    for (const c of colours) expect(c).toMatch(/^#[0-9A-F]{6}$/);
    expect(bundleColour(9)).toBe(colours[0]);
    expect(bundleColour(13)).toBe(colours[4]);
    expect(bundleColour(null)).toBe(UNREPRESENTED_COLOUR);
    expect(colours).not.toContain(UNREPRESENTED_COLOUR);
    expect(UNREPRESENTED_COLOUR).toMatch(/^#[0-9A-F]{6}$/);
    expect(bundleColour(0)).toBe('#332288');
  });
  it('meanDimensionality averages D_i over the group, 0 for none', () => {
    const features = [0.5, 1, 0.25].map((d) => ({ dimensionality: d }));
    const report = { features } as Parameters<typeof meanDimensionality>[0];
    expect(meanDimensionality(report, [])).toBe(0);
    expect(meanDimensionality(report, [0, 1])).toBe(0.75);
    expect(meanDimensionality(report, [2])).toBe(0.25);
  });
});

describe('the legends under spherical codes and spheres', () => {
  it('say what each number means, part by part', () => {
    for (const part of [
      'Each bundle’s unit feature directions as a code on the sphere of its own span (R^d, d its dimension). ',
      'Minimal angle: the smallest angle between two features, in degrees; "of optimal" = that angle ÷ the best-known minimal angle',
      'Thomson energy Σ 1/‖u_i − u_j‖ (unitless, directions on the unit sphere) ÷ its known minimum',
      'Coherence: the largest |cos| between two features; the Welch bound √((N − d)/(d(N − 1)))',
      'Random δ = √(4 ln N / d)',
    ])
      expect(CODES_LEGEND).toContain(part);
    for (const part of [
      'Circles and 2-spheres, centred anywhere, through more features than it takes to fix one (4 for a circle, 5 for a 2-sphere)',
      'bundles with a polytope label are not searched',
      'Radius, centre distance and residual are lengths in the units of W',
      'p: how often random directions with the same norms',
      'only spheres with p ≤ 0.01 are listed.',
    ])
      expect(SPHERES_LEGEND).toContain(part);
    expect(SPHERES_LEGEND).toMatch(/Monte Carlo, \d+ draws\); /);
  });
});
