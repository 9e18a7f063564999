/**
 * Translations beside the originals in the alignment view (T): two original
 * articles, each with its English machine translation, compared side by side
 * as A-original | A-English ‖ links ‖ B-English | B-original, with rows kept
 * level, one scroll for all four panes, linking through the English, fact
 * highlights carried to the translations, and the choice kept across reloads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { b64, ensureRendererBuilt, launchChromium, preparePage, screenshot, startTestServer, type TestServer } from '../support/browser';

const NB = `Skogbrann nord for Kongsberg

En stor skogbrann brøt ut nord for Kongsberg søndag ettermiddag. Brannen spredte seg raskt i den tørre vinden, og over 300 mål skog står nå i flammer. Røyken kunne ses helt fra Drammen.

Politiet evakuerte 120 beboere fra tre grender langs riksvei 40. De evakuerte får overnatte på Kongsberg skole, der kommunen har åpnet et evakuerte- og pårørendesenter.

Fire brannhelikoptre og et fly fra Sverige deltar i slukkingen. Brannsjefen sier at arbeidet vil fortsette gjennom natten, og at det kan ta flere dager før brannen er under kontroll.

Det har ikke regnet i området på over fem uker, og skogbrannfaren er satt til meget stor i hele fylket.

Riksvei 40 er stengt mellom Kongsberg og Rødberg inntil videre. Bilister bes følge omkjøring via Notodden.

Ordføreren oppfordrer folk til ikke å reise til området for å se på brannen, fordi trafikken hindrer utrykningskjøretøyene.

Politiet etterforsker hva som startet brannen. Et bålforbud har gjeldt siden 15. april.`;

const NB_EN = `Forest fire north of Kongsberg

A large forest fire broke out north of Kongsberg on Sunday afternoon. The fire spread quickly in the dry wind, and more than 300 decares of forest are now in flames. The smoke could be seen all the way from Drammen.

Police evacuated 120 residents from three hamlets along national road 40. The evacuees can spend the night at Kongsberg school, where the municipality has opened a centre for evacuees and next of kin.

Four firefighting helicopters and an aircraft from Sweden are taking part in the firefighting. The fire chief says the work will continue through the night, and that it may take several days before the fire is under control.

It has not rained in the area for more than five weeks, and the forest fire danger has been set to very high across the county.

National road 40 is closed between Kongsberg and Rødberg until further notice. Drivers are asked to follow the detour via Notodden.

The mayor urges people not to travel to the area to look at the fire, because the traffic gets in the way of the emergency vehicles.

Police are investigating what started the fire. A ban on open fires has been in force since 15 April.`;

const SV = `Stor skogsbrand i Norge

En stor skogsbrand bröt ut norr om Kongsberg i södra Norge på söndagseftermiddagen. Elden spreds snabbt i den torra vinden.

Omkring 120 invånare har evakuerats från tre byar längs väg 40, uppger norsk polis.

Ett svenskt brandflyg har skickats för att hjälpa till med släckningen, tillsammans med fyra norska helikoptrar. Planet lyfte från Säve på söndagskvällen.

Det har inte regnat i området på mer än fem veckor.

Väg 40 är avstängd tills vidare.

Också i Sverige är brandrisken mycket hög i flera län, och eldningsförbud gäller i stora delar av landet.`;

const SV_EN = `Large forest fire in Norway

A large forest fire broke out north of Kongsberg in southern Norway on Sunday afternoon. The fire spread quickly in the dry wind.

Around 120 residents have been evacuated from three villages along road 40, Norwegian police say.

A Swedish firefighting aircraft has been sent to help put out the fire, together with four Norwegian helicopters. The plane took off from Säve on Sunday evening.

It has not rained in the area for more than five weeks.

Road 40 is closed until further notice.

In Sweden too the fire risk is very high in several counties, and a ban on fires applies in large parts of the country.`;

type Hook = {
  app: { refreshFacts(): Promise<void> };
  alignment: { scrollTops(): Record<string, number>; shownLinks(): Array<{ a: number[]; b: number[]; status: string }> };
};

let srv: TestServer;
let browser: Browser;
let page: Page;
const ids: Record<string, number> = {};
const errors: string[] = [];

async function importOriginal(name: string, text: string, lang: string): Promise<number> {
  const rep = await srv.api.importArticles([{ name, base64: b64(text) }], { collection: 'kongsberg-fire', lang });
  expect(rep.files[0].status).toBe('imported');
  return rep.files[0].docId!;
}

async function importMt(of: number, name: string, text: string): Promise<number> {
  const rep = await srv.api.importTranslation(of, { name, base64: b64(text) }, { lang: 'en', provider: 'deepl' });
  expect(rep.status).toBe('imported');
  return rep.docId!;
}

/** The screen top of each numbered line shown in a pane, by its label (the paragraph number). */
function lineTops(pane: string): Promise<Record<string, number>> {
  return page.evaluate((sel) => {
    const out: Record<string, number> = {};
    const root = document.querySelector(sel);
    if (!root) return out;
    const box = root.querySelector('.pane-editor')!.getBoundingClientRect();
    for (const el of root.querySelectorAll<HTMLElement>('.margin-view-overlays .line-numbers')) {
      const r = el.getBoundingClientRect();
      const label = el.textContent?.trim();
      // Only lines on screen: Monaco keeps a few rendered above and below the viewport.
      if (label && r.height > 0 && r.bottom > box.top && r.top < box.bottom) out[label] = r.top;
    }
    return out;
  }, pane);
}

/** Checks that each original line and the translation line beside it start at one height; returns how many were compared. */
async function expectLevel(orig: string, tr: string): Promise<number> {
  const a = await lineTops(orig);
  const t = await lineTops(tr);
  let compared = 0;
  for (const [label, top] of Object.entries(a)) {
    if (t[label] === undefined) continue;
    expect(Math.abs(top - t[label]), `${orig} and ${tr}, paragraph ${label}`).toBeLessThanOrEqual(1);
    compared++;
  }
  return compared;
}

async function visiblePanes(): Promise<string[]> {
  return page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.align-panes > .pane, .align-panes > .align-gutter')]
    .filter((el) => !el.hidden && el.getBoundingClientRect().width > 0)
    .sort((x, y) => x.getBoundingClientRect().left - y.getBoundingClientRect().left)
    .map((el) => (el.classList.contains('align-gutter') ? 'gutter' : [...el.classList].find((c) => /^pane-(tr-)?[ab]$/.test(c))!)));
}

async function settle(): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.view-alignment.busy'));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Clicks the text of a numbered line in a pane. */
async function clickParagraph(pane: string, label: string): Promise<void> {
  const at = await page.evaluate(({ pane, label }) => {
    const root = document.querySelector(pane)!;
    const num = [...root.querySelectorAll<HTMLElement>('.margin-view-overlays .line-numbers')].find((el) => el.textContent?.trim() === label);
    if (!num) return null;
    const r = num.getBoundingClientRect();
    const text = root.querySelector('.view-lines')!.getBoundingClientRect();
    return { x: text.left + 40, y: r.top + r.height / 2 };
  }, { pane, label });
  expect(at, `${pane} shows paragraph ${label}`).not.toBeNull();
  await page.mouse.click(at!.x, at!.y);
}

beforeAll(async () => {
  ensureRendererBuilt();
  srv = await startTestServer({ name: 'translations.tandem', annotator: 'tester' });
  ids.nb = await importOriginal('skogbrann.txt', NB, 'nb');
  ids.sv = await importOriginal('skogsbrand.txt', SV, 'sv');
  ids.nbEn = await importMt(ids.nb, 'skogbrann.en.txt', NB_EN);
  ids.svEn = await importMt(ids.sv, 'skogsbrand.en.txt', SV_EN);
  browser = await launchChromium();
  // Low enough that four panes of these articles have to scroll.
  const context = await browser.newContext({ viewport: { width: 1400, height: 620 } });
  page = await context.newPage();
  await preparePage(page);
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(srv.url);
  await page.waitForSelector('body[data-ready]', { state: 'attached' });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

describe('translations beside the originals', () => {
  it('imports each English MT linked 1:1 with its original', async () => {
    const docs = await srv.api.listDocuments();
    for (const [orig, tr] of [[ids.nb, ids.nbEn], [ids.sv, ids.svEn]]) {
      const d = docs.find((x) => x.id === tr)!;
      expect(d.provenance.kind).toBe('mt');
      expect(d.translationOf).toBe(orig);
      const links = (await srv.api.getAlignment(orig, tr, 'paragraph'))!.links;
      expect(links.every((l) => l.a.length === 1 && l.b.length === 1 && l.a[0] === l.b[0])).toBe(true);
      expect(links.length).toBe(d.paragraphs);
    }
  });

  it('shows four panes in comparable mode, rows level, one scroll for all', async () => {
    await page.keyboard.press('Control+2');
    await page.selectOption('#align-doc-a', String(ids.nb));
    await page.selectOption('#align-doc-b', String(ids.sv));
    await page.selectOption('select[aria-label=Mode]', 'comparable');
    await page.click('[data-op=align]');
    await page.waitForSelector('.view-alignment[data-ready]');
    await settle();
    expect(await page.locator('.view-alignment').getAttribute('data-links')).not.toBe('0');
    expect(await visiblePanes()).toEqual(['pane-a', 'gutter', 'pane-b']);
    expect(await page.getAttribute('[data-op=translations]', 'aria-pressed')).toBe('false');
    const linksBefore = await srv.api.getAlignment(ids.nb, ids.sv, 'paragraph');
    await screenshot(page, 't01-comparable-two-panes');

    await page.locator('.align-panes').click({ position: { x: 2, y: 2 } }).catch(() => undefined);
    await page.keyboard.press('t');
    await page.waitForSelector('.view-alignment[data-translations=ab]');
    await settle();
    expect(await visiblePanes()).toEqual(['pane-a', 'pane-tr-a', 'gutter', 'pane-tr-b', 'pane-b']);
    expect(await page.getAttribute('[data-op=translations]', 'aria-pressed')).toBe('true');
    const heads = await page.locator('.pane-tr .pane-head').allInnerTexts();
    expect(heads[0]).toMatch(/A · EN[\s\S]*Forest fire north of Kongsberg[\s\S]*MT deepl/);
    expect(heads[1]).toMatch(/B · EN[\s\S]*Large forest fire in Norway[\s\S]*MT deepl/);
    // Toggling changes what is shown, never the links.
    expect(await srv.api.getAlignment(ids.nb, ids.sv, 'paragraph')).toEqual(linksBefore);
    await screenshot(page, 't02-four-panes');

    // Each original line and its translation start at one height; the rows needed padding to get there.
    expect(await expectLevel('.pane-a', '.pane-tr-a')).toBeGreaterThanOrEqual(3);
    expect(await expectLevel('.pane-b', '.pane-tr-b')).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.align-panes .pad-zone').count()).toBeGreaterThan(0);
    // Linked paragraphs still start level across the gutter (the anchors of the alignment).
    const shown = await page.evaluate(() => (window as unknown as { __tandem: Hook }).__tandem.alignment.shownLinks());
    const topsA = await lineTops('.pane-a');
    const topsB = await lineTops('.pane-b');
    let lastA = -1;
    let lastB = -1;
    let anchorsSeen = 0;
    for (const l of shown) {
      if (!l.a.length || !l.b.length || l.status === 'rejected' || l.a[0] <= lastA || l.b[0] <= lastB) continue;
      lastA = l.a[l.a.length - 1];
      lastB = l.b[l.b.length - 1];
      const ya = topsA[String(l.a[0] + 1)];
      const yb = topsB[String(l.b[0] + 1)];
      if (ya === undefined || yb === undefined) continue;
      expect(Math.abs(ya - yb)).toBeLessThanOrEqual(1);
      anchorsSeen++;
    }
    expect(anchorsSeen).toBeGreaterThan(0);

    // Scrolling one pane (here B's translation, with the wheel) scrolls all four.
    const trB = await page.locator('.pane-tr-b .pane-editor').boundingBox();
    await page.mouse.move(trB!.x + trB!.width / 2, trB!.y + trB!.height / 2);
    await page.mouse.wheel(0, 240);
    await page.waitForFunction(() => Object.values((window as unknown as { __tandem: Hook }).__tandem.alignment.scrollTops()).every((t) => t > 0));
    await settle();
    const tops = await page.evaluate(() => (window as unknown as { __tandem: Hook }).__tandem.alignment.scrollTops());
    expect(Object.keys(tops).sort()).toEqual(['a', 'b', 'ta', 'tb']);
    expect(new Set(Object.values(tops)).size).toBe(1);
    expect(await expectLevel('.pane-a', '.pane-tr-a')).toBeGreaterThanOrEqual(2);
    expect(await expectLevel('.pane-b', '.pane-tr-b')).toBeGreaterThanOrEqual(2);
    await screenshot(page, 't03-four-panes-scrolled');
  });

  it('links originals by clicking their translations, then L', async () => {
    // Back to the top; A's paragraph 3 (evacuations) read in English, with B's paragraph 4 (the aircraft), deliberately.
    await page.evaluate(() => {
      const a = (window as unknown as { __tandem: { alignment: { scrollToSegment(s: number): number } } }).__tandem.alignment;
      a.scrollToSegment(0);
    });
    await settle();
    await clickParagraph('.pane-tr-a', '3');
    await clickParagraph('.pane-tr-b', '4');
    await settle();
    // The originals are what is selected, and their translations show it.
    expect(await page.locator('.link-info').innerText()).toContain('selected 1:1');
    expect(await page.locator('.pane-tr-a .seg-sel').count()).toBeGreaterThan(0);
    const rev = await page.evaluate(() => Number(document.querySelector<HTMLElement>('.view-alignment')!.dataset.rev ?? 0));
    await page.keyboard.press('l');
    await page.waitForFunction((r) => Number(document.querySelector<HTMLElement>('.view-alignment')!.dataset.rev ?? 0) > r, rev);
    await settle();
    const stored = (await srv.api.getAlignment(ids.nb, ids.sv, 'paragraph'))!;
    const made = stored.links.find((l) => l.a.length === 1 && l.a[0] === 2 && l.b.length === 1 && l.b[0] === 3);
    expect(made?.origin).toBe('manual');
    // Still four panes, still level after the re-render.
    expect(await page.locator('.view-alignment').getAttribute('data-translations')).toBe('ab');
    expect(await expectLevel('.pane-a', '.pane-tr-a')).toBeGreaterThanOrEqual(2);
    expect(await expectLevel('.pane-b', '.pane-tr-b')).toBeGreaterThanOrEqual(2);
    await screenshot(page, 't04-linked-through-english');
  });

  it('shows fact highlights in the translations: carried from the original, and the translation’s own', async () => {
    const fact = await srv.api.createFact({ label: 'Evacuations', type: 'event' });
    // On the Norwegian original (paragraph 3): the English beside it is tinted as a whole.
    await srv.api.addMention({ factId: fact.id, docId: ids.nb, paragraph: 2, start: 0, end: 42 });
    // Straight on the Swedish article's English translation (paragraph 3): shown as the exact span.
    await srv.api.addMention({ factId: fact.id, docId: ids.svEn, paragraph: 2, start: 0, end: 26 });
    await page.evaluate(() => (window as unknown as { __tandem: Hook }).__tandem.app.refreshFacts());
    await page.waitForSelector('.pane-tr-a .fact-carried');
    await page.waitForSelector('.pane-tr-b .fact-hl');
    expect(await page.locator('.pane-a .fact-hl').count()).toBeGreaterThan(0);
    // Monaco renders spaces as no-break spaces, and wraps long lines into several spans.
    const text = async (sel: string) => (await page.locator(sel).allInnerTexts()).join(' ').replace(/\s+/g, ' ').trim();
    expect(await text('.pane-tr-a .fact-carried')).toContain('Police evacuated 120 residents from three hamlets');
    expect(await text('.pane-tr-b .fact-hl')).toBe('Around 120 residents have');
    await screenshot(page, 't05-facts-in-translations');
  });

  it('keeps the choice across a reload, and T turns it off again', async () => {
    await page.reload();
    await page.waitForSelector('body[data-ready]', { state: 'attached' });
    await page.keyboard.press('Control+2');
    await page.waitForSelector('.view-alignment[data-ready][data-translations=ab]');
    await settle();
    expect(await visiblePanes()).toEqual(['pane-a', 'pane-tr-a', 'gutter', 'pane-tr-b', 'pane-b']);
    expect(await page.getAttribute('[data-op=translations]', 'aria-pressed')).toBe('true');
    expect(await expectLevel('.pane-a', '.pane-tr-a')).toBeGreaterThanOrEqual(3);

    await page.keyboard.press('t');
    await page.waitForSelector('.view-alignment[data-translations=""]');
    await settle();
    expect(await visiblePanes()).toEqual(['pane-a', 'gutter', 'pane-b']);
    expect(await page.getAttribute('[data-op=translations]', 'aria-pressed')).toBe('false');
    expect(await page.evaluate(() => localStorage.getItem('tandem.showTranslations'))).toBe('0');
    await page.keyboard.press('t');
    await page.waitForSelector('.view-alignment[data-translations=ab]');
  });

  it('adds no pane where B already is A’s translation, and one for an original beside an English article', async () => {
    await page.evaluate((ids) => (window as unknown as { __tandem: { alignment: { open(at: object): Promise<boolean> } } }).__tandem.alignment.open({ docA: ids.nb, docB: ids.nbEn, level: 'paragraph' }), ids);
    await settle();
    expect(await page.locator('.view-alignment').getAttribute('data-translations')).toBe('');
    expect(await visiblePanes()).toEqual(['pane-a', 'gutter', 'pane-b']);
    // The Swedish original against the Norwegian article's English MT: only A gets a translation pane.
    await page.evaluate((ids) => (window as unknown as { __tandem: { alignment: { open(at: object, compute: boolean): Promise<boolean> } } }).__tandem.alignment.open({ docA: ids.sv, docB: ids.nbEn, level: 'paragraph' }, true), ids);
    await settle();
    expect(await page.locator('.view-alignment').getAttribute('data-translations')).toBe('a');
    expect(await visiblePanes()).toEqual(['pane-a', 'pane-tr-a', 'gutter', 'pane-b']);
    expect(await expectLevel('.pane-a', '.pane-tr-a')).toBeGreaterThanOrEqual(2);
    await screenshot(page, 't06-original-beside-english');
  });

  it('keeps each translation paragraph level with the first sentence of its original at sentence level', async () => {
    await page.evaluate((ids) => (window as unknown as { __tandem: { alignment: { open(at: object, compute: boolean): Promise<boolean> } } }).__tandem.alignment.open({ docA: ids.nb, docB: ids.sv, level: 'sentence' }, true), ids);
    await settle();
    expect(await page.locator('.view-alignment').getAttribute('data-translations')).toBe('ab');
    for (const [orig, tr] of [['.pane-a', '.pane-tr-a'], ['.pane-b', '.pane-tr-b']]) {
      const o = await lineTops(orig);
      const t = await lineTops(tr);
      let compared = 0;
      for (const [label, top] of Object.entries(o)) {
        const m = /^(\d+)\.1$/.exec(label);
        if (!m || t[m[1]] === undefined) continue;
        expect(Math.abs(top - t[m[1]]), `${orig} sentence ${label}`).toBeLessThanOrEqual(1);
        compared++;
      }
      expect(compared).toBeGreaterThanOrEqual(2);
    }
    await screenshot(page, 't07-sentence-level');
  });

  it('shows the translations when T is pressed while a pair is still loading', async () => {
    await page.keyboard.press('t');
    await page.waitForSelector('.view-alignment[data-translations=""]');
    await settle();
    // Hold the next alignment on its way, press T meanwhile, then let it through.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let seen!: () => void;
    const asked = new Promise<void>((r) => (seen = r));
    await page.route('**/api/getAlignment', async (route) => {
      seen();
      await held;
      await route.continue();
    });
    const opened = page.evaluate((ids) => (window as unknown as { __tandem: { alignment: { open(at: object): Promise<boolean> } } }).__tandem.alignment.open({ docA: ids.nb, docB: ids.sv, level: 'paragraph', mode: 'comparable' }), ids);
    await asked;
    await page.keyboard.press('t');
    expect(await page.getAttribute('[data-op=translations]', 'aria-pressed')).toBe('true');
    release();
    expect(await opened).toBe(true);
    await page.unroute('**/api/getAlignment');
    await page.waitForSelector('.view-alignment[data-translations=ab]', { timeout: 10_000 });
    await settle();
    expect(await visiblePanes()).toEqual(['pane-a', 'pane-tr-a', 'gutter', 'pane-tr-b', 'pane-b']);
  });

  it('lists T in the shortcuts help', async () => {
    await page.keyboard.press('?');
    await page.waitForSelector('.help-grid');
    expect(await page.locator('.help-grid').innerText()).toMatch(/\bT\s+Show \/ hide the English translation beside each original/);
    await screenshot(page, 't08-help');
    await page.keyboard.press('Escape');
    await page.waitForSelector('.help-grid', { state: 'detached' });
    expect(errors).toEqual([]);
  });
});
