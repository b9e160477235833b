/**
 * The preload's drop handling, run as Electron runs it (CommonJS, only
 * require('electron')), with the Electron module and the window injected:
 * only files of a trusted drop or file-input change are granted in main, and
 * openDropped never sends main a path the user did not drop or pick.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { TegumPreloadApi } from '../../src/viewer/data/preload-api.js';

const source = readFileSync(join(import.meta.dirname, '..', '..', 'electron', 'preload.cts'), 'utf8');
const compiled = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;

/** A disk file as the page would hold it; `path` is what webUtils.getPathForFile resolves ('' for a File made in script). */
interface FakeFile {
  name: string;
  path: string;
}

function loadPreload() {
  const invoked: [string, unknown[]][] = [];
  const listeners = new Map<string, ((event: unknown) => void)[]>();
  let api: TegumPreloadApi | undefined;
  class HTMLInputElement {
    constructor(readonly files: FakeFile[]) {}
  }
  const electron = {
    contextBridge: { exposeInMainWorld: (_name: string, value: TegumPreloadApi) => (api = value) },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        invoked.push([channel, args]);
        return channel === 'tegum:open-dropped' ? { name: 'W.npz', bytes: new Uint8Array(1) } : 1;
      },
      on: () => undefined,
    },
    webUtils: { getPathForFile: (file: FakeFile) => file.path },
  };
  const window = { addEventListener: (type: string, listener: (event: unknown) => void) => listeners.set(type, [...(listeners.get(type) ?? []), listener]) };
  const module = { exports: {} };
  runInNewContext(compiled, {
    require: (name: string) => {
      if (name !== 'electron') throw new Error(`the preload may only require electron, not ${name}`);
      return electron;
    },
    module,
    exports: module.exports,
    window,
    HTMLInputElement,
  });
  const fire = (type: string, event: unknown) => {
    for (const listener of listeners.get(type) ?? []) listener(event);
  };
  return { api: api as TegumPreloadApi, invoked, fire, HTMLInputElement };
}

describe('preload', () => {
  const w = { name: 'W.npz', path: '/data/W.npz' };
  const b = { name: 'b.npy', path: '/data/b.npy' };

  it('a file the user never dropped is refused in the preload; main is not asked', async () => {
    const { api, invoked } = loadPreload();
    await expect(api.openDropped(w as unknown as File)).rejects.toThrow(/was not dropped or picked by the user/);
    expect(invoked).toEqual([]);
  });

  it('a scripted (untrusted) drop grants nothing', async () => {
    const { api, invoked, fire } = loadPreload();
    fire('drop', { isTrusted: false, dataTransfer: { files: [w] } });
    await expect(api.openDropped(w as unknown as File)).rejects.toThrow(/not dropped or picked/);
    expect(invoked).toEqual([]);
  });

  it('a real drop grants its files in main first, then each may be read', async () => {
    const { api, invoked, fire } = loadPreload();
    fire('drop', { isTrusted: true, dataTransfer: { files: [w, b, { name: 'made-in-script.npy', path: '' }] } });
    expect(invoked).toEqual([['tegum:grant-dropped', [['/data/W.npz', '/data/b.npy']]]]);
    expect((await api.openDropped(w as unknown as File)).name).toBe('W.npz');
    expect(invoked.at(-1)).toEqual(['tegum:open-dropped', ['/data/W.npz']]);
    // A File made by script carries no path, whatever its name.
    await expect(api.openDropped({ name: 'W.npz', path: '' } as unknown as File)).rejects.toThrow(/not dropped or picked/);
  });

  it('a real pick in a file input grants like a drop', async () => {
    const { api, invoked, fire, HTMLInputElement } = loadPreload();
    fire('change', { isTrusted: true, target: new HTMLInputElement([b]) });
    expect(invoked).toEqual([['tegum:grant-dropped', [['/data/b.npy']]]]);
    await api.openDropped(b as unknown as File);
    expect(invoked.at(-1)).toEqual(['tegum:open-dropped', ['/data/b.npy']]);
  });
});
