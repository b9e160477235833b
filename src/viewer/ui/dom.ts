/** Small DOM helpers: elements built with textContent, never from untrusted HTML. */

/**
 * Create an element with a class and text.
 *
 * @param tag Tag name.
 * @param className Class attribute ('' for none).
 * @param text Text content (set as text, so file names cannot inject markup).
 */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text = ''): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text) e.textContent = text;
  return e;
}

/** The element with this id, or an error naming it (the page's markup is fixed). */
export function byId<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (e === null) throw new Error(`viewer markup lacks #${id}`);
  return e as T;
}

/** A colour swatch for a bundle. */
export function swatch(colour: string): HTMLElement {
  const s = element('span', 'swatch');
  s.style.background = colour;
  return s;
}

/** A number with 3 significant decimals, as the report writers show them. */
export function fmt(x: number, digits = 3): string {
  return Number.isFinite(x) ? x.toFixed(digits) : String(x);
}
