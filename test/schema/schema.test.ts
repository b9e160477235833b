import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTRACTS, driftedFiles } from '../../scripts/schema/generate.mjs';
import { checkJson, SUPPORTED_KEYWORDS } from '../../src/report/json-schema-check.js';
import type { JsonSchema } from '../../src/report/json-schema-check.js';
import { compareReportProblem, parseReport, reportProblem, runRecordProblem, SchemaError } from '../../src/report/validate.js';
import { tegumInProcess } from '../cli/run-cli.js';
import { distRoot, moduleGraph } from '../../src/viewer-server/module-graph.js';

// The oracle for every verdict below is ajv, a complete JSON Schema validator,
// run on the committed schema files; tegum's own browser-safe checker must agree.
const root = join(import.meta.dirname, '..', '..');
const schemaFile = (file: string): JsonSchema => JSON.parse(readFileSync(join(root, file), 'utf8')) as JsonSchema;
const ajv = new Ajv({ allErrors: false, strict: true });
const validators = new Map<string, ValidateFunction>(CONTRACTS.map((c) => [c.type, ajv.compile(schemaFile(c.file))]));

/** ajv's verdict on `value` as a contract of type `type`. */
function ajvAccepts(type: string, value: unknown): boolean {
  return validators.get(type)!(value);
}

/** Every weight file under samples/ (the top-level samples and the trained runs). */
function sampleFiles(): string[] {
  const top = readdirSync(join(root, 'samples'))
    .filter((f) => /\.(npy|npz|safetensors)$/.test(f) || f === 'two-pentagons-n20.json')
    .map((f) => join('samples', f));
  const runs = readdirSync(join(root, 'samples', 'runs'))
    .filter((f) => f.endsWith('.npz'))
    .map((f) => join('samples', 'runs', f));
  return [...top, ...runs];
}

async function analyzeJson(file: string): Promise<unknown> {
  const r = await tegumInProcess(['analyze', join(root, file), '--json', '--gpu', 'off']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as unknown;
}

describe('JSON Schemas generated from the TypeScript types', () => {
  it('the committed schema/ files and src/report/schemas.generated.ts equal a fresh generation (npm run schema)', () => {
    expect(driftedFiles(root)).toEqual([]);
  });

  it('use only keywords the browser-safe checker understands', () => {
    const used = new Set<string>();
    const walk = (s: unknown): void => {
      if (Array.isArray(s)) s.forEach(walk);
      else if (typeof s === 'object' && s !== null) {
        for (const [k, v] of Object.entries(s)) {
          used.add(k);
          if (k === 'properties' || k === 'definitions') Object.values(v as object).forEach(walk);
          else if (k !== 'const' && k !== 'enum') walk(v);
        }
      }
    };
    for (const c of CONTRACTS) walk(schemaFile(c.file));
    expect([...used].filter((k) => !SUPPORTED_KEYWORDS.has(k))).toEqual([]);
  });
});

describe('analyze --json of every sample conforms to schema/report.schema.json', () => {
  const reports = new Map<string, unknown>();
  beforeAll(async () => {
    for (const file of sampleFiles()) reports.set(file, await analyzeJson(file));
  }, 600_000);

  it('covers every sample', () => {
    expect(reports.size).toBeGreaterThanOrEqual(19);
  });

  for (const file of sampleFiles()) {
    it(file, () => {
      const report = reports.get(file);
      const ok = ajvAccepts('Report', report);
      expect(ok ? null : ajv.errorsText(validators.get('Report')!.errors)).toBeNull();
      expect(reportProblem(report)).toBeNull();
      expect(parseReport(report)).toBe(report);
    });
  }

  it('rejects a report missing a required section, a renamed field, a wrong type and another schema version (ajv and the checker agree)', () => {
    const base = reports.get(sampleFiles()[0]) as Record<string, unknown>;
    const clone = (): Record<string, unknown> => structuredClone(base);
    const cases: [string, Record<string, unknown>, RegExp][] = [];
    for (const section of ['arrangement', 'topology', 'codes', 'bundles', 'params', 'spheres', 'planes']) {
      const r = clone();
      delete r[section];
      cases.push([`without ${section}`, r, new RegExp(`missing required "${section}"`)]);
    }
    const renamed = clone();
    const bundles = renamed.bundles as Record<string, unknown>[];
    bundles[0].shape = bundles[0].polytope;
    delete bundles[0].polytope;
    cases.push(['bundles[0].polytope renamed to shape', renamed, /^\$\.bundles\[0\]: missing required "polytope"$/]);
    const extra = clone();
    (extra.arrangement as Record<string, unknown>).regionCount = 3;
    cases.push(['a field the Report type lacks', extra, /^\$\.arrangement\.regionCount: not allowed here$/]);
    const wrongType = clone();
    (wrongType.features as Record<string, unknown>[])[0].norm = '1.0';
    cases.push(['features[0].norm as a string', wrongType, /^\$\.features\[0\]\.norm: expected number, got string$/]);
    const future = clone();
    future.schema = 'tegum.report/999';
    cases.push(['another schema version', future, /report schema "tegum\.report\/999" is not the supported/]);
    for (const [what, value, message] of cases) {
      expect(ajvAccepts('Report', value), what).toBe(false);
      expect(reportProblem(value), what).toMatch(message);
      expect(() => parseReport(value), what).toThrow(SchemaError);
    }
    expect(reportProblem([])).toMatch(/expected a JSON object/);
  });
});

describe('the other contracts', () => {
  it('every committed run record (samples/runs/*.json, written by tegum train) conforms to schema/toymodel-run.schema.json', () => {
    const records = readdirSync(join(root, 'samples', 'runs')).filter((f) => f.endsWith('.json'));
    expect(records.length).toBeGreaterThan(0);
    for (const f of records) {
      const record: unknown = JSON.parse(readFileSync(join(root, 'samples', 'runs', f), 'utf8'));
      expect(ajvAccepts('ToyRunRecord', record) ? null : ajv.errorsText(validators.get('ToyRunRecord')!.errors), f).toBeNull();
      expect(runRecordProblem(record), f).toBeNull();
      const wrong = { ...(record as object), schema: 'tegum.toymodel-run/0' };
      expect(ajvAccepts('ToyRunRecord', wrong)).toBe(false);
      expect(runRecordProblem(wrong)).toMatch(/run record schema "tegum\.toymodel-run\/0" is not the supported "tegum\.toymodel-run\/1"/);
    }
  });

  it('compare --json of the committed n=5 sweep conforms to schema/compare-report.schema.json', async () => {
    const runs = readdirSync(join(root, 'samples', 'runs'))
      .filter((f) => f.startsWith('n5_') && f.endsWith('.npz'))
      .map((f) => join(root, 'samples', 'runs', f));
    const r = await tegumInProcess(['compare', ...runs, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report: unknown = JSON.parse(r.stdout);
    expect(ajvAccepts('CompareReport', report) ? null : ajv.errorsText(validators.get('CompareReport')!.errors)).toBeNull();
    expect(compareReportProblem(report)).toBeNull();
    const broken = structuredClone(report) as { runs: { report: Record<string, unknown> }[] };
    delete broken.runs[1].report.topology;
    expect(ajvAccepts('CompareReport', broken)).toBe(false);
    expect(compareReportProblem(broken)).toBe('$.runs[1].report: missing required "topology"');
  });
});

describe('the checker the viewer can call', () => {
  it('is browser-safe: compiled, src/report/validate.js statically imports no package and no node: module', () => {
    // The viewer server serves exactly a page's static import closure (src/viewer-server/module-graph.ts).
    const graph = moduleGraph(distRoot(root), 'report/validate.js');
    expect(graph.bare).toEqual([]);
    expect(graph.files.sort()).toEqual(['report/json-schema-check.js', 'report/schemas.generated.js', 'report/validate.js']);
  });
});

describe('compare reads run records as the trainer typed them', () => {
  const run = (p: string): string => join(root, 'samples', 'runs', `n5_m2_p${p}_seed0`);

  /** Two committed runs copied to a folder, the second's record edited by `edit`. */
  async function compareWithRecord(edit: (record: Record<string, unknown>) => void): Promise<{ code: number; stderr: string; record: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-records-'));
    try {
      for (const p of ['1', '0.3']) for (const ext of ['.npz', '.json']) copyFileSync(run(p) + ext, join(dir, `p${p}${ext}`));
      const record = join(dir, 'p0.3.json');
      const value = JSON.parse(readFileSync(record, 'utf8')) as Record<string, unknown>;
      edit(value);
      writeFileSync(record, JSON.stringify(value));
      const r = await tegumInProcess(['compare', join(dir, 'p1.npz'), join(dir, 'p0.3.npz'), '--json']);
      return { code: r.code, stderr: r.stderr, record };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('refuses a record of another schema version in one line, exit 2', async () => {
    const r = await compareWithRecord((v) => (v.schema = 'tegum.toymodel-run/9'));
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`tegum: ${r.record}: run record schema "tegum.toymodel-run/9" is not the supported "tegum.toymodel-run/1"`);
  });

  it('refuses a record whose fields break the schema, naming the field', async () => {
    const r = await compareWithRecord((v) => (v.p = 'often'));
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`tegum: ${r.record}: $.p: expected number, got string`);
  });

  it('reads an intact record', async () => {
    const r = await compareWithRecord(() => undefined);
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('checkJson agrees with ajv on the keywords it implements', () => {
  const schema: JsonSchema = {
    $ref: '#/definitions/T',
    definitions: {
      T: {
        type: 'object',
        properties: {
          kind: { type: 'string', const: 'a' },
          pair: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 },
          level: { type: 'string', enum: ['low', 'high'] },
          either: { anyOf: [{ type: 'number' }, { type: 'array', items: { type: 'string' } }] },
          maybe: { type: ['number', 'null'] },
          map: { type: 'object', additionalProperties: { type: 'boolean' } },
        },
        required: ['kind'],
        additionalProperties: false,
      },
    },
  };
  const validate = new Ajv({ strict: true }).compile(schema);
  const values: unknown[] = [
    { kind: 'a' },
    { kind: 'b' },
    {},
    { kind: 'a', pair: [1, 2] },
    { kind: 'a', pair: [1] },
    { kind: 'a', pair: [1, 2, 3] },
    { kind: 'a', pair: [1, 'x'] },
    { kind: 'a', level: 'high' },
    { kind: 'a', level: 'mid' },
    { kind: 'a', either: 3 },
    { kind: 'a', either: ['x'] },
    { kind: 'a', either: [3] },
    { kind: 'a', either: 'x' },
    { kind: 'a', maybe: null },
    { kind: 'a', maybe: 1.5 },
    { kind: 'a', maybe: 'x' },
    { kind: 'a', map: { x: true, y: false } },
    { kind: 'a', map: { x: 1 } },
    { kind: 'a', other: 1 },
    [],
    null,
    'a',
  ];
  for (const v of values) {
    it(JSON.stringify(v), () => {
      expect(checkJson(schema, v) === null).toBe(validate(v));
    });
  }

  it('refuses a keyword it does not implement instead of ignoring it', () => {
    expect(checkJson({ type: 'string', pattern: '^a' } as JsonSchema, 'b')).toMatch(/schema keyword "pattern" is not supported/);
  });
});
