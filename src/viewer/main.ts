/**
 * The page's entry point. Picks the shell: inside the desktop app the
 * preload exposes window.tegum (files come from the main process, exports go
 * through its save dialog); otherwise the page was served by `tegum view`
 * (data from its HTTP endpoints, exports as downloads).
 */
import { ViewerApp } from './app.js';
import type { Shell, TestHook } from './app.js';
import { HttpSource } from './data/http-source.js';
import { PreloadSource } from './data/preload-source.js';
import { preloadApi } from './data/preload-api.js';
import type { TegumPreloadApi } from './data/preload-api.js';
import { analyseBytes } from './data/analyse-bytes.js';
import { DownloadSaver } from './ui/exports.js';

declare global {
  interface Window {
    /** Test hook read by test/viewer (screen positions of features, first-frame time). */
    __tegum?: TestHook;
  }
}

async function start(): Promise<void> {
  const api = preloadApi();
  if (api) await startDesktop(api);
  else await startBrowser();
}

async function startBrowser(): Promise<void> {
  let version = 'unknown';
  const shell: Shell = {
    saver: new DownloadSaver(),
    openFile: async (file) => analyseBytes(file.name, new Uint8Array(await file.arrayBuffer()), version),
  };
  const app = new ViewerApp(shell);
  window.__tegum = app.hook;
  try {
    const data = await new HttpSource().initial();
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
    openFile: async (file) => source.analyse(await api.openDropped(file)),
  };
  const app = new ViewerApp(shell);
  window.__tegum = app.hook;
  api.onFile((file) => {
    source.analyse(file).then((data) => app.show(data), (err: unknown) => app.fail(err));
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

void start();
