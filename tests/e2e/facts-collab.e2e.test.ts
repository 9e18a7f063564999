/**
 * The annotator's work in the facts view: a suggestion shows the sentence that
 * reports the fact, marked in its paragraph and in the English translation,
 * and accepting it tags that sentence; the facts are exported as W3C
 * annotations, JSON Lines and the grid as CSV (downloads); a colleague's copy
 * is merged from an uploaded .tandem file, with a copy of the project kept
 * beside it; and the agreement between the two is shown as a table.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openProject } from '../../db/open';
import { createWorkbench } from '../../core/services/workbench';
import { b64, ensureRendererBuilt, launchChromium, preparePage, screenshot, startTestServer, type TestServer } from '../support/browser';

// Two short reports of one storm, and their English translations, written for this test.
const NB = [
  'Storm over Vestlandet',
  'Stormen traff Bergen natt til tirsdag. Vindkast på 45 meter i sekundet ble målt på Flesland. Over 20 000 husstander mistet strømmen.',
  'Ordfører Marte Mjøs Persen ber folk holde seg innendørs. Skolene i Bergen holder stengt onsdag.',
];
const NB_EN = [
  'Storm over Western Norway',
  'The storm hit Bergen on Monday night. Gusts of 45 metres per second were measured at Flesland. More than 20,000 households lost power.',
  'Mayor Marte Mjøs Persen asks people to stay indoors. The schools in Bergen stay closed on Wednesday.',
];
const SV = [
  'Storm i västra Norge',
  'Det blåste hårt längs hela kusten under natten. Enligt meteorologerna uppmättes vindbyar på 45 meter per sekund vid Flesland. Tågtrafiken ställdes in.',
  'Borgmästaren Marte Mjøs Persen uppmanar invånarna att stanna inomhus.',
];
const SV_EN = [
  'Storm in western Norway',
  'It blew hard along the whole coast during the night. According to the meteorologists, gusts of 45 metres per second were measured at Flesland. Train traffic was cancelled.',
  'Mayor Marte Mjøs Persen urges residents to stay indoors.',
];

let srv: TestServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];
const ids: Record<string, number> = {};
let factId: number;

const dialog = () => page.locator('.modal[role=dialog]');

beforeAll(async () => {
  ensureRendererBuilt();
  srv = await startTestServer({ name: 'storm.tandem', annotator: 'kari' });
  const r = await srv.api.importArticles([{ name: 'storm.nb.txt', base64: b64(NB.join('\n')) }, { name: 'storm.sv.txt', base64: b64(SV.join('\n')) }], { collection: 'storm', paragraphs: 'line' });
  [ids.nb, ids.sv] = r.files.map((f) => f.docId!);
  ids.nbEn = (await srv.api.importTranslation(ids.nb, { name: 'storm.nb.en.txt', base64: b64(NB_EN.join('\n')) }, { lang: 'en', provider: 'agency', kind: 'human', })).docId!;
  ids.svEn = (await srv.api.importTranslation(ids.sv, { name: 'storm.sv.en.txt', base64: b64(SV_EN.join('\n')) }, { lang: 'en', provider: 'agency', kind: 'human' })).docId!;
  const quote = 'Vindkast på 45 meter i sekundet ble målt på Flesland.';
  const start = NB[1].indexOf(quote);
  factId = (await srv.api.addMention({ newFact: { label: 'Gusts of 45 m/s at Flesland' }, docId: ids.nb, paragraph: 1, start, end: start + quote.length })).id;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  await preparePage(page);
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${srv.url}#facts`);
  await page.waitForSelector('body[data-ready]', { state: 'attached' });
});

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

describe('suggestions', () => {
  it('show the sentence that reports the fact, in the original and in English, and accepting tags that sentence', async () => {
    await page.locator(`.fact-item[data-fact="${factId}"]`).click();
    await page.click('[data-op=suggest]');
    const sugg = page.locator(`.sugg[data-doc="${ids.sv}"][data-paragraph="1"]`);
    await sugg.waitFor();
    const sentence = 'Enligt meteorologerna uppmättes vindbyar på 45 meter per sekund vid Flesland.';
    expect(await sugg.locator('.sugg-text mark.sugg-sentence').innerText()).toBe(sentence);
    // The whole paragraph is there around it, not cut.
    expect(await sugg.locator('.sugg-text').innerText()).toBe(SV[1]);
    const en = sugg.locator('.sugg-en mark.sugg-sentence');
    await expect.poll(() => en.innerText()).toBe('According to the meteorologists, gusts of 45 metres per second were measured at Flesland.');
    await expect.poll(() => sugg.locator('.sugg-en').innerText()).toContain('Train traffic was cancelled.');
    expect(await sugg.locator('.sugg-why').innerText()).toMatch(/Flesland/);
    await screenshot(page, 'fc-01-suggestion-sentence');

    await sugg.click();
    await page.keyboard.press('y');
    await expect.poll(async () => (await srv.api.listFacts()).find((f) => f.id === factId)!.mentions.length).toBe(2);
    const m = (await srv.api.listFacts()).find((f) => f.id === factId)!.mentions.find((x) => x.docId === ids.sv)!;
    expect(m.paragraph).toBe(1);
    expect(m.quote).toBe(sentence);
    expect([m.start, m.end]).toEqual([SV[1].indexOf(sentence), SV[1].indexOf(sentence) + sentence.length]);
    await expect.poll(() => page.locator('.mention').count()).toBe(2);
  });
});

describe('suggestions and the fact\'s label', () => {
  it('are asked again when the fact shown is renamed, since they read its label', async () => {
    const quote = 'Skolene i Bergen holder stengt onsdag.';
    const start = NB[2].indexOf(quote);
    const id = (await srv.api.addMention({ newFact: { label: 'F2' }, docId: ids.nb, paragraph: 2, start, end: start + quote.length })).id;
    await page.evaluate(() => location.reload());
    await page.waitForSelector('body[data-ready]', { state: 'attached' });
    await page.locator(`.fact-item[data-fact="${id}"]`).click();
    await page.click('[data-op=suggest]');
    const sugg = page.locator(`.sugg[data-doc="${ids.sv}"][data-paragraph="2"]`);
    await sugg.waitFor();
    const before = Number(await sugg.locator('.score').innerText());
    await page.focus(`.fact-item[data-fact="${id}"]`);
    await page.keyboard.press('F2');
    await page.waitForSelector('.modal[role=dialog]');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Residents told to stay indoors');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.modal-back', { state: 'detached' });
    // The suggestion's confidence is the one for the new label, without pressing Suggest again.
    const expected = (await srv.api.suggestMentions(id, 10)).find((s) => s.docId === ids.sv && s.paragraph === 2)!.confidence;
    expect(expected).toBeGreaterThan(before);
    await expect.poll(async () => Number(await sugg.locator('.score').innerText())).toBe(Number(expected.toFixed(2)));
    // "residents" is in the new label and the Swedish report, not in the mention's paragraph: it is marked as the label's.
    const fromLabel = sugg.locator('.sugg-why .ev-label');
    expect(await fromLabel.allInnerTexts()).toContain('residents');
    expect(await fromLabel.first().getAttribute('title')).toMatch(/in the fact's label or description/);
    // A word both paragraphs have is not.
    expect(await sugg.locator('.sugg-why .ev:not(.ev-label)').allInnerTexts()).toContain('indoors');
    // How alike in meaning the two are (the shipped word vectors: no model is configured), apart from the shared words.
    expect(await sugg.locator('.sugg-why .ev-semantic').innerText()).toMatch(/^semantic similarity -?\d\.\d\d$/);
    await screenshot(page, 'fc-02-suggestion-label-word');
    // Saving a description asks again too.
    await page.locator('.card textarea').first().fill('The mayor urges caution.');
    await page.locator('.card button.primary', { hasText: 'Save' }).click();
    await expect.poll(async () => sugg.locator('.sugg-why .ev-label').allInnerTexts()).toContain('urges');
    await srv.api.deleteFact(id);
  });
});

describe('facts export', () => {
  it('downloads the facts as W3C annotations, JSON Lines and the grid as CSV', async () => {
    const get = async (op: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-op=${op}]`)]);
      const file = await download.path();
      return { name: download.suggestedFilename(), text: fs.readFileSync(file!, 'utf8') };
    };
    const w3c = await get('export-facts-w3c');
    expect(w3c.name).toBe('storm.facts.jsonld');
    const anno = JSON.parse(w3c.text) as { type: string; total: number; first: { items: Array<{ target: { selector: Array<{ type: string; exact?: string }> } }> } };
    expect(anno.type).toBe('AnnotationCollection');
    expect(anno.total).toBe(2);
    expect(anno.first.items.map((i) => i.target.selector.find((s) => s.type === 'TextQuoteSelector')!.exact)).toContain('Vindkast på 45 meter i sekundet ble målt på Flesland.');
    const jsonl = await get('export-facts-jsonl');
    expect(jsonl.name).toBe('storm.facts.jsonl');
    expect(jsonl.text.trim().split('\n').map((l) => JSON.parse(l).type)).toEqual(['fact', 'mention', 'mention']);
    const csv = await get('export-facts-csv');
    expect(csv.name).toBe('storm.facts-grid.csv');
    expect(csv.text.split('\n')[0]).toBe(`fact_id,label,articles,${ids.nb}:nb,${ids.sv}:sv`);
    expect(csv.text.split('\n')[1]).toBe(`${factId},Gusts of 45 m/s at Flesland,2,1,1`);
  });
});

describe("a colleague's copy", () => {
  it('is merged from an uploaded file, a copy of the project as it was is kept, and the agreement is shown as a table', async () => {
    // Ola worked on a copy of the project: he tagged the same gusts, and the mayor's appeal.
    const olaFile = path.join(srv.dir, 'ola.tandem');
    await srv.db.backup(olaFile);
    const olaDb = openProject(olaFile);
    const ola = createWorkbench(olaDb, { name: 'ola.tandem', annotator: 'ola' });
    const q = 'Vindkast på 45 meter i sekundet ble målt på Flesland.';
    await ola.addMention({ newFact: { label: 'Gusts of 45 m/s' }, docId: ids.nb, paragraph: 1, start: NB[1].indexOf(q), end: NB[1].indexOf(q) + q.length });
    await ola.addMention({ newFact: { label: 'Stay indoors' }, docId: ids.sv, paragraph: 2, start: 0, end: SV[2].length });
    olaDb.close();

    await page.click('[data-op=merge-copy]');
    await dialog().locator('input[type=file]').setInputFiles(olaFile);
    await dialog().locator('[data-op=merge]').click();
    const result = dialog().locator('.merge-result');
    await result.waitFor();
    expect(await result.innerText()).toMatch(/Facts added\s+2/);
    expect(await result.innerText()).toMatch(/Annotators in the copy: kari, ola/);
    const backup = await result.locator('[data-backup]').getAttribute('data-backup');
    expect(backup).toMatch(/^storm\.before-merge-\d{8}-\d{6}\.tandem$/);
    expect(fs.existsSync(path.join(srv.dir, backup!))).toBe(true);
    await screenshot(page, 'fc-02-merged');
    expect((await srv.api.listFacts()).map((f) => f.annotator).sort()).toEqual(['kari', 'ola', 'ola']);
    // The new facts are in the list without a reload.
    await expect.poll(() => page.locator('.fact-item').count()).toBe(3);

    await dialog().locator('[data-op=compare-annotators]').click();
    const table = dialog().locator('.agreement-table');
    await table.waitFor();
    const cells = async (measure: string) => (await table.locator(`tr[data-measure="${measure}"] td`).allInnerTexts()).map((t) => t.trim());
    const report = await srv.api.agreement('kari', 'ola');
    expect((await cells('kappa'))[3]).toBe(report.factGrid.kappa === null ? 'n/a' : report.factGrid.kappa.toFixed(3));
    // Kari's two mentions against Ola's two: one span the same exactly.
    expect(report.mentions.exact).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
    expect((await cells('spans-exact')).slice(1, 4)).toEqual(['50.0%', '50.0%', '0.500']);
    expect((await cells('links')).slice(0, 1)).toEqual(['Confirmed alignment links']);
    await screenshot(page, 'fc-03-agreement');
    await page.keyboard.press('Escape');
  });

  it('refuses a file that is not a project, saying so, and changes nothing', async () => {
    const before = (await srv.api.listFacts()).length;
    await page.click('[data-op=merge-copy]');
    await dialog().locator('input[type=file]').setInputFiles({ name: 'notes.tandem', mimeType: 'application/octet-stream', buffer: Buffer.from('not a database') });
    await dialog().locator('[data-op=merge]').click();
    await expect.poll(() => dialog().locator('.form-error').innerText()).toMatch(/notes\.tandem is not a Tandem project/);
    await page.keyboard.press('Escape');
    expect((await srv.api.listFacts()).length).toBe(before);
  });

  it('logged no console error', () => {
    expect(errors).toEqual([]);
  });
});
