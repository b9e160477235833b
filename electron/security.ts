/**
 * The window's security settings and navigation rules (Electron security
 * checklist): isolated, sandboxed renderer without Node; no new windows;
 * no navigation away from the app; external http(s) links go to the system
 * browser, nothing else is opened; redirects away from the app are
 * cancelled; no permission (camera, notifications, …) is ever granted.
 */
import type { WebPreferences } from 'electron';
import { isAppUrl } from './ipc.js';

/**
 * @param preload Absolute path of the compiled preload (CommonJS: sandboxed preloads cannot be ES modules).
 */
export function webPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** Whether a link may be handed to the system browser. */
export function isExternalLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** shell.openExternal, injected. */
export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

/**
 * The setWindowOpenHandler callback: every new window is denied; http(s)
 * links open in the system browser instead.
 */
export function windowOpenHandler(shell: ExternalOpener): (details: { url: string }) => { action: 'deny' } {
  return ({ url }) => {
    if (isExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  };
}

/**
 * The will-navigate listener: the window only ever shows the app's page;
 * http(s) targets open in the system browser.
 */
export function navigationGuard(shell: ExternalOpener): (event: { preventDefault(): void }, url: string) => void {
  return (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    if (isExternalLink(url)) void shell.openExternal(url);
  };
}

/**
 * The will-redirect listener: a server redirect never takes the window off
 * the app (and, unlike a link the user clicked, opens nothing elsewhere).
 */
export function redirectGuard(): (event: { preventDefault(): void }, url: string) => void {
  return (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
}

/** session.setPermissionCheckHandler: every permission check fails. */
export function denyPermissionCheck(): boolean {
  return false;
}

/** session.setPermissionRequestHandler: every request is refused. */
export function denyPermissionRequest(_contents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}
