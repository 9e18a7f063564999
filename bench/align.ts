/**
 * Alignment benchmark: quality on the Text+Berg development article and speed/memory on
 * synthetic parallel texts of growing size.
 *
 * The comparable section builds the paragraph index over a synthetic corpus of 100k and 1M
 * paragraphs, each size in a child process so that its peak RSS is its own.
 *
 * Data directory: opts.dataDir, else $TANDEM_BLEUALIGN_DEV, else ../shared/bench-data/bleualign-dev
 * relative to the working directory. Runnable on its own: `npx tsx bench/align.ts`.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { alignComparableMany, buildIndex } from '../core/align/comparable.js';
import { alignParallel } from '../core/align/parallel.js';
import { parseBeads } from '../core/align/beads-format.js';
import { precisionByDecile, scoreAlignment } from '../core/align/score.js';
import type { Bead, BeadSpan } from '../core/align/types.js';
import { rng } from './corpus';
import { galeChurch } from './baselines/gale-church';
import { peakRssSelfMB, type ReadmeRow } from './measure';

function readLines(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r/g, '');
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const round = (x: number, d = 4): number => Math.round(x * 10 ** d) / 10 ** d;

function summarise(gold: BeadSpan[], beads: Bead[], ms: number): Record<string, unknown> {
  const s = scoreAlignment(gold, beads);
  return {
    strict: { p: round(s.strict.precision), r: round(s.strict.recall), f1: round(s.strict.f1) },
    lax: { p: round(s.lax.precision), r: round(s.lax.recall), f1: round(s.lax.f1) },
    ms: Math.round(ms),
  };
}

/** The dev set's texts and gold, or null when the data is not beside the checkout. */
function readDev(dataDir: string): { evalDir: string; src: string[]; tgt: string[]; gold: ReturnType<typeof parseBeads> } | null {
  const evalDir = path.join(dataDir, 'eval');
  const goldFile = path.join(dataDir, 'gold', 'dev.defr');
  if (!existsSync(goldFile) || !existsSync(path.join(evalDir, 'eval1957.de'))) return null;
  return { evalDir, src: readLines(path.join(evalDir, 'eval1957.de')), tgt: readLines(path.join(evalDir, 'eval1957.fr')), gold: parseBeads(readFileSync(goldFile, 'utf8')) };
}

function devSet(dataDir: string): Record<string, unknown> {
  const dev = readDev(dataDir);
  if (!dev) return { skipped: `no dev data in ${dataDir}` };
  const { evalDir, src, tgt, gold } = dev;
  const opt = (name: string): string[] | undefined => {
    const f = path.join(evalDir, name);
    return existsSync(f) ? readLines(f) : undefined;
  };
  const runs: Array<[string, string[] | undefined, string[] | undefined]> = [
    ['google', opt('eval1957.google.fr'), opt('eval1957.google.de')],
    ['google-src-only', opt('eval1957.google.fr'), undefined],
    ['europarlfull', opt('eval1957.europarlfull.fr'), opt('eval1957.europarlfull.de')],
    ['europarllight', opt('eval1957.europarllight.fr'), opt('eval1957.europarllight.de')],
    ['SACunidir', opt('eval1957.SACunidir.fr'), undefined],
    ['no-mt', undefined, undefined],
  ];
  const out: Record<string, unknown> = {
    note: 'beads with an empty side are excluded from scoring (see core/align/score.ts)',
  };
  for (const [name, srcMt, tgtMt] of runs) {
    if (name !== 'no-mt' && !srcMt && !tgtMt) continue;
    const t0 = performance.now();
    const beads = alignParallel({ src, tgt, srcMt, tgtMt });
    const row = summarise(gold, beads, performance.now() - t0);
    if (name === 'google' || name === 'no-mt') {
      row.precisionByDecile = precisionByDecile(gold, beads).map((d) => ({
        decile: d.decile,
        n: d.count,
        minConf: d.minConfidence,
        strictP: round(d.strictPrecision, 3),
        laxP: round(d.laxPrecision, 3),
      }));
    }
    out[name] = row;
  }
  // The baseline, on the same data in the same run: Gale & Church, by length alone.
  const t0 = performance.now();
  out['gale-church'] = summarise(gold, galeChurch(src, tgt), performance.now() - t0);
  out.sentences = { src: src.length, tgt: tgt.length, goldBeads: gold.length };
  return out;
}

/**
 * Short texts cut from the development article: consecutive runs of `size` gold beads, each
 * aligned on its own, as when a user imports one short article and its translation. On such
 * texts nothing can be calibrated on the text itself, so they show failures that the whole
 * article hides. Reports the mean strict and lax F1 over the windows.
 */
function shortWindows(dataDir: string, sizes: number[]): Record<string, unknown> {
  const dev = readDev(dataDir);
  if (!dev) return { skipped: `no dev data in ${dataDir}` };
  const { evalDir, src, tgt, gold } = dev;
  const srcMtFile = path.join(evalDir, 'eval1957.google.fr');
  const tgtMtFile = path.join(evalDir, 'eval1957.google.de');
  const srcMt = existsSync(srcMtFile) ? readLines(srcMtFile) : undefined;
  const tgtMt = existsSync(tgtMtFile) ? readLines(tgtMtFile) : undefined;
  const out: Record<string, unknown> = {};
  for (const size of sizes) {
    const sums: Record<string, { strict: number; lax: number; n: number }> = {};
    for (let start = 0; start + size <= gold.length; start += size) {
      const g = gold.slice(start, start + size);
      const ss = g.flatMap((b) => b.src);
      const ts = g.flatMap((b) => b.tgt);
      if (ss.length === 0 || ts.length === 0) continue;
      const s0 = Math.min(...ss);
      const s1 = Math.max(...ss) + 1;
      const t0 = Math.min(...ts);
      const t1 = Math.max(...ts) + 1;
      const local = g.map((b) => ({ src: b.src.map((x) => x - s0), tgt: b.tgt.map((y) => y - t0) }));
      const runs: Array<[string, string[] | undefined, string[] | undefined]> = [['no-mt', undefined, undefined]];
      if (srcMt || tgtMt) runs.push(['google', srcMt?.slice(s0, s1), tgtMt?.slice(t0, t1)]);
      for (const [name, sm, tm] of runs) {
        const beads = alignParallel({ src: src.slice(s0, s1), tgt: tgt.slice(t0, t1), srcMt: sm, tgtMt: tm });
        const sc = scoreAlignment(local, beads);
        const acc = (sums[name] ??= { strict: 0, lax: 0, n: 0 });
        acc.strict += sc.strict.f1;
        acc.lax += sc.lax.f1;
        acc.n++;
      }
    }
    const row: Record<string, unknown> = {};
    for (const [name, acc] of Object.entries(sums)) {
      row[name] = { meanStrictF1: round(acc.strict / acc.n), meanLaxF1: round(acc.lax / acc.n), windows: acc.n };
    }
    out[`${size}-beads`] = row;
  }
  return out;
}

const SYL_A = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vo', 'si', 'pe', 'da', 'go', 'fu', 'ri', 'bel', 'tor'];
const SYL_B = ['ush', 'em', 'aar', 'ix', 'ol', 'yn', 'ek', 'ai', 'und', 'ost', 'ir', 'el'];

export interface SyntheticPair {
  src: string[];
  tgt: string[];
  gold: BeadSpan[];
}

/**
 * A pseudo-language text and a "translation": every word maps to a word of another pseudo
 * language of different length, numbers and names are kept, sentences are sometimes split,
 * merged, dropped or added. The known bead structure is the gold.
 */
export function syntheticParallel(sentences: number, seed = 7): SyntheticPair {
  const r = rng(seed);
  const vocab = 4000;
  const wordA = (k: number): string => {
    const x = rng(k * 7919 + 1);
    let w = '';
    const syl = 1 + Math.floor(x() * 3);
    for (let s = 0; s < syl; s++) w += SYL_A[Math.floor(x() * SYL_A.length)];
    return w;
  };
  const wordB = (k: number): string => {
    const x = rng(k * 104729 + 3);
    let w = '';
    const syl = 1 + Math.floor(x() * 4);
    for (let s = 0; s < syl; s++) w += SYL_B[Math.floor(x() * SYL_B.length)];
    return w;
  };
  const name = (k: number): string => {
    const w = wordA(vocab + k) + wordA(vocab * 2 + k);
    return w[0].toUpperCase() + w.slice(1);
  };
  const sentence = (): { a: string; b: string } => {
    const len = 4 + Math.floor(r() * 18);
    const a: string[] = [];
    const b: string[] = [];
    for (let k = 0; k < len; k++) {
      const u = r();
      if (u < 0.04) {
        const num = String(1 + Math.floor(r() * 5000));
        a.push(num);
        b.push(num);
      } else if (u < 0.08) {
        const nm = name(Math.floor(r() * 20000));
        a.push(nm);
        b.push(nm);
      } else {
        // Zipf-like word choice so that function words dominate as in real text.
        const id = Math.floor(vocab * Math.pow(r(), 3));
        a.push(wordA(id));
        if (r() > 0.15) b.push(wordB(id));
        if (r() < 0.1) b.push(wordB(Math.floor(vocab * Math.pow(r(), 3))));
      }
    }
    const end = r() < 0.1 ? ' ?' : ' .';
    const cap = (s: string[]): string => {
      const t = s.join(' ');
      return t[0].toUpperCase() + t.slice(1) + end;
    };
    return { a: cap(a), b: cap(b.length ? b : ['ek']) };
  };
  const src: string[] = [];
  const tgt: string[] = [];
  const gold: BeadSpan[] = [];
  while (src.length < sentences) {
    const u = r();
    const s0 = src.length;
    const t0 = tgt.length;
    if (u < 0.05) {
      // 1-2: the translator split a sentence.
      const x = sentence();
      const y = sentence();
      src.push(x.a.slice(0, -2) + ' , ' + y.a[0].toLowerCase() + y.a.slice(1));
      tgt.push(x.b, y.b);
      gold.push({ src: [s0], tgt: [t0, t0 + 1] });
    } else if (u < 0.1) {
      // 2-1: the translator merged two sentences.
      const x = sentence();
      const y = sentence();
      src.push(x.a, y.a);
      tgt.push(x.b.slice(0, -2) + ' , ' + y.b[0].toLowerCase() + y.b.slice(1));
      gold.push({ src: [s0, s0 + 1], tgt: [t0] });
    } else if (u < 0.11) {
      src.push(sentence().a);
      gold.push({ src: [s0], tgt: [] });
    } else if (u < 0.12) {
      tgt.push(sentence().b);
      gold.push({ src: [], tgt: [t0] });
    } else {
      const x = sentence();
      src.push(x.a);
      tgt.push(x.b);
      gold.push({ src: [s0], tgt: [t0] });
    }
  }
  return { src, tgt, gold };
}

/** Runs in a child process: one size, so that the peak RSS is this alignment's own. */
function syntheticOnce(size: number): Record<string, unknown> {
  const data = syntheticParallel(size);
  const peakBeforeMB = peakRssSelfMB();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const beads = alignParallel({ src: data.src, tgt: data.tgt });
  const cpu = process.cpuUsage(cpu0);
  const ms = performance.now() - t0;
  const s = scoreAlignment(data.gold, beads);
  return {
    srcSegments: data.src.length,
    tgtSegments: data.tgt.length,
    ms: Math.round(ms),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    // Peaks of the whole process (VmHWM), not differences: after building the texts, and at the end.
    peakRssBeforeAlignMB: peakBeforeMB,
    peakRssMB: peakRssSelfMB(),
    strictF1: round(s.strict.f1),
    laxF1: round(s.lax.f1),
  };
}

function synthetic(sizes: number[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const size of sizes) out[String(size)] = inChild('--synthetic', size);
  return out;
}

/** Runs this file in a child process with one mode and size; returns its JSON line. */
function inChild(mode: string, size: number): unknown {
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', self, mode, String(size)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line);
  } catch {
    return { error: (child.stderr || line || `exit ${child.status}`).slice(-2000) };
  }
}

const FUNCTION_WORDS = (
  'the of and to in a is that for on was with as by at from said has have it be are were its ' +
  'an which this after had not but also been will their more who they than about over would into'
).split(' ');
const SYL_EN = ['bar', 'ten', 'mor', 'lin', 'ca', 'des', 'ro', 'vi', 'tal', 'pen', 'sun', 'gra', 'ho', 'mel', 'fer', 'wick', 'ley', 'ston', 'ar', 'ive'];

export interface SyntheticComparable {
  /** Pivot-language paragraphs, article after article. */
  texts: string[];
  /** First paragraph of each article, and one past the last at the end. */
  articleStart: number[];
  /** Articles of one event share facts; articles k*groupSize .. (k+1)*groupSize-1 form event k. */
  groupSize: number;
  /** Fact reported by each paragraph (event * factsPerEvent + fact), or -1 for the others. */
  fact: Int32Array;
}

/**
 * A comparable corpus with a known gold: articles of 100 paragraphs in groups of five that
 * report one event. Each event has twelve facts (names, numbers and a few content words);
 * each article reports about eight of them, each in its own paraphrase (other filler words,
 * another order, part of the content words), and fills the rest with paragraphs that share
 * only chance vocabulary, names and numbers with anything else. Paragraphs about the same
 * fact in different articles are the links to find.
 */
export function syntheticComparable(paragraphs: number, seed = 11): SyntheticComparable {
  const r = rng(seed);
  const perArticle = 100;
  const groupSize = 5;
  const factsPerEvent = 12;
  const contentVocab = 60000;
  const nameCount = 40000;
  const lexicon = Array.from({ length: contentVocab + nameCount }, (_, k) => {
    const x = rng(k * 2654435761 + 17);
    const parts: string[] = [];
    const syl = 2 + Math.floor(x() * 3);
    for (let s = 0; s < syl; s++) parts.push(SYL_EN[Math.floor(x() * SYL_EN.length)]);
    const w = parts.join('');
    return k < contentVocab ? w : w[0].toUpperCase() + w.slice(1);
  });
  const word = (k: number): string => lexicon[k];
  const name = (k: number): string => lexicon[contentVocab + k];
  // Zipf-like choice so that a few content words are everywhere and most are rare.
  const content = (): string => word(Math.floor(contentVocab * Math.pow(r(), 2.5)));
  const filler = (): string => (r() < 0.45 ? FUNCTION_WORDS[Math.floor(r() * FUNCTION_WORDS.length)] : content());
  const sentence = (tokens: string[]): string => {
    // Shuffle, then break into sentences of 8 to 20 words.
    for (let k = tokens.length - 1; k > 0; k--) {
      const q = Math.floor(r() * (k + 1));
      [tokens[k], tokens[q]] = [tokens[q], tokens[k]];
    }
    let left = 0;
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k];
      if (left === 0) {
        if (k > 0) tokens[k - 1] += '.';
        tokens[k] = t[0].toUpperCase() + t.slice(1);
        left = 8 + Math.floor(r() * 12);
      }
      left--;
    }
    // join() gives a flat string; a million strings built by += would stay as ropes.
    return tokens.join(' ') + '.';
  };
  const nArticles = Math.max(groupSize, Math.ceil(paragraphs / perArticle));
  const texts: string[] = [];
  const articleStart: number[] = [];
  const fact = new Int32Array(nArticles * perArticle).fill(-1);
  let facts: Array<{ names: string[]; numbers: string[]; words: string[] }> = [];
  for (let a = 0; a < nArticles; a++) {
    const event = Math.floor(a / groupSize);
    if (a % groupSize === 0) {
      facts = [];
      for (let f = 0; f < factsPerEvent; f++) {
        const names = Array.from({ length: 1 + Math.floor(r() * 2) }, () => name(Math.floor(r() * nameCount)));
        const numbers = Array.from({ length: Math.floor(r() * 3) }, () =>
          r() < 0.3 ? (1000 + Math.floor(r() * 90000)).toLocaleString('en-US') : String(1 + Math.floor(r() * 500)),
        );
        const words = Array.from({ length: 5 }, () => word(2000 + Math.floor(r() * (contentVocab - 2000))));
        facts.push({ names, numbers, words });
      }
    }
    articleStart.push(texts.length);
    const reported = new Map<number, number>();
    for (let f = 0; f < factsPerEvent; f++) if (r() < 2 / 3) reported.set(1 + Math.floor(r() * (perArticle - 1)), f);
    for (let p = 0; p < perArticle; p++) {
      const f = reported.get(p);
      const tokens: string[] = [];
      if (f !== undefined) {
        const ft = facts[f];
        tokens.push(...ft.names, ...ft.numbers);
        for (const w of ft.words) if (r() < 0.7) tokens.push(w);
        for (let k = 10 + Math.floor(r() * 20); k > 0; k--) tokens.push(filler());
        fact[texts.length] = event * factsPerEvent + f;
      } else {
        for (let k = 15 + Math.floor(r() * 25); k > 0; k--) tokens.push(filler());
        if (r() < 0.4) tokens.push(name(Math.floor(r() * nameCount)));
        if (r() < 0.3) tokens.push(String(1 + Math.floor(r() * 5000)));
      }
      texts.push(sentence(tokens));
    }
  }
  articleStart.push(texts.length);
  return { texts, articleStart, groupSize, fact };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Precision and recall of paragraph links against the synthetic gold (links between different articles). */
function linkScore(found: number, correct: number, gold: number): Record<string, number> {
  return {
    links: found,
    precision: round(found ? correct / found : 1, 3),
    recall: round(gold ? correct / gold : 1, 3),
  };
}

/** Runs in a child process: one corpus size, one index. */
function comparableOnce(paragraphs: number): Record<string, unknown> {
  const t0 = performance.now();
  const corpus = syntheticComparable(paragraphs);
  const { texts, fact, articleStart, groupSize } = corpus;
  const genMs = performance.now() - t0;
  // The child runs with --expose-gc: the generator's garbage is not the index's memory.
  (globalThis as { gc?: () => void }).gc?.();
  const rssCorpus = process.memoryUsage().rss;
  const items = texts.map((text, k) => ({ id: k, text }));
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  const index = buildIndex(items);
  const buildCpu = process.cpuUsage(cpu0);
  const buildMs = performance.now() - t1;
  const rssIndex = process.memoryUsage().rss;
  const articleOf = new Int32Array(texts.length);
  for (let a = 0; a + 1 < articleStart.length; a++) articleOf.fill(a, articleStart[a], articleStart[a + 1]);
  const members = new Map<number, number[]>();
  fact.forEach((f, p) => {
    if (f >= 0) members.set(f, [...(members.get(f) ?? []), p]);
  });

  // Query latency: paragraphs spread over the corpus, by text, as a caller would ask.
  const pick = rng(99);
  const lat: number[] = [];
  for (let q = 0; q < 1000; q++) {
    const text = texts[Math.floor(pick() * texts.length)];
    const s = performance.now();
    index.query(text, 10);
    lat.push(performance.now() - s);
  }
  lat.sort((a, b) => a - b);

  // Linking over the whole index, as alignComparableMany does (threshold 0.2, five links per
  // paragraph and other article), for every paragraph of 20 sampled articles.
  const nArticles = articleStart.length - 1;
  let found = 0;
  let correct = 0;
  let gold = 0;
  let fromFacts = 0;
  for (let s = 0; s < 20; s++) {
    const a = Math.floor((s + 0.5) * (nArticles / 20));
    for (let g = articleStart[a]; g < articleStart[a + 1]; g++) {
      if (fact[g] >= 0) gold += members.get(fact[g])!.filter((p) => articleOf[p] !== a).length;
      let kept = 0;
      for (const h of index.queryIndexed(g, 10)) {
        if (h.score < 0.2 || kept >= 5) break;
        if (articleOf[h.index] === a) continue;
        kept++;
        found++;
        if (fact[g] >= 0) fromFacts++;
        if (fact[g] >= 0 && fact[h.index] === fact[g]) correct++;
      }
    }
  }
  // Precision of the links that start from a fact paragraph tells ranking errors apart from
  // links that other paragraphs make by chance above the threshold.
  const wholeIndex = { ...linkScore(found, correct, gold), precisionFromFactParagraphs: round(fromFacts ? correct / fromFacts : 1, 3) };

  // alignComparableMany itself, on the five articles of each of 10 sampled events.
  found = 0;
  correct = 0;
  gold = 0;
  const ms: number[] = [];
  const events = Math.floor(nArticles / groupSize);
  for (let s = 0; s < 10; s++) {
    const e = Math.floor((s + 0.5) * (events / 10));
    const arts = Array.from({ length: groupSize }, (_, k) => e * groupSize + k);
    const docs = arts.map((a) => texts.slice(articleStart[a], articleStart[a + 1]));
    const st = performance.now();
    const res = alignComparableMany(docs);
    ms.push(performance.now() - st);
    for (const pr of res) {
      const fa = articleStart[arts[pr.docA]];
      const fb = articleStart[arts[pr.docB]];
      for (const l of pr.links) {
        found++;
        const x = fact[fa + l.a[0]];
        if (x >= 0 && x === fact[fb + l.b[0]]) correct++;
      }
      for (let p = 0; p < docs[pr.docA].length; p++) {
        const x = fact[fa + p];
        if (x < 0) continue;
        for (let q = 0; q < docs[pr.docB].length; q++) if (fact[fb + q] === x) gold++;
      }
    }
  }
  const perEvent = { ...linkScore(found, correct, gold), msPerEvent: Math.round(ms.reduce((a, b) => a + b, 0) / ms.length) };

  return {
    paragraphs: texts.length,
    articles: nArticles,
    generateMs: Math.round(genMs),
    buildMs: Math.round(buildMs),
    buildCpuMs: Math.round((buildCpu.user + buildCpu.system) / 1000),
    rssAfterCorpusMB: Math.round(rssCorpus / 2 ** 20),
    rssAfterIndexMB: Math.round(rssIndex / 2 ** 20),
    // Of the whole process: corpus, index and the sampled queries.
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    queryTop10Ms: { p50: round(quantile(lat, 0.5), 3), p95: round(quantile(lat, 0.95), 3) },
    linksOverWholeIndex: wholeIndex,
    alignComparableManyPerEvent: perEvent,
  };
}

function comparable(sizes: number[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const size of sizes) out[String(size)] = inChild('--comparable', size);
  return out;
}

export async function benchAlign(
  opts: { dataDir?: string; sizes?: number[]; comparableSizes?: number[] } = {},
): Promise<Record<string, unknown>> {
  const dataDir = opts.dataDir ?? process.env.TANDEM_BLEUALIGN_DEV ?? path.join('..', 'shared', 'bench-data', 'bleualign-dev');
  const result = {
    dev: devSet(dataDir),
    short: shortWindows(dataDir, [8, 15, 30]),
    synthetic: synthetic(opts.sizes ?? [1000, 10000, 100000]),
    comparable: comparable(opts.comparableSizes ?? [100_000, 1_000_000]),
  };
  return { ...result, readme: readmeRows(result) };
}

type Scores = { strict: { p: number; r: number; f1: number }; lax: { f1: number } };

/** The README's rows: quality on the dev set beside Gale–Church on the same set, speed and peak RSS on synthetic data. */
function readmeRows(r: { dev: Record<string, unknown>; synthetic: Record<string, unknown>; comparable: Record<string, unknown> }): ReadmeRow[] {
  const rows: ReadmeRow[] = [];
  const dev = r.dev as Record<string, Scores & { precisionByDecile?: Array<{ strictP: number }> }> & { skipped?: string; sentences?: { src: number; tgt: number; goldBeads: number } };
  const devData = dev.sentences
    ? `Bleualign development set (Text+Berg, de–fr, ${dev.sentences.src} and ${dev.sentences.tgt} sentences, ${dev.sentences.goldBeads} gold beads; tuned on, not held out)`
    : 'Bleualign development set (Text+Berg, de–fr)';
  const f1 = (x: Scores) => `strict F1 ${x.strict.f1}, lax F1 ${x.lax.f1}`;
  const gc = dev['gale-church'];
  if (dev.skipped) {
    rows.push({ workload: 'Sentence alignment quality', data: devData, figure: `not run: ${dev.skipped}`, baseline: '' });
  } else {
    const baseline = `Gale–Church (length only), same set, same run: ${f1(gc)}`;
    if (dev.google) rows.push({ workload: 'Sentence alignment, with MT both ways (Google, shipped with the set)', data: devData, figure: f1(dev.google), baseline });
    rows.push({ workload: 'Sentence alignment without MT', data: devData, figure: f1(dev['no-mt']), baseline });
    const deciles = dev.google?.precisionByDecile;
    if (deciles) {
      rows.push({
        workload: '… strict precision by confidence decile, most confident first, with MT',
        data: devData,
        figure: deciles.map((d) => d.strictP).join(', '),
        baseline: `all beads: strict precision ${dev.google.strict.p}`,
      });
    }
  }
  const syn = r.synthetic as Record<string, { ms: number; cpuMs: number; peakRssMB: number; peakRssBeforeAlignMB: number; error?: string }>;
  const secs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`);
  const sizes = Object.keys(syn);
  const largest = syn[sizes[sizes.length - 1]];
  if (largest && !largest.error) {
    rows.push({
      workload: `Parallel alignment, ${sizes.map((k) => Number(k).toLocaleString('en-US')).join(' / ')} sentences a side, each in its own process`,
      data: 'synthetic pseudo-language pairs with known beads (bench/align.ts, syntheticParallel)',
      figure: `${sizes.map((k) => secs(syn[k].ms)).join(' / ')} wall (${sizes.map((k) => secs(syn[k].cpuMs)).join(' / ')} CPU); peak RSS ${sizes.map((k) => `${syn[k].peakRssMB}`).join(' / ')} MB (texts alone: ${largest.peakRssBeforeAlignMB} MB at the largest)`,
      baseline: 'target: the largest < 10 s and < 1 GB',
    });
  }
  const cmp = r.comparable as Record<string, { buildMs: number; buildCpuMs: number; peakRssMB: number; queryTop10Ms: { p95: number }; error?: string }>;
  const csizes = Object.keys(cmp).filter((k) => !cmp[k].error);
  if (csizes.length) {
    rows.push({
      workload: `Comparable alignment index, ${csizes.map((k) => Number(k).toLocaleString('en-US')).join(' / ')} paragraphs, each in its own process`,
      data: 'synthetic comparable corpus, articles in groups of five sharing facts (bench/align.ts, syntheticComparable)',
      figure: `build ${csizes.map((k) => `${(cmp[k].buildMs / 1000).toFixed(1)} s`).join(' / ')} wall (${csizes.map((k) => `${(cmp[k].buildCpuMs / 1000).toFixed(1)} s`).join(' / ')} CPU); peak RSS ${csizes.map((k) => cmp[k].peakRssMB).join(' / ')} MB; top-10 query p95 ${csizes.map((k) => `${cmp[k].queryTop10Ms.p95} ms`).join(' / ')}`,
      baseline: 'target: memory and build time grow in proportion to the corpus',
    });
  }
  return rows;
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly && process.argv[2] === '--comparable') {
  console.log(JSON.stringify(comparableOnce(Number(process.argv[3]))));
} else if (invokedDirectly && process.argv[2] === '--synthetic') {
  console.log(JSON.stringify(syntheticOnce(Number(process.argv[3]))));
} else if (invokedDirectly) {
  benchAlign().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
