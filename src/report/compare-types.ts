/**
 * The comparison of several runs (`tegum compare`): the one source of truth
 * for its JSON, terminal table and HTML, as Report is for `analyze`.
 */
import type { Report } from './types.js';

export const COMPARE_SCHEMA = 'tegum.compare/1';

/** A run's training settings, when known (from the JSON `tegum train` writes beside each run). */
export interface RunSettings {
  /** Feature probability p = 1 − S. */
  p?: number;
  /** Importance of feature i is importance^i. */
  importance?: number;
  /** Final loss as the trainer recorded it (tegum train: `finalLoss`, float64 weights, `lossSamples` fresh samples). */
  loss?: number;
  /** Samples behind `loss`, when the record says (tegum train: `finalLossSamples`). */
  lossSamples?: number;
}

export interface CompareRun {
  /** Short name: the file stem, plus "[i]" for an instance of a stack. */
  label: string;
  settings: RunSettings;
  /** The full analysis of this run. */
  report: Report;
}

/** How run `run` was aligned onto run `reference` (Procrustes, with per-feature sign flips where they help). */
export interface CompareAlignment {
  reference: number;
  run: number;
  /** ‖R S A − B‖_F / ‖B‖_F after alignment. */
  residual: number;
  /** The same with a rotation alone. */
  residualRotationOnly: number;
  /** Features whose sign was flipped. */
  signFlips: number[];
}

/** What changed from one run to the next. */
export interface CompareStep {
  from: number;
  to: number;
  /** One line per group of features that changed together. */
  changes: { from: number[]; fromPolytope: string; to: number[]; toPolytope: string; text: string }[];
}

/** The learned W against random directions for the same n, m and p (Edmonds, "Random Superposition"). */
export interface RandomBaseline {
  run: number;
  /**
   * Toy Models loss of the learned (W, b) as read from the file, estimated on the
   * same `samples` draws as randomLoss (like for like). It differs from the
   * trainer's recorded loss (the run's `settings.loss`) by the sample count and by
   * the file's float32 rounding of W, typically by under 1 %.
   */
  learnedLoss: number;
  /** Loss of random unit directions (Gaussian, normalised) with the best single scalar bias. */
  randomLoss: number;
  /** That best scalar bias. */
  randomBias: number;
  /** Samples behind learnedLoss and randomLoss (the first of the trainer's evaluation stream for this p). */
  samples: number;
  /** RMS and largest |cos| between the learned run's represented features. */
  interferenceRms: number;
  interferenceMax: number;
  /** δ = sqrt(4 ln n / m): random n vectors in R^m have |cos| ≤ δ with high probability. */
  delta: number;
}

export interface CompareReport {
  schema: typeof COMPARE_SCHEMA;
  tool: { name: 'tegum'; version: string };
  /** Runs in sweep order (descending p when every run's p is known, else as given). */
  runs: CompareRun[];
  /** Each run aligned onto the run before it. */
  alignments: CompareAlignment[];
  /** Consecutive runs: what changed. */
  steps: CompareStep[];
  /** The Toy Models phase picture: for each feature (row) and run (column), its bundle's polytope or "unrepresented". */
  phase: string[][];
  /** Present for runs whose p and importance are known. */
  baselines: RandomBaseline[];
  /** Why something was not computed (different m, unknown p, …). */
  notes: string[];
}
