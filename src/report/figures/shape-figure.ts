import { orthonormalBasis } from '../../grassmannian/index.js';
import type { BundleReport } from '../types.js';
import { bundleColour } from '../palette.js';
import { el, svg, text } from '../svg.js';

const SIZE = 180;
/** View angles for 3-D bundles (radians): enough tilt to show depth without hiding vertices. */
const AZIMUTH = 0.6;
const ELEVATION = 0.45;

/**
 * A bundle drawn in its own orthonormal basis (descending singular values, so
 * exact for dimension ≤ 3 and the leading 3 directions beyond): unit feature
 * directions as points with spokes from the origin, and edges between nearest
 * neighbours, which for regular polytopes are exactly the polytope's edges.
 */
export function shapeFigure(bundle: BundleReport, W: Float64Array, m: number): string {
  const { basis, rank } = orthonormalBasis(W, m, bundle.features);
  const dims = Math.min(rank, 3);
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
  const projected = coords.map(([a, b, c]) => project(a, b, c, dims));
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
    parts.push(text(x + 5, y - 5, String(bundle.features[i]), { 'font-size': 9, fill: '#333' }));
  });
  const caption = `${bundle.polytope} (bundle ${bundle.id}, dim ${bundle.dimension}${rank > 3 ? ', leading 3 axes' : ''})`;
  parts.push(text(c, SIZE - 4, caption, { 'font-size': 10, 'text-anchor': 'middle' }));
  return svg(SIZE, SIZE, parts.join(''), caption);
}

function project(a: number, b: number, c: number, dims: number): [number, number] {
  if (dims < 3) return [a, b];
  // Rotate about the vertical axis, then tilt towards the viewer (orthographic).
  const x = a * Math.cos(AZIMUTH) - b * Math.sin(AZIMUTH);
  const yDepth = a * Math.sin(AZIMUTH) + b * Math.cos(AZIMUTH);
  return [x, c * Math.cos(ELEVATION) - yDepth * Math.sin(ELEVATION)];
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
