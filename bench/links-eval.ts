/**
 * Scoring for cross-article linking on real articles: the dev gold (facts with verbatim quotes
 * and the paragraph links derived from them), link precision/recall/F1, average precision of a
 * ranked list, fact recall, and a plain TF-IDF cosine baseline over the English translations.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface GoldMention {
  file: string;
  /** 1-based, as in the gold file. */
  paragraph: number;
  quote: string;
}

export interface GoldFact {
  id: string;
  label: string;
  mentions: GoldMention[];
}

export interface GoldLink {
  a: { file: string; paragraph: number };
  b: { file: string; paragraph: number };
  facts: string[];
}

export interface DevGold {
  files: Array<{ file: string; lang: string; paragraphs: number }>;
  facts: GoldFact[];
  links: GoldLink[];
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** `../shared` beside the repository (how CI lays it out), or $TANDEM_SHARED. */
export function sharedDir(): string | null {
  const candidates = [process.env.TANDEM_SHARED, path.resolve(here, '..', '..', 'shared')].filter((x): x is string => Boolean(x));
  return candidates.find((c) => fs.existsSync(path.join(c, 'seeds'))) ?? null;
}

export function readDevGold(shared: string): DevGold | null {
  const file = path.join(shared, 'bench-data', 'seeds-facts-dev.json');
  if (!fs.existsSync(file)) return null;
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { files: DevGold['files']; facts: GoldFact[]; paragraph_links: GoldLink[] };
  return { files: raw.files, facts: raw.facts, links: raw.paragraph_links };
}

/**
 * Our own second gold (bench/gold/seeds-facts-own.json): more facts of the same articles, marked by
 * two annotators. It keeps offsets, not text; the quotes are read from the seeds and checked
 * against the stored hashes. Null when a seed does not match.
 */
export function readOwnGold(shared: string): DevGold | null {
  const raw = JSON.parse(fs.readFileSync(path.join(here, 'gold', 'seeds-facts-own.json'), 'utf8')) as {
    files: DevGold['files'];
    facts: Array<{ id: string; label: string; mentions: Array<{ file: string; paragraph: number; start: number; end: number; sha1: string }> }>;
    paragraph_links: GoldLink[];
  };
  const paragraphs = new Map<string, string[]>();
  for (const f of raw.files) {
    const file = path.join(shared, 'seeds', f.file);
    if (!fs.existsSync(file)) return null;
    paragraphs.set(f.file, fs.readFileSync(file, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter(Boolean));
  }
  const facts: GoldFact[] = [];
  for (const fact of raw.facts) {
    const mentions: GoldMention[] = [];
    for (const m of fact.mentions) {
      const quote = paragraphs.get(m.file)?.[m.paragraph - 1]?.slice(m.start, m.end) ?? '';
      if (createHash('sha1').update(quote).digest('hex').slice(0, 12) !== m.sha1) return null;
      mentions.push({ file: m.file, paragraph: m.paragraph, quote });
    }
    facts.push({ id: fact.id, label: fact.label, mentions });
  }
  return { files: raw.files, facts, links: raw.paragraph_links };
}

/** "file:paragraph" with 0-based paragraphs; links are unordered, so a pair key sorts its ends. */
export const paraKey = (file: string, paragraph0: number): string => `${file}#${paragraph0}`;
export const pairKey = (x: string, y: string): string => (x < y ? `${x}|${y}` : `${y}|${x}`);

export function goldPairs(gold: DevGold): Set<string> {
  return new Set(gold.links.map((l) => pairKey(paraKey(l.a.file, l.a.paragraph - 1), paraKey(l.b.file, l.b.paragraph - 1))));
}

export interface Prf {
  p: number;
  r: number;
  f1: number;
  proposed: number;
  correct: number;
  gold: number;
}

export function prf(proposed: Iterable<string>, gold: Set<string>): Prf {
  const set = new Set(proposed);
  let correct = 0;
  for (const k of set) if (gold.has(k)) correct++;
  const p = set.size ? correct / set.size : 0;
  const r = gold.size ? correct / gold.size : 0;
  return { p: round(p), r: round(r), f1: round(p + r ? (2 * p * r) / (p + r) : 0), proposed: set.size, correct, gold: gold.size };
}

/**
 * Average precision of a ranked list (best first), as trec_eval computes it: the mean over the
 * gold items of the precision at the rank where each is found; gold never ranked counts 0.
 */
export function averagePrecision(ranked: string[], gold: Set<string>): number {
  let hits = 0;
  let sum = 0;
  const seen = new Set<string>();
  ranked.forEach((k, i) => {
    if (seen.has(k)) return;
    seen.add(k);
    if (gold.has(k)) {
      hits++;
      sum += hits / (seen.size);
    }
    void i;
  });
  return gold.size ? round(sum / gold.size) : 0;
}

/** The best F1 over every threshold of a scored list: what a threshold chosen in hindsight reaches. */
export function bestThreshold(scored: Array<{ key: string; score: number }>, gold: Set<string>): Prf & { threshold: number } {
  const sorted = [...scored].sort((x, y) => y.score - x.score);
  let best: Prf & { threshold: number } = { ...prf([], gold), threshold: Infinity };
  const taken: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    taken.push(sorted[i].key);
    if (i + 1 < sorted.length && sorted[i + 1].score === sorted[i].score) continue;
    const m = prf(taken, gold);
    if (m.f1 > best.f1) best = { ...m, threshold: round(sorted[i].score) };
  }
  return best;
}

export const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

// ---------------------------------------------------------------------------------------------
// Plain TF-IDF, as scikit-learn's TfidfVectorizer does it by default: lower case, tokens of two
// or more word characters, raw counts, smooth idf, l2-normalised rows.

const SK_TOKEN = /[\p{L}\p{N}_]{2,}/gu;

export class TfIdf {
  private readonly idf = new Map<string, number>();
  readonly vectors: Array<Map<string, number>>;

  constructor(texts: string[]) {
    const df = new Map<string, number>();
    const counts = texts.map((t) => {
      const c = new Map<string, number>();
      for (const m of t.toLowerCase().matchAll(SK_TOKEN)) c.set(m[0], (c.get(m[0]) ?? 0) + 1);
      for (const k of c.keys()) df.set(k, (df.get(k) ?? 0) + 1);
      return c;
    });
    for (const [k, d] of df) this.idf.set(k, Math.log((1 + texts.length) / (1 + d)) + 1);
    this.vectors = counts.map((c) => this.weigh(c));
  }

  private weigh(c: Map<string, number>): Map<string, number> {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [k, n] of c) {
      const w = n * (this.idf.get(k) ?? 0);
      if (w > 0) {
        v.set(k, w);
        norm += w * w;
      }
    }
    norm = Math.sqrt(norm) || 1;
    for (const [k, w] of v) v.set(k, w / norm);
    return v;
  }

  vector(text: string): Map<string, number> {
    const c = new Map<string, number>();
    for (const m of text.toLowerCase().matchAll(SK_TOKEN)) c.set(m[0], (c.get(m[0]) ?? 0) + 1);
    return this.weigh(c);
  }

  static cosine(x: Map<string, number>, y: Map<string, number>): number {
    const [s, l] = x.size < y.size ? [x, y] : [y, x];
    let dot = 0;
    for (const [k, w] of s) dot += w * (l.get(k) ?? 0);
    return dot;
  }
}
