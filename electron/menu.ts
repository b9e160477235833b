/**
 * The native menu as data (Electron's template), built from the actions main
 * provides and the recent list, so its structure and shortcuts are tested
 * without Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';
import type { MenuCommand } from '../src/viewer/data/preload-api.js';

/** What the menu items do. */
export interface MenuActions {
  open(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  /** Forward a command to the page (exports, reset view). */
  command(command: MenuCommand): void;
}

/**
 * @param actions Callbacks.
 * @param recent Recent files, most recent first.
 * @param platform process.platform (macOS gets the application menu).
 * @param devTools Whether to offer the developer tools (not in packaged builds).
 */
export function menuTemplate(actions: MenuActions, recent: readonly string[], platform: NodeJS.Platform, devTools: boolean): MenuItemConstructorOptions[] {
  const recentItems: MenuItemConstructorOptions[] = recent.length
    ? [
        ...recent.map((path): MenuItemConstructorOptions => ({ label: `${basename(path)} — ${path}`, click: () => actions.openRecent(path) })),
        { type: 'separator' },
        { label: 'Clear Recent', click: () => actions.clearRecent() },
      ]
    : [{ label: 'No Recent Files', enabled: false }];
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.open() },
      { label: 'Open Recent', submenu: recentItems },
      { type: 'separator' },
      {
        label: 'Export',
        submenu: [
          { label: 'Report as JSON…', accelerator: 'CmdOrCtrl+Shift+J', click: () => actions.command('export-json') },
          { label: 'Report as Markdown…', accelerator: 'CmdOrCtrl+Shift+M', click: () => actions.command('export-md') },
          { label: 'Report as HTML…', accelerator: 'CmdOrCtrl+Shift+H', click: () => actions.command('export-html') },
          { label: '3D View as PNG…', accelerator: 'CmdOrCtrl+Shift+P', click: () => actions.command('export-png') },
        ],
      },
      { type: 'separator' },
      platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { label: 'Reset 3D View', accelerator: 'Home', click: () => actions.command('reset-view') },
      { type: 'separator' },
      { role: 'reload' },
      { role: 'forceReload' },
      ...(devTools ? [{ role: 'toggleDevTools' } as MenuItemConstructorOptions] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  return [...(platform === 'darwin' ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []), file, { role: 'editMenu' }, view, { role: 'windowMenu' }];
}
