/**
 * The view's legend (what colour, fade, points, discs, hulls and the ring
 * mean) and its axis caption (which projection, and how much of the shown
 * features' variance it holds), as HTML over the view and, for the PNG
 * export, drawn onto a 2-D canvas with the same words.
 */
import { element } from './dom.js';

/** One legend line: a symbol drawn in a colour, and what it means. */
export interface LegendItem {
  symbol: 'ball' | 'fade' | 'point' | 'disc' | 'hull' | 'ring' | 'line';
  colour: string;
  text: string;
}

/** What the view currently shows, for the legend's choice of lines. */
export interface LegendFacts {
  /** Colours of the first few groups (largest first). */
  colours: string[];
  /** How generic features (in no group) are drawn: dim points at scale, grey balls in small inputs; null when there are none. */
  generic: 'point' | 'ball' | null;
  hasPlanes: boolean;
  hasHulls: boolean;
  /** Weak features riding on strong ones are drawn with a line to them. */
  hasRiders: boolean;
}

/** The legend's lines for what is shown. */
export function legendItems(facts: LegendFacts): LegendItem[] {
  const items: LegendItem[] = [{ symbol: 'ball', colour: facts.colours[0] ?? '#332288', text: 'colour = structure (as in the list)' }];
  items.push({ symbol: 'fade', colour: facts.colours[0] ?? '#332288', text: 'paler = shorter ‖W_i‖' });
  if (facts.generic === 'point') items.push({ symbol: 'point', colour: '#9a9a9a', text: 'small dots = generic features (in no structure)' });
  if (facts.generic === 'ball') items.push({ symbol: 'ball', colour: '#7d7d7d', text: 'grey = generic (in no structure)' });
  if (facts.hasPlanes) items.push({ symbol: 'disc', colour: facts.colours[1] ?? '#88CCEE', text: 'disc = a 2-plane holding > 2 features' });
  if (facts.hasHulls) items.push({ symbol: 'hull', colour: facts.colours[2] ?? '#44AA99', text: "outline = structure's polygon or hull, in this view" });
  if (facts.hasRiders) items.push({ symbol: 'line', colour: '#888888', text: 'grey line = a weak feature to the strong one it rides on' });
  items.push({ symbol: 'ring', colour: '#111111', text: 'ring = selected feature' });
  return items;
}

/**
 * Fill the HTML legend.
 *
 * @param root The legend's element (emptied).
 * @param items Its lines.
 */
export function renderLegend(root: HTMLElement, items: readonly LegendItem[]): void {
  root.replaceChildren(
    ...items.map((item) => {
      const line = element('div', 'legend-line');
      const mark = element('span', `mark ${item.symbol}`);
      mark.style.setProperty('--c', item.colour);
      line.append(mark, element('span', '', item.text));
      return line;
    }),
  );
}

const LINE = 18;

/**
 * Draw the legend onto a canvas (PNG export), lines stacked upwards from (x, bottom).
 *
 * @param ctx 2-D context.
 * @param items Legend lines.
 * @param x Left edge.
 * @param bottom Baseline of the last line.
 */
export function drawLegend(ctx: CanvasRenderingContext2D, items: readonly LegendItem[], x: number, bottom: number): void {
  ctx.save();
  ctx.font = '13px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  const width = Math.max(...items.map((i) => ctx.measureText(i.text).width)) + 34;
  const top = bottom - items.length * LINE - 6;
  ctx.fillStyle = 'rgba(251,251,248,0.9)';
  ctx.fillRect(x - 6, top, width + 12, items.length * LINE + 12);
  items.forEach((item, k) => {
    const y = top + 6 + LINE * k + LINE / 2;
    drawSymbol(ctx, item, x + 8, y);
    ctx.fillStyle = '#222';
    ctx.fillText(item.text, x + 24, y);
  });
  ctx.restore();
}

function drawSymbol(ctx: CanvasRenderingContext2D, item: LegendItem, cx: number, cy: number): void {
  ctx.fillStyle = item.colour;
  ctx.strokeStyle = item.colour;
  ctx.lineWidth = 2;
  ctx.beginPath();
  switch (item.symbol) {
    case 'ball':
      ctx.arc(cx, cy, 5, 0, 2 * Math.PI);
      ctx.fill();
      break;
    case 'fade':
      ctx.globalAlpha = 0.4;
      ctx.arc(cx, cy, 5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.globalAlpha = 1;
      break;
    case 'point':
      ctx.arc(cx, cy, 2, 0, 2 * Math.PI);
      ctx.fill();
      break;
    case 'disc':
      ctx.globalAlpha = 0.3;
      ctx.ellipse(cx, cy, 8, 4, 0, 0, 2 * Math.PI);
      ctx.fill();
      ctx.globalAlpha = 1;
      break;
    case 'hull':
      ctx.moveTo(cx - 6, cy + 5);
      ctx.lineTo(cx, cy - 6);
      ctx.lineTo(cx + 6, cy + 5);
      ctx.closePath();
      ctx.stroke();
      break;
    case 'ring':
      ctx.arc(cx, cy, 6, 0, 2 * Math.PI);
      ctx.stroke();
      break;
    case 'line':
      ctx.moveTo(cx - 7, cy + 3);
      ctx.lineTo(cx + 7, cy - 3);
      ctx.stroke();
      break;
  }
}
