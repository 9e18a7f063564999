// A stand-in for the electron module, so that the built main-process bundle
// can be started under plain Node here, where Electron cannot run. It records
// what the app asks of Electron and writes it to TANDEM_STANDIN_REPORT.
import fs from 'node:fs';

const report = { windows: [], ipc: [], menu: null, permissionHandler: false, cspHook: false, loaded: [] };
const userData = process.env.TANDEM_STANDIN_USERDATA;
const appPath = process.env.TANDEM_STANDIN_APPPATH;

function flush() {
  fs.writeFileSync(process.env.TANDEM_STANDIN_REPORT, JSON.stringify(report));
}

function finish() {
  flush();
  process.exit(0);
}

export class BrowserWindow {
  constructor(options) {
    report.windows.push({ webPreferences: options.webPreferences });
    this.webContents = { setWindowOpenHandler() {}, on() {}, send() {}, mainFrame: {} };
  }
  once() {}
  show() {}
  setTitle(title) {
    report.title = title;
  }
  loadFile(file) {
    report.loaded.push(file);
    return Promise.resolve();
  }
  loadURL(url) {
    report.loaded.push(url);
    return Promise.resolve();
  }
}

export const app = {
  getPath: () => userData,
  getAppPath: () => appPath,
  // Startup ends with the menu (after the demo project is made, which loads the language model and may
  // take seconds on a busy machine): the report is written then, or after a generous limit.
  whenReady: () => Promise.resolve().then(() => setTimeout(finish, 45_000)),
  on() {},
  quit() {},
};
export const ipcMain = { handle: (channel) => report.ipc.push(channel) };
export const Menu = {
  buildFromTemplate: (t) => t,
  setApplicationMenu: (m) => {
    report.menu = m.map((x) => x.label);
    setTimeout(finish, 300);
  },
};
export const dialog = {};
export const shell = { openExternal() {} };
export const safeStorage = { isEncryptionAvailable: () => false };
export const session = {
  defaultSession: {
    setPermissionRequestHandler: () => (report.permissionHandler = true),
    setPermissionCheckHandler() {},
    webRequest: { onHeadersReceived: () => (report.cspHook = true) },
  },
};
export default { app, BrowserWindow, ipcMain, Menu, dialog, shell, safeStorage, session };
