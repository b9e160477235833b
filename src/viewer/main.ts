/**
 * The page's entry point. Picks the shell: inside the desktop app the
 * preload exposes window.tegum (files come from the main process, exports go
 * through its save dialog); otherwise the page was served by `tegum view`
 * (data from its HTTP endpoints, exports as downloads), showing one run or,
 * for `tegum view A B`, two runs side by side (compare-app.ts).
 */
import { ViewerApp } from './app.js';
import { pendingTitle } from './ui/title.js';
import type { Shell, TestHook } from './app.js';
import { HttpSource } from './data/http-source.js';
import { PreloadSource } from './data/preload-source.js';
import { preloadApi } from './data/preload-api.js';
import type { TegumPreloadApi } from './data/preload-api.js';
import { analyseBytes } from './data/analyse-bytes.js';
import { fetchCompare } from './data/compare-source.js';
import { CompareApp } from './compare-app.js';
import type { CompareTestHook } from './compare-app.js';
import { DownloadSaver } from './ui/exports.js';
import { byId } from './ui/dom.js';

declare global {
  interface Window {
    /** Test hook read by test/viewer (screen positions of features, first-frame time). */
    __tegum?: TestHook;
    /** Compare mode's test hook (both views' cameras, highlights, positions). */
    __tegumCompare?: CompareTestHook;
  }
}

async function start(): Promise<void> {
  const api = preloadApi();
  if (api) await startDesktop(api);
  else await startBrowser();
}

async function startBrowser(): Promise<void> {
  // `tegum view A B` serves two runs; a single run answers null here.
  let compare;
  try {
    compare = await fetchCompare((s) => {
      if (!s.reportReady)
        showLine(
          `analysing both runs: stage ${s.step} of ${s.steps}${s.detail ? ` — ${s.detail}` : ''}${s.fraction > 0 ? ` (${Math.round(100 * s.fraction)} %)` : ''}`,
        );
    });
    showLine('');
  } catch (err) {
    showError(err);
    return;
  }
  if (compare !== null) {
    window.__tegumCompare = new CompareApp(compare).hook;
    return;
  }
  let version = 'unknown';
  const shell: Shell = {
    saver: new DownloadSaver(),
    openFile: async (file, onProgress) => analyseBytes(file.name, new Uint8Array(await file.arrayBuffer()), version, onProgress),
  };
  const app = new ViewerApp(shell);
  window.__tegum = app.hook;
  try {
    // W is drawn as soon as the server has read it; the analysis fills in when it is done.
    const data = await new HttpSource().progressive({
      status: (s) => app.progress(s),
      weights: (w) => app.showWeights(w, pendingTitle(w.n, w.m)),
    });
    version = data.report.tool.version;
    app.show(data);
  } catch (err) {
    app.fail(err);
  }
}

async function startDesktop(api: TegumPreloadApi): Promise<void> {
  const source = new PreloadSource(api, await api.appVersion());
  const shell: Shell = {
    saver: { save: (kind, name, contents) => api.exportFile(kind, name, contents) },
    openFile: async (file, onProgress) => source.analyse(await api.openDropped(file), onProgress),
  };
  const app = new ViewerApp(shell);
  window.__tegum = app.hook;
  api.onFile((file) => {
    source.analyse(file).then(
      (data) => app.show(data),
      (err: unknown) => app.fail(err),
    );
  });
  api.onMenu((command) => app.command(command));
  try {
    const data = await source.initial();
    if (data) app.show(data);
    else app.status('Open a weight file (File ▸ Open, or drop one here).');
  } catch (err) {
    app.fail(err);
  }
}

/** A failure before any app exists, on the status line. */
function showError(err: unknown): void {
  showLine(`tegum: ${err instanceof Error ? err.message : String(err)}`);
}

/** The status line before any app exists ('' hides it). */
function showLine(text: string): void {
  const line = byId('status');
  line.textContent = text;
  line.hidden = text === '';
}

void start();
