/**
 * Alignment benchmark: quality on the Text+Berg development article and speed/memory on
 * synthetic parallel texts of growing size.
 *
 * Data directory: opts.dataDir, else $TANDEM_BLEUALIGN_DEV, else ../shared/bench-data/bleualign-dev
 * relative to the working directory. Runnable on its own: `npx tsx bench/align.ts`.
 */

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { alignParallel } from '../core/align/parallel.js';
import { parseBeads } from '../core/align/beads-format.js';
import { precisionByDecile, scoreAlignment } from '../core/align/score.js';
import type { Bead, BeadSpan } from '../core/align/types.js';

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

function devSet(dataDir: string): Record<string, unknown> {
  const evalDir = path.join(dataDir, 'eval');
  const goldFile = path.join(dataDir, 'gold', 'dev.defr');
  if (!existsSync(goldFile) || !existsSync(path.join(evalDir, 'eval1957.de'))) {
    return { skipped: `no dev data in ${dataDir}` };
  }
  const src = readLines(path.join(evalDir, 'eval1957.de'));
  const tgt = readLines(path.join(evalDir, 'eval1957.fr'));
  const gold = parseBeads(readFileSync(goldFile, 'utf8'));
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
  return out;
}

/**
 * Short texts cut from the development article: consecutive runs of `size` gold beads, each
 * aligned on its own, as when a user imports one short article and its translation. On such
 * texts nothing can be calibrated on the text itself, so they show failures that the whole
 * article hides. Reports the mean strict and lax F1 over the windows.
 */
function shortWindows(dataDir: string, sizes: number[]): Record<string, unknown> {
  const evalDir = path.join(dataDir, 'eval');
  const goldFile = path.join(dataDir, 'gold', 'dev.defr');
  if (!existsSync(goldFile) || !existsSync(path.join(evalDir, 'eval1957.de'))) {
    return { skipped: `no dev data in ${dataDir}` };
  }
  const src = readLines(path.join(evalDir, 'eval1957.de'));
  const tgt = readLines(path.join(evalDir, 'eval1957.fr'));
  const gold = parseBeads(readFileSync(goldFile, 'utf8'));
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

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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

function synthetic(sizes: number[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const size of sizes) {
    const data = syntheticParallel(size);
    const before = process.memoryUsage();
    const t0 = performance.now();
    const beads = alignParallel({ src: data.src, tgt: data.tgt });
    const ms = performance.now() - t0;
    const after = process.memoryUsage();
    const s = scoreAlignment(data.gold, beads);
    out[String(size)] = {
      srcSegments: data.src.length,
      tgtSegments: data.tgt.length,
      ms: Math.round(ms),
      rssDeltaMB: round((after.rss - before.rss) / 2 ** 20, 1),
      heapUsedDeltaMB: round((after.heapUsed - before.heapUsed) / 2 ** 20, 1),
      rssMB: round(after.rss / 2 ** 20, 1),
      strictF1: round(s.strict.f1),
      laxF1: round(s.lax.f1),
    };
  }
  return out;
}

export async function benchAlign(opts: { dataDir?: string; sizes?: number[] } = {}): Promise<Record<string, unknown>> {
  const dataDir = opts.dataDir ?? process.env.TANDEM_BLEUALIGN_DEV ?? path.join('..', 'shared', 'bench-data', 'bleualign-dev');
  return {
    dev: devSet(dataDir),
    short: shortWindows(dataDir, [8, 15, 30]),
    synthetic: synthetic(opts.sizes ?? [1000, 10000, 100000]),
  };
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  benchAlign().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
