/**
 * Runtime checks of tegum's JSON contracts against the schemas generated from
 * their TypeScript types (schema/*.schema.json; scripts/schema/generate.mjs).
 * Browser-safe: the viewer calls {@link parseReport} on what it fetches.
 */
import { checkJson } from './json-schema-check.js';
import type { JsonSchema } from './json-schema-check.js';
import { COMPARE_REPORT_JSON_SCHEMA, REPORT_JSON_SCHEMA, TOYMODEL_RUN_JSON_SCHEMA } from './schemas.generated.js';
import type { CompareReport } from './compare-types.js';
import type { Report } from './types.js';
import type { ToyRunRecord } from '../toymodel/run-files.js';

/** A JSON value that is not the contract it claims to be; the message is one line. */
export class SchemaError extends Error {
  override name = 'SchemaError';
}

/**
 * The first way `value` is not a Report of this tegum's schema version, or null.
 *
 * @param value - Parsed JSON (e.g. `analyze --json` output or a fetched report.json).
 */
export function reportProblem(value: unknown): string | null {
  return versionProblem(value, REPORT_JSON_SCHEMA, 'report') ?? checkJson(REPORT_JSON_SCHEMA, value);
}

/**
 * `value` typed as a Report once it conforms.
 *
 * @param value - Parsed JSON.
 * @throws SchemaError naming the first nonconforming field.
 */
export function parseReport(value: unknown): Report {
  return conforming<Report>(value, reportProblem(value), 'report');
}

/**
 * The first way `value` is not a compare report, or null.
 *
 * @param value - Parsed JSON (`compare --json` output).
 */
export function compareReportProblem(value: unknown): string | null {
  return versionProblem(value, COMPARE_REPORT_JSON_SCHEMA, 'compare report') ?? checkJson(COMPARE_REPORT_JSON_SCHEMA, value);
}

/**
 * `value` typed as a CompareReport once it conforms.
 *
 * @param value - Parsed JSON.
 * @throws SchemaError naming the first nonconforming field.
 */
export function parseCompareReport(value: unknown): CompareReport {
  return conforming<CompareReport>(value, compareReportProblem(value), 'compare report');
}

/**
 * The first way `value` is not a run record of `tegum train` (`<run>.json`), or null.
 *
 * @param value - Parsed JSON.
 */
export function runRecordProblem(value: unknown): string | null {
  return versionProblem(value, TOYMODEL_RUN_JSON_SCHEMA, 'run record') ?? checkJson(TOYMODEL_RUN_JSON_SCHEMA, value);
}

/**
 * `value` typed as the trainer's ToyRunRecord once it conforms.
 *
 * @param value - Parsed JSON.
 * @throws SchemaError naming the first nonconforming field.
 */
export function parseRunRecord(value: unknown): ToyRunRecord {
  return conforming<ToyRunRecord>(value, runRecordProblem(value), 'run record');
}

/**
 * A wrong or missing `schema` field said first and plainly: a report from
 * another tegum version fails every field check, which would bury the reason.
 */
function versionProblem(value: unknown, schema: JsonSchema, what: string): string | null {
  const root = schema.$ref !== undefined ? schema.definitions?.[schema.$ref.replace('#/definitions/', '')] : schema;
  const expected = root?.properties?.schema?.const;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `not a ${what}: expected a JSON object`;
  const got = (value as Record<string, unknown>).schema;
  if (got === expected) return null;
  return got === undefined
    ? `not a ${what}: no "schema" field (expected "${String(expected)}")`
    : `${what} schema ${JSON.stringify(got)} is not the supported "${String(expected)}"`;
}

function conforming<T>(value: unknown, problem: string | null, what: string): T {
  if (problem !== null) throw new SchemaError(`invalid ${what}: ${problem}`);
  return value as T;
}
