/**
 * Every long action started in the browser shows its progress and a Stop that
 * really stops it: importing a folder of articles, machine translation (a fake
 * DeepL that answers slowly), and an export of a large alignment. What was
 * done is kept (imports, translations in the cache), an export stopped saves
 * nothing, and the project stays consistent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { b64, ensureRendererBuilt, launchChromium, preparePage, screenshot, startTestServer, type TestServer } from '../support/browser';
import { startFakeDeepL, type FakeDeepL } from '../support/fake-deepl';

let srv: TestServer;
let fake: FakeDeepL;
let browser: Browser;
let page: Page;
const errors: string[] = [];

/** An article of our own, numbered so that each differs, about 12 KB long. */
function article(i: number): string {
  const para = (k: number) => `Avsnitt ${k} i melding ${i}: fergen til øya går ikke i dag, fordi vinden er for sterk langs hele kysten. Rederiet lover å sette opp ekstra avganger så snart været gir seg, trolig i morgen tidlig.`;
  return [`Melding ${i} om fergene`, ...Array.from({ length: 60 }, (_, k) => para(k))].join('\n\n');
}

beforeAll(async () => {
  ensureRendererBuilt();
  fake = await startFakeDeepL({ requireAuthKey: 'k:fx', delayMs: 1000 });
  srv = await startTestServer({ name: 'jobs.tandem', annotator: 'kari', mt: { authKey: () => 'k:fx', serverUrl: fake.url } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  await preparePage(page);
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(srv.url);
  await page.waitForSelector('body[data-ready]', { state: 'attached' });
});

afterAll(async () => {
  await browser?.close();
  await srv?.close();
  await fake?.close();
});

describe('importing a folder', () => {
  it('imports the articles of a chosen folder as a job, shows its progress, and Stop ends it between two files', async () => {
    const folder = path.join(srv.dir, 'meldinger');
    fs.mkdirSync(path.join(folder, 'side_files'), { recursive: true });
    for (let i = 0; i < 150; i++) fs.writeFileSync(path.join(folder, `melding-${String(i).padStart(3, '0')}.txt`), article(i));
    fs.writeFileSync(path.join(folder, 'bilde.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    fs.writeFileSync(path.join(folder, 'side_files', 'script.html'), '<p>part of a saved page</p>');
    await page.setInputFiles('input[aria-label="A folder of articles to import"]', folder);
    expect(await page.locator('.folder-note').innerText()).toBe('150 article files in the folder (2 other files left out)');
    await page.fill('input[aria-label="Story"]', 'ferger');
    await page.click('[data-op=import]');
    const stop = page.locator('.import-card [data-op=stop-job]');
    await stop.waitFor();
    await expect.poll(async () => Number((await page.locator('.import-card .job-progress').getAttribute('data-job')) ?? 0)).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.import-card .job-progress .ptext').innerText()).toMatch(/Import: [1-9]\d* of 150 files/);
    await screenshot(page, 'jobs-01-import-running');
    await stop.click();
    await page.waitForSelector('.import-card .job-progress[data-status=interrupted]');
    const report = await page.locator('.import-card .report').innerText();
    const docs = await srv.api.listDocuments();
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.length).toBeLessThan(150);
    expect(report.split('\n').filter((l) => /imported/.test(l))).toHaveLength(docs.length);
    expect(await page.locator('.import-card .job-message').innerText()).toMatch(/stopped by the user after \d+ of 150 files.*import the rest again/);
    // Each document imported is whole; the report names the files by their path in the folder.
    for (const d of docs.slice(0, 5)) expect((await srv.api.getDocument(d.id)).paragraphList).toHaveLength(61);
    expect(report).toMatch(/meldinger\/melding-000\.txt/);
    expect(docs.every((d) => d.collection === 'ferger')).toBe(true);
    await screenshot(page, 'jobs-02-import-stopped');
  });
});

describe('translating', () => {
  it('shows the translation job with Stop, in its card and in the status bar; stopped, it keeps what came back', async () => {
    // 300 paragraphs: six requests of at most 50 texts, two at a time, each answered after a second.
    const long = Array.from({ length: 300 }, (_, i) => `Avsnitt ${i}: fergen går ikke i dag, fordi vinden er for sterk.`).join('\n\n');
    const one = (await srv.api.importArticles([{ name: 'lang.txt', base64: b64(long) }], { lang: 'nb' })).files[0].docId!;
    await page.evaluate(() => (window as unknown as { __tandem: { app: { refreshDocs(): Promise<void> } } }).__tandem.app.refreshDocs());
    await page.locator(`tr[data-doc="${one}"] input[type=checkbox]`).check();
    await page.click('[data-op=translate]');
    const stop = page.locator('.mt-card [data-op=stop-job]');
    await stop.waitFor();
    // From any view: the status bar shows the job and can stop it too.
    expect(await page.locator('.sb-job .sb-job-text').innerText()).toMatch(/^Translation \d+% · \d+ of 300 paragraphs/);
    await screenshot(page, 'jobs-03-translate-running');
    await stop.click();
    await page.waitForSelector('.mt-card .job-progress[data-status=interrupted]', { timeout: 20_000 });
    expect(await page.locator('.mt-card .report').innerText()).toMatch(/Stopped: stopped by the user\. What was translated is kept/);
    expect((await srv.api.listDocuments()).filter((d) => d.provenance.kind === 'mt')).toEqual([]);
    const job = (await srv.api.listJobs()).find((j) => j.kind === 'translate')!;
    expect(job.status).toBe('interrupted');
    expect(job.done).toBeLessThan(300);
    expect(await page.locator('.sb-job').isHidden()).toBe(true);
    // Translating again bills only what the stopped run did not bring back.
    const before = fake.translateRequests().reduce((n, r) => n + (r.params.text?.length ?? 0), 0);
    await page.click('[data-op=translate]');
    await page.waitForSelector('.mt-card .job-progress[data-status=done]', { timeout: 30_000 });
    const after = fake.translateRequests().reduce((n, r) => n + (r.params.text?.length ?? 0), 0);
    // Requests under way when Stop came were answered and cached too: at least what the job counted is reused.
    const cached = Number(/(\d+) from cache/.exec(await page.locator('.mt-card .report').innerText())![1]);
    expect(cached).toBeGreaterThanOrEqual(job.done);
    expect(after - before).toBe(300 - cached);
    expect((await srv.api.listDocuments()).filter((d) => d.provenance.kind === 'mt')).toHaveLength(1);
  }, 60_000);
});

describe('exporting', () => {
  it('shows the export job with Stop; stopped, it saves nothing', async () => {
    const src = Array.from({ length: 20_000 }, (_, i) => `Linje ${i} om fergen og været ved kysten i dag.`).join('\n\n');
    const tgt = Array.from({ length: 20_000 }, (_, i) => `Line ${i} about the ferry and the weather on the coast today.`).join('\n\n');
    const a = (await srv.api.importArticles([{ name: 'stor.txt', base64: b64(src) }], { lang: 'nb' })).files[0].docId!;
    const b = (await srv.api.importTranslation(a, { name: 'stor.en.txt', base64: b64(tgt) }, { lang: 'en', provider: 'agency', kind: 'human' })).docId!;
    await page.evaluate(() => (window as unknown as { __tandem: { app: { refreshDocs(): Promise<void> } } }).__tandem.app.refreshDocs());
    let downloads = 0;
    page.on('download', () => downloads++);
    // The export thread is held a moment at each progress report, so that Stop comes before the end however fast the machine.
    process.env.TANDEM_TEST_EXPORT_PACE_MS = '250';
    onTestFinished(() => {
      delete process.env.TANDEM_TEST_EXPORT_PACE_MS;
    });
    await page.keyboard.press('Control+e');
    await page.locator('.export-dialog select').nth(1).selectOption('all');
    await page.locator('.export-dialog select').nth(2).selectOption('all');
    await page.locator('.export-dialog [data-dialog=confirm]').click();
    const stop = page.locator('.export-progress-dialog [data-op=stop-job]');
    await stop.waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('.export-progress-dialog .ptext').innerText(), { timeout: 20_000 }).toMatch(/Export: [1-9][\d,]* of [\d,]+ units/);
    await screenshot(page, 'jobs-04-export-running');
    await stop.click();
    await page.locator('.export-progress-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.toast').allInnerTexts()).toContainEqual('Export stopped; nothing was saved.');
    const job = (await srv.api.listJobs()).find((j) => j.kind === 'export')!;
    expect(job.status).toBe('interrupted');
    expect(downloads).toBe(0);
    expect((await srv.api.getAlignment(a, b, 'paragraph'))!.links).toHaveLength(20_000);
  }, 90_000);

  it('logged no console error', () => {
    expect(errors).toEqual([]);
  });
});
