/**
 * BENCH_ONLY=web: article extraction over our own real-world-shaped news
 * pages (tests/fixtures/web: eleven pages the filters were developed on;
 * tests/fixtures/web/heldout: five written afterwards and never tuned on).
 * For each method, in the same run: the share of article paragraphs kept, the
 * share of boilerplate blocks dropped, pages whose article kept its order,
 * captions kept (off by default), and metadata found. Methods:
 *   full        today's whole-page import (every block);
 *   readability Mozilla Readability alone (its title and content);
 *   tandem      Readability with Tandem's structural pre- and post-filters (the default).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractArticle, type HtmlMode } from '../core/web/extract';
import { loadGoldPages, scorePage, type GoldPage } from './web-gold';
import type { ReadmeRow } from './measure';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(here, '../tests/fixtures/web');

const METHODS: Array<{ name: string; mode: HtmlMode }> = [
  { name: 'full', mode: 'full' },
  { name: 'readability', mode: 'readability' },
  { name: 'tandem', mode: 'article' },
];

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function scoreGroup(pages: GoldPage[], mode: HtmlMode) {
  let kept = 0;
  let total = 0;
  let leaked = 0;
  let boiler = 0;
  let ordered = 0;
  let captions = 0;
  let captionTotal = 0;
  const meta = { title: 0, byline: 0, published: 0, site: 0 };
  const metaTotal = { byline: 0, published: 0, site: 0 };
  const misses: string[] = [];
  for (const page of pages) {
    const r = extractArticle(page.html, { mode });
    const s = scorePage(page, r.paragraphs);
    kept += s.articleKept;
    total += s.articleTotal;
    leaked += s.boilerplateKept;
    boiler += s.boilerplateTotal;
    if (s.inOrder) ordered++;
    captions += s.captionsKept;
    captionTotal += page.captions.length;
    if (r.title === page.title) meta.title++;
    if (page.byline) {
      metaTotal.byline++;
      if (r.meta.byline?.includes(page.byline)) meta.byline++;
    }
    if (page.published) {
      metaTotal.published++;
      if (r.meta.published?.slice(0, 10) === page.published) meta.published++;
    }
    if (page.site) {
      metaTotal.site++;
      if (r.meta.siteName === page.site) meta.site++;
    }
    for (const m of s.missing) misses.push(`${page.file}: missing "${m.slice(0, 60)}"`);
    for (const l of s.leaked) misses.push(`${page.file}: kept boilerplate "${l.slice(0, 60)}"`);
  }
  return {
    articleParagraphsKept: round(kept / total),
    boilerplateDropped: round(1 - leaked / boiler),
    counts: `${kept}/${total} article paragraphs kept, ${boiler - leaked}/${boiler} boilerplate blocks dropped`,
    pagesInOrder: `${ordered}/${pages.length}`,
    captionsKept: `${captions}/${captionTotal}`,
    metadata: mode === 'full' ? 'none: the whole-page import keeps no metadata; its title is <title>' : `title ${meta.title}/${pages.length}, byline ${meta.byline}/${metaTotal.byline}, date ${meta.published}/${metaTotal.published}, site ${meta.site}/${metaTotal.site}`,
    ...(mode === 'full' ? { titleIsHeadline: `${meta.title}/${pages.length}` } : {}),
    ...(misses.length && mode === 'article' ? { errors: misses.slice(0, 20) } : {}),
  };
}

export async function benchWeb(): Promise<Record<string, unknown>> {
  const groups = { dev: loadGoldPages(FIXTURES), heldout: loadGoldPages(path.join(FIXTURES, 'heldout')) };
  const out: Record<string, unknown> = {
    data: `${groups.dev.length} development pages (${[...new Set(groups.dev.map((p) => p.lang))].join(', ')}) and ${groups.heldout.length} held-out pages (${[...new Set(groups.heldout.map((p) => p.lang))].join(', ')}), written for Tandem; gold marks in the pages`,
    scorer: 'a gold paragraph is kept when an extracted paragraph is the same text after normalising case, spaces and punctuation (or holds 80% of it); a boilerplate block leaks when a non-article paragraph is it or holds it as 30% or more of itself',
  };
  for (const [group, pages] of Object.entries(groups)) {
    const row: Record<string, unknown> = {};
    for (const m of METHODS) row[m.name] = scoreGroup(pages, m.mode);
    out[group] = row;
  }
  // Speed: CPU time of the default extraction over every page, repeated.
  const all = [...groups.dev, ...groups.heldout];
  const bytes = all.reduce((n, p) => n + Buffer.byteLength(p.html), 0);
  const rounds = 20;
  extractArticle(all[0].html);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const p of all) extractArticle(p.html);
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - t0;
  out.speed = {
    data: `${all.length} pages, ${Math.round(bytes / 1024)} KB of HTML, extracted ${rounds} times (DOM: linkedom)`,
    cpuMsPerPage: round((cpu.user + cpu.system) / 1000 / (rounds * all.length)),
    wallMsPerPage: round(wall / (rounds * all.length)),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  return { ...out, readme: webReadmeRows(out) };
}

type Extraction = { counts: string };

/** The README's rows (see the contract in bench/index.ts), from benchWeb's result. */
export function webReadmeRows(r: Record<string, unknown>): ReadmeRow[] {
  if (r.skipped) return [{ workload: 'Web article extraction', data: 'our own news pages', figure: `not run: ${r.skipped}`, baseline: '' }];
  const g = (set: string) => r[set] as { tandem: Extraction; readability: Extraction; full: Extraction };
  const speed = r.speed as { cpuMsPerPage: number } | undefined;
  return [
    {
      workload: 'Web article extraction: article paragraphs kept, boilerplate blocks dropped',
      data: `${r.data}`,
      figure: `held-out: ${g('heldout').tandem.counts}; development: ${g('dev').tandem.counts}${speed ? `; ${speed.cpuMsPerPage} ms CPU per page` : ''}`,
      baseline: `same run: Readability alone, held-out ${g('heldout').readability.counts}, development ${g('dev').readability.counts}; whole-page import, held-out ${g('heldout').full.counts}`,
    },
  ];
}
