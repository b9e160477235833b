/**
 * The preload: exposes window.tegum (TegumPreloadApi) through contextBridge.
 * Sandboxed preloads run as CommonJS and may only require('electron'), so
 * this file is self-contained; the channel names are the ones ipc.ts allows
 * (a test compares them). ipcRenderer itself never reaches the page.
 */
import electron = require('electron');
import type { ExportKind, MenuCommand, OpenedFile, TegumPreloadApi } from '../src/viewer/data/preload-api.js';

const { contextBridge, ipcRenderer, webUtils } = electron;

const api: TegumPreloadApi = {
  appVersion: () => ipcRenderer.invoke('tegum:app-version') as Promise<string>,
  initialFile: () => ipcRenderer.invoke('tegum:initial-file') as Promise<OpenedFile | null>,
  openDialog: () => ipcRenderer.invoke('tegum:open-dialog') as Promise<OpenedFile | null>,
  openDropped: (file: File) => ipcRenderer.invoke('tegum:open-dropped', webUtils.getPathForFile(file)) as Promise<OpenedFile>,
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
