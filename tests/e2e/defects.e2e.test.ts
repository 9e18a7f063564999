/**
 * Walks each defect the workbench walkthrough found, on fixtures composed for
 * this test, in Chromium at 1440×900 against a real `tandem serve`, with a
 * screenshot of every view; no console error is allowed anywhere in the walk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Link } from '../../common/types';
import { b64, ensureRendererBuilt, launchChromium, preparePage, screenshot, startTestServer, type TestServer } from '../support/browser';
import { inReadingOrder } from '../../renderer/src/links';

// A story of two articles on one harbour fire (Norwegian and Danish), each with an English translation.
const NB = [
  'Brann på kaia i Ålesund',
  'Et lagerbygg på kaia i Ålesund tok fyr natt til søndag. Brannvesenet rykket ut klokka 02.14.',
  'Rundt tretti personer ble evakuert fra hotellet ved siden av. Ingen ble skadet.',
  'Politiet mistenker at brannen ble påsatt. To menn er avhørt.',
  'Havnesjefen sier at skipstrafikken går som normalt fra mandag.',
  'Lagerbygget var over hundre år gammelt og huset et lite museum for fiskeredskaper, som nå er tapt.',
].join('\n');
const NB_EN = [
  'Fire on the quay in Ålesund',
  'A warehouse on the quay in Ålesund caught fire on Saturday night. The fire service turned out at 02.14.',
  'Around thirty people were evacuated from the hotel next door. Nobody was hurt.',
  'Police suspect that the fire was started deliberately. Two men have been questioned.',
  'The harbour master says shipping will run as normal from Monday.',
  'The warehouse was over a hundred years old and housed a small museum of fishing gear, which is now lost.',
].join('\n');
const DA = [
  'Brand på havnen i Ålesund',
  'En stor brand hærgede natten til søndag et pakhus på havnen i den norske by Ålesund. Ifølge det lokale brandvæsen blev alarmen slået lidt over klokken to, og slukningsarbejdet varede det meste af natten, mens røgen lagde sig over byens gamle kvarter, og flere beboere blev bedt om at holde vinduerne lukket til om morgenen.',
  'Omkring 30 gæster blev evakueret fra et nærliggende hotel.',
  'Politiet undersøger, om branden var påsat.',
].join('\n');
const DA_EN = [
  'Fire at the harbour in Ålesund',
  "A large fire ravaged a warehouse at the harbour in the Norwegian town of Ålesund on Saturday night. According to the local fire service, the alarm was raised shortly after two o'clock, and firefighting went on for most of the night, while the smoke settled over the town's old quarter and several residents were asked to keep their windows closed until the morning.",
  'About 30 guests were evacuated from a nearby hotel.',
  'Police are investigating whether the fire was started deliberately.',
].join('\n');
// Two articles on unrelated events: a library in Sweden, an icebreaker in Finland.
const SV = [
  'Nytt bibliotek i Umeå',
  'Kommunen öppnade på lördagen ett nytt stadsbibliotek vid älven.',
  'Byggnaden har plats för tvåhundratusen böcker och en scen för konserter.',
  'Över tretusen besökare kom under första dagen.',
  'Biblioteket är öppet varje dag till klockan nio på kvällen.',
].join('\n');
const FI = [
  'Jäänmurtaja juuttui jäihin',
  'Jäänmurtaja Otso juuttui tiistaina paksuihin jäihin Perämerellä.',
  'Aluksen miehistö on turvassa, kertoo Liikennevirasto.',
  'Toinen jäänmurtaja lähti auttamaan sitä keskiviikkoaamuna.',
  'Tilanteen odotetaan ratkeavan viikon loppuun mennessä.',
].join('\n');
const LONG_NAME = 'a-very-long-file-name-from-an-agency-export-2024-06-14-harbour-fire-final-version-2.txt';

let srv: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
const ids: Record<string, number> = {};

type Hook = {
  app: { current: string; commands: { unhandled(): string[]; size: number }; listenerCount(topic?: string): number; openInAlignment(at: object): Promise<void>; refreshDocs(): Promise<void> };
  alignment: { shownLinks(): Link[]; open(at: object, compute?: boolean): Promise<boolean>; dispose(): void; setCursor(i: number): void; holdings(): number; confirm(): Promise<unknown> };
  monacoStats(): { editors: number; models: number };
};

function watchConsole(p: Page, label: string): void {
  p.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${label}: ${m.text()}`);
  });
  p.on('pageerror', (e) => consoleErrors.push(`${label}: ${e.message}`));
}

async function importOriginal(name: string, text: string, lang: string, story: string): Promise<number> {
  const rep = await srv.api.importArticles([{ name, base64: b64(text) }], { collection: story, lang });
  expect(rep.files[0].status).toBe('imported');
  return rep.files[0].docId!;
}

async function importEnglish(of: number, name: string, text: string, kind: 'human' | 'mt'): Promise<number> {
  const rep = await srv.api.importTranslation(of, { name, base64: b64(text) }, { lang: 'en', provider: kind === 'mt' ? 'deepl' : 'agency', kind });
  expect(rep.status).toBe('imported');
  return rep.docId!;
}

async function settle(p: Page = page): Promise<void> {
  await p.waitForFunction(() => !document.querySelector('.view-alignment.busy'));
  await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function rev(p: Page = page): Promise<number> {
  return p.evaluate(() => Number(document.querySelector<HTMLElement>('.view-alignment')?.dataset.rev ?? 0));
}

async function pressAndRender(key: string, p: Page = page): Promise<void> {
  const before = await rev(p);
  await p.keyboard.press(key);
  await p.waitForFunction((r) => Number(document.querySelector<HTMLElement>('.view-alignment')!.dataset.rev ?? 0) > r, before);
  await settle(p);
}

async function shown(p: Page = page): Promise<Link[]> {
  return p.evaluate(() => (window as unknown as { __tandem: Hook }).__tandem.alignment.shownLinks());
}

async function statusError(p: Page = page): Promise<string | null> {
  return p.evaluate(() => document.querySelector('.statusbar .sb-error')?.textContent ?? null);
}

async function view(id: string, key: string): Promise<void> {
  await page.keyboard.press(key);
  await page.waitForFunction((v) => !(document.querySelector(`.view-${v}`) as HTMLElement).hidden, id);
}

/** Placeholders on screen that do not fit their field. */
async function cutPlaceholders(): Promise<string[]> {
  return page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    return [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[placeholder], textarea[placeholder]')]
      .filter((el) => el.offsetParent !== null && el.placeholder)
      .filter((el) => {
        const cs = getComputedStyle(el);
        ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
        const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
        return ctx.measureText(el.placeholder).width > room + 1;
      })
      .map((el) => `${el.getAttribute('aria-label') ?? ''}: “${el.placeholder}”`);
  });
}

beforeAll(async () => {
  ensureRendererBuilt();
  // No DeepL key anywhere: Estimate and Translate fail the way a first run does.
  srv = await startTestServer({ name: 'defects.tandem', annotator: 'annotator', mt: { authKey: () => undefined } });
  ids.nb = await importOriginal('brann.txt', NB, 'nb', 'harbour-fire');
  ids.nbEn = await importEnglish(ids.nb, 'brann.en.txt', NB_EN, 'human');
  ids.da = await importOriginal('brand.txt', DA, 'da', 'harbour-fire');
  ids.daEn = await importEnglish(ids.da, 'brand.en.txt', DA_EN, 'mt');
  ids.sv = await importOriginal('bibliotek.txt', SV, 'sv', 'library');
  ids.fi = await importOriginal('jaanmurtaja.txt', FI, 'fi', 'icebreaker');
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  // A step that waits in vain fails on its own, naming itself, well before the test's time is up.
  page.setDefaultTimeout(12_000);
  await preparePage(page);
  watchConsole(page, 'page');
  await page.goto(srv.url);
  await page.waitForSelector('body[data-ready]', { state: 'attached' });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

describe('search (defect 1)', () => {
  it('numbers paragraphs from 1 once, and opens a hit in a translation at the hit', async () => {
    await view('search', 'Control+4');
    await page.fill('.search-input', 'museum');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.kwic-hit');
    const numbers = await page.locator('.kwic-row .kwic-para').allInnerTexts();
    // "museum" is in the sixth and last paragraph of both the original and its translation.
    expect(numbers).toEqual(['¶6', '¶6']);
    expect(await page.locator('.kwic-item').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.paragraph))).toEqual(['5', '5']);
    await screenshot(page, 'x01-search');
    await page.locator(`.kwic-item[data-doc="${ids.nbEn}"] .kwic-row`).click();
    await page.waitForFunction(() => !(document.querySelector('.view-alignment') as HTMLElement).hidden);
    await page.waitForSelector('.view-alignment[data-ready]');
    await settle();
    const links = await shown();
    const cur = Number(await page.locator('.view-alignment').getAttribute('data-cur'));
    expect(links[cur].b).toContain(5);
    expect(await page.locator('.link-info .cur-desc').innerText()).toMatch(/B 6\b/);
    expect(await page.locator('.pane-b .pane-title').innerText()).toBe('Fire on the quay in Ålesund');
  });
});

describe('the alignment view', () => {
  it('confirms with Enter after a click on Align, instead of aligning again (defect 2)', async () => {
    const calls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/')) calls.push(new URL(r.url()).pathname);
    });
    await page.selectOption('#align-doc-a', String(ids.nb));
    await page.selectOption('#align-doc-b', String(ids.nbEn));
    await page.selectOption('select[aria-label=Level]', 'paragraph');
    const before = await rev();
    await page.click('[data-op=align]');
    await page.waitForFunction((r) => Number(document.querySelector<HTMLElement>('.view-alignment')!.dataset.rev ?? 0) > r, before);
    await settle();
    const confirmed = (await shown()).filter((l) => l.status === 'confirmed').length;
    calls.length = 0;
    await pressAndRender('Enter');
    expect(calls).toContain('/api/editLinks');
    expect(calls).not.toContain('/api/align');
    const after = (await srv.api.getAlignment(ids.nb, ids.nbEn, 'paragraph'))!;
    expect(after.links.filter((l) => l.status === 'confirmed').length).toBe(confirmed + 1);
    expect(await shown()).toEqual(inReadingOrder(after.links));
  });

  it('names the boundary moves by what the annotator sees, and says when Shift+N has nowhere to go (defects 8, 9)', async () => {
    const down = page.locator('[data-op=boundary-down]');
    expect(await down.innerText()).toBe('Boundary ↓');
    expect(await down.getAttribute('title')).toMatch(/down: the link takes in the next segment.*\(Alt\+↓\)/);
    // The link of the original's second paragraph takes in the third: the boundary under it moves down.
    const links = await shown();
    await page.evaluate((i) => (window as unknown as { __tandem: Hook }).__tandem.alignment.setCursor(i), links.findIndex((l) => l.a[0] === 1));
    await pressAndRender('Alt+ArrowDown');
    let stored = (await srv.api.getAlignment(ids.nb, ids.nbEn, 'paragraph'))!;
    expect(stored.links.find((l) => l.a.includes(1))!.a).toEqual([1, 2]);
    await pressAndRender('Alt+ArrowUp');
    stored = (await srv.api.getAlignment(ids.nb, ids.nbEn, 'paragraph'))!;
    expect(stored.links.find((l) => l.a.includes(1))!.a).toEqual([1]);
    await pressAndRender('Alt+ArrowDown');
    // Two links are not 1:1 now (2–3 ↔ 2, and B's third paragraph left alone): Shift+N goes to the last,
    // and from there says that it starts again from the first.
    const irregular = (await shown()).map((l, i) => (l.a.length !== 1 || l.b.length !== 1 ? i : -1)).filter((i) => i >= 0);
    expect(irregular.length).toBe(2);
    await page.keyboard.press('Shift+N');
    await page.waitForFunction((i) => document.querySelector<HTMLElement>('.view-alignment')!.dataset.cur === String(i), irregular[1]);
    await page.keyboard.press('Shift+N');
    await page.waitForSelector('.toast:has-text("Back to the first link that is not 1:1.")');
    expect(Number(await page.locator('.view-alignment').getAttribute('data-cur'))).toBe(irregular[0]);
    await screenshot(page, 'x02-alignment');
  });

  it('clears a stale error once Align succeeds (defect 4)', async () => {
    await page.selectOption('select[aria-label=Level]', 'sentence');
    await page.click('[data-op=open]');
    await page.waitForFunction(() => /no sentence alignment yet: press Align/.test(document.querySelector('.statusbar .sb-error')?.textContent ?? ''));
    const before = await rev();
    await page.click('[data-op=align]');
    await page.waitForFunction((r) => Number(document.querySelector<HTMLElement>('.view-alignment')!.dataset.rev ?? 0) > r, before);
    await settle();
    expect(await statusError()).toBeNull();
    expect(await page.locator('.view-alignment .badge').innerText()).toBe('sentence · parallel');
  });

  it('offers the export at the level on screen, with every field inside the dialog (defect 6)', async () => {
    await page.keyboard.press('Control+e');
    const dlg = page.locator('.modal[role=dialog]');
    await dlg.waitFor();
    expect(await dlg.locator('select').nth(3).inputValue()).toBe('sentence');
    const overflow = await page.evaluate(() => {
      const box = document.querySelector('.modal[role=dialog] .modal-body')!.getBoundingClientRect();
      return [...document.querySelectorAll<HTMLElement>('.modal[role=dialog] select, .modal[role=dialog] label')]
        .filter((el) => el.getBoundingClientRect().right > box.right - 4)
        .map((el) => el.textContent?.slice(0, 40));
    });
    expect(overflow).toEqual([]);
    await screenshot(page, 'x03-export');
    await page.keyboard.press('Escape');
    await dlg.waitFor({ state: 'detached' });
  });

  it('keeps a comparable alignment when the pair is aligned in parallel, and warns first (defect 3)', async () => {
    await page.selectOption('#align-doc-a', String(ids.sv));
    await page.selectOption('#align-doc-b', String(ids.fi));
    await page.selectOption('select[aria-label=Level]', 'paragraph');
    await page.selectOption('select[aria-label=Mode]', 'comparable');
    let before = await rev();
    await page.click('[data-op=align]');
    await page.waitForFunction((r) => Number(document.querySelector<HTMLElement>('.view-alignment')!.dataset.rev ?? 0) > r, before);
    await settle();
    // The annotator's own work in comparable mode: the two headlines linked by hand.
    await page.locator('.pane-a .view-line', { hasText: 'Nytt bibliotek' }).click();
    await page.locator('.pane-b .view-line', { hasText: 'Jäänmurtaja juuttui' }).click();
    await pressAndRender('l');
    const comparable = (await srv.api.getAlignment(ids.sv, ids.fi, 'paragraph', 'comparable'))!;
    expect(comparable.links.some((l) => l.origin === 'manual' && l.a.join() === '0' && l.b.join() === '0')).toBe(true);

    // Parallel on two unrelated articles: the page asks first, and Cancel changes nothing.
    await page.selectOption('select[aria-label=Mode]', 'parallel');
    await page.click('[data-op=align]');
    const ask = page.locator('.modal[role=dialog]');
    await ask.waitFor();
    expect(await ask.innerText()).toMatch(/not translations of each other[\s\S]*comparable alignment of these documents is kept/);
    await screenshot(page, 'x04-parallel-warning');
    await ask.locator('[data-dialog=cancel]').click();
    await ask.waitFor({ state: 'detached' });
    expect(await srv.api.getAlignment(ids.sv, ids.fi, 'paragraph', 'parallel')).toBeNull();

    before = await rev();
    await page.click('[data-op=align]');
    await page.locator('.modal[role=dialog] [data-dialog=confirm]').click();
    await page.waitForFunction((r) => Number(document.querySelector<HTMLElement>('.view-alignment')!.dataset.rev ?? 0) > r, before);
    await settle();
    expect(await page.locator('.view-alignment .badge').innerText()).toBe('paragraph · parallel');
    const parallel = (await srv.api.getAlignment(ids.sv, ids.fi, 'paragraph', 'parallel'))!;
    expect(parallel.links.length).toBeGreaterThan(0);
    expect((await srv.api.getAlignment(ids.sv, ids.fi, 'paragraph', 'comparable'))!.links).toEqual(comparable.links);
    await page.waitForSelector('[data-op=other-mode]:not([hidden])');
    expect(await page.locator('[data-op=other-mode]').innerText()).toMatch(/comparable/);

    // Back to comparable: Open shows the comparable work, not the parallel result.
    await page.selectOption('select[aria-label=Mode]', 'comparable');
    before = await rev();
    await page.click('[data-op=open]');
    await page.waitForFunction((r) => Number(document.querySelector<HTMLElement>('.view-alignment')!.dataset.rev ?? 0) > r, before);
    await settle();
    expect(await page.locator('.view-alignment .badge').innerText()).toBe('paragraph · comparable');
    expect(await shown()).toEqual(inReadingOrder(comparable.links));
    await screenshot(page, 'x05-comparable-kept');
  });

  it('applies a change another client makes, and never reloads for its own (echoes)', async () => {
    await page.evaluate((ids) => (window as unknown as { __tandem: Hook }).__tandem.app.openInAlignment({ docA: ids.nb, docB: ids.nbEn, level: 'paragraph' }), ids);
    await settle();
    const other = await context.newPage();
    await preparePage(other);
    watchConsole(other, 'second window');
    await other.goto(srv.url);
    await other.waitForSelector('body[data-ready]', { state: 'attached' });
    await other.keyboard.press('Control+2');
    await other.evaluate((ids) => (window as unknown as { __tandem: Hook }).__tandem.alignment.open({ docA: ids.nb, docB: ids.nbEn, level: 'paragraph' }), ids);
    await settle(other);
    const fetches: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/getAlignment')) fetches.push(r.url());
    });
    // This window's own change: applied from the answer, no reload.
    const target = (await shown()).findIndex((l) => l.a[0] === 3);
    await page.evaluate((i) => (window as unknown as { __tandem: Hook }).__tandem.alignment.setCursor(i), target);
    await pressAndRender('r');
    await page.waitForTimeout(400);
    expect(fetches).toEqual([]);
    // The other window sees it without doing anything.
    await other.waitForFunction(() => (window as unknown as { __tandem: Hook }).__tandem.alignment.shownLinks().some((l) => l.a[0] === 3 && l.status === 'rejected'));
    // And a change made in the other window right away reaches this one (a clock would have dropped it).
    const otherTarget = (await shown(other)).findIndex((l) => l.a[0] === 4);
    await other.evaluate((i) => (window as unknown as { __tandem: Hook }).__tandem.alignment.setCursor(i), otherTarget);
    await other.keyboard.press('u');
    await page.waitForFunction(() => !(window as unknown as { __tandem: Hook }).__tandem.alignment.shownLinks().some((l) => l.a.join() === '4' && l.b.length > 0));
    await settle();
    expect(await shown()).toEqual(inReadingOrder((await srv.api.getAlignment(ids.nb, ids.nbEn, 'paragraph', 'parallel'))!.links));
    // A change the other window makes to another alignment reaches this one (its counts are read again), which reloads nothing.
    await other.evaluate((ids) => (window as unknown as { __tandem: Hook }).__tandem.alignment.open({ docA: ids.sv, docB: ids.fi, level: 'paragraph', mode: 'parallel' }), ids);
    await settle(other);
    fetches.length = 0;
    const told = page.waitForRequest((r) => r.url().endsWith('/api/projectInfo'));
    await other.evaluate(async () => {
      const a = (window as unknown as { __tandem: Hook }).__tandem.alignment;
      a.setCursor(0);
      if (!(await a.confirm())) throw new Error('nothing was confirmed');
    });
    await told;
    await page.waitForTimeout(400);
    expect(fetches).toEqual([]);
    await other.close();
  });
});

describe('facts (defect 5)', () => {
  it('gives the suggestions the room they need: full text, the English translation, a bounded grid, mentions whole', async () => {
    const fact = await srv.api.createFact({ label: 'Warehouse fire at night', type: 'event' });
    await srv.api.addMention({ factId: fact.id, docId: ids.nb, paragraph: 1, start: 0, end: 55 });
    // Made through the API, which tells no page: this one asks again.
    await page.evaluate(() => (window as unknown as { __tandem: { app: { refreshFacts(): Promise<void> } } }).__tandem.app.refreshFacts());
    await view('facts', 'Control+3');
    await page.locator('.fact-item', { hasText: 'Warehouse fire at night' }).click();
    await page.click('[data-op=suggest]');
    const top = page.locator(`.sugg[data-doc="${ids.da}"][data-paragraph="1"]`);
    await top.waitFor();
    // The whole paragraph, not its first 200 characters, and its English translation under it.
    const daParagraph = DA.split('\n')[1];
    expect(daParagraph.length).toBeGreaterThan(300);
    expect((await top.locator('.sugg-text').innerText()).trim()).toBe(daParagraph);
    await top.locator('.sugg-en:not([hidden])').waitFor();
    expect(await top.locator('.sugg-en').innerText()).toContain(DA_EN.split('\n')[1]);
    const geometry = await page.evaluate(() => {
      const viewBox = document.querySelector('.view-facts')!.getBoundingClientRect();
      const grid = document.querySelector('.facts-grid')!.getBoundingClientRect();
      const text = document.querySelector('.sugg .sugg-text')!.getBoundingClientRect();
      const x = document.querySelector<HTMLElement>('.mention button.icon')!;
      const xb = x.getBoundingClientRect();
      const hit = document.elementFromPoint(xb.left + xb.width / 2, xb.top + xb.height / 2);
      const row = x.closest('.mention')!.getBoundingClientRect();
      return { share: grid.height / viewBox.height, textWidth: text.width, xInside: xb.right <= row.right + 0.5 && xb.width >= 12, xOnTop: hit === x || x.contains(hit) };
    });
    expect(geometry.share).toBeLessThanOrEqual(0.4);
    expect(geometry.textWidth).toBeGreaterThan(600);
    expect(geometry.xInside).toBe(true);
    expect(geometry.xOnTop).toBe(true);
    expect(await page.locator('table.grid td.cnt.has').count()).toBeGreaterThan(0);
    await screenshot(page, 'x06-facts');
    // Y accepts the selected suggestion: a click on the Danish paragraph selects it.
    await top.locator('.sugg-text').click();
    await page.waitForSelector(`.sugg.active[data-doc="${ids.da}"][data-paragraph="1"]`);
    await page.keyboard.press('y');
    await page.waitForFunction((da) => !document.querySelector(`.sugg[data-doc="${da}"][data-paragraph="1"]`), ids.da);
    const facts = await srv.api.listFacts();
    expect(facts.find((f) => f.id === fact.id)!.mentions.some((m) => m.docId === ids.da && m.paragraph === 1)).toBe(true);
  });
});

describe('post-editing (defect 7)', () => {
  it('opens with a translation chosen, and Ctrl+Z then Ctrl+Y undo and redo a saved edit', async () => {
    await page.evaluate(() => localStorage.removeItem('tandem.postedit'));
    await view('postedit', 'Control+5');
    await page.waitForSelector('.pe-item.active');
    const chosen = await page.locator('.view-postedit select.doc-pick').inputValue();
    expect(chosen).not.toBe('');
    // Choosing a translation opens it at its first paragraph (choosing the one open would reopen it, so it is left).
    if (chosen !== String(ids.nbEn)) {
      await page.selectOption('.view-postedit select.doc-pick', String(ids.nbEn));
      await page.waitForFunction((id) => document.querySelector('.pe-head')?.textContent?.includes('Fire on the quay') && document.querySelector('.pe-item.active')?.getAttribute('data-index') === '0', ids.nbEn);
    }
    await page.locator('.pe-item[data-index="2"]').click();
    const editor = page.locator('.pe-diff .editor.modified .view-lines');
    await editor.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' The hotel reopened on Sunday.');
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction(() => document.querySelector('.pe-item.active')?.getAttribute('data-index') === '3');
    const edited = () => srv.api.getDocument(ids.nbEn).then((d) => d.paragraphList[2].edited);
    expect(await edited()).toMatch(/reopened on Sunday\.$/);
    // The focus is in the editor of the next paragraph, which has nothing typed to undo: Ctrl+Z undoes the save.
    await page.keyboard.press('Control+z');
    await expect.poll(edited, { timeout: 5000 }).toBeNull();
    await page.keyboard.press('Control+y');
    await expect.poll(edited, { timeout: 5000 }).toMatch(/reopened on Sunday\.$/);
    // Typing is undone in the editor first, as in any editor (typed into the editor on screen once the redo is shown).
    await page.locator('.pe-diff .editor.modified .view-lines').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Extra');
    await expect.poll(() => page.locator('.pe-diff .editor.modified .view-lines').innerText(), { timeout: 5000 }).toContain('Extra');
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.pe-diff .editor.modified .view-lines').innerText(), { timeout: 5000 }).not.toContain('Extra');
    expect(await edited()).toMatch(/reopened on Sunday\.$/);
    // Undo from the status bar leaves the focus where it was, and Ctrl+Y redoes.
    await page.click('.statusbar [aria-label=Undo]');
    await expect.poll(edited, { timeout: 5000 }).toBeNull();
    expect(await page.evaluate(() => !!document.activeElement?.closest('.pe-diff'))).toBe(false);
    await page.keyboard.press('Control+y');
    await expect.poll(edited, { timeout: 5000 }).toMatch(/reopened on Sunday\.$/);
    await screenshot(page, 'x07-postedit');
  });

  it('comes back to the same translation and paragraph after a reload', async () => {
    await page.locator('.pe-item[data-index="4"]').click();
    await page.waitForFunction(() => document.querySelector('.pe-item.active')?.getAttribute('data-index') === '4');
    await page.reload();
    await page.waitForSelector('body[data-ready]', { state: 'attached' });
    await page.waitForFunction(() => document.querySelector('.pe-item.active')?.getAttribute('data-index') === '4');
    expect(await page.locator('.view-postedit select.doc-pick').inputValue()).toBe(String(ids.nbEn));
  });
});

describe('the project view (defects 4 and 9)', () => {
  it('says where the DeepL key goes, and the error stays with the project view', async () => {
    await view('project', 'Control+1');
    await page.locator(`tr[data-doc="${ids.nb}"] input[type=checkbox]`).check();
    await page.locator('.mt-card button', { hasText: 'Estimate' }).click();
    await page.waitForFunction(() => /DEEPL_AUTH_KEY/.test(document.querySelector('.statusbar .sb-error')?.textContent ?? ''));
    const message = (await statusError())!;
    expect(message).not.toMatch(/Project view/);
    await view('alignment', 'Control+2');
    expect(await statusError()).toBeNull();
    await view('project', 'Control+1');
    expect(await statusError()).toMatch(/DEEPL_AUTH_KEY/);
  });

  it('keeps file names on one line, records who made a translation, and says when no annotator is named', async () => {
    await page.setInputFiles('input[aria-label="Articles to import"]', [{ name: LONG_NAME, mimeType: 'text/plain', buffer: Buffer.from('Ein kurzer Text.\n\nNoch ein Absatz über den Hafen.', 'utf8') }]);
    await page.click('[data-op=import]');
    await page.waitForSelector('.report tr.rep-imported');
    const cell = await page.locator('.report td.rep-file').first().evaluate((td) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      return { lines: tops.size, title: td.getAttribute('title') };
    });
    expect(cell.title).toBe(LONG_NAME);
    expect(cell.lines).toBe(1);
    // A translation made by a machine called "reference" is a machine translation.
    await page.selectOption('select[title="The original this file translates"]', String(ids.sv));
    await page.setInputFiles('input[aria-label="Translation file"]', { name: 'bibliotek.en.txt', mimeType: 'text/plain', buffer: Buffer.from('A new library in Umeå\n\nThe council opened a new city library by the river on Saturday.\n\nThe building holds two hundred thousand books and a stage for concerts.\n\nOver three thousand visitors came on the first day.\n\nThe library is open every day until nine in the evening.', 'utf8') });
    await page.fill('input[aria-label="Translation language"]', 'en');
    await page.selectOption('select[aria-label="Made by"]', 'mt');
    await page.fill('input[aria-label=Provider]', 'reference');
    await page.click('[data-op=import-translation]');
    await page.waitForFunction(() => [...document.querySelectorAll('tr.tr-row')].some((tr) => /MT · reference/.test(tr.textContent ?? '')));
    const made = (await srv.api.listDocuments()).find((d) => d.translationOf === ids.sv)!;
    expect(made.provenance).toMatchObject({ kind: 'mt', provider: 'reference' });
    expect(await page.locator('.proj-summary').innerText()).not.toMatch(/annotator annotator/i);
    expect(await page.locator('.proj-summary').innerText()).toContain('no annotator name set');
    expect(await cutPlaceholders()).toEqual([]);
    await screenshot(page, 'x08-project');
  });

  it('cuts no placeholder short in any view', async () => {
    const cut: Record<string, string[]> = {};
    for (const [id, key] of [['alignment', 'Control+2'], ['facts', 'Control+3'], ['search', 'Control+4'], ['postedit', 'Control+5']] as const) {
      await view(id, key);
      const c = await cutPlaceholders();
      if (c.length) cut[id] = c;
    }
    expect(cut).toEqual({});
  });
});

describe('the command table in the page', () => {
  it('has a handler for every command of the table, and the help lists them all', async () => {
    expect(await page.evaluate(() => (window as unknown as { __tandem: Hook }).__tandem.app.commands.unhandled())).toEqual([]);
    await view('alignment', 'Control+2');
    await page.keyboard.press('?');
    await page.waitForSelector('.help-grid');
    const listed = await page.locator('.help-grid tr[data-command]').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.command));
    expect(listed).toContain('align.boundaryDown');
    expect(listed).toContain('postedit.reviewedNext');
    await screenshot(page, 'x09-help');
    await page.keyboard.press('Escape');
  });
});

describe('leaks', () => {
  it('releases every editor, model, listener and command handler when the alignment view is disposed', async () => {
    const p = await context.newPage();
    await preparePage(p);
    watchConsole(p, 'leak page');
    // Counts listeners on the long-lived targets (window, document, root, body) and live ResizeObservers.
    await p.addInitScript({ content: `
      (() => {
        const live = new Map();
        const key = (t, type, fn, opts) => [type, typeof opts === 'boolean' ? opts : !!(opts && opts.capture)].join('|');
        const add = EventTarget.prototype.addEventListener;
        const remove = EventTarget.prototype.removeEventListener;
        const watched = (t) => t === window || t === document || t === document.documentElement || t === document.body;
        EventTarget.prototype.addEventListener = function (type, fn, opts) {
          if (watched(this) && fn) { const m = live.get(this) || new Map(); const k = key(this, type, fn, opts); const s = m.get(k) || new Set(); s.add(fn); m.set(k, s); live.set(this, m); }
          return add.call(this, type, fn, opts);
        };
        EventTarget.prototype.removeEventListener = function (type, fn, opts) {
          if (watched(this) && fn) { const s = live.get(this)?.get(key(this, type, fn, opts)); s?.delete(fn); }
          return remove.call(this, type, fn, opts);
        };
        let observers = 0;
        const RO = window.ResizeObserver;
        window.ResizeObserver = class extends RO {
          constructor(cb) { super(cb); this.n = 0; }
          observe(t, o) { this.n++; observers++; return super.observe(t, o); }
          unobserve(t) { if (this.n > 0) { this.n--; observers--; } return super.unobserve(t); }
          disconnect() { observers -= this.n; this.n = 0; return super.disconnect(); }
        };
        window.__leaks = () => {
          let n = 0;
          for (const m of live.values()) for (const s of m.values()) n += s.size;
          return { listeners: n, observers };
        };
      })();
    ` });
    await p.goto(srv.url);
    await p.waitForSelector('body[data-ready]', { state: 'attached' });
    type Counts = { editors: number; models: number; listeners: number; observers: number; appListeners: number; commands: number; holdings: number };
    const counts = () => p.evaluate((): Counts => {
      const t = (window as unknown as { __tandem: Hook }).__tandem;
      const l = (window as unknown as { __leaks(): { listeners: number; observers: number } }).__leaks();
      return { ...t.monacoStats(), ...l, appListeners: t.app.listenerCount(), commands: t.app.commands.size, holdings: t.alignment.holdings() };
    });
    // Monaco's page-wide services start with the first editor: let the post-editing view make theirs first.
    await p.keyboard.press('Control+5');
    await p.waitForSelector('.pe-item.active');
    await p.keyboard.press('Control+1');
    const before = await counts();
    await p.keyboard.press('Control+2');
    await p.evaluate((ids) => (window as unknown as { __tandem: Hook }).__tandem.alignment.open({ docA: ids.nb, docB: ids.da, level: 'paragraph', mode: 'comparable' }, true), ids);
    await p.keyboard.press('t');
    await p.waitForSelector('.view-alignment[data-translations=ab]');
    await settle(p);
    await p.keyboard.press('n');
    const during = await counts();
    expect(during.editors).toBe(before.editors + 4);
    await p.keyboard.press('Control+1');
    await p.evaluate(() => (window as unknown as { __tandem: Hook }).__tandem.alignment.dispose());
    await p.waitForTimeout(300);
    const after = await counts();
    expect(after.editors).toBe(before.editors);
    expect(after.models).toBe(before.models);
    expect(after.listeners).toBe(before.listeners);
    expect(after.observers).toBe(before.observers);
    // The view's two app listeners (documents, facts) and its command handlers are gone too.
    expect(after.appListeners).toBe(before.appListeners - 2);
    expect(after.holdings).toBe(0);
    const orphaned = await p.evaluate(() => (window as unknown as { __tandem: Hook }).__tandem.app.commands.unhandled());
    expect(orphaned.length).toBeGreaterThan(15);
    expect(orphaned.every((id) => id.startsWith('align.'))).toBe(true);
    expect(await p.locator('.view-alignment *').count()).toBe(0);
    await p.close();
  });
});

describe('every view at 1440×900', () => {
  it('shows each view, with no console error anywhere in the walk', async () => {
    await page.evaluate(() => localStorage.setItem('tandem.showTranslations', '1'));
    await page.reload();
    await page.waitForSelector('body[data-ready]', { state: 'attached' });
    await view('project', 'Control+1');
    await screenshot(page, 'x10-view-project');
    await view('alignment', 'Control+2');
    await page.evaluate((ids) => (window as unknown as { __tandem: Hook }).__tandem.alignment.open({ docA: ids.nb, docB: ids.da, level: 'paragraph', mode: 'comparable' }), ids);
    await page.waitForSelector('.view-alignment[data-translations=ab]');
    await settle();
    await screenshot(page, 'x11-view-alignment');
    await view('facts', 'Control+3');
    await screenshot(page, 'x12-view-facts');
    await view('search', 'Control+4');
    await screenshot(page, 'x13-view-search');
    await view('postedit', 'Control+5');
    await page.waitForSelector('.pe-item.active');
    await page.waitForTimeout(300);
    await screenshot(page, 'x14-view-postedit');
    expect(consoleErrors).toEqual([]);
  });
});
