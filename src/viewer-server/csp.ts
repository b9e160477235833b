/**
 * The page's Content-Security-Policy, for both shells: scripts only from the
 * app's own origin plus the inline import map by its SHA-256 hash, no
 * inline event handlers, no eval, no plugins, no framing, network only back
 * to the origin (the data endpoints).
 */
import { createHash } from 'node:crypto';

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;

/**
 * @param html The page; every inline script in it is allowed by its hash.
 * @returns The policy string for a Content-Security-Policy header.
 */
export function contentSecurityPolicy(html: string): string {
  const hashes = [...html.matchAll(INLINE_SCRIPT)].map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  return [
    "default-src 'none'",
    `script-src 'self' ${hashes.join(' ')}`.trim(),
    // Styles set through the CSSOM (element.style) are not inline markup and stay allowed.
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
