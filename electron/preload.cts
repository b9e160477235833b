/**
 * The preload: exposes window.tegum (TegumPreloadApi) through contextBridge.
 * Sandboxed preloads run as CommonJS and may only require('electron'), so
 * this file is self-contained; the channel names are the ones ipc.ts allows
 * (a test compares them). ipcRenderer itself never reaches the page.
 *
 * Dropped files: this world's own capture listeners see every trusted drop
 * and file-input pick first (page scripts can neither reach these listeners
 * nor forge isTrusted events), resolve the files' paths with
 * webUtils.getPathForFile and grant them in main. openDropped then asks main
 * to read only a path granted that way, so the page can never name a path.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a sandboxed preload is CommonJS and may only require('electron')
import electron = require('electron');
import type { ExportKind, MenuCommand, OpenedFile, TegumPreloadApi } from '../src/viewer/data/preload-api.js';

const { contextBridge, ipcRenderer, webUtils } = electron;

/** Most files one drop grants (as ipc.ts's MAX_DROPPED_FILES; a test compares them). */
const MAX_DROPPED_FILES = 16;

/** Paths of files the user really dropped or picked, and the grant in main still in flight. */
const userPaths = new Set<string>();
let granting: Promise<unknown> = Promise.resolve();

function grantUserFiles(event: Event, files: FileList | null | undefined): void {
  if (!event.isTrusted || !files) return;
  const paths = Array.from(files)
    .slice(0, MAX_DROPPED_FILES)
    .map((file) => webUtils.getPathForFile(file))
    .filter((path) => path !== '');
  if (paths.length === 0) return;
  for (const path of paths) userPaths.add(path);
  granting = ipcRenderer.invoke('tegum:grant-dropped', paths).catch(() => undefined);
}

window.addEventListener('drop', (event) => grantUserFiles(event, event.dataTransfer?.files), true);
window.addEventListener('change', (event) => grantUserFiles(event, event.target instanceof HTMLInputElement ? event.target.files : null), true);

async function openDropped(file: File): Promise<OpenedFile> {
  const path = webUtils.getPathForFile(file);
  if (!userPaths.has(path)) throw new Error(`${file.name} was not dropped or picked by the user`);
  await granting;
  return (await ipcRenderer.invoke('tegum:open-dropped', path)) as OpenedFile;
}

const api: TegumPreloadApi = {
  appVersion: () => ipcRenderer.invoke('tegum:app-version') as Promise<string>,
  initialFile: () => ipcRenderer.invoke('tegum:initial-file') as Promise<OpenedFile | null>,
  openDialog: () => ipcRenderer.invoke('tegum:open-dialog') as Promise<OpenedFile | null>,
  openDropped,
  exportFile: (kind: ExportKind, suggestedName: string, contents: string | Uint8Array) =>
    ipcRenderer.invoke('tegum:export', kind, suggestedName, contents) as Promise<boolean>,
  // Listeners get the payload only, never the IPC event (which carries the sender).
  onFile: (listener: (file: OpenedFile) => void) => {
    ipcRenderer.on('tegum:file', (_event, file: OpenedFile) => listener(file));
  },
  onMenu: (listener: (command: MenuCommand) => void) => {
    ipcRenderer.on('tegum:menu', (_event, command: MenuCommand) => listener(command));
  },
};

contextBridge.exposeInMainWorld('tegum', api);
