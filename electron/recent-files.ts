/**
 * The recent-files list: most recent first, no duplicates, bounded, stored
 * as JSON in the app's user-data folder. Entries that fail validation on
 * load are dropped rather than trusted.
 */
import { isAbsolute } from 'node:path';
import { isOpenable } from './formats.js';

export const MAX_RECENT = 10;

/**
 * Put `path` first.
 *
 * @param list Current list (not modified).
 * @param path Absolute path just opened.
 * @param max Longest list kept.
 */
export function addRecent(list: readonly string[], path: string, max = MAX_RECENT): string[] {
  return [path, ...list.filter((p) => p !== path)].slice(0, max);
}

/**
 * Parse the stored list, keeping only absolute paths of openable files.
 *
 * @param text File contents (anything: a missing or corrupt file gives []).
 */
export function parseRecent(text: string | null): string[] {
  if (text === null) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const paths = value.filter((p): p is string => typeof p === 'string' && isAbsolute(p) && isOpenable(p));
  return [...new Set(paths)].slice(0, MAX_RECENT);
}

/** The stored form. */
export function serializeRecent(list: readonly string[]): string {
  return JSON.stringify(list, null, 2) + '\n';
}
