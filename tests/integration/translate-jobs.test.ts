import net from 'node:net';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TranslateSummary } from '../../common/api';
import { openProject } from '../../db/open';
import { listDocuments } from '../../db/queries/documents';
import { listJobs } from '../../db/queries/mt';
import { startFakeDeepL, type FakeDeepL } from '../support/fake-deepl';
import { runCli } from '../support/cli';
import { tandemProcess } from '../support/child';
import { tempDir, writeFiles } from '../support/project';

let fake: FakeDeepL | undefined;
let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('tandem-mt-jobs-')));
afterAll(() => cleanup());
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Two articles of distinct paragraphs, so the characters a full translation bills are known. */
function articles(n: number): Record<string, string> {
  const nb = Array.from({ length: n }, (_, i) => `Avsnitt ${i + 1} om brua som stengte, og køene som fulgte etter stengingen.`);
  const sv = Array.from({ length: n }, (_, i) => `Stycke ${i + 1} om bron som stängdes, och köerna som följde efter stängningen.`);
  return { 'bru.txt': nb.join('\n'), 'bro.txt': sv.join('\n') };
}

function chars(files: Record<string, string>): number {
  return Object.values(files).flatMap((t) => t.split('\n')).reduce((sum, p) => sum + [...p].length, 0);
}

async function project(name: string, files: Record<string, string>): Promise<string> {
  const file = path.join(dir, name);
  expect((await runCli('init', file)).code).toBe(0);
  const paths = writeFiles(path.join(dir, `${name}-in`), files);
  expect((await runCli('import', file, ...paths, '--collection', 'bridge')).code).toBe(0);
  return file;
}

const env = (url: string) => ({ DEEPL_AUTH_KEY: 'test-key:fx', DEEPL_SERVER_URL: url });

function jobs(file: string) {
  const db = openProject(file);
  try {
    return listJobs(db);
  } finally {
    db.close();
  }
}

describe('one translation job per project at a time', () => {
  it('two translate runs started together bill the project once', async () => {
    fake = await startFakeDeepL({ delayMs: 2000 });
    const files = articles(200);
    const file = await project('twice.tandem', files);
    // The second starts while the first is translating (its first request is on the wire), as a
    // second terminal would; the first has about eight seconds of work left.
    const a = tandemProcess(['translate', file, '--json'], env(fake.url));
    while (fake.state.requests.filter((r) => r.path === '/v2/translate').length === 0) await sleep(50);
    const b = tandemProcess(['translate', file, '--json'], env(fake.url));
    const [ra, rb] = await Promise.all([a.done, b.done]);
    for (const r of [ra, rb]) {
      expect(r.stderr).not.toMatch(/\n\s+at |UNIQUE/);
      expect(r.code).toBe(0);
    }
    const summaries = [ra, rb].map((r) => JSON.parse(r.stdout) as TranslateSummary);
    // Everything was billed exactly once, by one of the two runs.
    expect(fake.state.charactersUsed).toBe(chars(files));
    expect(summaries.map((s) => s.billedCharacters).sort((x, y) => x - y)).toEqual([0, chars(files)]);
    // The other one waited and said so.
    expect(ra.stderr + rb.stderr).toMatch(/another translation of this project is running .*waiting/i);
    const db = openProject(file);
    expect(listDocuments(db).filter((d) => d.translationOf !== null)).toHaveLength(2);
    db.close();
    expect(jobs(file).filter((j) => j.status === 'running')).toEqual([]);
  }, 120_000);

  it('with --no-wait the second run stops at once with a clear message', async () => {
    fake = await startFakeDeepL({ delayMs: 4000 });
    const file = await project('nowait.tandem', articles(150));
    const first = tandemProcess(['translate', file, '--json'], env(fake.url));
    while (fake.state.requests.filter((r) => r.path === '/v2/translate').length === 0) await sleep(50);
    const second = await tandemProcess(['translate', file, '--no-wait'], env(fake.url)).done;
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/^tandem translate: another translation of this project is running \(process \d+/m);
    expect(second.stderr).not.toMatch(/\n\s+at /);
    expect((await first.done).code).toBe(0);
  }, 120_000);

  it('a run killed with SIGKILL does not block the next one, and its job is marked interrupted', async () => {
    fake = await startFakeDeepL({ delayMs: 1500 });
    const files = articles(120);
    const file = await project('killed.tandem', files);
    const first = tandemProcess(['translate', file], env(fake.url));
    // Killed once it has stored what it was paid for so far.
    const stored = () => {
      const db = openProject(file, { readonly: true });
      try {
        return db.prepare('SELECT count(*) FROM mt_cache').pluck().get() as number;
      } finally {
        db.close();
      }
    };
    while (stored() === 0) await sleep(50);
    first.child.kill('SIGKILL');
    await first.done;
    fake.setDelay(0);
    const t0 = Date.now();
    const second = await tandemProcess(['translate', file, '--json'], env(fake.url)).done;
    expect(second.code).toBe(0);
    // It did not wait for the dead run's lease to expire.
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(second.stderr).not.toMatch(/waiting/);
    const all = jobs(file);
    expect(all.map((j) => j.status).sort()).toEqual(['done', 'interrupted']);
    // What the dead run received and stored is not paid for again.
    const summary = JSON.parse(second.stdout) as TranslateSummary;
    expect(summary.cached).toBeGreaterThan(0);
    expect(fake.state.charactersUsed).toBeLessThanOrEqual(chars(files) + 2 * 50 * 80);
  }, 120_000);
});

describe('a DeepL endpoint that never answers', () => {
  it('fails within seconds with one clear line, saying what it retried', async () => {
    // Accepts connections, reads requests, never answers.
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((s) => {
      sockets.add(s);
      s.on('data', () => {});
      s.on('error', () => {});
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const file = await project('silent.tandem', articles(3));
      const t0 = Date.now();
      const r = await tandemProcess(['translate', file, '--timeout', '1'], env(url)).done;
      const seconds = (Date.now() - t0) / 1000;
      expect(r.code).toBe(1);
      expect(seconds).toBeLessThan(20);
      expect(r.stderr).toMatch(/did not answer within 1 s.*retrying/i);
      expect(r.stderr).toMatch(/stopped: .*did not answer within 1 s/i);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      const [job] = jobs(file);
      expect(job.status).toBe('failed');
      expect(job.message).toMatch(/did not answer/);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  }, 60_000);

  it('stops at the job deadline even while requests still get answers slowly', async () => {
    fake = await startFakeDeepL({ delayMs: 700 });
    const file = await project('deadline.tandem', articles(200));
    const t0 = Date.now();
    const r = await tandemProcess(['translate', file, '--deadline', '2', '--json'], env(fake.url)).done;
    expect(r.code).toBe(1);
    expect(Date.now() - t0).toBeLessThan(20_000);
    const summary = JSON.parse(r.stdout) as TranslateSummary;
    expect(summary.stopped).toMatch(/deadline of 2 s/);
    const [job] = jobs(file);
    expect(job.status).toBe('failed');
    // What came back before the deadline is kept and counted.
    const db = openProject(file);
    const cached = db.prepare('SELECT count(*) FROM mt_cache').pluck().get() as number;
    db.close();
    expect(job.done).toBe(cached);
  }, 60_000);
});
