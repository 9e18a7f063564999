import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { AlignmentView } from '../../common/types';
import { REPO, b64, ensureRendererBuilt, isLocal, launchChromium, preparePage, recordRequests, screenshot, startTestServer, type TestServer } from '../support/browser';
import { inReadingOrder } from '../../renderer/src/links';
import { startFakeDeepL } from '../support/fake-deepl';

const NO = `Flom i Bergen

Kraftig regn førte til flom i Bergen sentrum tirsdag. Over 200 mm regn falt på ett døgn, og flere veier ble stengt.

Brannvesenet evakuerte 40 personer fra bygninger nær Bryggen. Ingen ble skadet, opplyser politiet.

Meteorologisk institutt hadde sendt ut rødt farevarsel mandag kveld. Det er første gang siden 2005 at Bergen får rødt varsel for regn.

Ordføreren sier kommunen vil bruke 50 millioner kroner på nye flomvoller. Arbeidet skal starte til våren.

Beboere på Møhlenpris fikk vann i kjelleren. «Vi har aldri sett noe lignende», sier en av dem.`;

const EN_TRANSLATION = `Flooding in Bergen

Heavy rain caused flooding in central Bergen on Tuesday. More than 200 mm of rain fell in one day, and several roads were closed.

The fire service evacuated 40 people from buildings near Bryggen. Nobody was injured, police say.

The Meteorological Institute had issued a red warning on Monday evening. It is the first time since 2005 that Bergen has had a red warning for rain.

The mayor says the municipality will spend 50 million kroner on new flood barriers. Work is to start in the spring.

Residents in Møhlenpris got water in their basements. "We have never seen anything like it," one of them says.`;

const EN_ARTICLE = `Red alert as floods hit Norway's second city

Bergen was hit by severe flooding on Tuesday after more than 200 mm of rain fell within 24 hours.

Firefighters evacuated around 40 residents from buildings close to the historic Bryggen wharf. No injuries were reported.

Norway's weather service had issued its first red rain warning for Bergen since 2005.

City leaders promised NOK 50 million for new flood defences, with construction due to begin next spring.`;

let srv: TestServer;
let browser: Browser;
let page: Page;
let requests: string[] = [];
let mtUrl: string | null = null;
let closeMt: (() => Promise<void>) | null = null;
let docNo = 0;
let docTr = 0;


async function alignmentState(): Promise<AlignmentView> {
  const v = await srv.api.getAlignment(docNo, docTr, 'paragraph');
  expect(v).not.toBeNull();
  return v!;
}

/**
 * The stored alignment, checked against what the view holds: edits and undo
 * come back as deltas the page applies itself, so the two must agree link for
 * link, in the order a fresh load would show them.
 */
async function storedAndShown(): Promise<AlignmentView> {
  const stored = await alignmentState();
  const shown = await page.evaluate(() => (window as unknown as { __tandem: { alignment: { shownLinks(): unknown[] } } }).__tandem.alignment.shownLinks());
  expect(shown).toEqual(inReadingOrder(stored.links));
  return stored;
}

/** Presses a key and waits until the alignment view has re-rendered from the server's answer. */
async function pressAndRender(key: string): Promise<void> {
  const rev = await page.evaluate(() => Number(document.querySelector<HTMLElement>('.view-alignment')!.dataset.rev ?? 0));
  await page.keyboard.press(key);
  await page.waitForFunction((r) => Number(document.querySelector<HTMLElement>('.view-alignment')!.dataset.rev ?? 0) > r, rev);
  await settle();
}

async function settle(): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.view-alignment.busy'));
  await page.waitForTimeout(60);
}

/** Clicks the middle of the line of a pane holding `text`. */
async function clickLine(side: 'a' | 'b', text: string, modifiers: Array<'Shift' | 'Control'> = []): Promise<void> {
  await page.locator(`.pane-${side} .view-line`, { hasText: text }).first().click({ modifiers });
}

beforeAll(async () => {
  ensureRendererBuilt();
  const fake = await startFakeDeepL();
  mtUrl = fake.url;
  closeMt = () => fake.close();
  srv = await startTestServer({ name: 'e2e.tandem', annotator: 'tester', mt: { authKey: () => 'test-key', serverUrl: mtUrl } });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  await preparePage(page);
  requests = recordRequests(page);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
  await closeMt?.();
});

describe('the workbench in a browser', () => {
  it('refuses requests without the token', async () => {
    const base = `http://127.0.0.1:${srv.server.port}`;
    const api = await fetch(`${base}/api/projectInfo`, { method: 'POST', body: '[]' });
    expect(api.status).toBe(403);
    const root = await fetch(`${base}/`);
    expect(root.status).toBe(403);
    const events = await fetch(`${base}/api/events`);
    expect(events.status).toBe(403);
    const fresh = await browser.newContext();
    const p = await fresh.newPage();
    const res = await p.goto(`${base}/`);
    expect(res?.status()).toBe(403);
    const inPage = await p.evaluate(async () => (await fetch('/api/listDocuments', { method: 'POST', body: '[]' })).status);
    expect(inPage).toBe(403);
    await fresh.close();
  });

  it('imports articles and a translation through the project view', async () => {
    await page.goto(srv.url);
    await page.waitForSelector('body[data-ready]', { state: 'attached' });
    await page.fill('input[aria-label="Story"]', 'bergen-flood');
    await page.setInputFiles('input[aria-label="Articles to import"]', [
      { name: 'flom-bergen.txt', mimeType: 'text/plain', buffer: Buffer.from(NO, 'utf8') },
      { name: 'bergen-red-alert.txt', mimeType: 'text/plain', buffer: Buffer.from(EN_ARTICLE, 'utf8') },
      { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.from('   \n\n  ', 'utf8') },
    ]);
    await page.click('[data-op=import]');
    await page.waitForSelector('.report tr.rep-imported');
    const reportText = await page.locator('.report').first().innerText();
    expect(reportText).toContain('flom-bergen.txt');
    expect(reportText).toMatch(/empty\.txt\s+failed/);
    const docs = await srv.api.listDocuments();
    expect(docs.map((d) => d.title).sort()).toEqual(['Flom i Bergen', "Red alert as floods hit Norway's second city"]);
    docNo = docs.find((d) => d.lang === 'nb')!.id;
    expect(docs.every((d) => d.collection === 'bergen-flood')).toBe(true);

    // Translate through the UI against the fake DeepL server; the alignment below uses a human translation.
    await page.locator(`tr[data-doc="${docNo}"] input[type=checkbox]`).check();
    await page.click('[data-op=translate]');
    await page.waitForFunction(() => /billed/.test(document.querySelector('.view-project')?.textContent ?? ''), null, { timeout: 20_000 });
    const mt = (await srv.api.listDocuments()).find((d) => d.translationOf === docNo && d.provenance.kind === 'mt');
    expect(mt).toBeDefined();
    const mtDoc = mt!.id;
    expect(await page.locator('.mt-card .job-progress .ptext').innerText()).toMatch(/paragraphs/);
    await page.selectOption('select[title="The original this file translates"]', String(docNo));
    await page.setInputFiles('input[aria-label="Translation file"]', { name: 'flom-bergen.en.txt', mimeType: 'text/plain', buffer: Buffer.from(EN_TRANSLATION, 'utf8') });
    await page.fill('input[aria-label="Translation language"]', 'en');
    await page.click('[data-op=import-translation]');
    await page.waitForFunction((n) => document.querySelectorAll('tr.tr-row').length === n, 2);
    const after = await srv.api.listDocuments();
    const original = after.find((d) => d.id === docNo)!;
    expect(original.translations).toEqual([mtDoc, expect.any(Number)]);
    docTr = after.find((d) => d.translationOf === docNo && d.provenance.kind === 'human')!.id;
    expect(await page.locator(`tr[data-doc="${docTr}"]`).count()).toBe(1);
    await screenshot(page, '01-project');
  });

  it('aligns, and every operation is saved and shown', async () => {
    await page.keyboard.press('Control+2');
    await page.selectOption('.view-alignment select.doc-pick >> nth=0', String(docNo));
    await page.selectOption('.view-alignment select.doc-pick >> nth=1', String(docTr));
    await page.selectOption('.view-alignment select[title="Level"]', 'paragraph');
    await page.click('[data-op=align]');
    await page.waitForSelector('.view-alignment[data-ready]');
    await settle();
    let state = await storedAndShown();
    expect(state.links.length).toBe(6);
    // Whatever the aligner proposed, start from suggestions only so each step is visible.
    const confirmedAtStart = state.links.filter((l) => l.status === 'confirmed').length;
    await screenshot(page, '02-alignment-aligned');

    // Confirm the first link (cursor on link 1 after a click on its text).
    await clickLine('a', 'Flom i Bergen');
    await pressAndRender('Enter');
    state = await storedAndShown();
    const first = state.links.find((l) => l.a.includes(0))!;
    expect(first.status).toBe('confirmed');
    expect(state.links.filter((l) => l.status === 'confirmed').length).toBeGreaterThanOrEqual(Math.max(1, confirmedAtStart));

    // Merge paragraphs 2 and 3 (link holding A ¶2 with the next).
    await clickLine('a', 'Kraftig regn');
    await pressAndRender('m');
    state = await storedAndShown();
    const merged = state.links.find((l) => l.a.includes(1))!;
    expect(merged.a).toEqual([1, 2]);
    expect(merged.b).toEqual([1, 2]);
    expect(await page.locator('.link-info').innerText()).toContain('2:2');
    await screenshot(page, '03-alignment-merged');

    // Split it back into 1:1 links.
    await pressAndRender('s');
    state = await storedAndShown();
    expect(state.links.find((l) => l.a.includes(1))!.a).toEqual([1]);
    expect(state.links.find((l) => l.a.includes(2))!.a).toEqual([2]);

    // Link A ¶5 with B ¶5–6 (Shift+click extends the selection in pane B).
    await clickLine('a', 'Ordføreren');
    await clickLine('b', 'The mayor says');
    await clickLine('b', 'Residents in', ['Shift']);
    await pressAndRender('l');
    state = await storedAndShown();
    const linked = state.links.find((l) => l.a.includes(4))!;
    expect(linked.b).toEqual([4, 5]);
    expect(linked.status).toBe('confirmed');
    expect(linked.origin).toBe('manual');
    await screenshot(page, '04-alignment-linked');

    // Undo the link, redo it.
    await pressAndRender('Control+z');
    state = await storedAndShown();
    expect(state.links.find((l) => l.a.includes(4))!.b).toEqual([4]);
    await pressAndRender('Control+Shift+z');
    state = await storedAndShown();
    expect(state.links.find((l) => l.a.includes(4))!.b).toEqual([4, 5]);

    // Reject the link of ¶4 with R, then move on with N.
    await clickLine('a', 'Meteorologisk');
    await pressAndRender('r');
    state = await storedAndShown();
    expect(state.links.find((l) => l.a.includes(3))!.status).toBe('rejected');
    await screenshot(page, '05-alignment-after-ops');
  });

  it('keeps everything after a reload', async () => {
    const before = await alignmentState();
    await page.reload();
    await page.waitForSelector('body[data-ready]', { state: 'attached' });
    await page.waitForSelector('.view-alignment[data-ready]');
    await settle();
    const after = await alignmentState();
    expect(after.links.map((l) => [l.a, l.b, l.status])).toEqual(before.links.map((l) => [l.a, l.b, l.status]));
    const shown = await page.evaluate(() => {
      const el = document.querySelector<HTMLElement>('.view-alignment')!;
      return { links: Number(el.dataset.links), confirmed: Number(el.dataset.confirmed), info: document.querySelector('.link-info')!.textContent };
    });
    expect(shown.links).toBe(after.links.length);
    expect(shown.confirmed).toBe(after.links.filter((l) => l.status === 'confirmed').length);
    expect(shown.info).toContain(`${shown.confirmed}/${shown.links} confirmed`);
    // Both panes show their documents, with paragraph numbers.
    await expect(page.locator('.pane-a .view-line', { hasText: 'Brannvesenet' }).count()).resolves.toBe(1);
    await expect(page.locator('.pane-b .view-line', { hasText: 'evacuated' }).count()).resolves.toBe(1);
    const svgLinks = await page.locator('.links-svg path').count();
    expect(svgLinks).toBeGreaterThanOrEqual(4);
    expect(await page.locator('.links-svg path.lk-rejected').count()).toBe(1);
    await screenshot(page, '06-alignment-reloaded');
  });

  it('attaches a fact to selected text with F and shows the grid', async () => {
    // Select "Bryggen" in pane A by double-clicking the word.
    const line = page.locator('.pane-a .view-line', { hasText: 'Brannvesenet' }).first();
    const box = (await line.boundingBox())!;
    await page.mouse.click(box.x + 5, box.y + 5);
    await page.evaluate(() => {
      const t = (window as unknown as { __tandem: { alignment: { selectText(side: string, seg: number, s: number, e: number): void } } }).__tandem;
      t.alignment.selectText('a', 2, 53, 60);
    });
    await page.keyboard.press('f');
    await page.waitForSelector('.picker-input');
    await page.keyboard.type('Evacuation near Bryggen');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('.pane-a .fact-hl').length > 0);
    const facts = await srv.api.listFacts();
    expect(facts.length).toBe(1);
    expect(facts[0].mentions[0]).toMatchObject({ docId: docNo, paragraph: 2, start: 53, end: 60, quote: 'Bryggen' });
    await screenshot(page, '07-alignment-fact');
    await page.keyboard.press('Control+3');
    await page.waitForSelector('table.grid td.cnt.has');
    await page.click('.fact-item');
    await screenshot(page, '08-facts');
  });

  it('searches across languages in KWIC form', async () => {
    await page.keyboard.press('Control+4');
    await page.fill('.search-input', 'Bryggen');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.kwic-hit');
    const hits = await page.locator('.kwic-hit').allInnerTexts();
    expect(hits.length).toBeGreaterThanOrEqual(2);
    expect(hits.every((h) => /bryggen/i.test(h))).toBe(true);
    await screenshot(page, '09-search');
    await page.locator('.kwic-row', { hasText: 'Brannvesenet' }).first().click();
    await page.waitForFunction(() => !(document.querySelector('.view-alignment') as HTMLElement | null)?.hidden);
    await settle();
  });

  it('post-edits a translation without touching the raw text', async () => {
    await page.keyboard.press('Control+5');
    await page.selectOption('.view-postedit select.doc-pick', String(docTr));
    await page.waitForSelector('.pe-item.active');
    await page.locator('.pe-item[data-index="1"]').click();
    const editor = page.locator('.pe-diff .editor.modified .view-lines');
    await editor.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Edited.');
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction(() => document.querySelector('.pe-item.active')?.getAttribute('data-index') === '2');
    const doc = await srv.api.getDocument(docTr);
    expect(doc.paragraphList[1].edited).toMatch(/Edited\.$/);
    expect(doc.paragraphList[1].text).not.toMatch(/Edited\./);
    expect(doc.paragraphList[1].status).toBe('reviewed');
    await page.locator('.pe-item[data-index="1"]').click();
    await page.waitForTimeout(400);
    await screenshot(page, '10-postedit');
  });

  it('opens the export dialog and the help overlay', async () => {
    await page.keyboard.press('Control+2');
    await page.keyboard.press('Control+e');
    await page.waitForSelector('.modal .form-grid');
    await screenshot(page, '11-export');
    await page.keyboard.press('Escape');
    await page.locator('.view-alignment .links-svg').click({ position: { x: 2, y: 2 }, force: true });
    await page.keyboard.press('?');
    await page.waitForSelector('.help-grid');
    await screenshot(page, '12-help');
    await page.keyboard.press('Escape');
  });

  it('shows right-to-left originals right to left, and comparable articles side by side', async () => {
    const ar = 'فيضانات في بيرغن\n\nتسببت الأمطار الغزيرة في فيضانات وسط مدينة بيرغن يوم الثلاثاء.\n\nأجلت فرق الإطفاء أربعين شخصا من المباني القريبة من بريغن.';
    const en = 'Floods in Bergen\n\nHeavy rain caused floods in central Bergen on Tuesday.\n\nFirefighters evacuated forty people from buildings near Bryggen.';
    const rep = await srv.api.importArticles([{ name: 'bergen-ar.txt', base64: b64(ar) }], { collection: 'bergen-flood', lang: 'ar' });
    const arId = rep.files[0].docId!;
    await srv.api.importTranslation(arId, { name: 'bergen-ar.en.txt', base64: b64(en) }, { lang: 'en' });
    const trId = (await srv.api.getDocument(arId)).translations[0];
    await page.evaluate(({ a, b }) => (window as unknown as { __tandem: { app: { openInAlignment(x: unknown): Promise<void> } } }).__tandem.app.openInAlignment({ docA: a, docB: b }), { a: arId, b: trId });
    await page.waitForFunction(() => document.querySelector('.pane-a')?.classList.contains('rtl'));
    expect(await page.locator('.pane-b.rtl').count()).toBe(0);
    const dir = await page.locator('.pane-a .view-line').first().evaluate((el) => getComputedStyle(el).direction);
    expect(dir).toBe('rtl');
    await screenshot(page, '13-alignment-rtl');

    // Two originals of the same story, aligned in comparable mode through the UI.
    const enArticle = (await srv.api.listDocuments()).find((d) => d.lang === 'en' && d.translationOf === null)!;
    await page.selectOption('.view-alignment select.doc-pick >> nth=0', String(docNo));
    await page.selectOption('.view-alignment select.doc-pick >> nth=1', String(enArticle.id));
    await page.selectOption('.view-alignment select[title^="Mode"]', 'comparable');
    const rev = await page.evaluate(() => Number(document.querySelector<HTMLElement>('.view-alignment')!.dataset.rev ?? 0));
    await page.click('[data-op=align]');
    await page.waitForFunction((r) => Number(document.querySelector<HTMLElement>('.view-alignment')!.dataset.rev ?? 0) > r, rev);
    const comparable = await srv.api.getAlignment(docNo, enArticle.id, 'paragraph');
    expect(comparable?.mode).toBe('comparable');
    expect(await page.locator('.view-alignment .badge').innerText()).toContain('comparable');
    await screenshot(page, '14-alignment-comparable');
  });

  it('never reaches beyond 127.0.0.1', () => {
    expect(requests.length).toBeGreaterThan(5);
    const outside = requests.filter((u) => !isLocal(u));
    expect(outside).toEqual([]);
  });
});
