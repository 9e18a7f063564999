#!/usr/bin/env node
// `npm start`: the desktop app (electron-vite preview) where the Electron
// binary is installed; elsewhere (a CI box, a machine that could not download
// it) the same UI in a browser: the app is built, the demo project is opened
// with `tandem serve --demo`, and the address to open is printed.
//
//   npm start                    Electron if its binary is here, else the browser
//   npm start -- --browser       the browser mode even where Electron is installed
//   npm start -- --no-build      either mode without building first (uses out/)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const win = process.platform === 'win32';
const bin = (name) => path.join(root, 'node_modules', '.bin', win ? `${name}.cmd` : name);

/**
 * The Electron executable that `npm install` downloaded into the electron
 * package, or null. Found as electron-vite and the electron package find it:
 * ELECTRON_EXEC_PATH, else path.txt naming it inside dist/ (or inside
 * ELECTRON_OVERRIDE_DIST_PATH).
 */
export function electronBinary(electronDir = path.join(root, 'node_modules', 'electron'), env = process.env) {
  if (env.ELECTRON_EXEC_PATH) return fs.existsSync(env.ELECTRON_EXEC_PATH) ? env.ELECTRON_EXEC_PATH : null;
  const pathFile = path.join(electronDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  let exe;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) exe = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
  else if (relative) exe = path.join(electronDir, 'dist', relative);
  else return null;
  return fs.existsSync(exe) ? exe : null;
}

/** Where the desktop app keeps its data (Electron's userData for this package), so both modes open the same demo. */
export function userDataDir(env = process.env, platform = process.platform, home = os.homedir()) {
  if (env.TANDEM_USER_DATA) return env.TANDEM_USER_DATA;
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'tandem');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'tandem');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'tandem');
}

/** How `npm start` runs here: 'electron' or 'browser'. */
export function startMode(args, electron = electronBinary()) {
  return !args.includes('--browser') && electron ? 'electron' : 'browser';
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: win && cmd.endsWith('.cmd') });
  return r.status ?? 1;
}

function startElectron(args, exe) {
  const flags = args.includes('--no-build') ? ['--skipBuild'] : [];
  const child = spawn(bin('electron-vite'), ['preview', ...flags], { cwd: root, stdio: 'inherit', shell: win, env: { ...process.env, ELECTRON_EXEC_PATH: exe } });
  child.on('exit', (code) => process.exit(code ?? 0));
}

function startBrowser(args) {
  if (!args.includes('--browser')) {
    console.log('tandem: the Electron binary is not installed here, so the workbench opens in a browser.');
  }
  if (!args.includes('--no-build')) {
    console.log('tandem: building the app…');
    if (run(bin('electron-vite'), ['build']) !== 0 || run(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')]) !== 0) {
      console.error('tandem: the build failed (see above)');
      process.exit(1);
    }
  }
  const project = path.join(userDataDir(), 'demo.tandem');
  const port = args.find((a) => a.startsWith('--port='))?.slice('--port='.length);
  const child = spawn(process.execPath, [path.join(root, 'bin', 'tandem.mjs'), 'serve', project, '--create', ...(port ? ['--port', port] : [])], {
    cwd: root,
    stdio: 'inherit',
  });
  const stop = (signal) => child.kill(signal);
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const exe = electronBinary();
  if (startMode(args, exe) === 'electron') startElectron(args, exe);
  else startBrowser(args);
}
