/**
 * The installed `tandem serve` (the built command line) over HTTP: the
 * projects of the served folder listed, a new one made by name and opened,
 * a path refused, and an export run on the built export thread.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProject } from '../../db/open';
import { createWorkbench } from '../../core/services/workbench';
import { b64, tempDir } from '../support/project';
import { ensureRendererBuilt } from '../support/browser';

const repo = path.resolve(__dirname, '../..');
let child: ChildProcess | null = null;
let url: URL;
let token: string;
const { dir, cleanup } = tempDir();

async function call<T>(method: string, ...args: unknown[]): Promise<{ ok: boolean; value: T; error?: { kind: string; message: string } }> {
  const r = await fetch(new URL(`/api/${method}`, url), { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Tandem-Token': token }, body: JSON.stringify(args) });
  return (await r.json()) as { ok: boolean; value: T; error?: { kind: string; message: string } };
}

beforeAll(async () => {
  // npm test builds first; a bare vitest run of this file builds what is missing.
  ensureRendererBuilt();
  if (!fs.existsSync(path.join(repo, 'out/cli/export-worker.js'))) {
    expect(spawnSync(process.execPath, [path.join(repo, 'scripts/build-cli.mjs')], { cwd: repo }).status).toBe(0);
  }
  // A project with an original and its translation, aligned on import.
  const file = path.join(dir, 'first.tandem');
  const db = openProject(file, { create: true });
  const api = createWorkbench(db, { name: 'first.tandem', annotator: 'kari' });
  const src = Array.from({ length: 50 }, (_, i) => `Linje ${i} om fergen og været ved kysten i dag.`).join('\n\n');
  const tgt = Array.from({ length: 50 }, (_, i) => `Line ${i} about the ferry and the weather on the coast today.`).join('\n\n');
  const a = (await api.importArticles([{ name: 'kilde.txt', base64: b64(src) }], { lang: 'nb' })).files[0].docId!;
  await api.importTranslation(a, { name: 'kilde.en.txt', base64: b64(tgt) }, { lang: 'en', provider: 'agency', kind: 'human' });
  db.close();
  child = spawn(process.execPath, [path.join(repo, 'bin/tandem.mjs'), 'serve', file, '--annotator', 'kari'], { cwd: repo });
  let out = '';
  child.stderr!.on('data', (d) => (out += d));
  const printed = await new Promise<string>((resolve, reject) => {
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
  url = new URL(printed);
  token = url.searchParams.get('token')!;
}, 180_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.on('exit', resolve));
    child.kill('SIGINT');
    await exited;
  }
  cleanup();
});

describe('tandem serve, built', () => {
  it('exports on its export thread, with the job recorded', async () => {
    const docs = await call<Array<{ id: number; translationOf: number | null }>>('listDocuments');
    const tr = docs.value.find((d) => d.translationOf !== null)!;
    const file = await call<{ name: string; units: number; content: string }>('exportAlignment', { format: 'tmx', pair: [tr.translationOf, tr.id], status: 'all' });
    expect(file.ok).toBe(true);
    expect(file.value.units).toBe(50);
    expect(file.value.content).toContain('<tmx');
    const jobs = await call<Array<{ kind: string; status: string; done: number }>>('listJobs');
    expect(jobs.value.find((j) => j.kind === 'export')).toMatchObject({ status: 'done', done: 50 });
  });

  it('lists the projects of its folder, makes a new one by name and serves it, and refuses a path', async () => {
    const list = await call<{ kind: string; projects: Array<{ name: string; current: boolean }> }>('listProjects');
    expect(list.value.kind).toBe('folder');
    expect(list.value.projects.map((p) => [p.name, p.current])).toEqual([['first.tandem', true]]);
    const bad = await call('createProject', '../elsewhere');
    expect(bad.ok).toBe(false);
    expect(bad.error!.message).toMatch(/one file name/);
    const made = await call<{ name: string }>('createProject', 'second');
    expect(made.value.name).toBe('second.tandem');
    expect(fs.existsSync(path.join(dir, 'second.tandem'))).toBe(true);
    expect((await call<unknown[]>('listDocuments')).value).toEqual([]);
    expect((await call<{ name: string }>('projectInfo')).value.name).toBe('second.tandem');
    const back = await call<{ name: string }>('openProject', 'first.tandem');
    expect(back.ok).toBe(true);
    expect((await call<unknown[]>('listDocuments')).value).toHaveLength(2);
  });
});
