export { ripsPersistence } from './rips-persistence.js';
export type { RipsInput, RipsOptions } from './rips-persistence.js';
export type { PersistencePair, PersistenceDiagram, RipsResult } from './types.js';
export { pointDistances, symmetricDistances, enclosingRadius } from './distances.js';
export type { RipsMetric } from './distances.js';
export { barcodeVerdict } from './verdict.js';
export type { BarcodeVerdict, VerdictOptions } from './verdict.js';
export { bottleneckDistance } from './bottleneck.js';
