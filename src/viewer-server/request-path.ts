/**
 * Normalising request paths before any lookup. The route table is an exact
 * allow-list, so an odd path can only miss; these checks make the refusal
 * explicit and keep encoded tricks (%2e%2e, %2f, backslashes, NUL) from ever
 * reaching a file-system call.
 */

/**
 * The decoded path of a request target, or null when it must be refused.
 *
 * @param target The request target as received (`/app/x.js?v=1`).
 * @returns The path without query or fragment, percent-decoded, or null for:
 *   anything not starting with a single '/', encoded or literal backslashes,
 *   encoded slashes, NUL, malformed escapes, '.' or '..' segments (before or
 *   after decoding), and empty segments ('//').
 */
export function requestPath(target: string): string | null {
  const raw = target.split(/[?#]/, 1)[0];
  if (!raw.startsWith('/') || raw.startsWith('//')) return null;
  if (/%2f|%5c|%00/i.test(raw) || raw.includes('\\')) return null;
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const segments = path.slice(1).split('/');
  if (segments.some((s, k) => s === '.' || s === '..' || (s === '' && k !== segments.length - 1))) return null;
  return path;
}
