/**
 * What the viewer renders: a Report plus the W it was computed from. Every
 * shell (the `tegum view` server, the Electron preload, a dropped file)
 * produces this; the renderer never runs the analysis by itself except through
 * the library's own analyze() for files opened in the page.
 */
import type { Report } from '../../report/types.js';

export interface ViewData {
  report: Report;
  /** Feature-major weights, W[i*m + r]; m and n are report.input.m, report.input.n. */
  W: Float64Array;
}

/** Where the initial ViewData comes from (HTTP endpoint or Electron preload). */
export interface DataSource {
  /** A short name for the status line, e.g. "tegum view" or "desktop". */
  readonly name: string;
  /** The data to show first, or null when the shell has nothing to show yet. */
  initial(): Promise<ViewData | null>;
}
