/**
 * The story map and the story job, in a real browser against a real server:
 * a long story's job stopped with Cancel (nothing written) and then run to
 * the end; the map of a small story (columns of paragraph blocks, confirmed
 * links solid and suggested ones dashed, groups and facts in colour), a click
 * on a link opening that pair at that link, the keyboard; and the map of five
 * 1,000-paragraph articles drawing only what is on screen. Screenshots at
 * 1440×900; no console errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureRendererBuilt, launchChromium, screenshot, startTestServer, type TestServer, openWorkbench } from '../support/browser';
import { importStorm, type StormIds } from '../support/story-fixture';
import { importBigStory } from '../support/big-story';
import { STORY } from '../fixtures/story/storm';

const LONG = 'long-storm';

interface Hook {
  app: { refreshFacts(): Promise<void>; current: string };
  alignment: { session: { current(): { id: number } | undefined; view: { docA: number; docB: number } | null } };
  storymap: {
    focus: { docId: number | null; paragraph: number; link: number | null };
    timings: { fetch: number; layout: number; draw: number; lastDraw: number };
    scrollTo(y: number): number;
    drawnOnScreen(): Array<{ index: number; linkId: number; status: string; dashed: boolean; lit: boolean; chosen: boolean; from: { x: number; y: number }; to: { x: number; y: number } }>;
    pointOnLink(index: number): { x: number; y: number } | null;
  };
}

let srv: TestServer;
let browser: Browser;
let page: Page;
let ids: StormIds;
let long: number[];
const consoleErrors: string[] = [];

/** Runs a function on the page's test handle (window.__tandem). */
const hook = <T>(fn: (t: Hook) => T): Promise<T> => page.evaluate(`(${fn.toString()})(window.__tandem)`) as Promise<T>;
const mapReady = (after: number) => page.waitForFunction((n) => Number(document.querySelector<HTMLElement>('.view-storymap')?.dataset.ready ?? 0) > n && !document.querySelector('.view-storymap.busy'), after, { timeout: 60_000 });
const readyMark = () => page.evaluate(() => Number(document.querySelector<HTMLElement>('.view-storymap')?.dataset.ready ?? 0));

beforeAll(async () => {
  ensureRendererBuilt();
  srv = await startTestServer({ name: 'storymap.tandem', annotator: 'tester' });
  ids = await importStorm(srv.api);
  long = await importBigStory(srv.api, LONG, 5, 1000);
  browser = await launchChromium();
  page = await openWorkbench(browser, srv.url, consoleErrors);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

describe('the story job from the story bar', () => {
  it('stops at Cancel, and writes nothing', async () => {
    await page.keyboard.press('Control+2');
    await page.waitForSelector('.story-bar:not([hidden])');
    await page.selectOption('#align-story', LONG);
    await page.waitForFunction(() => document.querySelector<HTMLElement>('.story-bar')?.dataset.pairs === '10');
    // Cancel as soon as the job's first progress event has named it. (The page presses it: this test's
    // server runs in the same process as the browser driver, which the job keeps busy between its steps.)
    await page.evaluate(() => {
      const bar = document.querySelector<HTMLElement>('.story-progress')!;
      const seen = new MutationObserver(() => {
        if (!bar.dataset.job) return;
        seen.disconnect();
        (window as unknown as { __progressAtCancel: string }).__progressAtCancel = bar.getAttribute('aria-valuetext') ?? '';
        document.querySelector<HTMLButtonElement>('[data-op=cancel-story]')!.click();
      });
      seen.observe(bar, { attributes: true });
    });
    await page.click('.story-bar [data-op=align-story]');
    await page.locator('[data-story-summary=stopped]').waitFor({ timeout: 60_000 });
    expect(await page.locator('.story-summary').innerText()).toContain('Stopped; nothing was written.');
    expect(await page.evaluate(() => (window as unknown as { __progressAtCancel: string }).__progressAtCancel)).toMatch(/^Aligning 10 pairs: \d+ % · reading "long-storm"$/);
    const job = (await srv.api.listJobs()).find((j) => j.kind === 'align-story' && (j.params.target as { collection?: string }).collection === LONG)!;
    expect(job.status).toBe('interrupted');
    expect(await page.locator('.story-bar').getAttribute('data-job')).toBe(String(job.id));
    const written = (await srv.api.listAlignments()).filter((a) => long.includes(a.docA) || long.includes(a.docB));
    expect(written).toEqual([]);
    expect(await page.locator('[data-op=cancel-story]').isHidden()).toBe(true);
    await screenshot(page, 's01-story-job-stopped');
  }, 120_000);

  it('runs to the end when left alone, and the pairs list what it found', async () => {
    await page.click('.story-bar [data-op=align-story]');
    await screenshot(page, 's02-story-job-running');
    await page.locator('[data-story-summary="1"]').waitFor({ timeout: 120_000 });
    const summary = await page.locator('[data-story-summary]').innerText();
    const total = Number(/^([\d,]+) links? across 10 pairs$/.exec(summary)?.[1].replace(/,/g, ''));
    expect(total).toBeGreaterThan(100);
    const jobs = (await srv.api.listJobs()).filter((j) => j.kind === 'align-story' && (j.params.target as { collection?: string }).collection === LONG);
    expect(jobs.map((j) => j.status).sort()).toEqual(['done', 'interrupted']);
    const options = await page.locator('.pair-pick option:not([value=""])').allInnerTexts();
    expect(options.length).toBe(10);
    expect(options.every((o) => / · [\d,]+ links?/.test(o))).toBe(true);
  }, 180_000);
});

describe('the story map of a small story', () => {
  let confirmedLink: number;

  it('shows the articles as columns, confirmed links solid, suggested dashed, groups and facts in colour', async () => {
    await srv.api.alignStory({ collection: STORY });
    const pair = (await srv.api.getAlignment(ids.nb, ids.en, 'paragraph', 'comparable'))!;
    const strongest = [...pair.links].sort((x, y) => y.confidence - x.confidence)[0];
    await srv.api.editLinks(pair.id, { op: 'confirm', linkIds: [strongest.id] });
    confirmedLink = strongest.id;
    const fact = await srv.api.createFact({ label: 'Power cut for 12,000 homes' });
    await srv.api.addMention({ factId: fact.id, docId: ids.nb, paragraph: 1, start: 0, end: 30 });
    await srv.api.addMention({ factId: fact.id, docId: ids.sv, paragraph: 1, start: 0, end: 30 });
    await hook((t) => t.app.refreshFacts());

    const mark = await readyMark();
    await page.keyboard.press('Control+6');
    await page.waitForSelector('.view-storymap:not([hidden])');
    await page.selectOption('#storymap-story', STORY);
    await mapReady(mark);
    const map = await srv.api.storyMap({ collection: STORY });
    expect(await page.locator('.sm-col-head').count()).toBe(4);
    expect(await page.locator('.sm-col-head .sm-col-title').allInnerTexts()).toEqual(map.articles.map((a) => a.title));
    // Every block of this short story is on screen, and every link.
    expect(await page.locator('.sm-block').count()).toBe(map.articles.reduce((n, a) => n + a.paragraphs.length, 0));
    const drawn = await hook((t) => t.storymap.drawnOnScreen());
    expect(drawn.map((d) => d.linkId).sort((x, y) => x - y)).toEqual(map.links.map((l) => l.linkId).sort((x, y) => x - y));
    // Confirmed links are drawn solid, suggested ones dashed.
    expect(drawn.filter((d) => d.status === 'confirmed').map((d) => d.dashed)).toEqual([false]);
    expect(drawn.filter((d) => d.status === 'suggested').every((d) => d.dashed)).toBe(true);
    // Each runs from a block's edge in one column to a block's edge in another.
    const heads = await page.locator('.sm-col-head').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })));
    for (const d of drawn) {
      expect(heads.some((h) => Math.abs(h.right - d.from.x) < 1.5)).toBe(true);
      expect(heads.some((h) => Math.abs(h.left - d.to.x) < 1.5)).toBe(true);
    }
    // Linked paragraphs are coloured by their group, tagged facts by a dot.
    expect(await page.locator('.sm-block.grouped').count()).toBe(map.articles.reduce((n, a) => n + a.paragraphs.filter((p) => p.cluster !== null).length, 0));
    expect(await page.locator('.sm-block[data-para="1"] .sm-dot').count()).toBe(2);
    expect(await page.locator('.sm-groups').innerText()).toContain('Power cut for 12,000 homes');
    await screenshot(page, 's03-story-map');
  });

  it('opens the pair at a link when the link is clicked', async () => {
    const map = await srv.api.storyMap({ collection: STORY });
    // The confirmed link, or (where other links cover every point of its line) the first link
    // with a point on its drawn line where no other link lies over it, in the page.
    const order = [map.links.findIndex((l) => l.linkId === confirmedLink), ...map.links.map((_, k) => k)];
    let i = -1;
    let at: { x: number; y: number } | null = null;
    for (const k of order) {
      at = await page.evaluate((n) => (window as unknown as { __tandem: Hook }).__tandem.storymap.pointOnLink(n), k);
      if (at) {
        i = k;
        break;
      }
    }
    expect(at).not.toBeNull();
    const linkId = map.links[i].linkId;
    await page.mouse.click(at!.x, at!.y);
    await page.waitForFunction(() => !(document.querySelector('.view-alignment') as HTMLElement).hidden);
    await page.waitForFunction((id) => (window as unknown as { __tandem: Hook }).__tandem.alignment.session.current()?.id === id, linkId);
    expect(await hook((t) => t.alignment.session.view && [t.alignment.session.view.docA, t.alignment.session.view.docB])).toEqual([map.links[i].docA, map.links[i].docB]);
    await page.waitForSelector(`.evidence-line[data-link="${linkId}"]`);
    // The story bar follows: it shows this story and this pair, not the story chosen before.
    await page.waitForFunction((story) => (document.querySelector('#align-story') as HTMLSelectElement).value === story, STORY);
    expect(await page.locator('.story-bar').getAttribute('data-pair')).not.toBe('-1');
    await screenshot(page, 's04-opened-from-map');
  });

  it('is driven by the keyboard: arrows move, N picks a link, G follows it, Enter opens it', async () => {
    const mark = await readyMark();
    await page.keyboard.press('Control+6');
    await mapReady(mark);
    const focus = () => hook((t) => ({ ...t.storymap.focus }));
    const map = await srv.api.storyMap({ collection: STORY });
    expect((await focus()).docId).toBe(map.articles[0].docId);
    await page.keyboard.press('ArrowDown');
    expect(await focus()).toMatchObject({ docId: map.articles[0].docId, paragraph: 1 });
    expect(await page.locator('.sm-block.focus').getAttribute('data-para')).toBe('1');
    // → goes to the paragraph of the next article that this one is linked with.
    await page.keyboard.press('ArrowRight');
    const right = await focus();
    expect(right.docId).toBe(map.articles[1].docId);
    const linkedWith = map.links.filter((l) => (l.docA === map.articles[0].docId && l.a.includes(1) && l.docB === right.docId) || (l.docB === map.articles[0].docId && l.b.includes(1) && l.docA === right.docId));
    if (linkedWith.length) expect(linkedWith.some((l) => (l.docA === right.docId ? l.a : l.b).includes(right.paragraph))).toBe(true);
    await page.keyboard.press('n');
    const chosen = (await focus()).link;
    expect(chosen).not.toBeNull();
    expect((await hook((t) => t.storymap.drawnOnScreen())).filter((d) => d.chosen).map((d) => d.linkId)).toEqual([chosen]);
    expect(await page.locator('.sm-link-btn.chosen').count()).toBe(1);
    // G follows the chosen link to its other end, which keeps it chosen.
    await page.keyboard.press('g');
    const other = await focus();
    expect(other.link).toBe(chosen);
    const l = map.links.find((x) => x.linkId === chosen)!;
    expect([l.docA, l.docB]).toContain(other.docId);
    await screenshot(page, 's05-map-keyboard');
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => (window as unknown as { __tandem: Hook }).__tandem.alignment.session.current()?.id === id, chosen);
    // S hides the suggested links, and shows them again.
    await page.keyboard.press('Control+6');
    const suggestedDrawn = async () => (await hook((t) => t.storymap.drawnOnScreen())).filter((d) => d.status === 'suggested').length;
    await page.keyboard.press('s');
    expect(await suggestedDrawn()).toBe(0);
    expect(await page.locator('#sm-suggested').isChecked()).toBe(false);
    await page.keyboard.press('s');
    expect(await suggestedDrawn()).toBeGreaterThan(0);
  });
});

describe('the story map of five 1,000-paragraph articles', () => {
  it('draws only the blocks and links on screen, wherever it is scrolled', async () => {
    const mark = await readyMark();
    await page.selectOption('#storymap-story', LONG);
    await mapReady(mark);
    const map = await srv.api.storyMap({ collection: LONG });
    expect(map.articles.map((a) => a.paragraphs.length)).toEqual([1000, 1000, 1000, 1000, 1000]);
    expect(map.links.length).toBeGreaterThan(1000);
    // What is drawn, and how far the farthest block and link lie from the screen (in pixels; 0 when on it).
    const drawn = async () => page.evaluate(() => {
      const scroller = document.querySelector<HTMLElement>('.sm-scroller')!;
      const top = scroller.scrollTop;
      const bottom = top + scroller.clientHeight;
      const off = (y0: number, y1: number) => Math.max(0, Math.min(y0, y1) - bottom, top - Math.max(y0, y1));
      const box = scroller.getBoundingClientRect();
      let blockOff = 0;
      for (const b of document.querySelectorAll<HTMLElement>('.sm-block:not(.focus)')) {
        const r = b.getBoundingClientRect();
        blockOff = Math.max(blockOff, off(r.top - box.top + top, r.bottom - box.top + top));
      }
      // Links are drawn on a canvas; the page says where each runs (in page coordinates).
      const links = (window as unknown as { __tandem: Hook }).__tandem.storymap.drawnOnScreen();
      let linkOff = 0;
      for (const d of links) linkOff = Math.max(linkOff, off(d.from.y - box.top + top, d.to.y - box.top + top));
      return { blocks: document.querySelectorAll('.sm-block').length, links: links.length, blockOff, linkOff, screen: scroller.clientHeight };
    });
    // Drawn: what is on screen and about a screen's height above and below (so that scrolling within it draws
    // nothing); not the other thousands of blocks and links.
    const near = (await drawn()).screen + 180;
    const top = await drawn();
    expect(top.blocks).toBeGreaterThan(50);
    expect(top.blocks).toBeLessThan(1200);
    expect(top.blockOff).toBeLessThan(near);
    expect(top.linkOff).toBeLessThan(near);
    expect(top.links).toBeLessThan(map.links.length);
    await screenshot(page, 's06-long-story-top');
    const height = await page.evaluate(() => document.querySelector<HTMLElement>('.sm-canvas')!.offsetHeight);
    const draws: number[] = [];
    for (const y of [height * 0.25, height * 0.5, height * 0.75, height]) {
      draws.push(await page.evaluate((to) => (window as unknown as { __tandem: Hook }).__tandem.storymap.scrollTo(to), Math.round(y)));
      const d = await drawn();
      expect(d.blocks).toBeLessThan(1200);
      expect(d.blockOff).toBeLessThan(near);
      expect(d.linkOff).toBeLessThan(near);
      expect(d.links).toBeLessThan(map.links.length);
      // What is drawn is where the map is scrolled: the blocks on screen are from that part of each article.
      const paras = await page.locator('.sm-block').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.para)));
      expect(Math.max(...paras)).toBeGreaterThan(y / height * 1000 * 0.5);
    }
    await screenshot(page, 's07-long-story-bottom');
    const timings = await hook((t) => ({ ...t.storymap.timings }));
    console.log(`story map, five 1,000-paragraph articles (${map.links.length} links): fetch ${timings.fetch.toFixed(0)} ms, layout and first draw ${timings.layout.toFixed(0)} ms, draw after a scroll ${draws.map((d) => d.toFixed(1)).join(' / ')} ms (machine shared, timings noisy)`);
  }, 120_000);
});

describe('the walk', () => {
  it('logged no console error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
