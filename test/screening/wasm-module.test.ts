import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { GRAM_WASM_BASE64 } from '../../src/screening/wasm/gram-module.js';

describe('WASM SIMD kernel binary', () => {
  it('gram.wat and the embedded binary are what the generator assembles now (wabt)', () => {
    const out = execFileSync(process.execPath, ['src/screening/wasm/generate.mjs', '--check'], { encoding: 'utf8' });
    expect(out).toMatch(/up to date/);
  });

  it('the binary validates and exports gram, filter and memory', () => {
    const bytes = Uint8Array.from(atob(GRAM_WASM_BASE64), (ch) => ch.charCodeAt(0));
    expect(WebAssembly.validate(bytes)).toBe(true);
    const names = WebAssembly.Module.exports(new WebAssembly.Module(bytes))
      .map((e) => e.name)
      .sort();
    expect(names).toEqual(['filter', 'gram', 'memory']);
  });
});
