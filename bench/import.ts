/**
 * Import, search and start-up of the installed command line.
 *
 * The import runs the built `tandem import` (bin/tandem.mjs, out/cli) in a
 * child process over a folder of synthetic articles (bench/corpus.ts, Zipfian
 * vocabulary), and reports its speed and peak RSS. Search then runs in this
 * process over the imported project, with queries a user might type, and
 * reports which path each took: no match, ranked by relevance (at most
 * RANK_LIMIT matches), or newest first (more than RANK_LIMIT).
 *
 *   BENCH_ARTICLES=2000 npx tsx bench/import.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openProject, type Db } from '../db/open';
import { RANK_LIMIT, search, toFtsQuery } from '../core/services/search';
import { buildCli } from '../scripts/build-cli.mjs';
import { article, CORPUS_DESCRIPTION, LANGS, lexicon, rng, VOCABULARY } from './corpus';
import { distribution, fmt, REPO, round, runNode, type ChildRun, type ReadmeRow } from './measure';

export interface ImportBenchOptions {
  articles?: number;
  paragraphsPerArticle?: number;
  queries?: number;
  startupRuns?: number;
}

const TANDEM = path.join(REPO, 'bin', 'tandem.mjs');

function mustSucceed(what: string, r: ChildRun): ChildRun {
  if (r.status !== 0) throw new Error(`${what} exited ${r.status}: ${r.stderr.slice(-1000)}`);
  return r;
}

/** Start-up of the installed command, beside bare Node and the TypeScript sources run through tsx. */
function startup(runs: number, project: string): Record<string, unknown> {
  const cases: Record<string, string[]> = {
    node: ['-e', '0'],
    help: [TANDEM, '--help'],
    stats: [TANDEM, 'stats', project],
    helpFromSourcesWithTsx: ['--import', 'tsx', path.join(REPO, 'cli', 'index.ts'), '--help'],
  };
  const out: Record<string, unknown> = {};
  for (const [name, args] of Object.entries(cases)) {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
      const r = mustSucceed(`startup ${name}`, runNode(args, { cwd: REPO }));
      wall.push(r.wallMs);
      cpu.push(r.cpuMs);
    }
    out[name] = { wallMs: distribution(wall, 1), cpuMs: distribution(cpu, 1) };
  }
  return out;
}

type SearchPath = 'none' | 'ranked' | 'newest';

/** Queries a user might type, drawn from the corpus's vocabulary; words of every frequency, log-uniform by rank. */
function makeQueries(db: Db, count: number): Array<{ q: string; kind: string; lang?: string }> {
  const rand = rng(7);
  const word = (lang: string) => lexicon(lang).words[Math.min(VOCABULARY - 1, Math.floor(Math.exp(rand() * Math.log(VOCABULARY))) - 1)];
  const paragraphs = (db.prepare('SELECT max(id) AS n FROM paragraphs').get() as { n: number }).n;
  const textOf = db.prepare('SELECT text FROM paragraphs WHERE id = ?');
  const queries: Array<{ q: string; kind: string; lang?: string }> = [];
  for (let i = 0; i < count; i++) {
    const lang = LANGS[i % LANGS.length];
    const kind = ['word', 'two words', 'phrase', 'prefix', 'either word'][i % 5];
    let q: string;
    if (kind === 'word') q = word(lang);
    else if (kind === 'two words') q = `${word(lang)} ${word(lang)}`;
    else if (kind === 'phrase') {
      // Two neighbouring words of a stored paragraph: a phrase that exists somewhere.
      const text = (textOf.get(1 + Math.floor(rand() * paragraphs)) as { text: string }).text;
      const words = text.match(/\p{L}+/gu) ?? ['storm'];
      const k = Math.floor(rand() * Math.max(1, words.length - 1));
      q = `"${words.slice(k, k + 2).join(' ')}"`;
    } else if (kind === 'prefix') q = `${word(lang).slice(0, 4)}*`;
    else q = `${word(lang)} OR ${word(lang)}`;
    queries.push({ q, kind, ...(i % 3 === 0 ? { lang } : {}) });
  }
  return queries;
}

function searchBench(db: Db, count: number): Record<string, unknown> {
  const queries = makeQueries(db, count);
  const countStmt = db.prepare('SELECT count(*) AS n FROM (SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ? LIMIT ?)');
  const times: number[] = [];
  const byPath: Record<SearchPath, number[]> = { none: [], ranked: [], newest: [] };
  const byKind: Record<string, number[]> = {};
  let hits = 0;
  for (const { q, kind, lang } of queries) {
    const fts = toFtsQuery(q);
    const matches = fts ? (countStmt.get(fts, RANK_LIMIT + 1) as { n: number }).n : 0;
    const route: SearchPath = matches === 0 ? 'none' : matches > RANK_LIMIT ? 'newest' : 'ranked';
    const t = performance.now();
    hits += search(db, q, { limit: 50, lang }).length;
    const ms = performance.now() - t;
    times.push(ms);
    byPath[route].push(ms);
    (byKind[kind] ??= []).push(ms);
  }
  const share = (xs: number[]) => round(xs.length / queries.length, 3);
  return {
    queries: queries.length,
    examples: queries.slice(0, 10).map((x) => x.q),
    meanHits: round(hits / queries.length),
    ms: distribution(times),
    paths: Object.fromEntries(Object.entries(byPath).map(([k, xs]) => [k, { share: share(xs), ms: xs.length ? distribution(xs) : null }])),
    byKind: Object.fromEntries(Object.entries(byKind).map(([k, xs]) => [k, distribution(xs)])),
    rankLimit: RANK_LIMIT,
  };
}

export async function benchImport(opts: ImportBenchOptions = {}): Promise<Record<string, unknown>> {
  const articles = opts.articles ?? 10_000;
  const per = opts.paragraphsPerArticle ?? 100;
  await buildCli({ quiet: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-import-'));
  try {
    const input = path.join(work, 'articles');
    fs.mkdirSync(input);
    const tGen = performance.now();
    let bytes = 0;
    for (let i = 0; i < articles; i++) {
      const text = article(i, per).text;
      bytes += Buffer.byteLength(text);
      fs.writeFileSync(path.join(input, `a${String(i).padStart(5, '0')}.txt`), text);
    }
    const generateMs = performance.now() - tGen;
    const file = path.join(work, 'bench.tandem');
    mustSucceed('tandem init', runNode([TANDEM, 'init', file]));
    const imp = mustSucceed('tandem import', runNode([TANDEM, 'import', file, input, '--collection', 'bench'], { stdio: ['ignore', 'ignore', 'pipe'] }));

    const db = openProject(file);
    const paragraphs = (db.prepare('SELECT count(*) AS n FROM paragraphs').get() as { n: number }).n;
    const documents = (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
    db.pragma('wal_checkpoint(TRUNCATE)');
    const fileBytes = fs.statSync(file).size;
    const searchResult = searchBench(db, opts.queries ?? 300);
    db.close();

    const small = path.join(work, 'small.tandem');
    mustSucceed('tandem init', runNode([TANDEM, 'init', small]));
    const start = startup(opts.startupRuns ?? 20, small);
    if (process.env.BENCH_KEEP) fs.copyFileSync(file, process.env.BENCH_KEEP);

    const seconds = imp.wallMs / 1000;
    const data = `${fmt(articles)} articles, ${fmt(paragraphs)} paragraphs (${round(bytes / 2 ** 20, 0)} MiB), ${CORPUS_DESCRIPTION}`;
    const s = searchResult as { queries: number; ms: { p50: number; p95: number }; paths: Record<SearchPath, { share: number; ms: { p50: number; p95: number } | null }> };
    const pathText = (k: SearchPath, label: string) => `${Math.round(s.paths[k].share * 100)}% ${label}${s.paths[k].ms ? ` (p50 ${s.paths[k].ms!.p50} ms, p95 ${s.paths[k].ms!.p95} ms)` : ''}`;
    const st = start as Record<string, { wallMs: { p50: number; p95: number }; cpuMs: { p50: number } }>;
    const readme: ReadmeRow[] = [
      {
        workload: 'Import with the installed `tandem import` (built CLI, parser threads), child process',
        data,
        figure: `${fmt(Math.round(paragraphs / seconds))} paragraphs/s (${round(seconds, 1)} s wall, ${round(imp.cpuMs / 1000, 1)} s CPU); peak RSS ${imp.peakRssMB} MB; file ${fmt(fileBytes / 2 ** 20)} MB`,
        baseline: 'target ≥ 50,000 paragraphs/s',
      },
      {
        workload: `Full-text search, ${s.queries} queries (words of every frequency, pairs, phrases, prefixes, OR; a third filtered by language)`,
        data: `the imported project above`,
        figure: `p50 ${s.ms.p50} ms, p95 ${s.ms.p95} ms; ${pathText('ranked', 'ranked')}, ${pathText('newest', `over ${RANK_LIMIT} matches, newest first`)}, ${pathText('none', 'no match')}`,
        baseline: 'target p95 ≤ 50 ms',
      },
      {
        workload: 'Start-up of the installed `tandem`, 20 runs each',
        data: '`tandem --help`; `tandem stats` on an empty project',
        figure: `--help ${st.help.cpuMs.p50} ms CPU, wall p50 ${st.help.wallMs.p50} ms (p95 ${st.help.wallMs.p95}); stats ${st.stats.cpuMs.p50} ms CPU, wall p50 ${st.stats.wallMs.p50} ms (p95 ${st.stats.wallMs.p95})`,
        baseline: `bare \`node -e 0\`: ${st.node.cpuMs.p50} ms CPU, wall p50 ${st.node.wallMs.p50} ms; the TypeScript sources through tsx, --help: ${st.helpFromSourcesWithTsx.cpuMs.p50} ms CPU, wall p50 ${st.helpFromSourcesWithTsx.wallMs.p50} ms`,
      },
    ];
    return {
      articles,
      documents,
      paragraphs,
      corpus: CORPUS_DESCRIPTION,
      corpusMiB: round(bytes / 2 ** 20, 1),
      generateMs: Math.round(generateMs),
      import: { command: 'tandem import PROJECT DIR --collection bench', seconds: round(seconds), cpuSeconds: round(imp.cpuMs / 1000), paragraphsPerSecond: Math.round(paragraphs / seconds), peakRssMB: imp.peakRssMB },
      fileMB: round(fileBytes / 1024 / 1024),
      search: searchResult,
      startup: start,
      targets: { paragraphsPerSecond: 50_000, searchP95ms: 50 },
      readme,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && /bench[\\/]import\.ts$/.test(process.argv[1])) {
  const n = Number(process.env.BENCH_ARTICLES ?? 10_000);
  benchImport({ articles: n }).then((r) => console.log(JSON.stringify(r, null, 2)));
}
