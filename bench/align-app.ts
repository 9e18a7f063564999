/**
 * Sentence alignment inside the app, on the Text+Berg development article: the German and the
 * French text are imported as two documents of a project, each with its machine translation
 * attached as an existing translation (made per paragraph, as the app makes them), and aligned
 * at sentence level through AlignService, the path the UI and `tandem align` take.
 *
 * Two layouts: one paragraph per line, as the set is distributed, and paragraphs of four lines,
 * where the app's sentence splitter and the sharing of paragraph translations over sentences
 * both have work to do. The app's sentences are mapped back to the set's lines by their
 * offsets; beads that share a line are merged, and the result is scored against the gold: by
 * line (a sentence in no link leaves each of its lines unaligned, as the gold has them), and at
 * the app's sentence granularity, where the gold is coarsened to the app's sentences and a
 * sentence in no link is one unaligned bead of its lines, as the coarsened gold has it.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openProject } from '../db/open';
import { getOrCreateAnnotator } from '../db/queries/documents';
import { AlignService, segmentsOf } from '../core/services/align';
import { History } from '../core/services/history';
import { importBytes, importTranslationBytes } from '../core/services/import';
import { normalizeParagraph } from '../core/text';
import { getParagraphs } from '../db/queries/documents';
import { scoreAlignment } from '../core/align/score';
import type { BeadSpan } from '../core/align/types';

export interface DevTexts {
  src: string[];
  tgt: string[];
  srcMt: string[];
  tgtMt: string[];
  gold: BeadSpan[];
}

interface Layout {
  /** Lines per paragraph. */
  group: number;
}

/** File text with `group` lines per paragraph (blank line between paragraphs). */
function fileText(lines: readonly string[], group: number): string {
  const out: string[] = [];
  for (let k = 0; k < lines.length; k += group) out.push(lines.slice(k, k + group).map((l) => l.trim() || '…').join('\n'));
  return out.join('\n\n') + '\n';
}

/** For each sentence of the document, the set's lines it overlaps. */
function sentenceLines(db: ReturnType<typeof openProject>, docId: number, lines: readonly string[], group: number): number[][] {
  const paragraphs = getParagraphs(db, docId);
  const out: number[][] = [];
  paragraphs.forEach((p, pi) => {
    // The paragraph is its lines, each normalised, joined by single spaces.
    const own = lines.slice(pi * group, pi * group + group).map((l) => normalizeParagraph(l.trim() || '…'));
    const starts: number[] = [];
    let at = 0;
    for (const l of own) {
      const found = p.text.indexOf(l, at);
      starts.push(found >= 0 ? found : at);
      at = (found >= 0 ? found : at) + l.length;
    }
    const spans = p.sentences.length ? p.sentences : [[0, p.text.length] as [number, number]];
    for (const [s, e] of spans) {
      const covered: number[] = [];
      own.forEach((l, k) => {
        const ls = starts[k];
        const le = ls + l.length;
        if (ls < e && le > s) covered.push(pi * group + k);
      });
      out.push(covered.length ? covered : [pi * group]);
    }
  });
  return out;
}

/** Sentence beads as line beads: lines of each bead, beads sharing a line merged. */
function toLineBeads(links: ReadonlyArray<{ a: number[]; b: number[] }>, srcLines: number[][], tgtLines: number[][], n: number, m: number): BeadSpan[] {
  const beads = links.map((l) => ({ src: new Set(l.a.flatMap((i) => srcLines[i])), tgt: new Set(l.b.flatMap((j) => tgtLines[j])) }));
  // Union-find over beads through shared lines.
  const parent = beads.map((_, k) => k);
  const find = (k: number): number => (parent[k] === k ? k : (parent[k] = find(parent[k])));
  const ownerS = new Map<number, number>();
  const ownerT = new Map<number, number>();
  beads.forEach((b, k) => {
    for (const s of b.src) {
      const o = ownerS.get(s);
      if (o === undefined) ownerS.set(s, k);
      else parent[find(k)] = find(o);
    }
    for (const t of b.tgt) {
      const o = ownerT.get(t);
      if (o === undefined) ownerT.set(t, k);
      else parent[find(k)] = find(o);
    }
  });
  const groups = new Map<number, { src: Set<number>; tgt: Set<number> }>();
  beads.forEach((b, k) => {
    const r = find(k);
    const g = groups.get(r) ?? { src: new Set<number>(), tgt: new Set<number>() };
    b.src.forEach((x) => g.src.add(x));
    b.tgt.forEach((x) => g.tgt.add(x));
    groups.set(r, g);
  });
  const out: BeadSpan[] = [...groups.values()].map((g) => ({ src: [...g.src].sort((a, b) => a - b), tgt: [...g.tgt].sort((a, b) => a - b) }));
  // Lines in no link are unaligned, as the app shows them.
  for (let s = 0; s < n; s++) if (!ownerS.has(s)) out.push({ src: [s], tgt: [] });
  for (let t = 0; t < m; t++) if (!ownerT.has(t)) out.push({ src: [], tgt: [t] });
  return out;
}

/**
 * The gold at the app's sentence granularity: gold beads whose lines fall in one sentence of
 * the app are merged, as toLineBeads merges the app's beads, so that a sentence the splitter
 * made of two lines is not counted against the aligner.
 */
function coarsenGold(gold: readonly BeadSpan[], srcLines: number[][], tgtLines: number[][]): BeadSpan[] {
  const srcOf = new Map<number, number[]>();
  const tgtOf = new Map<number, number[]>();
  srcLines.forEach((ls, k) => ls.forEach((l) => srcOf.set(l, [...(srcOf.get(l) ?? []), k])));
  tgtLines.forEach((ls, k) => ls.forEach((l) => tgtOf.set(l, [...(tgtOf.get(l) ?? []), k])));
  const links = gold.map((g) => ({ a: [...new Set(g.src.flatMap((l) => srcOf.get(l) ?? []))], b: [...new Set(g.tgt.flatMap((l) => tgtOf.get(l) ?? []))] }));
  const merged = toLineBeads(links, srcLines, tgtLines, 0, 0);
  return merged;
}

/**
 * The app's links as beads at its own sentence granularity: like toLineBeads, but a sentence in
 * no link is an unaligned bead of all its lines (merged, like any bead, with those sharing a
 * line), as coarsenGold makes of the gold's unaligned lines. Counting such a sentence as one
 * unaligned bead per line would score a block of captions left out as a whole, exactly as the
 * coarsened gold has it, as several errors.
 */
export function sentenceBeads(links: ReadonlyArray<{ a: number[]; b: number[] }>, srcLines: number[][], tgtLines: number[][]): BeadSpan[] {
  const linkedA = new Set(links.flatMap((l) => l.a));
  const linkedB = new Set(links.flatMap((l) => l.b));
  const alone = [
    ...srcLines.flatMap((_, i) => (linkedA.has(i) ? [] : [{ a: [i], b: [] }])),
    ...tgtLines.flatMap((_, j) => (linkedB.has(j) ? [] : [{ a: [], b: [j] }])),
  ];
  return toLineBeads([...links, ...alone], srcLines, tgtLines, 0, 0);
}

/** Machine translation of each side, line by line as in the set (either may be missing). */
export interface DevMt {
  srcMt?: string[];
  tgtMt?: string[];
}

async function runLayout(dev: DevTexts, layout: Layout, mt: DevMt | null): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-'));
  const db = openProject(path.join(dir, 'dev.tandem'), { create: true });
  try {
    const annotator = getOrCreateAnnotator(db, 'bench');
    const service = new AlignService(db, new History(db, () => annotator), () => annotator);
    const bytes = (lines: readonly string[]): Uint8Array => Buffer.from(fileText(lines, layout.group), 'utf8');
    const opts = { paragraphs: 'blank-line' as const, collection: 'dev' };
    const de = importBytes(db, 'eval1957.de.txt', bytes(dev.src), { ...opts, lang: 'de' }).docId!;
    const fr = importBytes(db, 'eval1957.fr.txt', bytes(dev.tgt), { ...opts, lang: 'fr' }).docId!;
    const attach = (doc: number, lines: string[] | undefined, lang: string): void => {
      if (!lines) return;
      const r = importTranslationBytes(db, doc, `eval1957.mt.${lang}.txt`, bytes(lines), { paragraphs: 'blank-line', provider: 'google', lang });
      if (r.status !== 'imported') throw new Error(`MT import failed: ${r.reason ?? ''}`);
    };
    attach(de, mt?.srcMt, 'fr');
    attach(fr, mt?.tgtMt, 'de');
    const t0 = performance.now();
    const view = await service.align(de, fr, { level: 'sentence', mode: 'parallel' });
    const ms = performance.now() - t0;
    const srcLines = sentenceLines(db, de, dev.src, layout.group);
    const tgtLines = sentenceLines(db, fr, dev.tgt, layout.group);
    const beads = toLineBeads(view.links, srcLines, tgtLines, dev.src.length, dev.tgt.length);
    const s = scoreAlignment(dev.gold, beads);
    const sl = scoreAlignment(dev.gold, beads, { rules: 'linked' });
    const coarse = coarsenGold(dev.gold, srcLines, tgtLines);
    const sc = scoreAlignment(coarse, sentenceBeads(view.links, srcLines, tgtLines));
    const straddle = (x: number[][]): number => x.filter((l) => l.length > 1).length;
    return {
      sentences: [segmentsOf(db, de, 'sentence').texts.length, segmentsOf(db, fr, 'sentence').texts.length],
      sentencesOverSeveralLines: [straddle(srcLines), straddle(tgtLines)],
      bleualign: { strictF1: round(s.strict.f1), laxF1: round(s.lax.f1) },
      linked: { strictF1: round(sl.strict.f1), laxF1: round(sl.lax.f1) },
      atSentenceGranularity: { strictF1: round(sc.strict.f1), laxF1: round(sc.lax.f1), goldBeads: coarse.length },
      alignMs: Math.round(ms),
    };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const round = (x: number, d = 4): number => Math.round(x * 10 ** d) / 10 ** d;

/**
 * In-app sentence alignment of the dev article, with Google MT both ways and, as the baseline,
 * without; then, more briefly, with each of the set's other MT variants (`otherMt`).
 */
export async function inAppSentenceAlignment(dev: DevTexts, otherMt: Record<string, DevMt> = {}): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {
    note: 'German and French imported as two documents, Google MT of each attached as a translation made per paragraph; AlignService.align(level sentence); scored by line against the gold, and at the app\'s sentence granularity against the gold coarsened to it',
  };
  for (const group of [1, 4]) {
    const name = group === 1 ? 'oneLinePerParagraph' : 'fourLinesPerParagraph';
    const layout: Record<string, unknown> = { withMt: await runLayout(dev, { group }, dev), withoutMt: await runLayout(dev, { group }, null) };
    // Strict F1 at the app's sentence granularity with each other MT variant.
    const others: Record<string, number> = {};
    for (const [variant, mt] of Object.entries(otherMt)) {
      others[variant] = ((await runLayout(dev, { group }, mt)).atSentenceGranularity as { strictF1: number }).strictF1;
    }
    if (Object.keys(others).length) layout.otherMtStrictF1 = others;
    out[name] = layout;
  }
  return out;
}
