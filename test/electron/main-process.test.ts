/**
 * The desktop app's main-process logic, with the platform (dialogs, shell,
 * file system) injected as small recording objects. main.ts only wires these.
 */
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions, SaveDialogOptions } from 'electron';
import { filesFromArgv } from '../../electron/argv.js';
import { isOpenable, openDialogFilters } from '../../electron/formats.js';
import { FileGrants, GrantRefused, MAX_GRANTS } from '../../electron/file-grants.js';
import { FileOpener } from '../../electron/file-opener.js';
import { ErrorNotices, NOTICE_INTERVAL_MS } from '../../electron/error-notices.js';
import { addRecent, parseRecent, serializeRecent, MAX_RECENT } from '../../electron/recent-files.js';
import { INVOKE_CHANNELS, SEND_CHANNELS, IpcRefused, MAX_DROPPED_FILES, validateInvoke } from '../../electron/ipc.js';
import { menuTemplate } from '../../electron/menu.js';
import type { MenuActions } from '../../electron/menu.js';
import { writeExport } from '../../electron/export-writer.js';
import { denyPermissionCheck, denyPermissionRequest, navigationGuard, redirectGuard, webPreferences, windowOpenHandler } from '../../electron/security.js';
import { appProtocolHandler, APP_URL } from '../../electron/app-protocol.js';
import type { Route } from '../../src/viewer-server/routes.js';
import { loadStaticFiles } from '../../src/viewer-server/static-files.js';
import { SECURITY_HEADERS } from '../../src/viewer-server/handler.js';

const root = join(import.meta.dirname, '..', '..');
const APP = 'tegum://app/index.html';

describe('argv', () => {
  it('takes openable files after the app arguments, resolved against cwd', () => {
    expect(filesFromArgv(['/usr/bin/electron', 'dist/electron/main.js', 'a.npz', '--flag', 'notes.txt', '/abs/W.safetensors'], '/work', false)).toEqual([
      resolve('/work', 'a.npz'),
      '/abs/W.safetensors',
    ]);
    // Packaged: argv[0] is the app itself, arguments start at 1.
    expect(filesFromArgv(['/opt/tegum/tegum', 'x.npy'], '/home/u', true)).toEqual(['/home/u/x.npy']);
    expect(filesFromArgv(['/opt/tegum/tegum', '--inspect=9229'], '/home/u', true)).toEqual([]);
  });

  it('knows the formats the page reads from bytes', () => {
    for (const f of ['W.npy', 'W.NPZ', 'w.json', 'm.safetensors']) expect(isOpenable(f)).toBe(true);
    for (const f of ['m.safetensors.index.json', 'a.txt', 'npy', 'W.npy.exe']) expect(isOpenable(f)).toBe(false);
    // Everything the byte readers take except a sharded index (its shards are other files).
    expect(openDialogFilters()[0].extensions.sort()).toEqual(['bin', 'ckpt', 'json', 'npy', 'npz', 'pt', 'pth', 'safetensors']);
  });
});

describe('file grants', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tegum-grants-'));
  const weights = join(dir, 'W.npy');
  writeFileSync(weights, 'bytes');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  symlinkSync(join(dir, 'secret.txt'), join(dir, 'innocent.npy'));
  symlinkSync(weights, join(dir, 'link.npy'));
  mkdirSync(join(dir, 'folder.npz'));

  it('reads only granted regular files of an openable type', async () => {
    const grants = new FileGrants();
    await expect(grants.read(weights)).rejects.toThrow(/not a file the user opened/);
    expect(grants.grant(weights)).toBe(weights);
    const file = await grants.read(weights);
    expect(file.name).toBe('W.npy');
    expect(Buffer.from(file.bytes).toString()).toBe('bytes');
    // A symlink is judged by its target: a .npy name pointing at a text file is refused.
    expect(grants.grant(join(dir, 'innocent.npy'))).toBeNull();
    expect(grants.grant(join(dir, 'folder.npz'))).toBeNull();
    expect(grants.grant(join(dir, 'missing.npy'))).toBeNull();
    // A link to a granted file is the same file.
    expect(grants.isGranted(join(dir, 'link.npy'))).toBe(true);
  });

  it('refuses files over the size limit without reading them', async () => {
    const reads: string[] = [];
    const big = { isFile: () => true, size: 2 ** 31 };
    const fs = {
      realpathSync: (p: string) => p,
      statSync: () => big,
      stat: async () => big,
      readFile: async (p: string) => (reads.push(p), new Uint8Array(0)),
    };
    const grants = new FileGrants(fs);
    grants.grant('/big.npy');
    await expect(grants.read('/big.npy')).rejects.toThrow(/bytes; the app opens files up to/);
    expect(reads).toEqual([]);
  });

  it('keeps at most MAX_GRANTS paths, dropping the oldest', () => {
    const file = { isFile: () => true, size: 1 };
    const grants = new FileGrants({ realpathSync: (p) => p, statSync: () => file, stat: async () => file, readFile: async () => new Uint8Array(0) });
    for (let k = 0; k <= MAX_GRANTS; k++) grants.grant(`/f${k}.npy`);
    expect(grants.isGranted('/f0.npy')).toBe(false);
    expect(grants.isGranted('/f1.npy')).toBe(true);
    expect(grants.isGranted(`/f${MAX_GRANTS}.npy`)).toBe(true);
  });
});

describe('opening files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tegum-open-'));
  const dropped = join(dir, 'dropped.npz');
  const other = join(dir, 'other.npy');
  writeFileSync(dropped, 'dropped bytes');
  writeFileSync(other, 'other bytes');
  const setup = () => {
    const boxes: string[] = [];
    const remembered: string[] = [];
    // Boxes stay open until the test closes them: the real dialog's promise settles when the user clicks.
    const closers: (() => void)[] = [];
    const notices = new ErrorNotices((message) => (boxes.push(message), new Promise<void>((resolve) => closers.push(resolve))));
    const opener = new FileOpener(new FileGrants(), notices, (p) => remembered.push(p));
    return { boxes, remembered, closers, opener };
  };

  it('the page reads a path only after the preload granted it from a real drop, and never opens a dialog', async () => {
    const { boxes, remembered, opener } = setup();
    await expect(opener.openDropped(other)).rejects.toThrow(GrantRefused);
    await expect(opener.openDropped('/etc/shadow.npy')).rejects.toThrow(/not dropped or picked by the user/);
    expect(opener.grantDropped([dropped, join(dir, 'missing.npy'), '/etc/passwd'])).toBe(1);
    const file = await opener.openDropped(dropped);
    expect(file.name).toBe('dropped.npz');
    expect(Buffer.from(file.bytes).toString()).toBe('dropped bytes');
    expect(remembered).toEqual([dropped]);
    await expect(opener.openDropped(other)).rejects.toThrow(GrantRefused);
    expect(boxes).toEqual([]);
  });

  it('a path chosen in main is granted and read; a bad one is told once, however many arrive', async () => {
    const { boxes, closers, opener } = setup();
    expect((await opener.openChosen(other))?.name).toBe('other.npy');
    for (let k = 0; k < 50; k++) expect(await opener.openChosen(join(dir, `nope${k}.npy`))).toBeNull();
    expect(boxes).toHaveLength(1);
    expect(boxes[0]).toMatch(/Cannot open .*nope0\.npy: not a readable/);
    closers[0]();
  });
});

describe('error notices', () => {
  it('shows one box at a time, at most one per interval, and counts the rest', async () => {
    let now = 0;
    const shown: string[] = [];
    const closers: (() => void)[] = [];
    const notices = new ErrorNotices(
      (m) => (shown.push(m), new Promise<void>((resolve) => closers.push(resolve))),
      () => now,
    );
    expect(notices.notify('a')).toBe(true);
    expect(notices.notify('b')).toBe(false);
    now += NOTICE_INTERVAL_MS * 2;
    expect(notices.notify('c')).toBe(false); // the first box is still open
    closers[0]();
    await Promise.resolve();
    await Promise.resolve();
    expect(notices.notify('d')).toBe(true);
    expect(shown).toEqual(['a', 'd (2 more messages not shown)']);
    closers[1]();
    await Promise.resolve();
    await Promise.resolve();
    expect(notices.notify('e')).toBe(false); // closed, but too soon after the last
    now += NOTICE_INTERVAL_MS;
    expect(notices.notify('f')).toBe(true);
    expect(shown.at(-1)).toBe('f (1 more message not shown)');
  });
});

describe('recent files', () => {
  it('keeps the most recent first, without duplicates, bounded', () => {
    let list: string[] = [];
    for (let k = 0; k < MAX_RECENT + 3; k++) list = addRecent(list, `/f${k}.npy`);
    list = addRecent(list, '/f5.npy');
    expect(list[0]).toBe('/f5.npy');
    expect(list).toHaveLength(MAX_RECENT);
    expect(new Set(list).size).toBe(list.length);
  });

  it('round-trips and drops anything invalid on load', () => {
    expect(parseRecent(serializeRecent(['/a.npy', '/b.npz']))).toEqual(['/a.npy', '/b.npz']);
    expect(parseRecent(null)).toEqual([]);
    expect(parseRecent('{not json')).toEqual([]);
    expect(parseRecent('{"a":1}')).toEqual([]);
    expect(parseRecent(JSON.stringify(['/a.npy', 'relative.npy', '/etc/passwd', 42, '/a.npy']))).toEqual(['/a.npy']);
  });
});

describe('IPC validation', () => {
  it('accepts well-formed messages from the app page', () => {
    expect(validateInvoke('tegum:open-dialog', APP, [])).toEqual({ channel: 'tegum:open-dialog' });
    expect(validateInvoke('tegum:open-dropped', APP, ['/data/W.npz'])).toEqual({ channel: 'tegum:open-dropped', path: '/data/W.npz' });
    expect(validateInvoke('tegum:grant-dropped', APP, [['/data/W.npz', '/data/b.npy']])).toEqual({
      channel: 'tegum:grant-dropped',
      paths: ['/data/W.npz', '/data/b.npy'],
    });
    expect(validateInvoke('tegum:export', APP, ['svg', 'gram.svg', '<svg/>'])).toMatchObject({ kind: 'svg' });
    const png = new Uint8Array([137, 80, 78, 71]);
    expect(validateInvoke('tegum:export', APP, ['png', 'W-view.png', png])).toEqual({
      channel: 'tegum:export',
      kind: 'png',
      suggestedName: 'W-view.png',
      contents: png,
    });
    expect(validateInvoke('tegum:export', APP, ['md', 'W.report.md', '# report'])).toMatchObject({ kind: 'md' });
  });

  it.each([
    ['unknown channel', 'tegum:read-any-file', APP, ['/etc/passwd']],
    ['foreign sender', 'tegum:open-dialog', 'https://evil.example/', []],
    ['file:// sender', 'tegum:open-dialog', 'file:///index.html', []],
    ['extra arguments', 'tegum:initial-file', APP, [1]],
    ['relative path', 'tegum:open-dropped', APP, ['W.npz']],
    ['non-string path', 'tegum:open-dropped', APP, [{ path: '/W.npz' }]],
    ['NUL in path', 'tegum:open-dropped', APP, ['/W.npz\0.txt']],
    ['unknown export kind', 'tegum:export', APP, ['exe', 'a.exe', 'x']],
    ['path as export name', 'tegum:export', APP, ['json', '../../.bashrc', '{}']],
    ['hidden export name', 'tegum:export', APP, ['json', '.bashrc', '{}']],
    ['text PNG', 'tegum:export', APP, ['png', 'a.png', 'not bytes']],
    ['bytes as markdown', 'tegum:export', APP, ['md', 'a.md', new Uint8Array(1)]],
    ['missing contents', 'tegum:export', APP, ['json', 'a.json']],
    ['grant of a bare string', 'tegum:grant-dropped', APP, ['/W.npz']],
    ['grant of nothing', 'tegum:grant-dropped', APP, [[]]],
    ['grant of a relative path', 'tegum:grant-dropped', APP, [['/a.npz', 'b.npz']]],
    ['grant of too many files', 'tegum:grant-dropped', APP, [Array.from({ length: MAX_DROPPED_FILES + 1 }, (_, k) => `/f${k}.npy`)]],
    ['grant from a foreign page', 'tegum:grant-dropped', 'https://evil.example/', [['/W.npz']]],
  ])('refuses %s', (_why, channel, sender, args) => {
    expect(() => validateInvoke(channel, sender, args as unknown[])).toThrow(IpcRefused);
  });

  it('the preload uses exactly the allowed channels and never exposes ipcRenderer', () => {
    const preload = readFileSync(join(root, 'electron', 'preload.cts'), 'utf8');
    const used = [...preload.matchAll(/'(tegum:[a-z-]+)'/g)].map((m) => m[1]);
    expect(new Set(used)).toEqual(new Set([...INVOKE_CHANNELS, ...SEND_CHANNELS]));
    expect(preload).toMatch(/exposeInMainWorld\('tegum', api\)/);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    expect(preload).toContain(`const MAX_DROPPED_FILES = ${MAX_DROPPED_FILES};`);
  });
});

describe('menu', () => {
  const calls: string[] = [];
  const actions: MenuActions = {
    open: () => calls.push('open'),
    openRecent: (p) => calls.push(`recent ${p}`),
    clearRecent: () => calls.push('clear'),
    command: (c) => calls.push(`command ${c}`),
  };
  const find = (items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions | undefined => {
    for (const item of items) {
      if (item.label === label) return item;
      const sub = Array.isArray(item.submenu) ? find(item.submenu, label) : undefined;
      if (sub) return sub;
    }
    return undefined;
  };
  const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as unknown as () => void)();

  it('has the usual shortcuts and wires every item', () => {
    const t = menuTemplate(actions, ['/d/W.npz'], 'linux', false);
    expect(find(t, 'Open…')?.accelerator).toBe('CmdOrCtrl+O');
    click(find(t, 'Open…'));
    click(find(t, 'W.npz — /d/W.npz'));
    click(find(t, 'Clear Recent'));
    click(find(t, '3D View as PNG…'));
    click(find(t, 'Report as HTML…'));
    click(find(t, 'Reset 3D View'));
    expect(calls).toEqual(['open', 'recent /d/W.npz', 'clear', 'command export-png', 'command export-html', 'command reset-view']);
    const roles = JSON.stringify(t);
    for (const role of ['reload', 'forceReload', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen', 'quit']) expect(roles).toContain(`"role":"${role}"`);
    expect(roles).not.toContain('toggleDevTools');
  });

  it('says when there are no recent files; macOS gets the app menu', () => {
    expect(find(menuTemplate(actions, [], 'linux', true), 'No Recent Files')?.enabled).toBe(false);
    expect(menuTemplate(actions, [], 'darwin', true)[0].role).toBe('appMenu');
    expect(JSON.stringify(menuTemplate(actions, [], 'linux', true))).toContain('toggleDevTools');
  });
});

describe('export', () => {
  it('writes where the user chose, with the kind’s filter', async () => {
    const written: [string, string | Uint8Array][] = [];
    const dialogs: SaveDialogOptions[] = [];
    const platform = {
      showSaveDialog: async (o: SaveDialogOptions) => (dialogs.push(o), { canceled: false, filePath: '/chosen/out.html' }),
      writeFile: async (p: string, c: string | Uint8Array) => void written.push([p, c]),
    };
    expect(await writeExport(platform, 'html', 'W.report.html', '<html>', '/docs')).toBe(true);
    expect(written).toEqual([['/chosen/out.html', '<html>']]);
    expect(dialogs[0].defaultPath).toBe('/docs/W.report.html');
    expect(dialogs[0].filters).toEqual([{ name: 'HTML report', extensions: ['html'] }]);
  });

  it('writes nothing when cancelled', async () => {
    const written: string[] = [];
    const platform = { showSaveDialog: async () => ({ canceled: true }), writeFile: async (p: string) => void written.push(p) };
    expect(await writeExport(platform, 'png', 'v.png', new Uint8Array(1), '/docs')).toBe(false);
    expect(written).toEqual([]);
  });
});

describe('security', () => {
  it('isolates and sandboxes the renderer', () => {
    const prefs = webPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/app/preload.cjs',
    });
  });

  it('denies new windows and sends only http(s) links to the system browser', () => {
    const opened: string[] = [];
    const handler = windowOpenHandler({ openExternal: async (u) => void opened.push(u) });
    for (const url of [
      'https://example.org/',
      'http://example.org/a',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'tegum://app/index.html',
    ]) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://example.org/', 'http://example.org/a']);
  });

  it('keeps the window on the app page', () => {
    const opened: string[] = [];
    const guard = navigationGuard({ openExternal: async (u) => void opened.push(u) });
    const navigate = (url: string) => {
      let prevented = false;
      guard({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('tegum://app/index.html')).toBe(false);
    expect(navigate('https://example.org/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(opened).toEqual(['https://example.org/']);
  });

  it('cancels redirects away from the app and opens nothing for them', () => {
    const guard = redirectGuard();
    const redirect = (url: string) => {
      let prevented = false;
      guard({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(redirect('tegum://app/index.html')).toBe(false);
    expect(redirect('https://example.org/')).toBe(true);
    expect(redirect('file:///etc/passwd')).toBe(true);
  });

  it('grants no permission, on request or on check', () => {
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read'])
      denyPermissionRequest(null, permission, (granted) => answers.push(granted));
    expect(answers).toEqual([false, false, false, false]);
    expect(denyPermissionCheck()).toBe(false);
  });
});

describe('tegum:// protocol', () => {
  const routes = new Map<string, Route>([
    ['/index.html', { file: '/pkg/src/viewer/index.html', type: 'text/html; charset=utf-8' }],
    ['/app/viewer/main.js', { file: '/pkg/dist/src/viewer/main.js', type: 'text/javascript; charset=utf-8' }],
  ]);
  const reads: string[] = [];
  const site = loadStaticFiles(routes, (file) => {
    reads.push(file);
    return new TextEncoder().encode(file.endsWith('.html') ? '<script type="importmap">{}</script>' : 'export {};');
  });
  const handler = appProtocolHandler(site);

  it('serves the route table from memory with the page’s CSP and the security headers', async () => {
    const page = await handler(new Request(APP_URL));
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Security-Policy')).toMatch(/script-src 'self' 'sha256-/);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(page.headers.get(name)).toBe(value);
    expect(await page.text()).toBe('<script type="importmap">{}</script>');
    expect((await handler(new Request('tegum://app/app/viewer/main.js'))).status).toBe(200);
    expect(reads).toEqual(['/pkg/src/viewer/index.html', '/pkg/dist/src/viewer/main.js']);
  });

  it('refuses everything else', async () => {
    for (const url of [
      'tegum://app/../package.json',
      'tegum://app/%2e%2e/package.json',
      'tegum://app/app%2f..%2fpackage.json',
      'tegum://app/api/report',
      'tegum://other/index.html',
    ]) {
      const res = await handler(new Request(url));
      expect(res.status).toBe(404);
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    }
    expect((await handler(new Request(APP_URL, { method: 'POST', body: 'x' }))).status).toBe(405);
    expect(reads).toHaveLength(2);
  });
});
