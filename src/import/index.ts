/**
 * Public API of the importers: read weight files, choose the matrix to
 * analyse, and summarise tensors.
 */
export { readTensors, readWeightFile } from './read-file.js';
export { formatOf, readTensorsFromBytes, readWeightBytes, stemOf, SUPPORTED_EXTENSIONS } from './read-bytes.js';
export type { ReadOptions, WeightFile, WeightFormat } from './read-bytes.js';
export { BIAS_NAMES, chooseWeights, describeChoice, FEATURE_AXIS_BY_NAME, WEIGHT_NAMES } from './choose.js';
export type { ChooseOptions } from './choose.js';
export { tensorStats } from './stats.js';
export type { TensorStats } from './stats.js';
export { assertFinite } from './finite.js';
export { InputError } from './errors.js';
export type { DType, Tensor } from './tensor.js';
export { asFloat64 } from './weightset.js';
export type { WeightSet } from './weightset.js';
export { MAX_ELEMENTS, MAX_DIMENSIONS, WIDENED_FLOOR, WIDENED_RATIO } from './size-guard.js';
