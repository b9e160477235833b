/**
 * The desktop app's main process: one window showing the viewer page from
 * tegum://app/, a native menu, file dialogs, drag and drop, a recent-files
 * list and a single-instance lock. Everything decidable without Electron
 * (argv, grants, recent list, IPC validation, menu, exports, security rules)
 * lives in the sibling modules and is unit-tested; this file only wires them.
 *
 * Run with `npm run app` (builds, then `electron dist/electron/main.js [FILE]`).
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRoutes } from '../src/viewer-server/routes.js';
import { loadStaticFiles } from '../src/viewer-server/static-files.js';
import { packageRoot, packageVersion } from '../src/cli/paths.js';
import type { OpenedFile } from '../src/viewer/data/preload-api.js';
import { APP_SCHEME, APP_URL, appProtocolHandler } from './app-protocol.js';
import { filesFromArgv } from './argv.js';
import { FileGrants } from './file-grants.js';
import { FileOpener } from './file-opener.js';
import { ErrorNotices } from './error-notices.js';
import { openDialogFilters } from './formats.js';
import { INVOKE_CHANNELS, validateInvoke } from './ipc.js';
import type { InvokeMessage } from './ipc.js';
import { menuTemplate } from './menu.js';
import { addRecent, parseRecent, serializeRecent } from './recent-files.js';
import { denyPermissionCheck, denyPermissionRequest, navigationGuard, redirectGuard, webPreferences, windowOpenHandler } from './security.js';
import { writeExport } from './export-writer.js';

// Must precede app.ready: a standard, secure scheme gets an origin, fetch() and module scripts.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const grants = new FileGrants();
const opener = new FileOpener(
  grants,
  new ErrorNotices((message) =>
    window ? dialog.showMessageBox(window, { type: 'error', title: 'tegum', message }) : dialog.showMessageBox({ type: 'error', title: 'tegum', message }),
  ),
  (path) => remember(path),
);
const recentPath = (): string => join(app.getPath('userData'), 'recent-files.json');
let recent: string[] = [];
let window: BrowserWindow | null = null;
let pendingFile: string | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  pendingFile = filesFromArgv(process.argv, process.cwd(), app.isPackaged)[0] ?? null;
  app.on('second-instance', (_event, argv, cwd) => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
    const file = filesFromArgv(argv, cwd, app.isPackaged)[0];
    if (file) openPath(file);
  });
  // macOS: files dropped on the dock icon or opened from Finder.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (app.isReady()) openPath(path);
    else pendingFile = path;
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(windowOpenHandler(shell));
    contents.on('will-navigate', navigationGuard(shell));
    contents.on('will-redirect', redirectGuard());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(start);
}

function start(): void {
  // No permission (camera, notifications, …) is ever granted to the page, nor reported as granted.
  session.defaultSession.setPermissionRequestHandler(denyPermissionRequest);
  session.defaultSession.setPermissionCheckHandler(denyPermissionCheck);
  protocol.handle(APP_SCHEME, appProtocolHandler(loadStaticFiles(buildRoutes(packageRoot()))));
  recent = parseRecent(readOrNull(recentPath())).filter((p) => grants.grant(p) !== null);
  registerIpc();
  rebuildMenu();
  window = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'tegum',
    show: false,
    webPreferences: webPreferences(join(dirname(fileURLToPath(import.meta.url)), 'preload.cjs')),
  });
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => (window = null));
  void window.loadURL(APP_URL);
}

function registerIpc(): void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) => answer(validateInvoke(channel, event.senderFrame?.url ?? '', args)));
  }
}

async function answer(message: InvokeMessage): Promise<unknown> {
  switch (message.channel) {
    case 'tegum:app-version':
      return packageVersion();
    case 'tegum:initial-file': {
      const path = pendingFile;
      pendingFile = null;
      return path === null ? null : opener.openChosen(path);
    }
    case 'tegum:open-dialog':
      return chooseFile();
    case 'tegum:grant-dropped':
      return opener.grantDropped(message.paths);
    case 'tegum:open-dropped':
      return opener.openDropped(message.path);
    case 'tegum:export':
      return writeExport(
        {
          showSaveDialog: (options) => (window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options)),
          writeFile: (path, contents) => writeFile(path, contents),
        },
        message.kind,
        message.suggestedName,
        message.contents,
        app.getPath('documents'),
      );
  }
}

/** Open a file from the menu, the recent list or a second instance: send it to the page. */
function openPath(path: string): void {
  void opener.openChosen(path).then((file) => {
    if (file && window) window.webContents.send('tegum:file', file);
  });
}

async function chooseFile(): Promise<OpenedFile | null> {
  const options = { properties: ['openFile' as const], filters: openDialogFilters() };
  const { canceled, filePaths } = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return canceled || filePaths.length === 0 ? null : opener.openChosen(filePaths[0]);
}

function remember(path: string): void {
  recent = addRecent(recent, path);
  app.addRecentDocument(path);
  void mkdir(dirname(recentPath()), { recursive: true }).then(() => writeFile(recentPath(), serializeRecent(recent)));
  rebuildMenu();
}

function rebuildMenu(): void {
  const template = menuTemplate(
    {
      open: () => void chooseFile().then((file) => file && window?.webContents.send('tegum:file', file)),
      openRecent: (path) => openPath(path),
      clearRecent: () => {
        recent = [];
        app.clearRecentDocuments();
        void writeFile(recentPath(), serializeRecent(recent));
        rebuildMenu();
      },
      command: (command) => window?.webContents.send('tegum:menu', command),
    },
    recent,
    process.platform,
    !app.isPackaged,
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
