/**
 * The API the Electron preload exposes as `window.tegum` (contextBridge).
 * Small and typed: the page never sees ipcRenderer, paths it did not get
 * from the user, or Node. electron/preload.cts implements it.
 */

/** A file the user chose (dialog, drop, command line, recent list), read by the main process. */
export interface OpenedFile {
  /** Base name with extension (picks the reader). */
  name: string;
  bytes: Uint8Array;
}

/** What can be exported from the UI. */
/** `svg` is one plot of the side panel. */
export type ExportKind = 'json' | 'md' | 'html' | 'png' | 'svg';

/** Commands the native menu sends to the page. */
export type MenuCommand = 'export-json' | 'export-md' | 'export-html' | 'export-png' | 'reset-view';

export interface TegumPreloadApi {
  /** tegum's version (for report.tool of files analysed in the page). */
  appVersion(): Promise<string>;
  /** The file named on the command line (or by a second instance before the page loaded), else null. */
  initialFile(): Promise<OpenedFile | null>;
  /** Show the native open dialog; null when cancelled. */
  openDialog(): Promise<OpenedFile | null>;
  /** Read a file dropped onto the page (its path comes from webUtils.getPathForFile). */
  openDropped(file: File): Promise<OpenedFile>;
  /** Ask where to save and write `contents` there; false when cancelled. */
  exportFile(kind: ExportKind, suggestedName: string, contents: string | Uint8Array): Promise<boolean>;
  /** Files opened later from the menu, the recent list or a second instance. */
  onFile(listener: (file: OpenedFile) => void): void;
  /** Native menu commands. */
  onMenu(listener: (command: MenuCommand) => void): void;
}

/** The preload API when the page runs inside the desktop app, else null. */
export function preloadApi(): TegumPreloadApi | null {
  const api = (globalThis as { tegum?: TegumPreloadApi }).tegum;
  return api ?? null;
}
