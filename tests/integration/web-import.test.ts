import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentDetail, DocumentSummary, ImportReport } from '../../common/types';
import { runCli, runCliJson } from '../support/cli';
import { memoryProject, tempDir, writeFiles } from '../support/project';
import { WEB_FIXTURES, servedBytes, startFixtureServer, type FixtureServer } from '../support/web-server';
import { importUrls } from '../../core/services/web-import';
import { mergeProjects } from '../../core/services/merge';
import { listDocuments } from '../../db/queries/documents';
import { createWorkbench } from '../../core/services/workbench';
import { USER_AGENT } from '../../core/web/fetch';
import type { WorkbenchEvent } from '../../common/api';

let srv: FixtureServer;
let dir: string;
let cleanup: () => void;
let project: string;

/** A port on 127.0.0.1 where nothing listens: connections are refused. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

beforeAll(async () => {
  srv = await startFixtureServer();
  ({ dir, cleanup } = tempDir());
  project = path.join(dir, 'web.tandem');
  expect((await runCli('init', project)).code).toBe(0);
});
afterAll(async () => {
  await srv.close();
  cleanup();
});

describe('tandem import PROJECT URL', () => {
  it('imports pages and files in one batch; bad addresses are reported and the rest import', async () => {
    const refused = `http://127.0.0.1:${await closedPort()}/page`;
    const file = path.join(dir, 'sv-comments.html');
    fs.writeFileSync(file, servedBytes('sv-comments.html'));
    const run = await runCli('import', project, srv.url('/page/no-article.html'), file, srv.url('/page/ru-article-cp1251.html'), srv.url('/missing'), srv.url('/report.pdf'), srv.url('/slow'), refused, 'ftp://example.invalid/x', '--timeout', '1.5', '--collection', 'ferries', '--json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as ImportReport;
    const by = Object.fromEntries(report.files.map((f) => [f.file, f]));
    expect(report).toMatchObject({ imported: 3, failed: 5, duplicates: 0 });
    expect(by[srv.url('/page/no-article.html')]).toMatchObject({ status: 'imported', paragraphs: 11 });
    expect(by[srv.url('/missing')].reason).toMatch(/HTTP 404.*page not found/);
    expect(by[srv.url('/report.pdf')].reason).toMatch(/serves application\/pdf, not a web page/);
    expect(by[srv.url('/slow')].reason).toMatch(/within 2 s \(timeout\)|within 1 s \(timeout\)/);
    expect(by[refused].reason).toMatch(/refused the connection/);
    expect(by['ftp://example.invalid/x'].reason).toMatch(/only http and https/);
    expect(srv.lastUserAgent).toBe(USER_AGENT);
  });

  it('keeps the address and fetch time as provenance, and the page metadata beside the text, in list, show and JSON', async () => {
    const docs = await runCliJson<DocumentSummary[]>('list', project);
    const ferry = docs.find((d) => d.source === srv.url('/page/no-article.html'))!;
    expect(ferry.title).toBe('Ferja gikk på grunn ved Hareid');
    expect(ferry.meta).toMatchObject({
      url: srv.url('/page/no-article.html'),
      canonicalUrl: 'https://www.avisavestkyst.example/nyheter/ferja-gikk-pa-grunn/8812',
      siteName: 'Avisa Vestkyst',
      byline: 'Ingrid Sætre, Tor Helge Vik',
      published: '2024-03-05T08:14:00+01:00',
      pageLang: 'nb-NO',
      extraction: 'article',
      captions: false,
    });
    expect(Date.now() - Date.parse(ferry.meta!.fetchedAt!)).toBeLessThan(60_000);
    const file = docs.find((d) => d.source === 'sv-comments.html')!;
    expect(file.meta).toMatchObject({ url: null, fetchedAt: null, byline: 'Annika Lundqvist', siteName: 'Västkustbladet' });
    // The Russian page is in windows-1251, declared only in its <meta>.
    const ru = docs.find((d) => d.source.endsWith('ru-article-cp1251.html'))!;
    expect(ru).toMatchObject({ lang: 'ru', title: 'В Петрозаводске открыли новый мост через Лососинку' });

    const list = await runCli('list', project);
    expect(list.stdout).toMatch(/site\s+published\s+byline/);
    expect(list.stdout).toMatch(/Avisa Vestkyst\s+2024-03-05\s+Ingrid Sætre, Tor Helge Vik/);
    const show = await runCli('show', project, srv.url('/page/no-article.html'));
    expect(show.stdout).toContain('by Ingrid Sætre, Tor Helge Vik · Avisa Vestkyst · published 2024-03-05T08:14:00+01:00 · page language nb-NO · fetched from');
    const detail = await runCliJson<DocumentDetail & { paragraphs: Array<{ text: string }> }>('show', project, String(ferry.id));
    const texts = detail.paragraphs.map((p) => p.text);
    expect(texts[0]).toBe('Ferja gikk på grunn ved Hareid');
    expect(texts.join('\n')).not.toMatch(/Les også|Mest lese|informasjonskapsler|Ansvarleg redaktør|Meld deg på|Annonse|Ingrid Sætre/);
  });

  it('does not fetch an address already in the project again, nor one that redirects to it', async () => {
    const before = srv.hits.get('/page/no-article.html') ?? 0;
    const report = await runCliJson<ImportReport>('import', project, srv.url('/page/no-article.html#comments'), srv.url('/moved'));
    expect(report.duplicates).toBe(2);
    expect(report.files[0]).toMatchObject({ status: 'duplicate', reason: 'this address is already in the project' });
    expect(report.files[1]).toMatchObject({ status: 'duplicate', reason: 'the page is already in the project under another address' });
    // The first was known by its address and never fetched; the redirect was followed once.
    expect(srv.hits.get('/page/no-article.html')).toBe(before + 1);
  });

  it('--html full imports the whole page, --captions keeps captions', async () => {
    const { dir: d2, cleanup: c2 } = tempDir();
    try {
      const p2 = path.join(d2, 'b.tandem');
      await runCli('init', p2);
      const full = await runCliJson<ImportReport>('import', p2, srv.url('/page/nl-article.html'), '--html', 'full');
      const article = await runCliJson<ImportReport>('import', p2, srv.url('/page/no-divsoup.html'), '--captions');
      expect(full.files[0].paragraphs).toBeGreaterThan(30);
      const docs = await runCliJson<DocumentSummary[]>('list', p2);
      expect(docs[0].meta).toMatchObject({ extraction: 'full', byline: 'Sanne de Vries' });
      expect(docs[0].title).toBe('Dijk bij Kampen versterkt na hoogwater | Nieuws | De IJsselbode');
      expect(docs[1].meta).toMatchObject({ extraction: 'article', captions: true });
      const shown = await runCliJson<{ paragraphs: Array<{ text: string }> }>('show', p2, String(article.files[0].docId));
      expect(shown.paragraphs.map((p) => p.text)).toContain('Kraftlinjer ved Kobbelv kraftverk i Sørfold. Foto: Jonas Berg');
      expect((await runCli('import', p2, srv.url('/page/x.html'), '--html', 'summary')).stderr).toMatch(/--html takes article or full/);
    } finally {
      c2();
    }
  });
});

describe('saved pages', () => {
  it('imports the .html of a "Web page, complete" and skips its _files folder; reads .mhtml', async () => {
    const { dir: d3, cleanup: c3 } = tempDir();
    try {
      const folder = path.join(d3, 'saved');
      const chromeSaved = `<!DOCTYPE html>\n<!-- saved from url=(0063)https://www.avisavestkyst.example/nyheter/ferja-gikk-pa-grunn/8812 -->\n${servedBytes('nl-article.html').toString('utf8').replace(/^<!doctype html>/i, '')}`;
      writeFiles(folder, {
        'Dijk bij Kampen.html': chromeSaved,
        'Dijk bij Kampen_files/style.css': 'body { color: red }',
        'Dijk bij Kampen_files/frame.html': '<html><body><p>An advertising frame saved with the page, which is not an article at all.</p></body></html>',
        'Dijk bij Kampen_files/logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
        'Strømprisen.mhtml': mhtmlOf(servedBytes('no-divsoup.html'), 'https://nordlandsposten.example/okonomi/55120'),
      });
      const p3 = path.join(d3, 'c.tandem');
      await runCli('init', p3);
      const report = await runCliJson<ImportReport>('import', p3, folder);
      expect(report.files.map((f) => [path.basename(f.file), f.status])).toEqual([['Dijk bij Kampen.html', 'imported'], ['Strømprisen.mhtml', 'imported']]);
      const docs = await runCliJson<DocumentSummary[]>('list', p3);
      expect(docs[0].meta?.url).toBe('https://www.avisavestkyst.example/nyheter/ferja-gikk-pa-grunn/8812');
      expect(docs[1]).toMatchObject({ title: 'Strømprisen stiger igjen i nord', lang: 'nb', meta: { url: 'https://nordlandsposten.example/okonomi/55120', byline: 'Per Arne Olsen', published: '2024-02-12T06:30:00+01:00' } });
      // The address a page was saved from counts as in the project: importing it is a duplicate, with nothing fetched.
      const again = await runCliJson<ImportReport>('import', p3, 'https://www.avisavestkyst.example/nyheter/ferja-gikk-pa-grunn/8812', 'https://nordlandsposten.example/okonomi/55120');
      expect(again.files.map((f) => [f.status, f.duplicateOf])).toEqual([['duplicate', docs[0].id], ['duplicate', docs[1].id]]);
    } finally {
      c3();
    }
  });
});

describe('a large folder of saved pages', () => {
  it('goes through the parallel import path with the same extraction and metadata', async () => {
    const { dir: d4, cleanup: c4 } = tempDir();
    try {
      const files = fs.readdirSync(WEB_FIXTURES).filter((f) => f.endsWith('.html'));
      const heldout = fs.readdirSync(path.join(WEB_FIXTURES, 'heldout')).filter((f) => f.endsWith('.html'));
      const folder = path.join(d4, 'pages');
      fs.mkdirSync(folder);
      for (const f of files) fs.writeFileSync(path.join(folder, f), servedBytes(f));
      for (const f of heldout) fs.writeFileSync(path.join(folder, f), servedBytes(path.join('heldout', f)));
      expect(files.length + heldout.length).toBeGreaterThanOrEqual(16);
      const p4 = path.join(d4, 'd.tandem');
      await runCli('init', p4);
      const report = await runCliJson<ImportReport>('import', p4, folder, '--collection', 'all');
      expect(report.imported).toBe(files.length + heldout.length);
      const docs = await runCliJson<DocumentSummary[]>('list', p4);
      const nl = docs.find((d) => d.source === 'nl-tables-latin1.html')!;
      expect(nl).toMatchObject({ title: 'Streekmuseum krijgt schilderij van Van der Hoef terug', paragraphs: 6, meta: { siteName: 'Drentse Courant', published: '2023-10-03' } });
      expect(docs.every((d) => d.meta?.extraction === 'article')).toBe(true);
    } finally {
      c4();
    }
  });
});

function mhtmlOf(page: Buffer, location: string): Uint8Array {
  const b = '----MultipartBoundary--t3st----';
  const b64 = page.toString('base64').replace(/(.{76})/g, '$1\r\n');
  return Buffer.from(`From: <Saved by Blink>\r\nSnapshot-Content-Location: ${location}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="${b}"\r\n\r\n\r\n--${b}\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\nContent-Location: ${location}\r\n\r\n${b64}\r\n--${b}--\r\n`, 'latin1');
}

describe('importUrls (the API)', () => {
  it('leaves out a paragraph that a site repeats at the end of three of its pages, and keeps what two pages share', async () => {
    const pages: Record<string, string> = {};
    const tip = 'Har du tips om denne saka? Ring vaktsjefen på 700 12 345 eller send oss ein e-post.';
    const shared = 'Havarikommisjonen har sendt to inspektørar til Hareid for å undersøkje ulykka nærare.';
    const body = (n: number) => `<p>Dette er den ${n}. saka frå kysten denne veka, og ho handlar om noko heilt anna enn dei andre sakene.</p><p>Kommunen seier at arbeidet med saka nummer ${n} skal vere ferdig før sommaren, men det er framleis usikkert.</p>`;
    for (const n of [1, 2, 3]) {
      pages[`/site/${n}`] = `<!doctype html><html lang="nn"><head><meta charset="utf-8"><title>Sak ${n} – Kystavisa</title></head><body><article><h1>Sak nummer ${n} frå kysten</h1>${body(n)}${n < 3 ? `<p>${shared}</p>` : ''}<p>${tip}</p></article></body></html>`;
    }
    const site = await startFixtureServer(Object.fromEntries(Object.entries(pages).map(([p, html]) => [p, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    }])));
    try {
      const db = memoryProject();
      const report = await importUrls(db, ['/site/1', '/site/2', '/site/3'].map((p) => site.url(p)));
      expect(report.imported).toBe(3);
      expect(report.files[0].reason).toMatch(/left out 1 paragraph that the site repeats/);
      const texts = (db.prepare('SELECT d.id, group_concat(p.text, char(10)) AS t FROM documents d JOIN paragraphs p ON p.doc_id = d.id GROUP BY d.id ORDER BY d.id').all() as Array<{ t: string }>).map((r) => r.t);
      for (const t of texts) expect(t).not.toContain(tip);
      expect(texts[0]).toContain(shared);
      expect(texts[1]).toContain(shared);
      db.close();
    } finally {
      await site.close();
    }
  });

  it('reports each page, records a job with progress, skips a repeated address, and refuses a page over the size limit', async () => {
    const db = memoryProject();
    const events: WorkbenchEvent[] = [];
    const api = createWorkbench(db, { name: 'w', annotator: 't', emit: (e) => events.push(e) });
    const report = await api.importUrls([srv.url('/page/sv-comments.html'), srv.url('/page/sv-comments.html'), srv.url('/page/zh-divsoup-gbk.html')], { collection: 'mixed' });
    expect(report.files.map((f) => f.status)).toEqual(['imported', 'duplicate', 'imported']);
    expect(report.files[1].reason).toBe('the same address is earlier in this batch');
    const jobs = events.filter((e): e is Extract<WorkbenchEvent, { type: 'job' }> => e.type === 'job').map((e) => e.job);
    expect(jobs.at(-1)).toMatchObject({ kind: 'import-urls', status: 'done', total: 3, done: 3, message: '2 imported, 1 duplicates, 0 failed' });
    expect(events.some((e) => e.type === 'changed' && e.what === 'documents')).toBe(true);
    const zh = (await api.listDocuments()).find((d) => d.source.endsWith('zh-divsoup-gbk.html'))!;
    expect(zh).toMatchObject({ lang: 'zh', title: '杭州地铁新线路开通运营', meta: { siteName: '江南日报网', published: '2023-09-22' } });
    await expect(api.importUrls([], {})).rejects.toThrow(/at least one web address/);

    const big = await importUrls(db, [srv.url('/huge')], { maxBytes: 1024 * 1024 });
    expect(big.files[0]).toMatchObject({ status: 'failed' });
    expect(big.files[0].reason).toMatch(/over the 1\.0 MB limit/);
    db.close();
  });

  it('cancelJob stops a URL import: the page being fetched is dropped, the one fetched is kept', async () => {
    const db = memoryProject();
    const cancelled: boolean[] = [];
    const api = createWorkbench(db, {
      name: 'w', annotator: 't', emit: (e) => {
        if (e.type === 'job' && e.job.kind === 'import-urls' && e.job.message?.startsWith('fetched 1 of 2')) void api.cancelJob(e.job.id).then((r) => cancelled.push(r));
      },
    });
    const report = await api.importUrls([srv.url('/page/el-divsoup.html'), srv.url('/slow')], {});
    expect(report.files.map((f) => [f.status, f.reason ?? null])).toEqual([['imported', null], ['failed', 'cancelled']]);
    expect(cancelled).toEqual([true]);
    const job = (await api.listJobs()).find((j) => j.kind === 'import-urls')!;
    expect(job.status).toBe('interrupted');
    expect(await api.cancelJob(job.id)).toBe(false);
    db.close();
  });

  it('keeps a page\'s metadata when another annotator\'s copy is merged in', async () => {
    const ours = memoryProject();
    const theirs = memoryProject();
    await importUrls(theirs, [srv.url('/page/nl-article.html')]);
    expect(mergeProjects(ours, theirs).documentsAdded).toBe(1);
    expect(listDocuments(ours)[0].meta).toEqual(listDocuments(theirs)[0].meta);
    expect(listDocuments(ours)[0].meta?.byline).toBe('Sanne de Vries');
    ours.close();
    theirs.close();
  });

  it('stops between pages when cancelled, keeping what was fetched', async () => {
    const db = memoryProject();
    const stop = new AbortController();
    const report = await importUrls(db, [srv.url('/page/el-divsoup.html'), srv.url('/page/ar-article.html'), srv.url('/page/ja-article-sjis.html')], {
      concurrency: 1,
      signal: stop.signal,
      onProgress: (job) => {
        if (job.message?.startsWith('fetched 1 of 3')) stop.abort();
      },
    });
    expect(report.files.map((f) => f.status)).toEqual(['imported', 'failed', 'failed']);
    expect(report.files[1].reason).toBe('cancelled before it was fetched');
    expect((db.prepare("SELECT status FROM jobs WHERE kind = 'import-urls'").get() as { status: string }).status).toBe('interrupted');
    db.close();
  });
});
