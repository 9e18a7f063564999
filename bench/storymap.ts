/**
 * Story map benchmark: headless Chromium against an in-process `tandem serve`
 * holding a story of five 1,000-paragraph articles (our own vocabulary, with
 * shared facts every seventh paragraph; tests/support/big-story.ts), linked by
 * the story job. Measures opening the map, then scrolling it smoothly and by
 * jumps, and moving the focus: wall time in the page, and CPU time of the
 * browser's processes (more telling on a shared machine), and the renderer's
 * peak RSS.
 *
 *   npx tsx bench/storymap.ts          prints the figures as JSON
 */
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureRendererBuilt, launchChromium, preparePage, screenshot, startTestServer } from '../tests/support/browser';
import { importBigStory } from '../tests/support/big-story';
import type { ReadmeRow } from './measure';

/** CPU time (ms) of this process's descendants (the browser and its helpers), and their peak RSS (MB). */
function browserUsage(): { cpuMs: number; peakRssMb: number } {
  const pids: string[] = [];
  const walk = (pid: string) => {
    let out = '';
    try {
      out = execFileSync('pgrep', ['-P', pid]).toString();
    } catch {
      return;
    }
    for (const c of out.trim().split('\n').filter(Boolean)) {
      pids.push(c);
      walk(c);
    }
  };
  walk(String(process.pid));
  let cpuMs = 0;
  let peak = 0;
  const tick = 10; // ms per clock tick (USER_HZ 100)
  for (const p of pids) {
    try {
      const f = fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      cpuMs += (Number(f[11]) + Number(f[12])) * tick;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
      if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
    } catch {
      /* a helper process ended meanwhile */
    }
  }
  return { cpuMs, peakRssMb: Math.round(peak) };
}

const round = (x: number) => Math.round(x * 10) / 10;

export async function benchStoryMap(opts: { articles?: number; paragraphs?: number } = {}): Promise<Record<string, unknown>> {
  const articles = opts.articles ?? 5;
  const paragraphs = opts.paragraphs ?? 1000;
  ensureRendererBuilt();
  const srv = await startTestServer({ name: 'bench-storymap.tandem' });
  const browser = await launchChromium();
  try {
    await importBigStory(srv.api, 'long', articles, paragraphs);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const summary = await srv.api.alignStory({ collection: 'long' });
    const alignMs = performance.now() - t0;
    const alignCpu = process.cpuUsage(cpu0);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await preparePage(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(srv.url);
    await page.waitForSelector('body[data-ready]', { state: 'attached' });
    const u0 = browserUsage();
    const t1 = performance.now();
    await page.keyboard.press('Control+6');
    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('.view-storymap')?.dataset.ready ?? 0) > 0 && !document.querySelector('.view-storymap.busy'), null, { timeout: 120_000 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))));
    const openMs = performance.now() - t1;
    const u1 = browserUsage();
    const timings = await page.evaluate(() => ({ ...(window as unknown as { __tandem: { storymap: { timings: Record<string, number> } } }).__tandem.storymap.timings }));
    // Each pattern: move, then wait for the frame after next to be painted; CPU per step of the browser's processes.
    const run = async (name: string, steps: number, move: string) => {
      const before = browserUsage();
      const wall = await page.evaluate(async ({ steps, move }) => {
        const sc = document.querySelector<HTMLElement>('.sm-scroller')!;
        const height = document.querySelector<HTMLElement>('.sm-canvas')!.offsetHeight;
        const out: number[] = [];
        for (let k = 0; k < steps; k++) {
          const t = performance.now();
          if (move === 'smooth') sc.scrollTop = 2000 + k * 80;
          else if (move === 'jump') sc.scrollTop = (2000 + k * 3989) % Math.max(1, height - 1000);
          else sc.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null))));
          out.push(performance.now() - t);
        }
        out.sort((a, b) => a - b);
        return { median: out[Math.floor(out.length / 2)], p95: out[Math.min(out.length - 1, Math.floor(out.length * 0.95))] };
      }, { steps, move });
      const after = browserUsage();
      return { name, steps, wallMsPerStep: { median: round(wall.median), p95: round(wall.p95) }, browserCpuMsPerStep: round((after.cpuMs - before.cpuMs) / steps) };
    };
    const smooth = await run('smooth scroll, 80 px a frame', 60, 'smooth');
    const jumps = await run('jumps of about four screens', 20, 'jump');
    await page.locator('.sm-canvas').focus();
    const focus = await run('focus down one paragraph (↓)', 30, 'focus');
    const drawn = await page.evaluate(() => ({
      blocks: document.querySelectorAll('.sm-block').length,
      links: (window as unknown as { __tandem: { storymap: { drawnOnScreen(): unknown[] } } }).__tandem.storymap.drawnOnScreen().length,
    }));
    await screenshot(page, 'bench-story-map');
    const data = `${articles} English articles of ${paragraphs.toLocaleString('en-US')} paragraphs (our own vocabulary, a shared fact every seventh paragraph; tests/support/big-story.ts), ${summary.links.toLocaleString('en-US')} links from the story job; headless Chromium, software rendering`;
    const readme: ReadmeRow[] = [
      {
        workload: 'Story map: open it (Ctrl+6), then scroll, jump and move the focus; browser CPU per step',
        data,
        figure: `open ${(openMs / 1000).toFixed(2)} s (fetch ${Math.round(timings.fetch)} ms, layout and first draw ${Math.round(timings.layout)} ms); ${[smooth, jumps, focus].map((x) => `${x.name} ${x.browserCpuMsPerStep} ms`).join('; ')}; ${drawn.blocks} blocks and ${drawn.links} links drawn; browser peak RSS ${browserUsage().peakRssMb} MB`,
        baseline: 'target: interactive (each step well under 100 ms)',
      },
    ];
    return {
      readme,
      data,
      links: summary.links,
      alignStoryMs: Math.round(alignMs),
      alignStoryCpuMs: Math.round((alignCpu.user + alignCpu.system) / 1000),
      openMapMs: Math.round(openMs),
      openMapBrowserCpuMs: u1.cpuMs - u0.cpuMs,
      inPage: { fetchMs: Math.round(timings.fetch), layoutAndFirstDrawMs: Math.round(timings.layout) },
      steps: [smooth, jumps, focus],
      drawnAtTheEnd: drawn,
      browserPeakRssMb: browserUsage().peakRssMb,
      pageErrors: errors,
      note: 'Software rendering (Chromium with --disable-gpu); a shared 2-core machine: wall times are noisy, CPU times less so. Steps wait for the frame after next to be painted.',
    };
  } finally {
    await browser.close();
    await srv.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  benchStoryMap()
    .then((r) => console.log(JSON.stringify(r, null, 2)))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
