import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

// Electron cannot launch here, so the shell runs against a stand-in for the
// electron module that records what the main process asks of it.
const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-shell-'));
const recorded = vi.hoisted(() => ({
  windows: [] as Array<{ options: any; openHandler?: (d: { url: string }) => { action: string }; listeners: Record<string, Function[]>; loaded?: string }>,
  ipc: new Map<string, Function>(),
  permissionHandler: undefined as undefined | Function,
  permissionCheck: undefined as undefined | Function,
  headersHook: undefined as undefined | Function,
  menu: undefined as any,
  opened: [] as string[],
  nextSave: null as null | { canceled: boolean; filePath?: string },
  sent: [] as Array<{ channel: string; payload: any }>,
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: any;
    constructor(public options: any) {
      const entry: (typeof recorded.windows)[number] = { options, listeners: {} };
      recorded.windows.push(entry);
      this.webContents = {
        setWindowOpenHandler: (h: any) => (entry.openHandler = h),
        on: (name: string, fn: Function) => (entry.listeners[name] ??= []).push(fn),
        send: (channel: string, payload: any) => recorded.sent.push({ channel, payload }),
        mainFrame: { url: 'main' },
      };
    }
    once() {}
    show() {}
    setTitle() {}
    loadFile(file: string) {
      recorded.windows[recorded.windows.length - 1].loaded = file;
      return Promise.resolve();
    }
    loadURL() {
      return Promise.resolve();
    }
  }
  const app = {
    getPath: () => userData,
    getAppPath: () => path.resolve(__dirname, '../../..'),
    whenReady: () => Promise.resolve(),
    on: () => undefined,
    quit: () => undefined,
  };
  return {
    app,
    BrowserWindow,
    dialog: { showSaveDialog: async () => recorded.nextSave ?? { canceled: true } },
    ipcMain: { handle: (channel: string, fn: Function) => recorded.ipc.set(channel, fn) },
    Menu: { buildFromTemplate: (t: any) => t, setApplicationMenu: (m: any) => (recorded.menu = m) },
    safeStorage: { isEncryptionAvailable: () => false },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Function) => (recorded.permissionHandler = h),
        setPermissionCheckHandler: (h: Function) => (recorded.permissionCheck = h),
        webRequest: { onHeadersReceived: (h: Function) => (recorded.headersHook = h) },
      },
    },
    shell: { openExternal: (url: string) => recorded.opened.push(url) },
  };
});

afterAll(() => fs.rmSync(userData, { recursive: true, force: true }));

describe('the Electron main process', async () => {
  await import('../../../main/index');
  await new Promise((r) => setTimeout(r, 50));
  const win = recorded.windows[0];

  it('creates one sandboxed, isolated window with the bundled CommonJS preload', () => {
    expect(recorded.windows).toHaveLength(1);
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(win.options.webPreferences.preload).toMatch(/preload[\\/]index\.cjs$/);
  });

  it('denies new windows and navigation away from the app, and every permission', () => {
    expect(win.openHandler!({ url: 'https://example.org' })).toEqual({ action: 'deny' });
    expect(recorded.opened).toEqual(['https://example.org']);
    expect(win.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    let prevented = false;
    for (const fn of win.listeners['will-navigate']) fn({ preventDefault: () => (prevented = true) }, 'https://evil.example/');
    expect(prevented).toBe(true);
    let granted: boolean | undefined;
    recorded.permissionHandler!(null, 'media', (ok: boolean) => (granted = ok));
    expect(granted).toBe(false);
    expect(recorded.permissionCheck!()).toBe(false);
  });

  it('sends a strict CSP header with every response', () => {
    let headers: any;
    recorded.headersHook!({ responseHeaders: {} }, (r: any) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy'][0]).toContain("default-src 'self'");
  });

  it('registers one IPC handler per WorkbenchApi method and refuses untrusted senders', async () => {
    const { WORKBENCH_METHODS } = await import('../../../common/api');
    for (const m of WORKBENCH_METHODS) expect(recorded.ipc.has(`workbench:${m}`)).toBe(true);
    const handler = recorded.ipc.get('workbench:listDocuments')!;
    const untrusted = await handler({ senderFrame: { url: 'https://evil.example/' }, sender: { mainFrame: {} } });
    expect(untrusted).toEqual({ ok: false, error: { kind: 'invalid-input', message: 'untrusted sender' } });
  });

  it('opens a demo project on first launch, with the story and its translations', async () => {
    const handler = recorded.ipc.get('workbench:listDocuments')!;
    // The app page sits at ../renderer/index.html from the main script (here, the source tree).
    const frame = { url: new URL(`file://${path.resolve(__dirname, '../../../renderer/index.html')}`).href };
    const result = await handler({ senderFrame: frame, sender: { mainFrame: frame } });
    expect(result.ok).toBe(true);
    expect(result.value.length).toBe(9);
    expect(fs.existsSync(path.join(userData, 'demo.tandem'))).toBe(true);
    expect(recorded.menu.map((m: any) => m.label)).toEqual(['File', 'Edit', 'View', 'Alignment', 'Help']);
  });

  it('creates a project from the save dialog and reopens a recent one, telling the window only file names', async () => {
    const frame = { url: new URL(`file://${path.resolve(__dirname, '../../../renderer/index.html')}`).href };
    const call = (channel: string, ...args: unknown[]) => recorded.ipc.get(channel)!({ senderFrame: frame, sender: { mainFrame: frame } }, ...args);
    expect(await recorded.ipc.get('shell:list-projects')!({ senderFrame: { url: 'https://evil.example/' }, sender: { mainFrame: {} } })).toBeNull();
    recorded.nextSave = { canceled: true };
    expect(await call('shell:new-project')).toEqual({ ok: true, value: null });
    recorded.nextSave = { canceled: false, filePath: path.join(userData, 'fresh.tandem') };
    recorded.sent.length = 0;
    const created = await call('shell:new-project');
    expect(created.value).toMatchObject({ name: 'fresh.tandem', current: true });
    expect(recorded.sent).toContainEqual({ channel: 'workbench:event', payload: { type: 'project', name: 'fresh.tandem' } });
    const list = await call('shell:list-projects');
    expect(list.value.projects.map((p: any) => [p.name, p.current])).toEqual([['fresh.tandem', true], ['demo.tandem', false]]);
    expect(JSON.stringify(list.value)).not.toContain(userData);
    const docs = await call('workbench:listDocuments');
    expect(docs.value).toEqual([]);
    const back = await call('shell:open-recent', '1');
    expect(back.value).toMatchObject({ name: 'demo.tandem', current: true });
    expect((await call('workbench:listDocuments')).value.length).toBe(9);
    expect((await call('shell:open-recent', '../../etc/passwd')).ok).toBe(false);
  });
});
