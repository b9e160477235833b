/** Minimal SVG building: escaped text and attributes, nothing more. */

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** An SVG element with attributes (numbers rounded to 2 decimals) and optional children. */
export function el(name: string, attrs: Record<string, string | number>, children = ''): string {
  const a = Object.entries(attrs)
    .map(([k, v]) => `${k}="${typeof v === 'number' ? round(v) : escapeXml(v)}"`)
    .join(' ');
  return children ? `<${name} ${a}>${children}</${name}>` : `<${name} ${a}/>`;
}

export function text(x: number, y: number, content: string, attrs: Record<string, string | number> = {}): string {
  return el('text', { x, y, ...attrs }, escapeXml(content));
}

export function svg(width: number, height: number, body: string, label: string): string {
  return el('svg', { xmlns: 'http://www.w3.org/2000/svg', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': label }, body);
}

function round(v: number): string {
  return String(Math.round(v * 100) / 100);
}
