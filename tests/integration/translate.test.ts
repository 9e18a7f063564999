import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSummary, JobInfo } from '../../common/types';
import type { TranslateSummary } from '../../common/api';
import { openProject } from '../../db/open';
import { listDocuments } from '../../db/queries/documents';
import { listJobs } from '../../db/queries/mt';
import { startFakeDeepL, type FakeDeepL } from '../support/fake-deepl';
import { runCli, runCliJson } from '../support/cli';
import { tempDir, writeFiles } from '../support/project';

const NB = 'Fergen gikk på grunn i natt.\nDet var sterk vind og høye bølger ved øya.\nAlle passasjerene kom seg i land.\nPolitiet sier at ingen ble skadet.\nFergen gikk på grunn i natt.';
const SV = 'Färjan gick på grund i natt.\nDet blåste hårt och vågorna var höga.\nAlla passagerare räddades, säger polisen.';

let fake: FakeDeepL;
let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());
afterEach(async () => {
  await fake?.close();
  delete process.env.DEEPL_AUTH_KEY;
  delete process.env.DEEPL_SERVER_URL;
});

async function project(name: string, files: Record<string, string> = { 'ferge.txt': NB, 'farja.txt': SV }): Promise<string> {
  const file = path.join(dir, name);
  await runCli('init', file);
  const paths = writeFiles(path.join(dir, `${name}-in`), files);
  const r = await runCli('import', file, ...paths, '--collection', 'ferry');
  expect(r.code).toBe(0);
  return file;
}

function useFake(server: FakeDeepL): void {
  process.env.DEEPL_AUTH_KEY = 'test-key:fx';
  process.env.DEEPL_SERVER_URL = server.url;
}

describe('tandem translate against a DeepL-compatible server', () => {
  it('makes one English paragraph per source paragraph, linked 1:1, and a second run bills nothing', async () => {
    fake = await startFakeDeepL({ requireAuthKey: 'test-key:fx' });
    useFake(fake);
    const file = await project('a.tandem');
    const first = await runCliJson<TranslateSummary>('translate', file);
    expect(first.documents).toHaveLength(2);
    // Five paragraphs in Norwegian, one repeated: it is sent once.
    expect(first.paragraphs).toBe(8);
    expect(first.billedCharacters).toBe([...new Set([...NB.split('\n'), ...SV.split('\n')])].join('').length);
    expect(first.requests).toBe(2);

    const docs = await runCliJson<DocumentSummary[]>('list', file);
    for (const original of docs.filter((d) => d.translationOf === null)) {
      const tr = docs.find((d) => d.translationOf === original.id)!;
      expect(tr).toMatchObject({ lang: 'en', paragraphs: original.paragraphs, provenance: { kind: 'mt', provider: 'deepl' } });
      expect(tr.provenance.detectedSourceLang).toBe(original.lang === 'nb' ? 'nb' : 'sv');
      const align = await runCliJson<{ links: Array<{ a: number[]; b: number[]; status: string }> }>('align', file, String(original.id), String(tr.id));
      expect(align.links).toHaveLength(original.paragraphs);
      expect(align.links.every((l, i) => l.a[0] === i + 1 && l.b[0] === i + 1 && l.status === 'confirmed')).toBe(true);
    }

    const again = await runCliJson<TranslateSummary>('translate', file);
    expect(again.billedCharacters).toBe(0);
    expect(again.requests).toBe(0);
  });

  it('shows on a dry run what would be billed, and what is cached, without a request', async () => {
    fake = await startFakeDeepL();
    useFake(fake);
    const file = await project('dry.tandem');
    const dry = await runCliJson<TranslateSummary>('translate', file, '--dry-run');
    expect(dry.wouldBill).toBeGreaterThan(0);
    expect(dry.cachedCharacters).toBe(0);
    expect(fake.translateRequests()).toHaveLength(0);
  });

  it('stops cleanly at the quota (456), keeps what was paid for, and resumes when the quota allows', async () => {
    fake = await startFakeDeepL();
    useFake(fake);
    const long = Array.from({ length: 120 }, (_, i) => `Avsnitt nummer ${i + 1} handler om fergen og stormen ved øya.`).join('\n');
    const file = await project('quota.tandem', { 'lang.txt': long });
    fake.setCharacterLimit(4000);
    const r = await runCli('translate', file, '--json');
    expect(r.code).toBe(1);
    const stopped = JSON.parse(r.stdout) as TranslateSummary;
    expect(stopped.stopped).toMatch(/quota/i);
    expect(stopped.billedCharacters).toBeGreaterThan(0);
    const db = openProject(file);
    const cachedRows = (db.prepare('SELECT count(*) AS n FROM mt_cache').get() as { n: number }).n;
    expect(cachedRows).toBe(stopped.paragraphs);
    // The job says how far it got: the paragraphs stored before the stop.
    expect(listJobs(db)[0]).toMatchObject({ status: 'failed', done: stopped.paragraphs, message: expect.stringMatching(/kept/) });
    db.close();

    fake.setCharacterLimit(1_000_000);
    const resumed = await runCliJson<TranslateSummary>('translate', file);
    expect(resumed.cached).toBe(stopped.paragraphs);
    expect(resumed.paragraphs).toBe(120 - stopped.paragraphs);
    expect(resumed.documents[0].translation).not.toBeNull();
  });

  it('reports an authentication failure clearly', async () => {
    fake = await startFakeDeepL({ requireAuthKey: 'the-right-key' });
    useFake(fake);
    const file = await project('auth.tandem');
    const r = await runCli('translate', file);
    expect(r.code).toBe(1);
    expect(r.stderr + r.stdout).toMatch(/auth|key|403/i);
  });

  it('retries 429 and 503 with backoff and still completes', async () => {
    fake = await startFakeDeepL();
    useFake(fake);
    const file = await project('retry.tandem');
    fake.failNext(1, 429, { path: '/v2/translate' });
    fake.failNext(1, 503, { path: '/v2/translate' });
    const r = await runCliJson<TranslateSummary>('translate', file);
    expect(r.documents.every((d) => d.translation !== null)).toBe(true);
  });

  it('loses nothing paid for when killed with SIGKILL mid-job, and the next run resumes', async () => {
    fake = await startFakeDeepL({ delayMs: 800 });
    useFake(fake);
    const paras = Array.from({ length: 600 }, (_, i) => `Setning ${i + 1}: fergen, stormen og redningen ved øya i natt.`).join('\n');
    const file = await project('kill.tandem', { 'big.txt': paras });
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '../../cli/index.ts'), 'translate', file], {
      env: { ...process.env, DEEPL_AUTH_KEY: 'test-key:fx', DEEPL_SERVER_URL: fake.url },
      stdio: 'ignore',
    });
    const exited = new Promise((r) => child.once('exit', r));
    // Wait until some requests were answered, then kill without warning.
    const deadline = Date.now() + 20_000;
    while (fake.translateRequests().length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    await exited;
    const paidBeforeKill = fake.translateRequests().reduce((n, req) => n + (req.params.text ?? []).length, 0);
    expect(paidBeforeKill).toBeGreaterThan(0);

    const db = openProject(file);
    const cached = (db.prepare('SELECT count(*) AS n FROM mt_cache').get() as { n: number }).n;
    db.close();
    // Everything the process received was stored at once. What the server had sent but the
    // process had not yet read when it died (at most the two requests in flight, 50 texts each)
    // is the only loss no client can prevent.
    expect(cached).toBeGreaterThanOrEqual(paidBeforeKill - 2 * 50);
    expect(cached).toBeGreaterThan(0);

    fake.setDelay(0);
    fake.resetLog();
    const resumed = await runCliJson<TranslateSummary>('translate', file);
    expect(resumed.cached).toBe(cached);
    expect(resumed.paragraphs).toBe(600 - cached);
    const after = openProject(file);
    const jobs: JobInfo[] = listJobs(after);
    expect(jobs.some((j) => j.status === 'interrupted')).toBe(true);
    expect(jobs[0].status).toBe('done');
    const translation = listDocuments(after).find((d) => d.translationOf !== null)!;
    expect(translation.paragraphs).toBe(600);
    after.close();
  });

  it('turns a TSV glossary into one DeepL glossary, reused, and replaced when the file changes', async () => {
    fake = await startFakeDeepL();
    useFake(fake);
    const file = await project('glossary.tandem', { 'ferge.txt': NB });
    const tsv = writeFiles(dir, { 'terms.tsv': 'ferge\tferry\nøya\tthe island\n' })[0];
    expect((await runCli('translate', file, '--glossary', tsv, '--glossary-from', 'nb')).code).toBe(0);
    expect(fake.state.glossaries.size).toBe(1);
    const first = [...fake.state.glossaries.keys()][0];
    const glossaryRequests = () => fake.translateRequests().filter((r) => (r.params.glossary_id ?? []).length > 0);
    expect(glossaryRequests().length).toBeGreaterThan(0);
    const dropTranslations = () => {
      const db = openProject(file);
      db.prepare('DELETE FROM documents WHERE translation_of IS NOT NULL').run();
      db.close();
    };
    // Same file: the glossary is reused, nothing new is created.
    dropTranslations();
    expect((await runCli('translate', file, '--glossary', tsv, '--glossary-from', 'nb')).code).toBe(0);
    expect([...fake.state.glossaries.keys()]).toEqual([first]);
    // A changed file replaces the glossary: the old one is deleted.
    writeFiles(dir, { 'terms.tsv': 'ferge\tcar ferry\n' });
    dropTranslations();
    expect((await runCli('translate', file, '--glossary', tsv, '--glossary-from', 'nb')).code).toBe(0);
    expect(fake.state.glossaries.size).toBe(1);
    expect([...fake.state.glossaries.keys()][0]).not.toBe(first);
    const bad = writeFiles(dir, { 'bad.tsv': 'just one column\n' })[0];
    const r = await runCli('translate', file, '--glossary', bad, '--glossary-from', 'nb');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/glossary line 1/);
  });

  it('shows usage from the API', async () => {
    fake = await startFakeDeepL({ characterLimit: 500000 });
    useFake(fake);
    const file = await project('usage.tandem');
    const u = await runCliJson<{ characterCount: number; characterLimit: number }>('usage', file);
    expect(u).toEqual({ characterCount: 0, characterLimit: 500000 });
  });
});
