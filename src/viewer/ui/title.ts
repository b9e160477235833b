/** The title line of the page: which file, tensor and instance, and its shape. */
import type { Report } from '../../report/types.js';

/** "W.npz · W_stack · instance 3 · n = 20 features in m = 5 dims". */
export function titleOf(report: Report): string {
  const { file, tensor, instance, n, m } = report.input;
  return [file, tensor, ...(instance === undefined ? [] : [`instance ${instance}`]), `n = ${n} features in m = ${m} dims`].join(' · ');
}

/** The title of a file whose analysis has not arrived yet. */
export function pendingTitle(n: number, m: number): string {
  return `n = ${n} features in m = ${m} dims · analysing …`;
}
