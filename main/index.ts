import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell } from 'electron';
import { toErrorValue, type Result } from '../common/errors';
import { WORKBENCH_METHODS, type ProjectEntry, type ProjectList, type WorkbenchApi, type WorkbenchEvent } from '../common/api';
import { openProject, type Db } from '../db/open';
import { createWorkbench, type WorkbenchInternals } from '../core/services/workbench';
import { sourcesFromPaths } from '../core/services/import-job';
import { createDemoProject } from '../core/services/demo';
import { menuTemplate } from './menu';
import { COMMANDS } from '../common/commands';
import { loadLanguageModel } from '../core/text';
import { CONTENT_SECURITY_POLICY, DENY_ALL_PERMISSIONS, isExternalWebLink, isTrustedSender, secureWebPreferences, shouldAllowNavigation } from './security';

/** The Electron ABI build of better-sqlite3, made by the postinstall step beside the Node one. */
function nativeBinding(): string | undefined {
  const candidate = path.join(app.getAppPath(), 'native', 'electron', 'better_sqlite3.node');
  return fs.existsSync(candidate) ? candidate : undefined;
}

interface State {
  db: Db | null;
  api: (WorkbenchApi & WorkbenchInternals) | null;
  projectPath: string | null;
  window: BrowserWindow | null;
}

const state: State = { db: null, api: null, projectPath: null, window: null };
const prefsFile = () => path.join(app.getPath('userData'), 'preferences.json');

interface Prefs {
  recent: string[];
  deeplKey?: string;
  embeddingsKey?: string;
}

function readPrefs(): Prefs {
  try {
    return { recent: [], ...JSON.parse(fs.readFileSync(prefsFile(), 'utf8')) };
  } catch {
    return { recent: [] };
  }
}

function writePrefs(prefs: Prefs): void {
  fs.mkdirSync(path.dirname(prefsFile()), { recursive: true });
  fs.writeFileSync(prefsFile(), JSON.stringify(prefs, null, 2));
}

/** The DeepL key lives only in the OS-encrypted store, never in the project file. */
function loadDeepLKey(): string | undefined {
  const stored = readPrefs().deeplKey;
  if (!stored || !safeStorage.isEncryptionAvailable()) return process.env.DEEPL_AUTH_KEY;
  try {
    return safeStorage.decryptString(Buffer.from(stored, 'base64'));
  } catch {
    return undefined;
  }
}

function saveDeepLKey(key: string): void {
  if (!safeStorage.isEncryptionAvailable()) throw new Error('The system keychain is not available; set DEEPL_AUTH_KEY instead.');
  writePrefs({ ...readPrefs(), deeplKey: safeStorage.encryptString(key).toString('base64') });
}

/** The embeddings server's key, kept like the DeepL key: OS-encrypted, never in the project. */
function loadEmbeddingsKey(): string | undefined {
  const stored = readPrefs().embeddingsKey;
  if (!stored || !safeStorage.isEncryptionAvailable()) return process.env.TANDEM_EMBEDDINGS_KEY;
  try {
    return safeStorage.decryptString(Buffer.from(stored, 'base64'));
  } catch {
    return undefined;
  }
}

function saveEmbeddingsKey(key: string | null): void {
  const prefs = readPrefs();
  if (key === null) {
    delete prefs.embeddingsKey;
    writePrefs(prefs);
    return;
  }
  if (!safeStorage.isEncryptionAvailable()) throw new Error('The system keychain is not available; set TANDEM_EMBEDDINGS_KEY instead.');
  writePrefs({ ...prefs, embeddingsKey: safeStorage.encryptString(key).toString('base64') });
}

function emit(event: WorkbenchEvent): void {
  state.window?.webContents.send('workbench:event', event);
}

function openProjectFile(file: string, create = false): void {
  // The project open now stays open until the new one has opened: a file that cannot be opened changes nothing.
  const db = openProject(file, { create, nativeBinding: nativeBinding() });
  state.db?.close();
  state.db = db;
  state.projectPath = file;
  state.api = createWorkbench(state.db, {
    name: path.basename(file),
    file,
    nativeBinding: nativeBinding(),
    annotator: process.env.TANDEM_ANNOTATOR || process.env.USER || 'annotator',
    mt: { authKey: loadDeepLKey, saveAuthKey: saveDeepLKey, serverUrl: process.env.DEEPL_SERVER_URL },
    similarity: {
      url: process.env.TANDEM_EMBEDDINGS_URL || undefined,
      model: process.env.TANDEM_EMBEDDINGS_MODEL || undefined,
      apiKey: loadEmbeddingsKey,
      saveApiKey: saveEmbeddingsKey,
    },
    emit,
  });
  const prefs = readPrefs();
  writePrefs({ ...prefs, recent: [file, ...prefs.recent.filter((r) => r !== file)].slice(0, 10) });
  state.window?.setTitle(`Tandem — ${path.basename(file)}`);
  // Everything the window shows belongs to the project it had open: it loads again.
  emit({ type: 'project', name: path.basename(file) });
  buildMenu();
}

/** Recent projects that still exist, as the renderer may see them: file names, never paths. */
function recentProjects(): ProjectList {
  const files = readPrefs().recent.filter((f) => fs.existsSync(f));
  return {
    kind: 'desktop',
    folder: null,
    projects: files.map((f, i) => {
      const stat = fs.statSync(f);
      return { id: String(i), name: path.basename(f), current: f === state.projectPath, sizeBytes: stat.size, modifiedAt: stat.mtime.toISOString() };
    }),
  };
}

function currentEntry(): ProjectEntry | null {
  return recentProjects().projects.find((p) => p.current) ?? null;
}

function appUrl(): string {
  return process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(path.join(__dirname, '../renderer/index.html')).href;
}

function registerIpc(): void {
  for (const method of WORKBENCH_METHODS) {
    ipcMain.handle(`workbench:${method}`, async (event, ...args): Promise<Result<unknown>> => {
      if (!isTrustedSender(event.senderFrame?.url, event.senderFrame === event.sender.mainFrame, appUrl())) {
        return { ok: false, error: { kind: 'invalid-input', message: 'untrusted sender' } };
      }
      if (!state.api) return { ok: false, error: { kind: 'not-found', message: 'No project is open. Use File › Open or File › New.' } };
      try {
        const fn = state.api[method] as (...a: unknown[]) => Promise<unknown>;
        return { ok: true, value: await fn.apply(state.api, args) };
      } catch (err) {
        return { ok: false, error: toErrorValue(err) };
      }
    });
  }
  ipcMain.handle('shell:open-project', async (event) => {
    if (!isTrustedSender(event.senderFrame?.url, true, appUrl())) return null;
    await openDialog();
    return state.projectPath ? path.basename(state.projectPath) : null;
  });
  ipcMain.handle('shell:list-projects', async (event): Promise<Result<ProjectList> | null> => {
    if (!isTrustedSender(event.senderFrame?.url, true, appUrl())) return null;
    return { ok: true, value: recentProjects() };
  });
  ipcMain.handle('shell:new-project', async (event): Promise<Result<ProjectEntry | null> | null> => {
    if (!isTrustedSender(event.senderFrame?.url, true, appUrl())) return null;
    try {
      const before = state.projectPath;
      await newDialog();
      return { ok: true, value: state.projectPath !== before ? currentEntry() : null };
    } catch (err) {
      return { ok: false, error: toErrorValue(err) };
    }
  });
  ipcMain.handle('shell:open-recent', async (event, id: unknown): Promise<Result<ProjectEntry> | null> => {
    if (!isTrustedSender(event.senderFrame?.url, true, appUrl())) return null;
    const files = readPrefs().recent.filter((f) => fs.existsSync(f));
    const file = typeof id === 'string' && /^\d+$/.test(id) ? files[Number(id)] : undefined;
    if (!file) return { ok: false, error: { kind: 'not-found', message: 'That project is no longer in the recent list; open it with File › Open.' } };
    try {
      if (file !== state.projectPath) openProjectFile(file);
      return { ok: true, value: currentEntry()! };
    } catch (err) {
      return { ok: false, error: toErrorValue(err) };
    }
  });
  ipcMain.handle('shell:import-articles', async (event) => {
    if (!isTrustedSender(event.senderFrame?.url, true, appUrl())) return null;
    return importDialog();
  });
  ipcMain.handle('shell:save-export', async (event, name: string, content: string) => {
    if (!isTrustedSender(event.senderFrame?.url, true, appUrl()) || typeof name !== 'string' || typeof content !== 'string') return null;
    const result = await dialog.showSaveDialog(state.window!, { defaultPath: path.basename(name) });
    if (result.canceled || !result.filePath) return null;
    fs.writeFileSync(result.filePath, content);
    return path.basename(result.filePath);
  });
}

async function openDialog(): Promise<void> {
  const result = await dialog.showOpenDialog(state.window!, { filters: [{ name: 'Tandem project', extensions: ['tandem'] }], properties: ['openFile'] });
  if (!result.canceled && result.filePaths[0]) openProjectFile(result.filePaths[0]);
}

async function newDialog(): Promise<void> {
  const result = await dialog.showSaveDialog(state.window!, { defaultPath: 'corpus.tandem', filters: [{ name: 'Tandem project', extensions: ['tandem'] }] });
  if (!result.canceled && result.filePath) openProjectFile(result.filePath, true);
}

async function importDialog(): Promise<unknown> {
  if (!state.api) return null;
  const result = await dialog.showOpenDialog(state.window!, { properties: ['openFile', 'multiSelections'], filters: [{ name: 'Articles', extensions: ['txt', 'md', 'html', 'htm', 'mhtml', 'mht'] }] });
  if (result.canceled) return null;
  // The same import job as an upload: progress as job events, and Stop in the window ends it between two files.
  return state.api.importSources(sourcesFromPaths(result.filePaths), {});
}

function buildMenu(): void {
  const recent = readPrefs().recent.filter((f) => fs.existsSync(f));
  const template = menuTemplate({
    main: { 'file.new': () => void newDialog(), 'file.open': () => void openDialog(), 'file.import': () => void importDialog() },
    send: (id) => state.window?.webContents.send('workbench:command', id),
    recent: { files: recent, open: (f) => openProjectFile(f) },
  }, COMMANDS, process.platform);
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Tandem',
    show: false,
    webPreferences: secureWebPreferences(path.join(__dirname, '../preload/index.cjs')),
  });
  state.window = win;
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!shouldAllowNavigation(url, appUrl())) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!shouldAllowNavigation(url, appUrl())) event.preventDefault();
  });
  // Files dropped onto the window are imported rather than opened as pages.
  win.webContents.on('will-navigate', (event, url) => {
    if (url.startsWith('file:') && state.db && !shouldAllowNavigation(url, appUrl())) {
      event.preventDefault();
      void state.api?.importSources(sourcesFromPaths([fileURLToPath(url)]), {}).catch(() => undefined);
    }
  });
  if (process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void win.loadFile(path.join(__dirname, '../renderer/index.html'));
}

app.on('web-contents-created', (_, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

void app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(DENY_ALL_PERMISSIONS()));
  session.defaultSession.setPermissionCheckHandler(DENY_ALL_PERMISSIONS);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  registerIpc();
  createWindow();
  const last = readPrefs().recent.find((f) => fs.existsSync(f));
  if (last) openProjectFile(last);
  else {
    // First launch: a short demo story with its translations, so there is something to align.
    const demo = path.join(app.getPath('userData'), 'demo.tandem');
    if (!fs.existsSync(demo)) {
      // Importing identifies languages, whose model loads once per process.
      await loadLanguageModel();
      const db = openProject(demo, { create: true, nativeBinding: nativeBinding() });
      createDemoProject(db, path.join(app.getAppPath(), 'resources', 'demo'));
      db.close();
    }
    openProjectFile(demo);
  }
  buildMenu();
});

app.on('window-all-closed', () => {
  state.db?.close();
  app.quit();
});
