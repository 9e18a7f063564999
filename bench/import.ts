import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openProject } from '../db/open';
import { importPathsFast } from '../core/services/import';
import { loadLanguageModel } from '../core/text';
import { search } from '../core/services/search';
import { article, rng, WORDS, LANGS } from './corpus';

export interface ImportBenchOptions {
  articles?: number;
  paragraphsPerArticle?: number;
  queries?: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))];
}

/** Peak resident memory of this process, sampled while the import runs. */
function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

export async function benchImport(opts: ImportBenchOptions = {}): Promise<Record<string, unknown>> {
  const articles = opts.articles ?? 10_000;
  const per = opts.paragraphsPerArticle ?? 100;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-import-'));
  try {
    const input = path.join(work, 'articles');
    fs.mkdirSync(input);
    for (let i = 0; i < articles; i++) fs.writeFileSync(path.join(input, `a${String(i).padStart(5, '0')}.txt`), article(i, per).text);
    const file = path.join(work, 'bench.tandem');
    const db = openProject(file, { create: true });
    const rss = rssSampler();
    const t0 = performance.now();
    await loadLanguageModel();
    const report = await importPathsFast(db, [input], { collection: 'bench' });
    const seconds = (performance.now() - t0) / 1000;
    const peakRss = rss.stop();
    const paragraphs = (db.prepare('SELECT count(*) AS n FROM paragraphs').get() as { n: number }).n;
    db.pragma('wal_checkpoint(TRUNCATE)');
    const fileBytes = fs.statSync(file).size;

    // Queries a user types: common and rare words, two words, a phrase, a prefix, any language.
    const rand = rng(7);
    const queries: string[] = [];
    for (let i = 0; i < (opts.queries ?? 300); i++) {
      const lang = LANGS[i % LANGS.length];
      const words = WORDS[lang];
      const w = () => words[Math.floor(rand() * words.length)];
      const kind = i % 5;
      queries.push(kind === 0 ? w() : kind === 1 ? `${w()} ${w()}` : kind === 2 ? `"${w()} ${w()}"` : kind === 3 ? `${w().slice(0, 3)}*` : `${w()} ${Math.floor(rand() * 2000)}`);
    }
    const times: number[] = [];
    let hits = 0;
    for (const q of queries) {
      const t = performance.now();
      hits += search(db, q, { limit: 50 }).length;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    db.close();
    if (process.env.BENCH_KEEP) fs.copyFileSync(file, process.env.BENCH_KEEP);
    return {
      articles,
      paragraphs,
      imported: report.imported,
      failed: report.failed,
      seconds: round(seconds),
      paragraphsPerSecond: Math.round(paragraphs / seconds),
      peakRssMB: Math.round(peakRss / 1024 / 1024),
      fileMB: round(fileBytes / 1024 / 1024),
      search: { queries: queries.length, meanHits: round(hits / queries.length), p50ms: round(percentile(times, 0.5)), p95ms: round(percentile(times, 0.95)), maxMs: round(times[times.length - 1]) },
      targets: { paragraphsPerSecond: 50_000, searchP95ms: 50 },
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 100) / 100;

if (process.argv[1] && /bench[\\/]import\.ts$/.test(process.argv[1])) {
  const n = Number(process.env.BENCH_ARTICLES ?? 10_000);
  benchImport({ articles: n }).then((r) => console.log(JSON.stringify(r, null, 2)));
}
