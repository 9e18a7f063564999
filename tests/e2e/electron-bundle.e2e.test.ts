import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/project';

const repo = path.resolve(__dirname, '../..');
const bundle = path.join(repo, 'out/main/index.js');

function withoutDevServer(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { ELECTRON_RENDERER_URL: _devServer, ...rest } = env;
  return rest;
}

describe('the built Electron main bundle', () => {
  it('starts under Node with a stand-in electron module: secure window, IPC, menus, demo project', () => {
    if (!fs.existsSync(bundle)) {
      // npm test builds first; a bare vitest run needs the build.
      expect(spawnSync(path.join(repo, 'node_modules/.bin/electron-vite'), ['build'], { cwd: repo }).status).toBe(0);
    }
    const { dir, cleanup } = tempDir();
    try {
      const reportFile = path.join(dir, 'report.json');
      const r = spawnSync(process.execPath, ['--import', path.join(repo, 'tests/support/register-electron-standin.mjs'), bundle], {
        cwd: repo,
        env: { ...withoutDevServer(process.env), TANDEM_STANDIN_REPORT: reportFile, TANDEM_STANDIN_USERDATA: dir, TANDEM_STANDIN_APPPATH: repo },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.status, r.stderr).toBe(0);
      const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
      expect(report.windows).toHaveLength(1);
      expect(report.windows[0].webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
      expect(fs.existsSync(report.windows[0].webPreferences.preload)).toBe(true);
      expect(report.loaded[0]).toMatch(/out[\\/]renderer[\\/]index\.html$/);
      expect(fs.existsSync(report.loaded[0])).toBe(true);
      expect(report.ipc).toContain('workbench:listDocuments');
      expect(report.menu).toEqual(['File', 'Edit', 'View', 'Alignment', 'Help']);
      expect(report.permissionHandler && report.cspHook).toBe(true);
      // First launch: the demo story, opened as the project.
      expect(fs.existsSync(path.join(dir, 'demo.tandem'))).toBe(true);
      expect(report.title).toBe('Tandem — demo.tandem');
    } finally {
      cleanup();
    }
  });
});

describe('the threads of the built Electron main bundle', () => {
  it('has the parser, export and alignment threads beside it, and each starts', async () => {
    const { Worker } = await import('node:worker_threads');
    for (const name of ['parse-worker', 'export-worker', 'align-worker']) {
      const file = path.join(repo, 'out/main', `${name}.js`);
      expect(fs.existsSync(file), name).toBe(true);
      const worker = new Worker(file);
      const started = await new Promise<string>((resolve) => {
        worker.once('online', () => resolve('online'));
        worker.once('error', (err) => resolve(`error: ${err.message}`));
      });
      await worker.terminate();
      expect(started, name).toBe('online');
    }
  });
});

describe('the built preload', () => {
  it('exposes the WorkbenchApi methods and nothing of ipcRenderer', async () => {
    const { WORKBENCH_METHODS } = await import('../../common/api');
    const script = `
      const Module = require('node:module');
      const exposed = {};
      const invoked = [];
      const standIn = {
        contextBridge: { exposeInMainWorld: (name, value) => { exposed[name] = value; } },
        ipcRenderer: { invoke: (channel, ...args) => { invoked.push(channel); return Promise.resolve({ ok: true, value: null }); }, on() {}, removeListener() {} },
      };
      const resolve = Module._resolveFilename;
      Module._resolveFilename = function (request, ...rest) { return request === 'electron' ? 'electron-standin' : resolve.call(this, request, ...rest); };
      require.cache['electron-standin'] = { id: 'electron-standin', filename: 'electron-standin', loaded: true, exports: standIn };
      require(${JSON.stringify(path.join(repo, 'out/preload/index.cjs'))});
      const api = exposed.tandem.api;
      api.listDocuments().then(() => {
        console.log(JSON.stringify({ keys: Object.keys(exposed), top: Object.keys(exposed.tandem).sort(), methods: Object.keys(api).sort(), invoked }));
      });`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.keys).toEqual(['tandem']);
    expect(out.top).toEqual(['api', 'onCommand', 'onEvent', 'shell']);
    expect(out.methods).toEqual([...WORKBENCH_METHODS].sort());
    expect(out.invoked).toEqual(['workbench:listDocuments']);
  });
});
