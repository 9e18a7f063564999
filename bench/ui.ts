/**
 * UI benchmark: headless Chromium against an in-process `tandem serve` with
 * two synthetic 5,000-paragraph documents aligned 1:1. Measures the first
 * render of the alignment view and the time per operation, in the page.
 *
 *   npx tsx bench/ui.ts          prints the figures as JSON
 */
import { fileURLToPath } from 'node:url';
import { b64, ensureRendererBuilt, launchChromium, preparePage, screenshot, startTestServer } from '../tests/support/browser';
import { inReadingOrder } from '../renderer/src/links';

const WORDS_NB = 'regn flom by vei brann politi kommune varsel bygning elv bro skole sykehus tog buss havn fjell dal hus skog'.split(' ');
const WORDS_EN = 'rain flood town road fire police council warning building river bridge school hospital train bus harbour mountain valley house forest'.split(' ');

/** Paragraph i of both documents has the same words, one language each, so the aligner links them 1:1. */
function synthetic(n: number, words: string[]): string {
  let x = 1;
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
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: round(q(0.5)), p95: round(q(0.95)), max: round(s[s.length - 1]), n: s.length };
}

const round = (x: number) => Math.round(x * 10) / 10;

export async function benchUi(opts: { paragraphs?: number; repeats?: number } = {}): Promise<Record<string, unknown>> {
  const n = opts.paragraphs ?? 5000;
  const repeats = opts.repeats ?? 5;
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

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await preparePage(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(srv.url);
    await page.waitForSelector('body[data-ready]', { state: 'attached' });
    await page.keyboard.press('Control+2');

    const firstRender = await page.evaluate(async ({ docA, docB }) => {
      const t = (window as unknown as { __tandem: TandemHook }).__tandem;
      const t0 = performance.now();
      await t.alignment.open({ docA, docB, level: 'paragraph' });
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return { total: performance.now() - t0, open: t.alignment.loaded, parts: (t.alignment as unknown as { loadTimes: Record<string, number> }).loadTimes };
    }, { docA, docB });

    await screenshot(page, 'bench-5000-paragraphs');
    const ops = await page.evaluate(async ({ repeats }) => {
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
          const sync = a.scrollToSegment(at + 400 + i * 97);
          await frame();
          (out.scroll ??= []).push({ total: sync, api: 0, render: sync, painted: performance.now() - t0 });
        }
        a.setCursor(at);
        await rec('confirm', () => a.confirm());
        a.setCursor(at + 1);
        await rec('reject', () => a.reject());
        a.setCursor(at + 2);
        await rec('merge', () => a.merge());
        await rec('split', () => a.split());
        a.setCursor(at + 4);
        await rec('move-boundary', () => a.moveBoundary('down', 'b'));
        await rec('undo', () => t.undo());
        await rec('redo', () => t.redo());
        await rec('undo', () => t.undo());
        a.selectSegments([at + 6], [at + 7]);
        await rec('link', () => a.linkSelected());
        a.setCursor(a.cursorOfSegment(at + 6));
        await rec('unlink', () => a.unlink());
      }
      return out;
    }, { repeats });
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
      note: 'totalMs = API round trip + re-render (what the annotator waits for); renderMs = client re-render only; paintedMs = until the next frame is painted.',
    };
  } finally {
    await browser.close();
    await srv.close();
  }
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
