import { orthonormalBasis } from '../../grassmannian/index.js';
import type { BundleReport } from '../types.js';
import { bundleColour } from '../palette.js';
import { el, svg, text } from '../svg.js';
import { FIGURE_FONT } from './figure-text.js';

const SIZE = 200;
/** Baseline of the bundle's name at the top. */
const TITLE_Y = 14;
/** Candidate views for 3-D bundles; the one that keeps projected vertices furthest apart wins. */
const AZIMUTHS = Array.from({ length: 12 }, (_, i) => (i * Math.PI) / 12);
const ELEVATIONS = [0.3, 0.5, 0.7, 0.9];

/**
 * A bundle drawn in its own orthonormal basis (descending singular values, so
 * exact for dimension ≤ 3 and the leading 3 directions beyond): unit feature
 * directions as points with spokes from the origin, and edges between nearest
 * neighbours, which for regular polytopes are exactly the polytope's edges.
 *
 * @param bundle The group to draw (a bundle, or a structure in a bundle's clothes).
 * @param W Feature-major weights.
 * @param m Hidden dimension.
 * @param noun What the group is called in the caption (default "bundle"; the viewer says "structure").
 */
export function shapeFigure(bundle: BundleReport, W: Float64Array, m: number, noun = 'bundle'): string {
  // The basis comes in descending singular values, so its first `dimension`
  // vectors span the bundle; the rest are noise and are not drawn.
  const { basis } = orthonormalBasis(W, m, bundle.features);
  const dims = Math.min(bundle.dimension, 3);
  const coords = bundle.features.map((f) => {
    let s = 0;
    for (let r = 0; r < m; r++) s += W[f * m + r] ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    return Array.from({ length: 3 }, (_, j) => {
      if (j >= dims) return 0;
      let dot = 0;
      for (let r = 0; r < m; r++) dot += W[f * m + r] * basis[j * m + r];
      return dot * inv;
    });
  });
  const projected = bestView(coords, dims);
  const c = SIZE / 2;
  const R = SIZE * 0.38;
  const px = (p: [number, number]): [number, number] => [c + R * p[0], c - R * p[1]];
  const colour = bundleColour(bundle.id);
  const parts: string[] = [el('circle', { cx: c, cy: c, r: R, fill: 'none', stroke: '#ddd' })];
  for (const [i, j] of nearestEdges(coords)) {
    const [x1, y1] = px(projected[i]);
    const [x2, y2] = px(projected[j]);
    parts.push(el('line', { x1, y1, x2, y2, stroke: colour, 'stroke-width': 1.5, 'stroke-opacity': 0.8 }));
  }
  projected.forEach((p, i) => {
    const [x, y] = px(p);
    parts.push(el('line', { x1: c, y1: c, x2: x, y2: y, stroke: '#bbb', 'stroke-width': 0.7 }));
    parts.push(el('circle', { cx: x, cy: y, r: 4, fill: colour, stroke: '#222', 'stroke-width': 0.5 }, `<title>feature ${bundle.features[i]}</title>`));
    // Beside the dot, up and right; below it near the top, where the name is printed.
    const labelY = y - 5 < TITLE_Y + FIGURE_FONT + 3 ? y + 5 + FIGURE_FONT : y - 5;
    parts.push(text(x + 5, labelY, String(bundle.features[i]), { 'font-size': FIGURE_FONT, fill: '#333' }));
  });
  const detail = `${noun} ${bundle.id} · dim ${bundle.dimension}${bundle.dimension > 3 ? ' (leading 3 axes)' : ''}`;
  parts.push(text(c, TITLE_Y, bundle.polytope, { 'font-size': 12, 'font-weight': 'bold', 'text-anchor': 'middle' }));
  parts.push(text(c, SIZE - 4, detail, { 'font-size': FIGURE_FONT, 'text-anchor': 'middle', fill: '#555' }));
  return svg(SIZE, SIZE, parts.join(''), `${bundle.polytope}, ${detail}`);
}

/** Orthographic view of 3-D points: rotate about the vertical axis, then tilt towards the viewer. */
function project([a, b, c]: number[], azimuth: number, elevation: number): [number, number] {
  const x = a * Math.cos(azimuth) - b * Math.sin(azimuth);
  const depth = a * Math.sin(azimuth) + b * Math.cos(azimuth);
  return [x, c * Math.cos(elevation) - depth * Math.sin(elevation)];
}

/** 1-D and 2-D bundles are drawn as they are; 3-D ones from the view that overlaps vertices least. */
function bestView(coords: number[][], dims: number): [number, number][] {
  if (dims < 3) return coords.map(([a, b]) => [a, b]);
  let best: [number, number][] = [];
  let bestSpread = -1;
  for (const az of AZIMUTHS) {
    for (const el of ELEVATIONS) {
      const p = coords.map((q) => project(q, az, el));
      let spread = Infinity;
      for (let i = 0; i < p.length; i++) for (let j = i + 1; j < p.length; j++) spread = Math.min(spread, Math.hypot(p[i][0] - p[j][0], p[i][1] - p[j][1]));
      if (spread > bestSpread) {
        bestSpread = spread;
        best = p;
      }
    }
  }
  return best;
}

/** Pairs within 15 % of the smallest distance between distinct, non-coincident points. */
function nearestEdges(points: number[][]): [number, number][] {
  const dist = (p: number[], q: number[]): number => Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
  let min = Infinity;
  for (let i = 0; i < points.length; i++) for (let j = i + 1; j < points.length; j++) min = Math.min(min, dist(points[i], points[j]));
  const edges: [number, number][] = [];
  if (!(min > 1e-9) || points.length < 3) return points.length === 2 ? [[0, 1]] : edges;
  for (let i = 0; i < points.length; i++) for (let j = i + 1; j < points.length; j++) if (dist(points[i], points[j]) <= 1.15 * min) edges.push([i, j]);
  return edges;
}
