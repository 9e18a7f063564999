/**
 * The alignment view on a story of independent reports, in a real browser
 * against a real server: the story aligned as one job (progress from its
 * events), the evidence of each comparable link highlighted in both panes and
 * in the English beside the original, the control of how many candidates a
 * pair shows (remembered), and fixes of segmentation at the caret with links
 * following and undo restoring. Screenshots at 1440×900; no console errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Link } from '../../common/types';
import { inReadingOrder } from '../../renderer/src/links';
import { ensureRendererBuilt, launchChromium, screenshot, startTestServer, type TestServer, openWorkbench } from '../support/browser';
import { importStorm, type StormIds } from '../support/story-fixture';
import { STORY } from '../fixtures/story/storm';

interface Hook {
  alignment: {
    open(at: object, compute?: boolean): Promise<boolean>;
    setCursor(i: number): void;
    shownLinks(): Link[];
    evidenceShown(): Record<string, Array<{ kind: string; text: string }>>;
    session: { view: { id: number; control?: { minConfidence: number; perParagraph: number } } | null; current(): Link | undefined };
  };
}

let srv: TestServer;
let browser: Browser;
let page: Page;
let ids: StormIds;
const consoleErrors: string[] = [];

/** Runs a function on the page's test handle (window.__tandem). */
const hook = <T>(fn: (t: Hook) => T): Promise<T> => page.evaluate(`(${fn.toString()})(window.__tandem)`) as Promise<T>;
const rev = () => page.evaluate(() => Number(document.querySelector<HTMLElement>('.view-alignment')?.dataset.rev ?? 0));
const settle = () => page.waitForFunction(() => !document.querySelector('.view-alignment.busy'));
/** The links the page shows against the links the server holds, in one order and one shape. */
const shape = (links: readonly Link[]) => inReadingOrder(links).map((l) => `${l.a.join(',')}|${l.b.join(',')}|${l.status}`);

async function openPair(docA: number, docB: number, level: 'paragraph' | 'sentence', mode: 'parallel' | 'comparable', compute = false): Promise<void> {
  const ok = await page.evaluate(([a, b, lv, m, c]) => (window as unknown as { __tandem: Hook }).__tandem.alignment.open({ docA: a, docB: b, level: lv, mode: m }, c as boolean), [docA, docB, level, mode, compute] as const);
  expect(ok).toBe(true);
  await settle();
}

/** Clicks the start of the pane line that holds `text`, then moves the caret right to `offset` in that line with the arrow key. */
async function caretAt(pane: 'a' | 'b', text: string, offset: number): Promise<void> {
  const line = page.locator(`.view-alignment .pane-${pane} .view-line`, { hasText: text }).first();
  await line.click({ position: { x: 2, y: 6 } });
  await page.keyboard.press('Home');
  for (let i = 0; i < offset; i++) await page.keyboard.press('ArrowRight');
}

async function sentences(doc: number): Promise<number> {
  return (await srv.api.listDocuments()).find((d) => d.id === doc)!.sentences;
}

beforeAll(async () => {
  ensureRendererBuilt();
  srv = await startTestServer({ name: 'evidence.tandem', annotator: 'tester' });
  ids = await importStorm(srv.api);
  browser = await launchChromium();
  page = await openWorkbench(browser, srv.url, consoleErrors);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

describe('a story aligned as one job', () => {
  it('runs the server job from Align all pairs, with the progress its events carry', async () => {
    await page.keyboard.press('Control+2');
    await page.waitForSelector('.story-bar:not([hidden])');
    await page.selectOption('#align-story', STORY);
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __progress: string[] }).__progress = seen;
      const bar = document.querySelector('.story-progress')!;
      new MutationObserver(() => {
        const t = bar.getAttribute('aria-valuetext');
        if (t && seen[seen.length - 1] !== t) seen.push(t);
      }).observe(bar, { attributes: true, subtree: true, childList: true, characterData: true });
    });
    await page.click('.story-bar [data-op=align-story]');
    await page.locator('[data-story-summary="1"]').waitFor();
    const summary = await page.locator('[data-story-summary]').innerText();
    const total = Number(/^(\d+) links? across 6 pairs$/.exec(summary)?.[1]);
    expect(total).toBeGreaterThan(0);
    const jobs = (await srv.api.listJobs()).filter((j) => j.kind === 'align-story');
    expect(jobs.map((j) => [j.status, j.message])).toEqual([['done', `${total} links across 6 pairs`]]);
    expect(await page.locator('.story-bar').getAttribute('data-job')).toBe(String(jobs[0].id));
    // The bar took its progress from the job's events (a job this short may answer before they come).
    await page.waitForFunction((n) => ((window as unknown as { __tandem: { alignment: { lastStoryRun: { messages: string[] } | null } } }).__tandem.alignment.lastStoryRun?.messages ?? []).includes(`${n} links across 6 pairs`), total);
    const messages = await page.evaluate(() => (window as unknown as { __tandem: { alignment: { lastStoryRun: { messages: string[] } } } }).__tandem.alignment.lastStoryRun.messages);
    expect(messages).toEqual(expect.arrayContaining([`reading "${STORY}"`, 'saving links']));
    const progress = await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
    for (const p of progress) expect(/^Aligning 6 pairs: \d+ % · (.+)$/.exec(p)?.[1] ?? 'Starting').toMatch(new RegExp(`^(Starting|${messages.map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`));
    // The Finnish report has no English version: the summary says so and offers to translate it.
    expect(await page.locator('.story-summary').innerText()).toContain('no English translation yet: fi');
    await page.waitForSelector('.view-alignment[data-ready]');
    await settle();
    await screenshot(page, 'e01-story-job');
  });
});

describe('the evidence of a comparable link', () => {
  it('highlights what the link shares in both panes and in the English beside the original, and says it in one line', async () => {
    await openPair(ids.nb, ids.en, 'paragraph', 'comparable');
    // T shows the English translation beside the Norwegian original (the English report needs none).
    await page.keyboard.press('t');
    await page.waitForSelector('.view-alignment[data-translations=a]');
    // The link between the two reports' second paragraphs (12,000 homes, 14 January, Hedda).
    const links = await hook((t) => t.alignment.shownLinks());
    const idx = links.findIndex((l) => l.a.join() === '1' && l.b.join() === '1');
    expect(idx).toBeGreaterThanOrEqual(0);
    await page.evaluate((i) => (window as unknown as { __tandem: Hook }).__tandem.alignment.setCursor(i), idx);
    const id = links[idx].id;
    await page.waitForSelector(`.evidence-line[data-link="${id}"]`);
    const view = await hook((t) => t.alignment.session.view!.id);
    const [ex] = await srv.api.explainLinks(view, [id]);
    const text = async (doc: number, p: number) => (await srv.api.getDocument(doc)).paragraphList[p].text;
    const [nb, nbEn, en] = [await text(ids.nb, ex.paragraphA), await text(ids.nbEn, ex.paragraphA), await text(ids.en, ex.paragraphB)];
    const want = (t: string, pick: (e: typeof ex.evidence[number]) => Array<[number, number]>) => ex.evidence.flatMap((e) => pick(e).map(([s, x]) => t.slice(s, x))).sort();
    const shown = await hook((t) => t.alignment.evidenceShown());
    const got = (pane: string) => shown[pane].filter((m) => m.kind !== 'sentence').map((m) => m.text).sort();
    expect(got('a')).toEqual(want(nb, (e) => e.a.original));
    expect(got('ta')).toEqual(want(nbEn, (e) => e.a.translation));
    expect(got('b')).toEqual(want(en, (e) => e.b.original));
    expect(got('a')).toEqual(expect.arrayContaining(['12 000', 'Hedda']));
    expect(got('ta')).toEqual(expect.arrayContaining(['12,000', '14 January']));
    // The best sentence of each side is underlined.
    expect(shown.a.find((m) => m.kind === 'sentence')?.text).toBe(ex.sentenceA.text);
    expect(shown.b.find((m) => m.kind === 'sentence')?.text).toBe(ex.sentenceB.text);
    // And the browser draws them, in all three panes.
    for (const pane of ['.pane-a', '.pane-tr-a', '.pane-b']) expect(await page.locator(`.view-alignment ${pane} .ev-hl`).count(), pane).toBeGreaterThan(0);
    const line = (await page.locator('.evidence-line').textContent()) ?? '';
    expect(line).toMatch(/^Why: shared: /);
    for (const e of ex.evidence.filter((x) => x.kind === 'name')) expect(line).toContain(e.label);
    expect(line).toMatch(/(strong|likely|possible|weak) \d\.\d\d · about \d+ in 10 links this confident are right|nearly every link|few links/);
    await screenshot(page, 'e02-evidence');
  });

  it('follows the cursor, and shows the link under the pointer in the gutter', async () => {
    const before = await page.locator('.evidence-line').getAttribute('data-link');
    // Back to the previous link, so that a later link, alone on its paragraph in A, is free to hover.
    await page.keyboard.press('k');
    await page.waitForFunction((b) => {
      const el = document.querySelector<HTMLElement>('.evidence-line')!;
      return el.dataset.link !== b && el.dataset.link !== '';
    }, before);
    const cur = await hook((t) => t.alignment.session.current()!.id);
    expect(await page.locator('.evidence-line').getAttribute('data-link')).toBe(String(cur));
    // Hover another link in the gutter: one whose paragraph in A has no other link, near its end in A.
    const links = await hook((t) => t.alignment.shownLinks());
    const target = await page.evaluate((curId) => {
      const t = (window as unknown as { __tandem: Hook }).__tandem;
      const all = t.alignment.shownLinks();
      const svg = document.querySelector('.view-alignment .links-svg')!;
      const box = svg.getBoundingClientRect();
      for (const path of svg.querySelectorAll('path[data-link]')) {
        const i = Number(path.getAttribute('data-link'));
        const l = all[i];
        if (l.id === curId || all.filter((o) => o.a.join() === l.a.join()).length > 1) continue;
        const n = (path.getAttribute('d') ?? '').match(/-?\d+(\.\d+)?/g)!.map(Number);
        // M x0,a0 C … x0,a1 Z: the band's end in A runs from a0 to a1 at x0.
        return { i, x: box.left + n[0] + 3, y: box.top + (n[1] + n[n.length - 1]) / 2 };
      }
      return null;
    }, cur);
    expect(target).not.toBeNull();
    await page.mouse.move(target!.x, target!.y);
    await page.waitForFunction((id) => document.querySelector<HTMLElement>('.evidence-line')!.dataset.link === String(id), links[target!.i].id);
    expect(await page.locator('.evidence-line').textContent()).toMatch(/^Hovered link: shared: /);
    await screenshot(page, 'e03-evidence-hover');
    await page.mouse.move(700, 880);
    await page.waitForFunction((id) => document.querySelector<HTMLElement>('.evidence-line')!.dataset.link === String(id), cur);
    expect(await page.locator('.evidence-line').textContent()).toMatch(/^Why: shared: /);
  });
});

describe('more or fewer candidates', () => {
  const control = async () => (await srv.api.getAlignment(ids.nb, ids.en, 'paragraph', 'comparable'))!.control!;
  const serverShape = async () => shape((await srv.api.getAlignment(ids.nb, ids.en, 'paragraph', 'comparable'))!.links);

  it('steps the minimum confidence with - and =, shows what the server then holds, and remembers it', async () => {
    expect(await control()).toEqual({ minConfidence: 0.2, perParagraph: 2 });
    await page.locator('.view-alignment .links-svg').click({ position: { x: 2, y: 2 }, force: true });
    let r = await rev();
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    await page.waitForFunction((x) => Number(document.querySelector<HTMLElement>('.view-alignment')!.dataset.rev) > x, r);
    await settle();
    expect(await control()).toEqual({ minConfidence: 0.3, perParagraph: 2 });
    expect(await page.locator('.cand-value').innerText()).toBe('≥ 0.30');
    expect(shape(await hook((t) => t.alignment.shownLinks()))).toEqual(await serverShape());
    const fewer = (await hook((t) => t.alignment.shownLinks())).filter((l) => l.status === 'suggested').length;

    // More: the minimum down to 0 and four candidates per paragraph (the stepper, by keyboard).
    r = await rev();
    for (let i = 0; i < 6; i++) await page.keyboard.press('=');
    await page.waitForFunction((x) => Number(document.querySelector<HTMLElement>('.view-alignment')!.dataset.rev) > x, r);
    await settle();
    expect((await control()).minConfidence).toBe(0);
    r = await rev();
    await page.locator('.cand-k').fill('4');
    await page.locator('.cand-k').press('Tab');
    await page.waitForFunction((x) => Number(document.querySelector<HTMLElement>('.view-alignment')!.dataset.rev) > x, r);
    await settle();
    expect(await control()).toEqual({ minConfidence: 0, perParagraph: 4 });
    const more = (await hook((t) => t.alignment.shownLinks())).filter((l) => l.status === 'suggested').length;
    expect(more).toBeGreaterThan(fewer);
    expect(shape(await hook((t) => t.alignment.shownLinks()))).toEqual(await serverShape());
    expect(await page.locator('.cand-count').innerText()).toBe(`${more} suggested`);
    await screenshot(page, 'e04-candidates-more');

    // Remembered: after a reload the pair opens with the same setting.
    await page.reload();
    await page.waitForSelector('body[data-ready]', { state: 'attached' });
    await page.keyboard.press('Control+2');
    await openPair(ids.nb, ids.en, 'paragraph', 'comparable');
    expect(await page.locator('.cand-range').inputValue()).toBe('0');
    expect(await page.locator('.cand-k').inputValue()).toBe('4');
    // Undo takes the last change back, like any other.
    r = await rev();
    await page.keyboard.press('Control+z');
    await page.waitForFunction((x) => Number(document.querySelector<HTMLElement>('.view-alignment')!.dataset.rev) > x, r);
    await settle();
    expect(shape(await hook((t) => t.alignment.shownLinks()))).toEqual(await serverShape());
  });

  it('is not there for a parallel alignment, and - says why', async () => {
    await openPair(ids.nb, ids.nbEn, 'paragraph', 'parallel', true);
    expect(await page.locator('.cand-group').isHidden()).toBe(true);
    await page.locator('.view-alignment .links-svg').click({ position: { x: 2, y: 2 }, force: true });
    await page.keyboard.press('-');
    await page.locator('.toast', { hasText: 'applies to comparable paragraph alignments' }).waitFor();
  });
});

describe('fixing the segmentation at the caret', () => {
  const nbSentence5 = 'Ingeniør Dmitrij Abdrajev, som leder reparasjonene, sier at tre høyspentmaster har falt.Det kan ta flere dager å reise dem igjen.';

  it('splits a sentence with Shift+S where the caret is; links follow; Ctrl+Z and Ctrl+Y undo and redo it', async () => {
    await openPair(ids.nb, ids.nbEn, 'sentence', 'parallel', true);
    expect(await sentences(ids.nb)).toBe(9);
    const at = nbSentence5.indexOf('Det kan');
    await caretAt('a', 'høyspentmaster', at);
    await page.keyboard.press('Shift+S');
    await page.waitForSelector('.seg-notice:not([hidden])');
    await settle();
    expect(await sentences(ids.nb)).toBe(10);
    expect(await page.locator('.seg-notice').innerText()).toContain('Split sentence 5.1 of “Stormen Hedda slo ut strømmen i Tromsø”');
    // The pane shows the two sentences, and the links the server now holds.
    await page.waitForSelector('.view-alignment .pane-a .pane-head >> text=10 sentences');
    expect(await page.locator('.view-alignment .pane-a .view-line', { hasText: /^Det\s+kan\s+ta/ }).count()).toBe(1);
    const stored = async () => shape((await srv.api.getAlignment(ids.nb, ids.nbEn, 'sentence', 'parallel'))!.links);
    expect(shape(await hook((t) => t.alignment.shownLinks()))).toEqual(await stored());
    // The link that held the sentence holds both parts now.
    const split = (await hook((t) => t.alignment.shownLinks())).find((l) => l.a.includes(7));
    expect(split?.a).toEqual([7, 8]);
    await screenshot(page, 'e05-split-sentence');

    await page.keyboard.press('Control+z');
    await page.waitForSelector('.view-alignment .pane-a .pane-head >> text=9 sentences');
    await settle();
    expect(await sentences(ids.nb)).toBe(9);
    expect(await page.locator('.seg-notice').isHidden()).toBe(true);
    expect(shape(await hook((t) => t.alignment.shownLinks()))).toEqual(await stored());
    await screenshot(page, 'e06-split-undone');

    await page.keyboard.press('Control+y');
    await page.waitForSelector('.view-alignment .pane-a .pane-head >> text=10 sentences');
    await settle();
    expect(shape(await hook((t) => t.alignment.shownLinks()))).toEqual(await stored());
  });

  it('merges the sentence at the caret with the next one (Shift+M)', async () => {
    await caretAt('a', 'høyspentmaster', 3);
    await page.keyboard.press('Shift+M');
    await page.waitForSelector('.view-alignment .pane-a .pane-head >> text=9 sentences');
    await settle();
    expect(await sentences(ids.nb)).toBe(9);
    expect(await page.locator('.seg-notice').innerText()).toContain('Merged sentences 5.1 and 5.2');
  });

  it('splits a paragraph with its button; the translation follows and the note says so; Shift+J joins them again', async () => {
    // The caret at the start of sentence 2.2 ("Vindkastene …"): the new paragraph starts there.
    await caretAt('a', 'Vindkastene', 0);
    await page.click('[data-op=split-paragraph]');
    await page.waitForSelector('.seg-notice .seg-notes li');
    await settle();
    const docs = await srv.api.listDocuments();
    expect(docs.find((d) => d.id === ids.nb)!.paragraphs).toBe(7);
    expect(docs.find((d) => d.id === ids.nbEn)!.paragraphs).toBe(7);
    expect(await page.locator('.seg-notice').innerText()).toMatch(/translation\): paragraph 2 split at the matching sentence/);
    expect(await page.locator('.view-alignment .pane-a .view-line', { hasText: /^Vindkastene\s/ }).count()).toBe(1);
    expect(shape(await hook((t) => t.alignment.shownLinks()))).toEqual(shape((await srv.api.getAlignment(ids.nb, ids.nbEn, 'sentence', 'parallel'))!.links));
    await screenshot(page, 'e07-split-paragraph');

    await caretAt('a', 'husstander', 5);
    await page.keyboard.press('Shift+J');
    await page.waitForFunction(() => /Joined paragraphs 2 and 3/.test(document.querySelector('.seg-notice')?.textContent ?? ''));
    await settle();
    const after = await srv.api.listDocuments();
    expect(after.find((d) => d.id === ids.nb)!.paragraphs).toBe(6);
    expect(after.find((d) => d.id === ids.nbEn)!.paragraphs).toBe(6);
  });

  it('says why, and changes nothing, where no change can be made', async () => {
    const before = await sentences(ids.nb);
    await caretAt('a', 'Vindkastene', 0);
    await page.keyboard.press('Shift+S');
    await page.locator('.sb-error', { hasText: 'inside a sentence' }).waitFor();
    // The last paragraph cannot be joined with a next one.
    await caretAt('a', 'Kulturhuset', 4);
    await page.keyboard.press('Shift+J');
    await page.locator('.sb-error', { hasText: 'last one' }).waitFor();
    expect(await sentences(ids.nb)).toBe(before);
    expect((await srv.api.listDocuments()).find((d) => d.id === ids.nb)!.paragraphs).toBe(6);
  });
});

describe('the walk', () => {
  it('logged no console error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
