#!/usr/bin/env node
// Tests and the CLI use better-sqlite3 built for Node. The Electron app needs
// the same addon built for Electron's ABI; it is built here, beside the Node
// one, into native/electron/, and the app loads it through nativeBinding.
// Where the Electron binary was not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD),
// there is nothing to build for, and this step says so and stops.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'native', 'electron', 'better_sqlite3.node');

function electronVersion() {
  try {
    const pkg = require('electron/package.json');
    const binaryPath = path.join(path.dirname(require.resolve('electron/package.json')), 'path.txt');
    return fs.existsSync(binaryPath) ? pkg.version : null;
  } catch {
    return null;
  }
}

const version = electronVersion();
if (!version) {
  console.log('tandem postinstall: no Electron binary here; the desktop app needs `npm install` with network access. CLI, server and tests are ready.');
  process.exit(0);
}
if (fs.existsSync(target) && fs.readFileSync(path.join(path.dirname(target), 'VERSION'), 'utf8').trim() === version) {
  process.exit(0);
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-native-'));
const source = path.dirname(require.resolve('better-sqlite3/package.json'));
fs.cpSync(source, path.join(work, 'better-sqlite3'), { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });
const cwd = path.join(work, 'better-sqlite3');
const tries = [
  ['npx', ['--no-install', 'prebuild-install', '--runtime', 'electron', '--target', version]],
  ['npx', ['--no-install', 'node-gyp', 'rebuild', '--release', `--target=${version}`, '--dist-url=https://electronjs.org/headers']],
];
for (const [cmd, args] of tries) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
  const built = path.join(cwd, 'build', 'Release', 'better_sqlite3.node');
  if (r.status === 0 && fs.existsSync(built)) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(built, target);
    fs.writeFileSync(path.join(path.dirname(target), 'VERSION'), version);
    console.log(`tandem postinstall: better-sqlite3 built for Electron ${version}`);
    process.exit(0);
  }
}
console.warn('tandem postinstall: could not build better-sqlite3 for Electron; run `npx electron-rebuild -f -w better-sqlite3` before `npm start`.');
