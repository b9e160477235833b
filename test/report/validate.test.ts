/**
 * The dependency-free schema check (json-schema-check.ts, validate.ts) on real
 * documents and on each way they can be wrong: one line naming the JSON path,
 * the version said first, every keyword the generated schemas use.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkJson, SUPPORTED_KEYWORDS } from '../../src/report/json-schema-check.js';
import type { JsonSchema } from '../../src/report/json-schema-check.js';
import {
  compareReportProblem,
  parseCompareReport,
  parseReport,
  parseRunRecord,
  reportProblem,
  runRecordProblem,
  SchemaError,
} from '../../src/report/validate.js';
import { REPORT_SCHEMA } from '../../src/report/types.js';
import { COMPARE_SCHEMA } from '../../src/report/compare-types.js';
import { realReports } from './real-reports.js';

const root = join(import.meta.dirname, '..', '..');
const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, unknown>;
const report = (): Record<string, unknown> => JSON.parse(JSON.stringify(realReports()[0].report)) as Record<string, unknown>;
const compare = (): Record<string, unknown> => readJson('test/report/fixtures/compare/n5_m2-sweep.json');
const record = (): Record<string, unknown> => readJson('samples/runs/n5_m2_p0.1_seed0.json');

describe('the contracts on real documents', () => {
  it('a stored Report, a compare report and a run record conform', () => {
    expect(reportProblem(report())).toBeNull();
    expect(compareReportProblem(compare())).toBeNull();
    expect(runRecordProblem(record())).toBeNull();
    const r = report();
    expect(parseReport(r)).toBe(r);
    const c = compare();
    expect(parseCompareReport(c)).toBe(c);
    const t = record();
    expect(parseRunRecord(t)).toBe(t);
    expect(REPORT_SCHEMA).toBe('tegum.report/2');
    expect(COMPARE_SCHEMA).toBe('tegum.compare/1');
  });

  it('what is not an object, or has no or another schema version, is said first and plainly', () => {
    expect(reportProblem(null)).toBe('not a report: expected a JSON object');
    expect(reportProblem([report()])).toBe('not a report: expected a JSON object');
    expect(reportProblem('tegum.report/2')).toBe('not a report: expected a JSON object');
    const { schema: _, ...noSchema } = report();
    expect(reportProblem(noSchema)).toBe('not a report: no "schema" field (expected "tegum.report/2")');
    expect(reportProblem({ ...report(), schema: 'tegum.report/1' })).toBe('report schema "tegum.report/1" is not the supported "tegum.report/2"');
    expect(reportProblem({ ...report(), schema: 1 })).toBe('report schema 1 is not the supported "tegum.report/2"');
    expect(compareReportProblem(report())).toBe('compare report schema "tegum.report/2" is not the supported "tegum.compare/1"');
    expect(runRecordProblem({})).toBe('not a run record: no "schema" field (expected "tegum.toymodel-run/1")');
    expect(compareReportProblem(7)).toBe('not a compare report: expected a JSON object');
  });

  it('parse* throw a one-line SchemaError naming the document and the first problem', () => {
    const fail = (f: () => unknown): SchemaError => {
      try {
        f();
      } catch (e) {
        return e as SchemaError;
      }
      throw new Error('no error');
    };
    const e = fail(() => parseReport({ ...report(), bundles: 3 }));
    expect(e).toBeInstanceOf(SchemaError);
    expect(e.name).toBe('SchemaError');
    expect(e.message).toBe('invalid report: $.bundles: expected array, got number');
    expect(fail(() => parseCompareReport(null)).message).toBe('invalid compare report: not a compare report: expected a JSON object');
    expect(fail(() => parseRunRecord([])).message).toBe('invalid run record: not a run record: expected a JSON object');
  });

  it('each field of a Report is checked where it is: missing, mistyped, extra, out of its enumeration', () => {
    const r = report();
    const bundles = r.bundles as Record<string, unknown>[];
    const features = r.features as Record<string, unknown>[];
    const at = (patch: (x: Record<string, unknown>) => void): string | null => {
      const x = report();
      patch(x);
      return reportProblem(x);
    };
    expect(at((x) => delete x.bundles)).toBe('$: missing required "bundles"');
    expect(at((x) => ((x.bundles as Record<string, unknown>[])[0].polytope = 3))).toBe('$.bundles[0].polytope: expected string, got number');
    expect(at((x) => (x.extra = 1))).toBe('$.extra: not allowed here');
    expect(at((x) => ((x.features as Record<string, unknown>[])[1].role = 'big'))).toBe(
      '$.features[1].role: expected one of "strong", "weak", "unlearned", got "big"',
    );
    expect(at((x) => ((x.features as Record<string, unknown>[])[0].bundle = 'one'))).toMatch(
      /^\$\.features\[0\]\.bundle: expected number( or null)?, got string$/,
    );
    expect(at((x) => ((x.input as Record<string, unknown>).n = null))).toBe('$.input.n: expected number, got null');
    expect(at((x) => ((x.input as Record<string, unknown>).n = [1]))).toBe('$.input.n: expected number, got array');
    expect(at((x) => ((x.input as Record<string, unknown>).n = { v: 1 }))).toBe('$.input.n: expected number, got object');
    expect(at((x) => ((x.tool as Record<string, unknown>).name = 'other'))).toBe('$.tool.name: expected "tegum", got "other"');
    expect(at((x) => ((x.arrangement as Record<string, unknown>).hasBias = 'yes'))).toBe('$.arrangement.hasBias: expected boolean, got string');
    expect(at((x) => ((x.params as Record<string, unknown>).eps = { k: { value: 1, source: 'auto' } }))).toBe('$.params.eps.k: missing required "rationale"');
    expect(at((x) => ((x.params as Record<string, unknown>).eps = { k: 3 }))).toBe('$.params.eps.k: expected object, got number');
    expect(bundles.length).toBeGreaterThan(0);
    expect(features.length).toBeGreaterThan(0);
  });
});

describe('checkJson on the keywords one at a time', () => {
  const check = (schema: JsonSchema, value: unknown): string | null => checkJson(schema, value);

  it('type: each JSON type, and a list of them', () => {
    expect(check({ type: 'integer' }, 2)).toBeNull();
    expect(check({ type: 'integer' }, 2.5)).toBe('$: expected integer, got number');
    expect(check({ type: 'number' }, 2.5)).toBeNull();
    expect(check({ type: 'number' }, Infinity)).toBe('$: expected number, got number');
    expect(check({ type: 'number' }, NaN)).toBe('$: expected number, got number');
    expect(check({ type: 'string' }, 's')).toBeNull();
    expect(check({ type: 'boolean' }, false)).toBeNull();
    expect(check({ type: 'boolean' }, 0)).toBe('$: expected boolean, got number');
    expect(check({ type: 'null' }, null)).toBeNull();
    expect(check({ type: 'null' }, undefined)).toBe('$: expected null, got undefined');
    expect(check({ type: 'object' }, {})).toBeNull();
    expect(check({ type: 'object' }, [])).toBe('$: expected object, got array');
    expect(check({ type: 'object' }, null)).toBe('$: expected object, got null');
    expect(check({ type: 'array' }, [])).toBeNull();
    expect(check({ type: 'array' }, {})).toBe('$: expected array, got object');
    expect(check({ type: ['string', 'null'] }, null)).toBeNull();
    expect(check({ type: ['string', 'null'] }, 1)).toBe('$: expected string or null, got number');
  });

  it('const and enum compare JSON structurally; long values are cut in the message', () => {
    expect(check({ const: [1, { a: 2 }] }, [1, { a: 2 }])).toBeNull();
    expect(check({ const: [1, 2] }, [1, 2, 3])).toBe('$: expected [1,2], got [1,2,3]');
    expect(check({ const: [1, 2] }, [1, 3])).toBe('$: expected [1,2], got [1,3]');
    expect(check({ const: { a: 1 } }, { a: 1, b: 2 })).toBe('$: expected {"a":1}, got {"a":1,"b":2}');
    expect(check({ const: { a: 1, b: 2 } }, { a: 1, c: 2 })).toBe('$: expected {"a":1,"b":2}, got {"a":1,"c":2}');
    expect(check({ const: { a: 1 } }, { a: 2 })).toBe('$: expected {"a":1}, got {"a":2}');
    expect(check({ const: { a: 1 } }, [1])).toBe('$: expected {"a":1}, got [1]');
    expect(check({ const: null }, null)).toBeNull();
    expect(check({ const: 'x' }, 'y'.repeat(41))).toBe(`$: expected "x", got ${'"' + 'y'.repeat(39)}…`);
    expect(check({ const: 'x' }, 'y'.repeat(38))).toBe(`$: expected "x", got "${'y'.repeat(38)}"`);
    expect(check({ const: 'x' }, undefined)).toBe('$: expected "x", got undefined');
    expect(check({ enum: ['a', 1, null] }, 1)).toBeNull();
    expect(check({ enum: ['a', 1, null] }, null)).toBeNull();
    expect(check({ enum: ['a', 1] }, 'b')).toBe('$: expected one of "a", 1, got "b"');
  });

  it('anyOf: the first alternative’s complaint when none fits', () => {
    const s: JsonSchema = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'number' } }] };
    expect(check(s, 'a')).toBeNull();
    expect(check(s, [1, 2])).toBeNull();
    expect(check(s, [1, 'x'])).toBe('$: expected string, got array');
    expect(check({ anyOf: [] }, 1)).toBe('$: matches no alternative');
  });

  it('objects: required, properties, additionalProperties false or a schema', () => {
    const s: JsonSchema = { type: 'object', required: ['a'], properties: { a: { type: 'number' } }, additionalProperties: false };
    expect(check(s, { a: 1 })).toBeNull();
    expect(check(s, {})).toBe('$: missing required "a"');
    expect(check(s, { a: 'x' })).toBe('$.a: expected number, got string');
    expect(check(s, { a: 1, b: 2 })).toBe('$.b: not allowed here');
    const open: JsonSchema = { type: 'object', properties: { a: { type: 'number' } } };
    expect(check(open, { a: 1, b: 'anything' })).toBeNull();
    const map: JsonSchema = { type: 'object', additionalProperties: { type: 'string' } };
    expect(check(map, { x: 's', y: 't' })).toBeNull();
    expect(check(map, { x: 's', y: 3 })).toBe('$.y: expected string, got number');
  });

  it('arrays: items for all or per position, minItems, maxItems', () => {
    expect(check({ type: 'array', items: { type: 'number' } }, [1, 2])).toBeNull();
    expect(check({ type: 'array', items: { type: 'number' } }, [1, 'b'])).toBe('$[1]: expected number, got string');
    const tuple: JsonSchema = { type: 'array', items: [{ type: 'string' }, { type: 'number' }] };
    expect(check(tuple, ['a', 1])).toBeNull();
    expect(check(tuple, [1, 1])).toBe('$[0]: expected string, got number');
    expect(check(tuple, ['a', 'b'])).toBe('$[1]: expected number, got string');
    // Positions past the tuple are unconstrained (draft-07).
    expect(check(tuple, ['a', 1, null])).toBeNull();
    expect(check({ type: 'array', minItems: 2 }, [1])).toBe('$: expected at least 2 items, got 1');
    expect(check({ type: 'array', minItems: 2 }, [1, 2])).toBeNull();
    expect(check({ type: 'array', maxItems: 2 }, [1, 2, 3])).toBe('$: expected at most 2 items, got 3');
    expect(check({ type: 'array', maxItems: 2 }, [1, 2])).toBeNull();
    expect(check({ type: 'array' }, [1, 'x', null])).toBeNull();
    expect(check({ type: 'object', properties: { a: { type: 'array', items: { type: 'object', required: ['k'] } } } }, { a: [{ k: 1 }, {}] })).toBe(
      '$.a[1]: missing required "k"',
    );
  });

  it('$ref into definitions, URI-decoded; an unresolved one, an unknown keyword', () => {
    const s: JsonSchema = {
      $ref: '#/definitions/A',
      definitions: { A: { type: 'object', properties: { b: { $ref: '#/definitions/B%3Cx%3E' } } }, 'B<x>': { type: 'string' } },
    };
    expect(check(s, { b: 's' })).toBeNull();
    expect(check(s, { b: 1 })).toBe('$.b: expected string, got number');
    expect(check(s, 3)).toBe('$: expected object, got number');
    expect(check({ $ref: '#/definitions/Missing', definitions: {} }, 1)).toBe('$: unresolved $ref #/definitions/Missing');
    expect(check({ $ref: 'other.json#/definitions/A', definitions: { A: {} } }, 1)).toBe('$: unresolved $ref other.json#/definitions/A');
    expect(check({ $ref: '#/definitions/A' }, 1)).toBe('$: unresolved $ref #/definitions/A');
    expect(check({ type: 'string', pattern: '^a' } as JsonSchema, 'a')).toBe('$: schema keyword "pattern" is not supported by the checker');
    expect(check({ properties: { a: { format: 'uri' } as JsonSchema } }, { a: 'x' })).toBe('$.a: schema keyword "format" is not supported by the checker');
    expect(check({ $schema: 'http://json-schema.org/draft-07/schema#', $comment: 'c', description: 'd', type: 'number' }, 1)).toBeNull();
    expect([...SUPPORTED_KEYWORDS].sort()).toEqual(
      [
        '$comment',
        '$ref',
        '$schema',
        'additionalProperties',
        'anyOf',
        'const',
        'definitions',
        'description',
        'enum',
        'items',
        'maxItems',
        'minItems',
        'properties',
        'required',
        'type',
      ].sort(),
    );
  });
});
