/**
 * IPC between the page (through the preload) and main: the channel
 * allow-list and the validation of every message main receives. Handlers
 * only ever see arguments that passed these checks.
 */
import { isAbsolute } from 'node:path';
import type { ExportKind } from '../src/viewer/data/preload-api.js';

/**
 * Channels the preload may invoke (renderer → main, with a reply).
 * tegum:grant-dropped is sent by the preload's own listener for trusted drop
 * and file-input events (page scripts can neither reach nor forge them);
 * tegum:open-dropped then reads only paths granted that way or earlier.
 */
export const INVOKE_CHANNELS = [
  'tegum:app-version',
  'tegum:initial-file',
  'tegum:open-dialog',
  'tegum:grant-dropped',
  'tegum:open-dropped',
  'tegum:export',
] as const;
export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];

/** Channels main sends on (main → renderer). */
export const SEND_CHANNELS = ['tegum:file', 'tegum:menu'] as const;

/** The origin the app's page is served from (see app-protocol.ts). */
export const APP_ORIGIN = 'tegum://app';

export const EXPORT_KINDS: readonly ExportKind[] = ['json', 'md', 'html', 'png', 'svg'];

/** Most files one drop may grant. */
export const MAX_DROPPED_FILES = 16;

/** Largest export accepted from the page (a PNG of a 4K view, an HTML report with a big Gram figure). */
export const MAX_EXPORT_BYTES = 256 * 1024 * 1024;

/** A validated message. */
export type InvokeMessage =
  | { channel: 'tegum:app-version' | 'tegum:initial-file' | 'tegum:open-dialog' }
  | { channel: 'tegum:grant-dropped'; paths: string[] }
  | { channel: 'tegum:open-dropped'; path: string }
  | { channel: 'tegum:export'; kind: ExportKind; suggestedName: string; contents: string | Uint8Array };

/** Why a message was refused. */
export class IpcRefused extends Error {}

/**
 * Check a message before any handler runs.
 *
 * @param channel The channel it came on.
 * @param senderUrl URL of the frame that sent it (event.senderFrame.url).
 * @param args Its arguments.
 * @returns The typed message.
 * @throws IpcRefused for unknown channels, foreign senders, or wrong arguments.
 */
export function validateInvoke(channel: string, senderUrl: string, args: readonly unknown[]): InvokeMessage {
  if (!(INVOKE_CHANNELS as readonly string[]).includes(channel)) throw new IpcRefused(`unknown channel ${channel}`);
  if (!isAppUrl(senderUrl)) throw new IpcRefused(`${channel} from a page outside the app: ${senderUrl}`);
  switch (channel as InvokeChannel) {
    case 'tegum:app-version':
    case 'tegum:initial-file':
    case 'tegum:open-dialog':
      if (args.length !== 0) throw new IpcRefused(`${channel} takes no arguments`);
      return { channel: channel as 'tegum:app-version' | 'tegum:initial-file' | 'tegum:open-dialog' };
    case 'tegum:grant-dropped': {
      const [paths] = args;
      if (args.length !== 1 || !Array.isArray(paths) || paths.length === 0 || paths.length > MAX_DROPPED_FILES || !paths.every(isAbsolutePath)) {
        throw new IpcRefused(`tegum:grant-dropped takes a list of 1 to ${MAX_DROPPED_FILES} absolute paths`);
      }
      return { channel: 'tegum:grant-dropped', paths };
    }
    case 'tegum:open-dropped': {
      const [path] = args;
      if (args.length !== 1 || !isAbsolutePath(path)) throw new IpcRefused('tegum:open-dropped takes one absolute path');
      return { channel: 'tegum:open-dropped', path };
    }
    case 'tegum:export': {
      const [kind, suggestedName, contents] = args;
      if (args.length !== 3) throw new IpcRefused('tegum:export takes kind, name, contents');
      if (typeof kind !== 'string' || !(EXPORT_KINDS as readonly string[]).includes(kind)) throw new IpcRefused(`unknown export kind ${String(kind)}`);
      if (typeof suggestedName !== 'string' || !/^[^/\\\0]{1,200}$/.test(suggestedName) || suggestedName.startsWith('.')) {
        throw new IpcRefused('the suggested name must be a plain file name');
      }
      const isText = typeof contents === 'string';
      if (!isText && !(contents instanceof Uint8Array)) throw new IpcRefused('export contents must be text or bytes');
      if ((kind === 'png') === isText) throw new IpcRefused(kind === 'png' ? 'a PNG export must be bytes' : `a ${kind} export must be text`);
      const size = isText ? Buffer.byteLength(contents) : contents.byteLength;
      if (size > MAX_EXPORT_BYTES) throw new IpcRefused(`export of ${size} bytes exceeds ${MAX_EXPORT_BYTES}`);
      return { channel: 'tegum:export', kind: kind as ExportKind, suggestedName, contents };
    }
  }
}

/** A plausible absolute path: a string of sane length without NUL. */
function isAbsolutePath(path: unknown): path is string {
  return typeof path === 'string' && path.length > 0 && path.length <= 4096 && !path.includes('\0') && isAbsolute(path);
}

/** Whether a URL belongs to the app's own pages. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}
