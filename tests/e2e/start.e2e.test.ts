/**
 * `npm start` (scripts/start.mjs): the Electron app where its binary is
 * installed, else the same workbench in a browser, with the demo project,
 * and the address printed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { electronBinary, startMode, userDataDir } from '../../scripts/start.mjs';
import { ensureRendererBuilt } from '../support/browser';
import { tempDir } from '../support/project';

const repo = path.resolve(__dirname, '../..');
const start = path.join(repo, 'scripts/start.mjs');
const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function scratch(): string {
  const { dir, cleanup } = tempDir('tandem-start-');
  cleanups.push(cleanup);
  return dir;
}

/** An electron package folder as `npm install` leaves it, with or without the downloaded binary. */
function electronPackage(withBinary: boolean): string {
  const dir = scratch();
  fs.writeFileSync(path.join(dir, 'path.txt'), 'electron');
  if (withBinary) {
    fs.mkdirSync(path.join(dir, 'dist'));
    fs.writeFileSync(path.join(dir, 'dist', 'electron'), '');
  }
  return dir;
}

describe('how npm start chooses', () => {
  it('opens Electron where the binary was downloaded, the browser where it was not', () => {
    const withBinary = electronPackage(true);
    expect(electronBinary(withBinary, {})).toBe(path.join(withBinary, 'dist', 'electron'));
    expect(startMode([], electronBinary(withBinary, {}))).toBe('electron');
    expect(startMode(['--browser'], electronBinary(withBinary, {}))).toBe('browser');
    expect(electronBinary(electronPackage(false), {})).toBeNull();
    expect(startMode([], electronBinary(electronPackage(false), {}))).toBe('browser');
    // ELECTRON_SKIP_BINARY_DOWNLOAD leaves no path.txt at all.
    expect(electronBinary(scratch(), {})).toBeNull();
  });

  it('keeps the demo where the desktop app keeps its data', () => {
    expect(userDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/a')).toBe(path.join('/x', 'tandem'));
    expect(userDataDir({}, 'linux', '/home/a')).toBe(path.join('/home/a', '.config', 'tandem'));
    expect(userDataDir({}, 'darwin', '/Users/a')).toBe(path.join('/Users/a', 'Library', 'Application Support', 'tandem'));
    expect(userDataDir({ TANDEM_USER_DATA: '/data' }, 'linux', '/home/a')).toBe('/data');
  });
});

describe('npm start', () => {
  let child: ChildProcess | undefined;
  beforeAll(() => {
    ensureRendererBuilt();
    if (!fs.existsSync(path.join(repo, 'out/cli/index.js'))) {
      expect(spawnSync(process.execPath, [path.join(repo, 'scripts/build-cli.mjs')], { cwd: repo }).status).toBe(0);
    }
  });
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('without an Electron binary serves the demo project in the browser and prints the address', async () => {
    const data = scratch();
    // No binary, whatever this machine has: the override points at an empty folder.
    const env = { ...process.env, TANDEM_USER_DATA: data, ELECTRON_EXEC_PATH: '', ELECTRON_OVERRIDE_DIST_PATH: scratch() };
    child = spawn(process.execPath, [start, '--no-build'], { cwd: repo, env });
    let out = '';
    child.stderr!.on('data', (d) => (out += d));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no address printed:\n${out}`)), 60_000);
      child!.stdout!.on('data', (d) => {
        out += d;
        const m = /at (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child!.on('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
    });
    expect(out).toContain('the Electron binary is not installed here, so the workbench opens in a browser');
    expect(fs.existsSync(path.join(data, 'demo.tandem'))).toBe(true);

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    const token = new URL(url).searchParams.get('token')!;
    const api = await fetch(new URL('/api/listDocuments', url), { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Tandem-Token': token }, body: '[]' });
    const docs = (await api.json()) as { ok: boolean; value: Array<{ translationOf: number | null; lang: string }> };
    expect(docs.ok).toBe(true);
    // The demo story: five originals, four of them with an English translation.
    const originals = docs.value.filter((d) => d.translationOf === null);
    expect(originals.map((d) => d.lang).sort()).toEqual(['en', 'fi', 'nb', 'nl', 'sv']);
    expect(docs.value.length).toBeGreaterThan(originals.length);

    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it.skipIf(process.platform === 'win32')('with an Electron binary opens the app through electron-vite preview', () => {
    const dir = scratch();
    const log = path.join(dir, 'args.txt');
    const fake = path.join(dir, 'electron');
    fs.writeFileSync(fake, `#!/bin/sh\nprintf '%s\\n' "$PWD" "$@" > '${log}'\n`, { mode: 0o755 });
    const r = spawnSync(process.execPath, [start, '--no-build'], { cwd: repo, env: { ...process.env, ELECTRON_EXEC_PATH: fake }, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('starting electron app');
    // electron-vite starts the binary on the app folder, whose package.json names out/main/index.js.
    expect(fs.readFileSync(log, 'utf8').trim().split('\n')).toEqual([repo, '.']);
  }, 120_000);
});
