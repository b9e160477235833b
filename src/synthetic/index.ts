/** Synthetic weight matrices with known structure, for tests, benchmarks and users. */
export { generateDictionary, shapeVertices, DEFAULT_STRUCTURES, DICTIONARY_CASES } from './dictionary.js';
export type { Dictionary, DictionaryOptions, FamilySpec, ShapeSpec, StructureSpec, TruthStructure } from './dictionary.js';
