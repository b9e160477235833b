/**
 * Small formatters for one-line error reasons: shapes the way numpy prints
 * them and byte counts in SI units.
 */

/**
 * Format a shape like numpy does: `(3, 4)`, `(5,)`, `()`.
 *
 * @param shape Dimensions in C order.
 * @returns The tuple text.
 */
export function formatShape(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/**
 * Format a byte count in SI units (powers of 1000), e.g. `1.2 kB`, `4.0 TB`.
 *
 * @param bytes A non-negative byte count (may exceed 2^53; only shown approximately).
 * @returns The count with one decimal and a unit; whole bytes below 1 kB.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'an unbounded number of bytes';
  if (bytes < 1000) return `${bytes} B`;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(1)} ${UNITS[unit]}`;
}

/**
 * Format two byte counts for a comparison such as "needs A but holds B":
 * in SI units, unless that would print both the same (a one-byte
 * truncation), then as exact byte counts.
 *
 * @param a First count.
 * @param b Second count.
 * @returns The two formatted counts.
 */
export function formatBytePair(a: number, b: number): [string, string] {
  const [fa, fb] = [formatBytes(a), formatBytes(b)];
  if (fa !== fb || a === b) return [fa, fb];
  return [`${a.toLocaleString('en-US')} B`, `${b.toLocaleString('en-US')} B`];
}

/**
 * Quote a user-supplied name for an error reason, keeping the reason on one
 * line whatever characters the name contains.
 *
 * @param name Any string (tensor name, JSON key, zip entry name).
 * @returns The name in single quotes with control characters escaped.
 */
export function quote(name: string): string {
  return `'${escapeName(name)}'`;
}

/**
 * A user-supplied name made safe for a one-line reason, without quotes
 * (for paths such as `W[3][1]`).
 *
 * @param name Any string.
 * @returns The name, shortened past 80 characters, with control characters escaped.
 */
export function escapeName(name: string): string {
  const shown = name.length > 80 ? `${name.slice(0, 77)}...` : name;
  // JSON.stringify escapes newlines and other control characters.
  return JSON.stringify(shown).slice(1, -1);
}
