/**
 * Which files the desktop app opens: the weight formats the page can read
 * from bytes (a sharded safetensors index needs its shard files, so it is
 * left to the CLI).
 */
import { SUPPORTED_EXTENSIONS } from '../src/import/read-bytes.js';

/** Extensions the app opens, with the dot. */
export const OPENABLE_EXTENSIONS: readonly string[] = SUPPORTED_EXTENSIONS.filter((ext) => ext !== '.safetensors.index.json');

/** Whether a path names a file the app opens (by extension, case-insensitive). */
export function isOpenable(path: string): boolean {
  const lower = path.toLowerCase();
  if (lower.endsWith('.safetensors.index.json')) return false;
  return OPENABLE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** Filters for the native open dialog. */
export function openDialogFilters(): { name: string; extensions: string[] }[] {
  return [{ name: 'Weight files', extensions: OPENABLE_EXTENSIONS.map((ext) => ext.slice(1)) }];
}
