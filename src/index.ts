/**
 * tegum as a library: read a weight file, choose W, analyse it, and write the
 * Report as Markdown, HTML or JSON. The same functions the CLI runs
 * (`tegum analyze`); see README "Use as a library".
 *
 * Everything here is the public API; deeper modules may change between versions.
 */
import { chooseWeights } from './import/choose.js';
import type { ChooseOptions } from './import/choose.js';
import { readTensors } from './import/read-file.js';
import type { WeightSet } from './import/weightset.js';

export { readTensors, readWeightFile } from './import/read-file.js';
export { readTensorsFromBytes, readWeightBytes, SUPPORTED_EXTENSIONS } from './import/read-bytes.js';
export type { ReadOptions, WeightFile, WeightFormat } from './import/read-bytes.js';
export { chooseWeights } from './import/choose.js';
export type { ChooseOptions } from './import/choose.js';
export { InputError } from './import/errors.js';
export type { DType, Tensor } from './import/tensor.js';
export { asFloat64 } from './import/weightset.js';
export type { WeightSet } from './import/weightset.js';

export { analyze } from './analysis/analyze.js';
export type { AnalyzeOptions } from './analysis/analyze.js';

export { reportToMarkdown } from './report/markdown.js';
export { reportToHtml } from './report/html.js';
export { reportToJson } from './report/json.js';
export { REPORT_SCHEMA } from './report/types.js';
export type * from './report/types.js';
export type { CompareReport } from './report/compare-types.js';
export { parseReport, reportProblem, parseCompareReport, compareReportProblem, parseRunRecord, runRecordProblem, SchemaError } from './report/validate.js';
export type { ToyRunRecord } from './toymodel/run-files.js';
export { generateDictionary, DEFAULT_STRUCTURES, DICTIONARY_CASES } from './synthetic/index.js';
export type { Dictionary, DictionaryOptions, StructureSpec, TruthStructure } from './synthetic/index.js';

/**
 * Read a weight file and choose the matrix to analyse in one step: what
 * `tegum analyze <file>` does before the analysis.
 *
 * @param path - A .npy, .npz, .json, .safetensors or .safetensors.index.json file.
 * @param options - Which tensor, bias, feature axis or instance to take (as the CLI flags).
 * @returns W feature-major, with its bias when one was found.
 * @throws InputError for an unreadable file or no usable matrix.
 */
export async function readWeights(path: string, options: ChooseOptions = {}): Promise<WeightSet> {
  return chooseWeights(path, await readTensors(path), options);
}
