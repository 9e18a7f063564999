/**
 * The installed `tandem` command: bin/tandem.mjs running the built JavaScript
 * in out/cli, with the runtime dependencies only (no TypeScript loader), and
 * bulk imports parsed on the built parser threads.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParsePool } from '../../core/services/parse-pool';
import { parseWithSentences } from '../../core/services/parse-article';
import { tempDir, writeFiles } from '../support/project';

const repo = path.resolve(__dirname, '../..');
const built = path.join(repo, 'out/cli');
const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

const NB = ['Stormen stengte ferjesambandet over fjorden i natt.', 'Mannskapet fikk alle passasjerene trygt i land før midnatt.', 'Kommunen åpner skolen som tilfluktsrom for dem som ikke kommer hjem.'];
const EN = ['The storm closed the ferry crossing over the fjord last night.', 'The crew brought every passenger safely ashore before midnight.', 'The council is opening the school as a shelter for those who cannot get home.'];

/** An installed copy: the package files and a node_modules with the runtime dependencies alone. */
function install(dir: string): string {
  const app = path.join(dir, 'app');
  for (const entry of ['package.json', 'bin', 'out/cli']) fs.cpSync(path.join(repo, entry), path.join(app, entry), { recursive: true });
  for (const name of Object.keys(pkg.dependencies)) {
    fs.mkdirSync(path.dirname(path.join(app, 'node_modules', name)), { recursive: true });
    fs.symlinkSync(path.join(repo, 'node_modules', name), path.join(app, 'node_modules', name), 'junction');
  }
  return path.join(app, 'bin', 'tandem.mjs');
}

describe('the installed tandem command', () => {
  let dir: string;
  let cleanup: () => void;
  let tandem: (...args: string[]) => { status: number | null; stdout: string; stderr: string };

  beforeAll(() => {
    if (!['index.js', 'parse-worker.js', 'align-worker.js', 'meta.json'].every((f) => fs.existsSync(path.join(built, f)))) {
      // npm test builds first; a bare vitest run needs the build.
      expect(spawnSync(process.execPath, [path.join(repo, 'scripts/build-cli.mjs')], { cwd: repo }).status).toBe(0);
    }
    ({ dir, cleanup } = tempDir('tandem-installed-'));
    const bin = install(dir);
    tandem = (...args) => {
      const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NODE_OPTIONS: '' } });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    };
  });
  afterAll(() => cleanup?.());

  it('imports only node built-ins and runtime dependencies (no tsx, nothing of the dev tools)', () => {
    // esbuild's record of the bundles: every import left outside them.
    const meta = JSON.parse(fs.readFileSync(path.join(built, 'meta.json'), 'utf8')) as { outputs: Record<string, { imports: Array<{ path: string; external?: boolean }> }> };
    const bare = new Set(Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)));
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const outside = [...bare].filter((m) => !builtins.has(m)).map((m) => (m.startsWith('@') ? m.split('/').slice(0, 2).join('/') : m.split('/')[0]));
    expect(outside.length).toBeGreaterThan(0);
    for (const m of outside) expect(Object.keys(pkg.dependencies), m).toContain(m);
    expect(Object.keys(pkg.dependencies)).not.toContain('tsx');
  });

  it('runs from an install that has the runtime dependencies alone', () => {
    const help = tandem('--help');
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^usage: tandem COMMAND/);
    const bad = tandem('no-such-command');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown command "no-such-command"');
  });

  it('bulk-imports a folder on parser threads: every good file in, the bad one reported', () => {
    const input = path.join(dir, 'articles');
    const files: Record<string, string | Uint8Array> = {};
    for (let i = 0; i < 24; i++) {
      const lines = (i % 2 ? EN : NB).map((s) => s.replace(/\.$/, ` (${i + 1}).`));
      files[`article-${String(i + 1).padStart(2, '0')}.txt`] = lines.join('\n\n');
    }
    files['broken.txt'] = new Uint8Array([0, 1, 2, 0xff, 0xfe, 0, 0, 7, 8, 0]);
    writeFiles(input, files);
    const project = path.join(dir, 'bulk.tandem');
    expect(tandem('init', project).status).toBe(0);
    const r = tandem('import', project, input);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toContain('24 imported, 0 duplicates, 1 failed');
    expect(r.stdout + r.stderr).toMatch(/failed\s+\S*broken\.txt/);
    const list = tandem('list', project, '--json');
    const docs = JSON.parse(list.stdout) as Array<{ source: string; lang: string; paragraphs: number; sentences: number }>;
    expect(docs).toHaveLength(24);
    expect(new Set(docs.map((d) => d.lang))).toEqual(new Set(['nb', 'en']));
    expect(docs.every((d) => d.paragraphs === 3 && d.sentences === 3)).toBe(true);
  });

  it('aligns a long text on its built alignment threads, with the beads of one thread', () => {
    // Long enough to be cut into pieces (more than 1.5 times the piece size of 5000 segments).
    const count = 8000;
    const src: string[] = [];
    const tgt: string[] = [];
    for (let k = 0; k < count; k++) {
      src.push(NB[k % 3].replace(/\.$/, ` (${k + 1}).`));
      tgt.push(EN[k % 3].replace(/\.$/, ` (${k + 1}).`));
    }
    writeFiles(dir, { 'long.nb.txt': src.join('\n') + '\n', 'long.en.txt': tgt.join('\n') + '\n' });
    const two = tandem('align-files', 'long.nb.txt', 'long.en.txt', '--threads', '2', '--format', 'json');
    expect(two.status, two.stderr).toBe(0);
    const one = tandem('align-files', 'long.nb.txt', 'long.en.txt', '--threads', '1', '--format', 'json');
    expect(one.status, one.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const { beads } = JSON.parse(two.stdout) as { beads: Array<{ src: number[]; tgt: number[] }> };
    expect(beads).toHaveLength(count);
    expect(beads.every((b, k) => b.src.length === 1 && b.src[0] === k && b.tgt.length === 1 && b.tgt[0] === k)).toBe(true);
  });
});

describe('ParsePool with the built parser thread', () => {
  it('starts real threads and parses exactly as the calling thread does', async () => {
    const worker = pathToFileURL(path.join(built, 'parse-worker.js'));
    const pool = new ParsePool(2, worker);
    const inline = new ParsePool(2, null);
    try {
      expect(pool.threads).toBe(2);
      expect(inline.threads).toBe(0);
      const bytes = new TextEncoder().encode(NB.join('\n\n'));
      const [a, b] = await Promise.all([pool.parse('nb.txt', bytes, { abbreviations: { nb: ['ca.'] } }), pool.parse('empty.txt', new Uint8Array(), {})]);
      expect(a).toEqual(parseWithSentences('nb.txt', bytes, { abbreviations: { nb: ['ca.'] } }));
      expect(a.article?.lang).toBe('nb');
      expect(a.sentences?.encoded).toHaveLength(3);
      expect(b.error?.kind).toBe('invalid-input');
      expect(await inline.parse('nb.txt', bytes, {})).toEqual(a);
      // The project's abbreviations travel with each file to the threads, and stay with that call.
      const avd = new TextEncoder().encode('Han jobber i avd. Nord-Vest i Bergen.');
      expect((await pool.parse('avd.txt', avd, { lang: 'nb', abbreviations: { nb: ['avd'] } })).sentences).toEqual({ encoded: ['0:37'], count: 1 });
      expect((await pool.parse('avd.txt', avd, { lang: 'nb' })).sentences?.count).toBe(2);
    } finally {
      await pool.close();
      await inline.close();
    }
  });
});
