/**
 * UI benchmark: headless Chromium against an in-process `tandem serve` with
 * two synthetic 5,000-paragraph documents aligned 1:1. Measures the first
 * render of the alignment view and the time per operation, in the page, each
 * until the frame after the change is painted (requestAnimationFrame, then a
 * task: the paint has happened by then). 50 samples per operation by default,
 * so that the p95 is a real one. A cursor move or selection before an operation
 * is painted before its clock starts, as it is for a user who moves to a link
 * and then presses a key: the jump is not part of the operation.
 *
 *   npx tsx bench/ui.ts          prints the figures as JSON
 */
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { b64, ensureRendererBuilt, launchChromium, preparePage, screenshot, startTestServer } from '../tests/support/browser';
import { inReadingOrder } from '../renderer/src/links';
import type { ReadmeRow } from './measure';

const WORDS_NB = 'regn flom by vei brann politi kommune varsel bygning elv bro skole sykehus tog buss havn fjell dal hus skog'.split(' ');
const WORDS_EN = 'rain flood town road fire police council warning building river bridge school hospital train bus harbour mountain valley house forest'.split(' ');

const WORDS_SV = 'regn översvämning stad väg brand polis kommun varning byggnad älv bro skola sjukhus tåg buss hamn fjäll dal hus skog'.split(' ');
const WORDS_EN2 = 'shower deluge city street blaze officers municipality alert structure stream crossing academy clinic rail coach port peak vale home woods'.split(' ');

/** Paragraph i of both documents has the same words, one language each, so the aligner links them 1:1. */
function synthetic(n: number, words: string[], seed = 1): string {
  let x = seed;
  const rnd = () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x / 0x7fffffff;
  };
  const paras: string[] = [];
  for (let i = 0; i < n; i++) {
    const len = 12 + Math.floor(rnd() * 50);
    const w: string[] = [];
    for (let k = 0; k < len; k++) w.push(words[Math.floor(rnd() * words.length)]);
    w[0] = w[0][0].toUpperCase() + w[0].slice(1);
    paras.push(`${i + 1}. ${w.join(' ')}.`);
  }
  return paras.join('\n\n');
}

type Stats = { median: number; p95: number; max: number; n: number };

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  // Nearest rank: the p95 of 50 samples is the 48th, not the largest.
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  return { median: round(q(0.5)), p95: round(q(0.95)), max: round(s[s.length - 1]), n: s.length };
}

/** Far jumps spread over the document, away from its ends. */
const scrollTarget = (i: number, n: number) => 500 + ((i * 977) % Math.max(1, n - 1000));

const round = (x: number) => Math.round(x * 10) / 10;

/** A page on the workbench, in the alignment view, recording page errors. */
async function openAlignmentPage(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await preparePage(page);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('body[data-ready]', { state: 'attached' });
  await page.keyboard.press('Control+2');
  return { page, errors };
}

export async function benchUi(opts: { paragraphs?: number; repeats?: number } = {}): Promise<Record<string, unknown>> {
  const n = opts.paragraphs ?? 5000;
  const repeats = opts.repeats ?? 50;
  ensureRendererBuilt();
  const srv = await startTestServer({ name: 'bench-ui.tandem', annotator: 'bench' });
  const browser = await launchChromium();
  try {
    const tSetup = performance.now();
    const imp = await srv.api.importArticles([{ name: 'synthetic-nb.txt', base64: b64(synthetic(n, WORDS_NB)) }], { collection: 'bench', lang: 'nb', paragraphs: 'blank-line' });
    const docA = imp.files[0].docId!;
    const imp2 = await srv.api.importArticles([{ name: 'synthetic-en.txt', base64: b64(synthetic(n, WORDS_EN)) }], { collection: 'bench', lang: 'en', paragraphs: 'blank-line' });
    const docB = imp2.files[0].docId!;
    // 1:1 links through the API: one n:m "link" per paragraph would take n calls, so align in parallel mode.
    const view = await srv.api.align(docA, docB, { level: 'paragraph', mode: 'parallel' });
    const oneToOne = view.links.filter((l) => l.a.length === 1 && l.b.length === 1).length;
    const setupMs = performance.now() - tSetup;

    const { page, errors } = await openAlignmentPage(browser, srv.url);

    const firstRender = await page.evaluate(async ({ docA, docB }) => {
      const t = (window as unknown as { __tandem: TandemHook }).__tandem;
      const t0 = performance.now();
      await t.alignment.open({ docA, docB, level: 'paragraph' });
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return { total: performance.now() - t0, open: t.alignment.loaded, parts: (t.alignment as unknown as { loadTimes: Record<string, number> }).loadTimes };
    }, { docA, docB });

    await screenshot(page, 'bench-5000-paragraphs');
    const targets = Array.from({ length: repeats }, (_, i) => scrollTarget(i, n));
    const ops = await page.evaluate(async ({ repeats, targets }) => {
      const t = (window as unknown as { __tandem: TandemHook }).__tandem;
      const a = t.alignment;
      const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const out: Record<string, Array<{ total: number; api: number; render: number; painted: number }>> = {};
      const rec = async (name: string, fn: () => Promise<{ total: number; api: number; render: number } | undefined>) => {
        const t0 = performance.now();
        const r = await fn();
        await frame();
        const painted = performance.now() - t0;
        if (!r) throw new Error(`${name} did not run`);
        (out[name] ??= []).push({ ...r, painted });
      };
      const base = 2000;
      for (let i = 0; i < repeats; i++) {
        const at = base + i * 40;
        // scroll: far jump, drawn synchronously (overlay) and then painted by the editors.
        {
          const t0 = performance.now();
          const sync = a.scrollToSegment(targets[i]);
          await frame();
          (out.scroll ??= []).push({ total: sync, api: 0, render: sync, painted: performance.now() - t0 });
        }
        a.setCursor(at);
        await frame();
        await rec('confirm', () => a.confirm());
        a.setCursor(at + 1);
        await frame();
        await rec('reject', () => a.reject());
        a.setCursor(at + 2);
        await frame();
        await rec('merge', () => a.merge());
        await rec('split', () => a.split());
        a.setCursor(at + 4);
        await frame();
        await rec('move-boundary', () => a.moveBoundary('down', 'b'));
        await rec('undo', () => t.undo());
        await rec('redo', () => t.redo());
        await rec('undo', () => t.undo());
        a.selectSegments([at + 6], [at + 7]);
        await frame();
        await rec('link', () => a.linkSelected());
        a.setCursor(a.cursorOfSegment(at + 6));
        await frame();
        await rec('unlink', () => a.unlink());
      }
      return out;
    }, { repeats, targets });
    // The view after every kind of operation, to check by eye that patching from deltas draws what a fresh load would.
    await screenshot(page, 'bench-after-ops');

    const summary: Record<string, unknown> = {};
    for (const [name, xs] of Object.entries(ops)) {
      summary[name] = {
        totalMs: stats(xs.map((x) => x.total)),
        apiMs: stats(xs.map((x) => x.api)),
        renderMs: stats(xs.map((x) => x.render)),
        paintedMs: stats(xs.map((x) => x.painted)),
      };
    }
    const state = await srv.api.getAlignment(docA, docB, 'paragraph');
    const translations = await benchTranslations(srv, browser, n, repeats);
    // Edits and undo reach the page as deltas: what it shows must still be exactly what a fresh load would show.
    const shown = await page.evaluate(() => (window as unknown as { __tandem: TandemHook }).__tandem.alignment.shownLinks());
    const shownMatchesStored = JSON.stringify(shown) === JSON.stringify(inReadingOrder(state?.links ?? []));
    // The server's share of an operation, without HTTP or the page: confirm one link, then undo it, in-process.
    const server: number[] = [];
    const serverUndo: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const link = state!.links[100 + i];
      let t0 = performance.now();
      await srv.api.editLinks(state!.id, { op: 'confirm', linkIds: [link.id] });
      server.push(performance.now() - t0);
      t0 = performance.now();
      await srv.api.undo();
      serverUndo.push(performance.now() - t0);
    }
    const painted = (name: string) => (summary[name] as { paintedMs: Stats }).paintedMs;
    const list = (names: string[], get: (name: string) => Stats) => names.filter((x) => get(x)).map((x) => `${x} ${get(x).median}/${get(x).p95}`).join(', ');
    const tr = translations as { firstRenderMs: number; opsMs: Record<string, Stats> };
    const data = `two synthetic documents of ${n.toLocaleString('en-US')} paragraphs (nb, en; 20 words of our own each), linked 1:1; headless Chromium`;
    const readme: ReadmeRow[] = [
      {
        workload: 'Alignment view, first render, then each operation until the next frame is painted: median/p95 ms',
        data,
        figure: `first render ${round(firstRender.total)} ms (one run); scroll ${painted('scroll').median}/${painted('scroll').p95}; ${list(['confirm', 'reject', 'merge', 'split', 'move-boundary', 'undo', 'redo', 'link', 'unlink'], painted)} (${painted('confirm').n} samples each, undo ${painted('undo').n})`,
        baseline: 'target: first render < 1 s; each operation < 50 ms',
      },
      {
        workload: '… with each original\'s English translation beside it (4 panes), until painted: median/p95 ms',
        data: `two synthetic originals of ${n.toLocaleString('en-US')} paragraphs (nb, sv) and their English translations, linked 1:1; headless Chromium`,
        figure: `first render ${tr.firstRenderMs} ms (one run); scroll ${tr.opsMs.scrollPainted.median}/${tr.opsMs.scrollPainted.p95}; ${list(['confirm', 'undo', 'link', 'unlink'], (x) => tr.opsMs[`${x}Painted`])}; panes off ${tr.opsMs.toggleOff.median}/${tr.opsMs.toggleOff.p95}, on ${tr.opsMs.toggleOn.median}/${tr.opsMs.toggleOn.p95} (${tr.opsMs.confirmPainted.n} samples each)`,
        baseline: 'target: first render < 1 s; each operation < 50 ms',
      },
    ];
    return {
      paragraphs: n,
      links: view.links.length,
      oneToOneLinks: oneToOne,
      setupMs: round(setupMs),
      firstRenderMs: round(firstRender.total),
      firstRenderParts: firstRender.parts,
      firstRenderTargetMs: 1000,
      opTargetMs: 50,
      ops: summary,
      serverEditLinksInProcessMs: stats(server),
      serverUndoInProcessMs: stats(serverUndo),
      linksAfter: state?.links.length,
      shownMatchesStored,
      pageErrors: errors,
      translations,
      note: 'totalMs = API round trip + re-render; renderMs = client re-render only; paintedMs = until the next frame is painted (what the annotator waits for). Four panes: X = API + re-render, XPainted = until painted.',
      readme,
    };
  } finally {
    await browser.close();
    await srv.close();
  }
}

/**
 * The same view with translations shown (T): two 5,000-paragraph originals,
 * nb and sv, each with a 5,000-paragraph English MT linked 1:1, so four panes
 * of 5,000 rows each. Measures the first render, turning the panes off and
 * on, scrolling and a few edits, and checks that the rows stay level.
 */
async function benchTranslations(srv: Awaited<ReturnType<typeof startTestServer>>, browser: Awaited<ReturnType<typeof launchChromium>>, n: number, repeats: number): Promise<Record<string, unknown>> {
  const tSetup = performance.now();
  const story = { collection: 'bench-translations', paragraphs: 'blank-line' as const };
  const nb = (await srv.api.importArticles([{ name: 'synthetic-2-nb.txt', base64: b64(synthetic(n, WORDS_NB, 2)) }], { ...story, lang: 'nb' })).files[0].docId!;
  const sv = (await srv.api.importArticles([{ name: 'synthetic-2-sv.txt', base64: b64(synthetic(n, WORDS_SV, 2)) }], { ...story, lang: 'sv' })).files[0].docId!;
  const nbEn = await srv.api.importTranslation(nb, { name: 'synthetic-2-nb.en.txt', base64: b64(synthetic(n, WORDS_EN, 2)) }, { lang: 'en', provider: 'deepl' });
  const svEn = await srv.api.importTranslation(sv, { name: 'synthetic-2-sv.en.txt', base64: b64(synthetic(n, WORDS_EN2, 2)) }, { lang: 'en', provider: 'deepl' });
  const trLinks = async (orig: number, tr: number) => (await srv.api.getAlignment(orig, tr, 'paragraph'))?.links.filter((l) => l.a.length === 1 && l.b.length === 1).length ?? 0;
  const oneToOneTr = [await trLinks(nb, nbEn.docId!), await trLinks(sv, svEn.docId!)];
  // The originals linked 1:1 as well (parallel mode): the rendering is the same whatever the mode.
  const view = await srv.api.align(nb, sv, { level: 'paragraph', mode: 'parallel' });
  const setupMs = performance.now() - tSetup;

  const { page, errors } = await openAlignmentPage(browser, srv.url);
  const firstRender = await page.evaluate(async ({ nb, sv }) => {
    const t = (window as unknown as { __tandem: TandemHook }).__tandem;
    await t.alignment.setShowTranslations(true);
    const t0 = performance.now();
    await t.alignment.open({ docA: nb, docB: sv, level: 'paragraph' });
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return { total: performance.now() - t0, open: t.alignment.loaded, parts: (t.alignment as unknown as { loadTimes: Record<string, number> }).loadTimes, panes: document.querySelector<HTMLElement>('.view-alignment')!.dataset.translations };
  }, { nb, sv });
  await screenshot(page, 'bench-5000-paragraphs-translations');

  const targets = Array.from({ length: repeats }, (_, i) => scrollTarget(i, n));
  const ops = await page.evaluate(async ({ repeats, targets }) => {
    const t = (window as unknown as { __tandem: TandemHook }).__tandem;
    const a = t.alignment;
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const out: Record<string, number[]> = {};
    const push = (name: string, ms: number) => (out[name] ??= []).push(ms);
    // Rows level: the top of each original paragraph and of its translation, near where the panes were scrolled.
    const level = (seg: number) => {
      const tops = (sel: string) => {
        const m = new Map<string, number>();
        for (const el of document.querySelectorAll<HTMLElement>(`${sel} .margin-view-overlays .line-numbers`)) m.set(el.textContent!.trim(), el.getBoundingClientRect().top);
        return m;
      };
      let worst = 0;
      let compared = 0;
      for (const [o, tr] of [['.pane-a', '.pane-tr-a'], ['.pane-b', '.pane-tr-b']]) {
        const x = tops(o);
        const y = tops(tr);
        for (const [label, top] of x) {
          if (!y.has(label) || Number(label) < seg - 5) continue;
          worst = Math.max(worst, Math.abs(top - y.get(label)!));
          compared++;
        }
      }
      return { worst, compared };
    };
    const levels: Array<{ worst: number; compared: number }> = [];
    for (let i = 0; i < repeats; i++) {
      const at = 2000 + i * 40;
      const seg = targets[i];
      const t0 = performance.now();
      const sync = a.scrollToSegment(seg);
      await frame();
      push('scrollSync', sync);
      push('scrollPainted', performance.now() - t0);
      levels.push(level(seg));
      const rec = async (name: string, fn: () => Promise<OpResult | undefined>) => {
        const t0 = performance.now();
        const r = await fn();
        await frame();
        if (!r) throw new Error(`${name} did not run`);
        push(`${name}Painted`, performance.now() - t0);
        push(name, r.total);
        push(`${name}Render`, r.render);
      };
      a.setCursor(at);
      await frame();
      await rec('confirm', () => a.confirm());
      await rec('undo', () => t.undo());
      a.selectSegments([at + 6], [at + 7]);
      await frame();
      await rec('link', () => a.linkSelected());
      a.setCursor(a.cursorOfSegment(at + 6));
      await frame();
      await rec('unlink', () => a.unlink());
    }
    for (let i = 0; i < repeats; i++) {
      let t0 = performance.now();
      await a.setShowTranslations(false);
      await frame();
      push('toggleOff', performance.now() - t0);
      t0 = performance.now();
      await a.setShowTranslations(true);
      await frame();
      push('toggleOn', performance.now() - t0);
    }
    return { out, levels };
  }, { repeats, targets });
  const summary: Record<string, Stats> = {};
  for (const [name, xs] of Object.entries(ops.out)) summary[name] = stats(xs);
  await page.close();
  // The server's share of a confirm on this pair, without HTTP or the page.
  const state = (await srv.api.getAlignment(nb, sv, 'paragraph'))!;
  const server: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await srv.api.editLinks(state.id, { op: 'confirm', linkIds: [state.links[100 + i].id] });
    server.push(performance.now() - t0);
    await srv.api.undo();
  }
  return {
    paragraphsPerPane: n,
    panes: 4,
    translationLinksOneToOne: oneToOneTr,
    links: view.links.length,
    setupMs: round(setupMs),
    firstRenderMs: round(firstRender.total),
    firstRenderParts: firstRender.parts,
    translationPanesShown: firstRender.panes,
    firstRenderTargetMs: 1000,
    opsMs: summary,
    serverConfirmInProcessMs: stats(server),
    rowsLevelWorstPx: Math.max(...ops.levels.map((l) => l.worst)),
    rowsLevelCompared: ops.levels.reduce((s, l) => s + l.compared, 0),
    pageErrors: errors,
  };
}

interface OpResult {
  total: number;
  api: number;
  render: number;
}

interface TandemHook {
  alignment: {
    open(at: { docA: number; docB: number; level: string }): Promise<boolean>;
    loaded: number;
    scrollToSegment(seg: number): number;
    setCursor(idx: number): void;
    cursorOfSegment(seg: number): number;
    selectSegments(a: number[], b: number[]): void;
    confirm(): Promise<OpResult | undefined>;
    reject(): Promise<OpResult | undefined>;
    merge(): Promise<OpResult | undefined>;
    split(): Promise<OpResult | undefined>;
    moveBoundary(direction: 'up' | 'down', side: 'a' | 'b'): Promise<OpResult | undefined>;
    linkSelected(): Promise<OpResult | undefined>;
    unlink(): Promise<OpResult | undefined>;
    shownLinks(): unknown[];
    setShowTranslations(on: boolean): Promise<void>;
  };
  undo(): Promise<OpResult | undefined>;
  redo(): Promise<OpResult | undefined>;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  benchUi()
    .then((r) => {
      console.log(JSON.stringify(r, null, 2));
      process.exit(0);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
