/**
 * Long actions as jobs through the API, each with progress events and a stop
 * that really stops it and leaves the project consistent: an import of many
 * files (stopped between two files), a translation (stopped between requests,
 * what came back kept and cached), an export (run on a thread of its own and
 * ended there; nothing written).
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkbenchApi, WorkbenchEvent } from '../../common/api';
import type { JobInfo } from '../../common/types';
import { openProject, type Db } from '../../db/open';
import { createWorkbench } from '../../core/services/workbench';
import { exportAlignment } from '../../core/services/export';
import { startFakeDeepL, type FakeDeepL } from '../support/fake-deepl';
import { b64, tempDir } from '../support/project';

let dir: string;
let cleanup: () => void;
let db: Db;
let api: WorkbenchApi;
let events: JobInfo[];
let fake: FakeDeepL | null = null;
let onJob: (job: JobInfo) => void = () => {};

function open(mt?: { authKey: () => string; serverUrl: string }): void {
  const file = path.join(dir, 'jobs.tandem');
  db = openProject(file, { create: true });
  api = createWorkbench(db, { name: 'jobs.tandem', file, annotator: 'kari', mt, emit: (e: WorkbenchEvent) => {
    if (e.type === 'job') {
      events.push(e.job);
      onJob(e.job);
    }
  } });
}

/** A short article of our own, numbered so every file differs. */
const article = (i: number) => `Melding nummer ${i} fra kysten\n\nFergen til øy nummer ${i} er innstilt i dag på grunn av sterk vind. Neste avgang er planlagt i morgen tidlig.\n\nPassasjerer bes følge med på nettsidene.`;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  events = [];
  onJob = () => {};
});
afterEach(async () => {
  db.close();
  cleanup();
  await fake?.close();
  fake = null;
});

describe('importing many files', () => {
  const FILES = 300;
  it('reports progress file by file, and a stop ends it between two files, keeping the files imported', async () => {
    open();
    // Enough files that the import is still running when the stop, sent on a progress event (at most every 100 ms), arrives.
    const files = Array.from({ length: FILES }, (_, i) => ({ name: `melding-${i}.txt`, base64: b64(article(i)) }));
    onJob = (job) => {
      if (job.kind === 'import' && job.status === 'running' && job.done >= 5) void api.cancelJob(job.id);
    };
    const report = await api.importArticles(files, { collection: 'kyst' });
    expect(report.stopped).toMatch(/stopped by the user after \d+ of 300 files/);
    expect(report.imported).toBeGreaterThanOrEqual(5);
    expect(report.imported).toBeLessThan(FILES);
    expect(report.files).toHaveLength(report.imported);
    const docs = await api.listDocuments();
    expect(docs).toHaveLength(report.imported);
    // Every document imported is whole: all its paragraphs are there.
    for (const d of docs) expect((await api.getDocument(d.id)).paragraphList).toHaveLength(3);
    const job = (await api.listJobs()).find((j) => j.id === report.jobId)!;
    expect(job).toMatchObject({ kind: 'import', status: 'interrupted', total: FILES, done: report.imported });
    expect(job.message).toMatch(/import the rest again/);
    const seen = events.filter((e) => e.id === report.jobId);
    expect(seen[0]).toMatchObject({ status: 'running', done: 0, total: FILES });
    expect(seen.at(-1)!.status).toBe('interrupted');

    // Importing everything again adds the rest; those already in are duplicates.
    onJob = () => {};
    const again = await api.importArticles(files, { collection: 'kyst' });
    expect(again.stopped).toBeNull();
    expect(again.imported + again.duplicates).toBe(FILES);
    expect(again.duplicates).toBe(report.imported);
  });
});

describe('translating', () => {
  it('stops between requests when asked: what came back is kept and cached, and the next run goes on from there', async () => {
    fake = await startFakeDeepL({ requireAuthKey: 'k:fx', delayMs: 150 });
    open({ authKey: () => 'k:fx', serverUrl: fake.url });
    // 200 paragraphs: four requests of at most 50 texts, each answered after 150 ms.
    const long = Array.from({ length: 200 }, (_, i) => `Avsnitt ${i}: fergen til øya går ikke i dag fordi det blåser for mye.`).join('\n\n');
    await api.importArticles([{ name: 'lang.txt', base64: b64(long) }], { lang: 'nb' });
    let started: JobInfo | null = null;
    onJob = (job) => {
      if (job.kind !== 'translate') return;
      started ??= job;
      if (job.status === 'running' && job.done >= 1) void api.cancelJob(job.id);
    };
    const first = await api.translate({});
    expect(started).toMatchObject({ status: 'running', done: 0, total: 200 });
    expect(first.stopped).toBe('stopped by the user');
    expect(first.paragraphs).toBeGreaterThanOrEqual(50);
    expect(first.paragraphs).toBeLessThan(200);
    // No half translation became a document.
    expect((await api.listDocuments()).filter((d) => d.provenance.kind === 'mt')).toEqual([]);
    expect((await api.listJobs()).find((j) => j.id === first.jobId)!.status).toBe('interrupted');
    const billedBefore = fake.translateRequests().length;

    onJob = () => {};
    const second = await api.translate({});
    expect(second.stopped).toBeNull();
    expect(second.cached).toBeGreaterThanOrEqual(first.paragraphs);
    const sent = fake.translateRequests().slice(billedBefore).reduce((n, r) => n + (r.params.text?.length ?? 0), 0);
    expect(sent).toBe(200 - second.cached);
    expect((await api.listDocuments()).filter((d) => d.provenance.kind === 'mt')).toHaveLength(1);
  });
});

describe('exporting', () => {
  async function aligned(n: number): Promise<number[]> {
    const src = Array.from({ length: n }, (_, i) => `Linje ${i} om fergen og været ved kysten i dag.`).join('\n\n');
    const tgt = Array.from({ length: n }, (_, i) => `Line ${i} about the ferry and the weather on the coast today.`).join('\n\n');
    const a = (await api.importArticles([{ name: 'kilde.txt', base64: b64(src) }], { lang: 'nb' })).files[0].docId!;
    const b = (await api.importTranslation(a, { name: 'kilde.en.txt', base64: b64(tgt) }, { lang: 'en', provider: 'agency', kind: 'human' })).docId!;
    return [a, b];
  }

  it('runs on a thread of its own with progress, and gives what the export gives in place', async () => {
    open();
    const pair = await aligned(400);
    const file = await api.exportAlignment({ format: 'tmx', pair: [pair[0], pair[1]], status: 'all' });
    expect(file.units).toBe(400);
    const here = exportAlignment(db, { format: 'tmx', pair: [pair[0], pair[1]], status: 'all' });
    const strip = (s: string) => s.replace(/creationdate="[^"]*"/g, '');
    expect(strip(file.content)).toBe(strip(here.content));
    const job = events.filter((e) => e.kind === 'export').at(-1)!;
    expect(job).toMatchObject({ status: 'done', done: 400, total: 400 });
  });

  it('is stopped at once when asked, and nothing is written', async () => {
    open();
    const pair = await aligned(20_000);
    const jobsBefore = (await api.listJobs()).length;
    onJob = (job) => {
      if (job.kind === 'export' && job.status === 'running' && job.done > 0) void api.cancelJob(job.id);
    };
    const err = await api.exportAlignment({ format: 'xliff', pair: [pair[0], pair[1]], status: 'all' }).catch((e: Error & { kind?: string }) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as { kind?: string }).kind).toBe('cancelled');
    const job = (await api.listJobs()).find((j) => j.kind === 'export')!;
    expect(job.status).toBe('interrupted');
    expect(job.done).toBeLessThan(20_000);
    expect((await api.listJobs()).length).toBe(jobsBefore + 1);
  }, 60_000);
});
