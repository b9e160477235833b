import type { Report } from './types.js';

/** Mean D_i over a group of features (a bundle, a structure); 0 for an empty group. */
export function meanDimensionality(report: Pick<Report, 'features'>, features: readonly number[]): number {
  if (features.length === 0) return 0;
  let sum = 0;
  for (const f of features) sum += report.features[f].dimensionality;
  return sum / features.length;
}
