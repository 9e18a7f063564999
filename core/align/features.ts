/**
 * Sparse lexical feature vectors for segments.
 *
 * Every segment becomes a bag of hashed features (character n-grams, words, numbers, names,
 * punctuation) stored in compressed-row form with sorted keys. The aligner only ever needs
 * dot products between such vectors; because a dot product is bilinear, the similarity of a
 * merged group of segments is exactly derivable from pairwise products, so merged features
 * never have to be materialised.
 */

import { fnv1a, fnv1aLowerAscii } from './hash.js';

export interface FeatureConfig {
  /** Character n-gram sizes, computed over the normalised text with word boundaries as spaces. */
  ngrams: number[];
  /** Weight of whole-word features relative to one n-gram. */
  wordWeight: number;
  /** Weight of numbers (digit runs), which survive translation almost unchanged. */
  numberWeight: number;
  /** Weight of capitalised tokens that are not sentence-initial (mostly names). */
  nameWeight: number;
  /** Weight of translation-stable punctuation: ? ! quotes : ; ( */
  punctWeight: number;
  /** Drop n-gram features (keeping words, numbers, names, punctuation). */
  wordsOnly?: boolean;
}

export const DEFAULT_FEATURES: FeatureConfig = {
  ngrams: [3, 4],
  wordWeight: 1,
  numberWeight: 3,
  nameWeight: 2,
  punctWeight: 1,
};

/** Compressed sparse rows: row r has keys[offsets[r] .. offsets[r+1]) sorted ascending. */
export interface SparseRows {
  offsets: Int32Array;
  keys: Int32Array;
  vals: Float32Array;
}

const SEED_WORD = 0x9e3779b1 | 0;
const SEED_NUM = 0x85ebca6b | 0;
const SEED_NAME = 0xc2b2ae35 | 0;
const SEED_PUNCT = 0x27d4eb2f | 0;

function seedForNgram(n: number): number {
  return Math.imul(n + 1, 0x165667b1) | 0;
}

function hashString(s: string, start: number, end: number, seed: number): number {
  return avalanche(fnv1a(s, start, end, seed));
}

// Final avalanche so that low bits (used for bucketing) depend on every character.
function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h | 0;
}

const COMBINING = /\p{M}+/gu;
const NON_ALNUM = /[^\p{L}\p{N}]+/gu;
// Thousands separators differ between languages ("8.847" vs "8 847" vs "8,847").
const THOUSANDS = /(\p{N})[.,'’\u00a0\u202f ](?=\p{N}{3}(?!\p{N}))/gu;
const WORD = /[\p{L}\p{N}]+/gu;

function isAscii(text: string): boolean {
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) > 127) return false;
  return true;
}

/** Lower-case, strip diacritics and reduce everything that is not a letter or digit to one space. */
export function normalizeForNgrams(text: string): string {
  if (isAscii(text)) return normalizeAscii(text);
  return normalizeLatin(text) ?? normalizeAny(text);
}

function normalizeAny(text: string): string {
  const s = text.normalize('NFD').replace(COMBINING, '').toLowerCase().replace(THOUSANDS, '$1');
  return ' ' + s.replace(NON_ALNUM, ' ').trim() + ' ';
}

/*
 * Per-character tables for the Latin scripts (up to Latin Extended-B), combining marks and
 * general punctuation, where lower-casing does not depend on context: each character folds to
 * what normalizeAny makes of it, so a text made only of such characters is normalised in one
 * pass without building intermediate strings. Any other character takes the general path.
 */
const FOLD_LIMIT = 0x250;
const FOLD = new Array<string>(FOLD_LIMIT);
/** Per folded character: 0 other, 1 letter, 2 digit, 3 thousands separator. */
const FOLD_CLASS: Uint8Array[] = new Array<Uint8Array>(FOLD_LIMIT);
const SEPARATORS = ".,'\u2019\u00a0\u202f ";
const classOf = (ch: string): number =>
  /\p{N}/u.test(ch) ? 2 : /\p{L}/u.test(ch) ? 1 : SEPARATORS.includes(ch) ? 3 : 0;
for (let c = 0; c < FOLD_LIMIT; c++) {
  const f = String.fromCharCode(c).normalize('NFD').replace(COMBINING, '').toLowerCase();
  FOLD[c] = f;
  FOLD_CLASS[c] = Uint8Array.from([...f].map(classOf));
}
/** Every character below FOLD_LIMIT folds to exactly one character: its code and class. */
const FOLD_CODE = Uint16Array.from(FOLD, (f) => f.charCodeAt(0));
const FOLD_KIND = Uint8Array.from(FOLD_CLASS, (k) => k[0]);
if (FOLD.some((f) => f.length !== 1)) throw new Error('a folded character is not one character');

function normalizeLatin(text: string): string | null {
  let out = ' ';
  let pendingSpace = false;
  // Class of the previous folded character, for the thousands rule.
  let prevClass = 0;
  const len = text.length;
  for (let k = 0; k < len; k++) {
    const c = text.charCodeAt(k);
    let f: string;
    let cls: Uint8Array | null;
    if (c < FOLD_LIMIT) {
      f = FOLD[c];
      cls = FOLD_CLASS[c];
    } else if (c >= 0x300 && c < 0x370) {
      continue; // combining mark: dropped
    } else if (c >= 0x2000 && c < 0x2070) {
      f = text[k];
      cls = c === 0x2019 || c === 0x202f ? SEP_CLASS : OTHER_CLASS;
    } else return null;
    for (let q = 0; q < f.length; q++) {
      const kind = cls[q];
      if (kind === 1 || kind === 2) {
        if (pendingSpace) out += ' ';
        pendingSpace = false;
        out += f[q];
      } else if (kind === 3 && prevClass === 2 && q === f.length - 1 && thousandsFollow(text, k + 1)) {
        // A thousands separator between digits is dropped ("8.847" = "8 847" = "8847").
      } else if (out.length > 1) pendingSpace = true;
      prevClass = kind;
    }
  }
  return out + ' ';
}
const SEP_CLASS = Uint8Array.of(3);
const OTHER_CLASS = Uint8Array.of(0);

/** Whether exactly three digits (and no fourth) start at `k`, as folded characters. */
function thousandsFollow(text: string, k: number): boolean {
  let digits = 0;
  for (let p = k; p < text.length; p++) {
    const c = text.charCodeAt(p);
    if (c >= 0x300 && c < 0x370) continue;
    const cls = c < FOLD_LIMIT ? FOLD_CLASS[c] : null;
    const isDigit = cls !== null && cls.length === 1 && cls[0] === 2;
    if (!isDigit) return digits === 3;
    if (++digits > 3) return false;
  }
  return digits === 3;
}

// Most segments in most corpora are plain ASCII; a regex-free pass is several times faster.
function normalizeAscii(text: string): string {
  const T = THOUSANDS_ASCII.test(text) ? text.replace(THOUSANDS, '$1') : text;
  let out = ' ';
  let pendingSpace = false;
  let start = -1;
  for (let k = 0; k <= T.length; k++) {
    const c = k < T.length ? T.charCodeAt(k) : 32;
    const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (alnum) {
      if (start < 0) start = k;
    } else if (start >= 0) {
      if (pendingSpace) out += ' ';
      out += T.slice(start, k);
      pendingSpace = true;
      start = -1;
    }
  }
  return out.toLowerCase() + ' ';
}
const THOUSANDS_ASCII = /\d[.,' ]\d{3}/;

// Translation-stable punctuation, counted by a single scan of the text.
function punctClass(c: number): number {
  switch (c) {
    case 63: // ?
      return 1;
    case 33: // !
      return 2;
    case 34: // "
    case 0xab: // «
    case 0xbb: // »
    case 0x201c: // “
    case 0x201d: // ”
    case 0x201e: // „
    case 0x201f: // ‟
    case 0x2039: // ‹
    case 0x203a: // ›
      return 3;
    case 58: // :
      return 4;
    case 59: // ;
      return 5;
    case 40: // (
      return 6;
    default:
      return 0;
  }
}

/** hashString of the lower-cased ASCII substring, without building it. */
function hashLowerAscii(s: string, start: number, end: number, seed: number): number {
  return avalanche(fnv1aLowerAscii(s, start, end, seed));
}

const ALL_DIGITS = /^\p{N}+$/u;

// The low three bits of every hash encode the feature kind so that a plain numeric sort of
// the hashes is enough to aggregate them; the weight is recovered from the kind.
const KIND_NGRAM = 0;
const KIND_WORD = 1;
const KIND_NUM = 2;
const KIND_NAME = 3;
const KIND_PUNCT = 4;

class HashBuffer {
  buf = new Int32Array(1024);
  len = 0;
  push(h: number, kind: number): void {
    if (this.len === this.buf.length) this.grow();
    this.buf[this.len++] = (h & ~7) | kind;
  }
  /** A hash that already carries its kind bits. */
  pushRaw(h: number): void {
    if (this.len === this.buf.length) this.grow();
    this.buf[this.len++] = h;
  }
  grow(): void {
    const nb = new Int32Array(this.buf.length * 2);
    nb.set(this.buf);
    this.buf = nb;
  }
}

/** Name features (capitalised words that do not open the text) by the general definition. */
function generalNames(text: string, out: HashBuffer): void {
  const raw = text.normalize('NFD').replace(COMBINING, '');
  WORD.lastIndex = 0;
  let first = true;
  for (let m = WORD.exec(raw); m; m = WORD.exec(raw)) {
    const w = m[0];
    const c = w.charCodeAt(0);
    const upper = w[0] !== w[0].toLowerCase();
    if (!first && upper && w.length > 1 && !(c >= 48 && c <= 57)) {
      const lw = w.toLowerCase();
      out.push(hashString(lw, 0, lw.length, SEED_NAME), KIND_NAME);
    }
    first = false;
  }
}

/** Per character below FOLD_LIMIT: whether its base letter is a capital. */
const UPPER_BASE = (() => {
  const out = new Uint8Array(FOLD_LIMIT);
  for (let c = 0; c < FOLD_LIMIT; c++) {
    const base = String.fromCharCode(c).normalize('NFD').replace(COMBINING, '');
    out[c] = base.length > 0 && base[0] !== base[0].toLowerCase() ? 1 : 0;
  }
  return out;
})();

/** Whether every folded character of c is a letter or digit. */
const WORD_CHAR = (() => {
  const out = new Uint8Array(FOLD_LIMIT);
  for (let c = 0; c < FOLD_LIMIT; c++) out[c] = FOLD_CLASS[c].length > 0 && FOLD_CLASS[c].every((k) => k === 1 || k === 2) ? 1 : 0;
  return out;
})();

/**
 * generalNames in one pass over Latin text, from the folding tables (see normalizeLatin);
 * false, having added nothing, when the text has characters the tables do not cover. Each
 * word's folded form is hashed as it is read, never built.
 */
function latinNames(text: string, out: HashBuffer): boolean {
  const len = text.length;
  for (let k = 0; k < len; k++) {
    const c = text.charCodeAt(k);
    if (c >= FOLD_LIMIT && !(c >= 0x300 && c < 0x370) && !(c >= 0x2000 && c < 0x2070)) return false;
  }
  let first = true;
  for (let k = 0; k < len; ) {
    const c0 = text.charCodeAt(k);
    if (c0 >= FOLD_LIMIT || WORD_CHAR[c0] === 0) {
      k++;
      continue;
    }
    // A word: word characters, with combining marks inside it dropped.
    let h = (0x811c9dc5 ^ SEED_NAME) | 0;
    let folded = 0;
    let e = k;
    for (; e < len; e++) {
      const c = text.charCodeAt(e);
      if (c >= 0x300 && c < 0x370) continue;
      if (c >= FOLD_LIMIT || WORD_CHAR[c] === 0) break;
      h = Math.imul(h ^ FOLD_CODE[c], 16777619);
      folded++;
    }
    const f0 = FOLD_CODE[c0];
    if (!first && UPPER_BASE[c0] === 1 && folded > 1 && !(f0 >= 48 && f0 <= 57)) out.push(avalanche(h), KIND_NAME);
    first = false;
    k = e;
  }
  return true;
}

/** Name feature hashes of a text, by the one-pass Latin path or by the general definition (for tests). */
export function nameHashes(text: string, general = false): number[] {
  const buf = new HashBuffer();
  if (general || !latinNames(text, buf)) generalNames(text, buf);
  return Array.from(buf.buf.subarray(0, buf.len));
}

/** Name features of ASCII text: capitalised words of two or more characters after the first word. */
function asciiNames(text: string, out: HashBuffer): void {
  let first = true;
  for (let p = 0; p < text.length; ) {
    let c = text.charCodeAt(p);
    const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (!alnum) {
      p++;
      continue;
    }
    const start = p;
    const upper = c >= 65 && c <= 90;
    for (p++; p < text.length; p++) {
      c = text.charCodeAt(p);
      if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) break;
    }
    if (!first && upper && p - start > 1) out.push(hashLowerAscii(text, start, p, SEED_NAME), KIND_NAME);
    first = false;
  }
}

/** A segment's normalised text as UTF-16 code units (see normalizeForNgrams), reused from segment to segment. */
class NormBuffer {
  codes = new Uint16Array(1024);
  len = 0;
  reserve(n: number): void {
    if (this.codes.length < n) this.codes = new Uint16Array(Math.max(n, this.codes.length * 2));
  }
  setString(s: string): void {
    this.reserve(s.length);
    for (let k = 0; k < s.length; k++) this.codes[k] = s.charCodeAt(k);
    this.len = s.length;
  }
}

/** Hash of each punctuation class (see punctClass), with its kind bits. */
const PUNCT_HASH = Int32Array.from({ length: 7 }, (_, id) => ((Math.imul(id, SEED_PUNCT) | 0) & ~7) | KIND_PUNCT);

/**
 * normalizeForNgrams into `nb`, without building strings on the ASCII and Latin paths; on those
 * paths the same pass adds the name and punctuation features of the raw text to `out` (when
 * `names` or `punct`) and returns true. False: only the normalised text was made.
 */
function normalizeInto(text: string, ascii: boolean, nb: NormBuffer, out: HashBuffer, names: boolean, punct: boolean): boolean {
  if (ascii) {
    if (!THOUSANDS_ASCII.test(text)) {
      asciiInto(text, nb, out, names, punct);
      return true;
    }
    nb.setString(normalizeAscii(text));
    return false;
  }
  const mark = out.len;
  if (latinInto(text, nb, out, names, punct)) return true;
  out.len = mark;
  nb.setString(normalizeAny(text));
  return false;
}

/**
 * ASCII text: words are runs of letters and digits, written lower-cased and separated by single
 * spaces. A word that is not the text's first and starts with a capital is a name (asciiNames).
 */
function asciiInto(text: string, nb: NormBuffer, hashes: HashBuffer, names: boolean, punct: boolean): void {
  nb.reserve(text.length + 2);
  const out = nb.codes;
  let o = 0;
  out[o++] = 32;
  let wordStart = -1;
  let firstWord = true;
  let capital = false;
  let hName = 0;
  const len = text.length;
  for (let k = 0; k <= len; k++) {
    const c = k < len ? text.charCodeAt(k) : 32;
    const upper = c >= 65 && c <= 90;
    if (upper || (c >= 48 && c <= 57) || (c >= 97 && c <= 122)) {
      const lc = upper ? c + 32 : c;
      if (wordStart < 0) {
        if (!firstWord) out[o++] = 32;
        wordStart = k;
        capital = upper;
        hName = (0x811c9dc5 ^ SEED_NAME) | 0;
      }
      out[o++] = lc;
      hName = Math.imul(hName ^ lc, 16777619);
      continue;
    }
    if (wordStart >= 0) {
      if (names && !firstWord && capital && k - wordStart > 1) hashes.push(avalanche(hName), KIND_NAME);
      firstWord = false;
      wordStart = -1;
    }
    if (punct && k < len) {
      const id = punctClass(c);
      if (id !== 0) hashes.pushRaw(PUNCT_HASH[id]);
    }
  }
  out[o++] = 32;
  nb.len = o;
}

/**
 * normalizeLatin into `nb`, with the name features of latinNames and the punctuation features
 * in the same pass; false when the text has characters the tables do not cover (what was added
 * to `hashes` is then to be dropped).
 */
function latinInto(text: string, nb: NormBuffer, hashes: HashBuffer, names: boolean, punct: boolean): boolean {
  const len = text.length;
  nb.reserve(len + 2);
  const out = nb.codes;
  let o = 0;
  out[o++] = 32;
  let pendingSpace = false;
  let prevClass = 0;
  // The raw word being read (letters and digits, combining marks inside it skipped).
  let inWord = false;
  let firstWord = true;
  let capital = false;
  let folded = 0;
  let hName = 0;
  for (let k = 0; k <= len; k++) {
    const c = k < len ? text.charCodeAt(k) : 32;
    let f: number;
    let kind: number;
    if (c < FOLD_LIMIT) {
      f = FOLD_CODE[c];
      kind = FOLD_KIND[c];
    } else if (c >= 0x300 && c < 0x370) {
      continue; // combining mark: dropped
    } else if (c >= 0x2000 && c < 0x2070) {
      f = c;
      kind = c === 0x2019 || c === 0x202f ? 3 : 0;
    } else return false;
    if (kind === 1 || kind === 2) {
      if (!inWord) {
        inWord = true;
        capital = UPPER_BASE[c] === 1 && !(f >= 48 && f <= 57);
        folded = 0;
        hName = (0x811c9dc5 ^ SEED_NAME) | 0;
      }
      hName = Math.imul(hName ^ f, 16777619);
      folded++;
      if (k === len) break;
      if (pendingSpace) out[o++] = 32;
      pendingSpace = false;
      out[o++] = f;
      prevClass = kind;
      continue;
    }
    if (inWord) {
      if (names && !firstWord && capital && folded > 1) hashes.push(avalanche(hName), KIND_NAME);
      firstWord = false;
      inWord = false;
    }
    if (k === len) break;
    if (punct) {
      const id = punctClass(c);
      if (id !== 0) hashes.pushRaw(PUNCT_HASH[id]);
    }
    if (kind === 3 && prevClass === 2 && thousandsFollow(text, k + 1)) {
      // A thousands separator between digits is dropped ("8.847" = "8 847" = "8847").
    } else if (o > 1) pendingSpace = true;
    prevClass = kind;
  }
  out[o++] = 32;
  nb.len = o;
  return true;
}

function codesToString(codes: Uint16Array, start: number, end: number): string {
  let out = '';
  for (let k = start; k < end; k += 4096) out += String.fromCharCode(...codes.subarray(k, Math.min(end, k + 4096)));
  return out;
}

/** Per-segment scratch space of the feature extractor. */
class Scratch {
  norm = new NormBuffer();
  hashes = new HashBuffer();
  radix = new Int32Array(1024);
  tokens = new Int32Array(64);
  tokenLen = 0;
  pushToken(h: number): void {
    if (this.tokenLen === this.tokens.length) {
      const nt = new Int32Array(this.tokens.length * 2);
      nt.set(this.tokens);
      this.tokens = nt;
    }
    this.tokens[this.tokenLen++] = h;
  }
}

/** Hashes of the character n-grams of size n of norm[0..L) onto `out`. */
function ngramsOf(norm: Uint16Array, L: number, n: number, out: HashBuffer): void {
  const seed = (0x811c9dc5 ^ seedForNgram(n)) | 0;
  while (out.len + L > out.buf.length) out.grow();
  const buf = out.buf;
  let len = out.len;
  for (let p = 0; p + n <= L; p++) {
    // A gram made only of the padding space carries no information.
    if (n === 1 && norm[p] === 32) continue;
    let h = seed;
    for (let q = p; q < p + n; q++) h = Math.imul(h ^ norm[q], 16777619);
    buf[len++] = (avalanche(h) & ~7) | KIND_NGRAM;
  }
  out.len = len;
}

/**
 * ngramsOf for sizes 3 and 4 (the default) in one pass: the same hashes, the two sizes
 * interleaved rather than one after the other, which the sort of a row's hashes undoes.
 */
function ngrams34(norm: Uint16Array, L: number, out: HashBuffer): void {
  if (L < 3) return;
  const s3 = (0x811c9dc5 ^ seedForNgram(3)) | 0;
  const s4 = (0x811c9dc5 ^ seedForNgram(4)) | 0;
  while (out.len + 2 * L > out.buf.length) out.grow();
  const buf = out.buf;
  let len = out.len;
  let c1 = norm[0];
  let c2 = norm[1];
  for (let p = 0; p + 3 <= L; p++) {
    const c0 = c1;
    c1 = c2;
    c2 = norm[p + 2];
    const h2 = Math.imul(Math.imul(s3 ^ c0, 16777619) ^ c1, 16777619);
    buf[len++] = (avalanche(Math.imul(h2 ^ c2, 16777619)) & ~7) | KIND_NGRAM;
    if (p + 4 <= L) {
      const g3 = Math.imul(Math.imul(Math.imul(s4 ^ c0, 16777619) ^ c1, 16777619) ^ c2, 16777619);
      buf[len++] = (avalanche(Math.imul(g3 ^ norm[p + 3], 16777619)) & ~7) | KIND_NGRAM;
    }
  }
  out.len = len;
}

/** FNV-1a of norm[start..end) from `h`. */
function wordHash(norm: Uint16Array, start: number, end: number, h: number): number {
  for (let q = start; q < end; q++) h = Math.imul(h ^ norm[q], 16777619);
  return h;
}

/**
 * Features of one segment into `s.hashes`, and with `tokens` its anchor tokens (see
 * extractFeatures) into `s.tokens`: the text is normalised once for both.
 */
function collectFeatures(text: string, cfg: FeatureConfig, s: Scratch, tokens: boolean): void {
  const out = s.hashes;
  out.len = 0;
  s.tokenLen = 0;
  const ascii = isAscii(text);
  const nb = s.norm;
  const nameOn = cfg.nameWeight > 0;
  const punctOn = cfg.punctWeight > 0;
  const fused = normalizeInto(text, ascii, nb, out, nameOn, punctOn);
  const norm = nb.codes;
  const L = nb.len;
  if (!cfg.wordsOnly) {
    const ng = cfg.ngrams;
    if (ng.length === 2 && ng[0] === 3 && ng[1] === 4) ngrams34(norm, L, out);
    else for (const n of ng) ngramsOf(norm, L, n, out);
  }
  const words = cfg.wordWeight > 0 || cfg.numberWeight > 0;
  if (words || tokens) {
    // The normalised text is runs of letters and digits separated by single spaces.
    for (let p = 0; p < L; ) {
      while (p < L && norm[p] === 32) p++;
      if (p >= L) break;
      const start = p;
      let digits = true;
      let asciiWord = true;
      // An ASCII character other than a digit: not a number, whatever else the word holds.
      let asciiNonDigit = false;
      let hw = (0x811c9dc5 ^ SEED_WORD) | 0;
      let ht = 0x811c9dc5 | 0;
      for (; p < L; p++) {
        const c = norm[p];
        if (c === 32) break;
        if (c < 48 || c > 57) {
          digits = false;
          if (c > 127) asciiWord = false;
          else asciiNonDigit = true;
        }
        hw = Math.imul(hw ^ c, 16777619);
        ht = Math.imul(ht ^ c, 16777619);
      }
      if (tokens) {
        const c0 = norm[start];
        if ((c0 >= 48 && c0 <= 57 && p - start >= 2) || p - start >= 4) s.pushToken(ht);
      }
      if (!words) continue;
      const isNum = digits || (!asciiWord && !asciiNonDigit && ALL_DIGITS.test(codesToString(norm, start, p)));
      if (isNum) {
        // Numbers are few: their hash is taken apart, not alongside every word's.
        if (cfg.numberWeight > 0) out.push(avalanche(wordHash(norm, start, p, (0x811c9dc5 ^ SEED_NUM) | 0)), KIND_NUM);
      } else if (cfg.wordWeight > 0 && p - start > 1) {
        out.push(avalanche(hw), KIND_WORD);
      }
    }
  }
  if (fused) return;
  // Texts the one-pass paths do not cover: names and punctuation by a pass of their own.
  if (nameOn) {
    if (ascii) asciiNames(text, out);
    else generalNames(text, out);
  }
  if (punctOn) {
    for (let p = 0; p < text.length; p++) {
      const id = punctClass(text.charCodeAt(p));
      if (id !== 0) out.pushRaw(PUNCT_HASH[id]);
    }
  }
}

const RADIX_COUNTS = new Int32Array(4 * 256);
const BUCKET_COUNTS = new Int32Array(1 << 16);

/**
 * Sorts a[0..n) ascending as signed integers, as Int32Array.prototype.sort does, using `tmp`
 * (of length >= n). A segment has tens to hundreds of hashed features, spread evenly over the
 * 32 bits: one counting pass on the top bits into about one bucket per element, then an
 * insertion sort that only moves elements within their bucket, costs a fraction of the
 * built-in sort's call. Very long rows take four byte-wise counting passes instead.
 */
export function sortInt32(a: Int32Array, n: number, tmp: Int32Array): void {
  if (n <= 16) {
    insertionSort(a, n);
    return;
  }
  if (n > 1 << 20) {
    radixSort(a, n, tmp);
    return;
  }
  let bits = 4;
  while (bits < 16 && 1 << bits < n) bits++;
  const buckets = 1 << bits;
  const shift = 32 - bits;
  const cnt = BUCKET_COUNTS;
  cnt.fill(0, 0, buckets);
  for (let k = 0; k < n; k++) cnt[(a[k] ^ 0x80000000) >>> shift]++;
  let sum = 0;
  for (let b = 0; b < buckets; b++) {
    const c = cnt[b];
    cnt[b] = sum;
    sum += c;
  }
  for (let k = 0; k < n; k++) {
    const v = a[k];
    tmp[cnt[(v ^ 0x80000000) >>> shift]++] = v;
  }
  a[0] = tmp[0];
  for (let i = 1; i < n; i++) {
    const v = tmp[i];
    let j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

function insertionSort(a: Int32Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

function radixSort(a: Int32Array, n: number, tmp: Int32Array): void {
  const cnt = RADIX_COUNTS;
  cnt.fill(0);
  for (let k = 0; k < n; k++) {
    const v = a[k];
    cnt[v & 255]++;
    cnt[256 + ((v >>> 8) & 255)]++;
    cnt[512 + ((v >>> 16) & 255)]++;
    cnt[768 + ((v >>> 24) ^ 128)]++;
  }
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * 256;
    let sum = 0;
    for (let b = 0; b < 256; b++) {
      const c = cnt[base + b];
      cnt[base + b] = sum;
      sum += c;
    }
  }
  for (let k = 0; k < n; k++) {
    const v = a[k];
    tmp[cnt[v & 255]++] = v;
  }
  for (let k = 0; k < n; k++) {
    const v = tmp[k];
    a[cnt[256 + ((v >>> 8) & 255)]++] = v;
  }
  for (let k = 0; k < n; k++) {
    const v = a[k];
    tmp[cnt[512 + ((v >>> 16) & 255)]++] = v;
  }
  for (let k = 0; k < n; k++) {
    const v = tmp[k];
    a[cnt[768 + ((v >>> 24) ^ 128)]++] = v;
  }
}

/**
 * Appends a row from its sorted feature hashes at keys/vals[nnz]: each distinct hash once, with
 * the weights of its occurrences summed in single precision. Returns the new end.
 */
function aggregateRow(hb: Int32Array, len: number, keys: Int32Array, vals: Float32Array, nnz: number, kindWeight: Float32Array): number {
  if (len === 0) return nnz;
  let prev = hb[0];
  let w = kindWeight[prev & 7];
  for (let k = 1; k < len; k++) {
    const h = hb[k];
    if (h === prev) {
      w = Math.fround(w + kindWeight[h & 7]);
    } else {
      keys[nnz] = prev;
      vals[nnz++] = w;
      prev = h;
      w = kindWeight[h & 7];
    }
  }
  keys[nnz] = prev;
  vals[nnz++] = w;
  return nnz;
}

/** Anchor tokens per segment in compressed rows: row r is tokens[offsets[r] .. offsets[r+1]), sorted, distinct. */
export interface TokenRows {
  offsets: Int32Array;
  tokens: Int32Array;
}

export interface TextFeatures {
  /** Raw weighted term frequencies per segment (no idf yet), keys sorted. */
  rows: SparseRows;
  /** Anchor tokens per segment, when asked for. */
  tokens?: TokenRows;
}

/**
 * Feature rows of every segment (empty rows without a configuration) and, with `withTokens`,
 * the anchor tokens the guide is built from, in one pass per segment that normalises its text
 * once. Anchor tokens are the informative words of the normalised text: numbers of two or more
 * digits and words of four or more characters (short words are too often shared by chance
 * across languages), hashed with FNV-1a, sorted and distinct per segment.
 */
export function extractFeatures(texts: readonly string[], config: FeatureConfig | null = DEFAULT_FEATURES, withTokens = false): TextFeatures {
  // Without a configuration only the tokens are wanted: no feature of any kind.
  const cfg: FeatureConfig = config ?? { ngrams: [], wordWeight: 0, numberWeight: 0, nameWeight: 0, punctWeight: 0 };
  const offsets = new Int32Array(texts.length + 1);
  // Distinct features per segment come to about one per character per n-gram size, plus a
  // few; sized so, the arrays seldom grow and are seldom much too long.
  let chars = 0;
  for (const t of texts) chars += t?.length ?? 0;
  const perChar = config === null || cfg.wordsOnly ? 0.25 : cfg.ngrams.length;
  let keys = new Int32Array(Math.max(16, Math.ceil(chars * perChar + texts.length * 4)));
  let vals = new Float32Array(keys.length);
  let nnz = 0;
  const tokOffsets = withTokens ? new Int32Array(texts.length + 1) : undefined;
  let toks = new Int32Array(withTokens ? Math.max(16, Math.ceil(chars / 8)) : 0);
  let ntok = 0;
  const s = new Scratch();
  const kindWeight = new Float32Array(8);
  kindWeight[KIND_NGRAM] = 1;
  kindWeight[KIND_WORD] = cfg.wordWeight;
  kindWeight[KIND_NUM] = cfg.numberWeight;
  kindWeight[KIND_NAME] = cfg.nameWeight;
  kindWeight[KIND_PUNCT] = cfg.punctWeight;
  for (let r = 0; r < texts.length; r++) {
    collectFeatures(texts[r] ?? '', cfg, s, withTokens);
    const len = s.hashes.len;
    const hb = s.hashes.buf;
    if (s.radix.length < len) s.radix = new Int32Array(hb.length);
    sortInt32(hb, len, s.radix);
    if (nnz + len > keys.length) {
      const cap = Math.max(keys.length * 2, nnz + len);
      const nk = new Int32Array(cap);
      nk.set(keys.subarray(0, nnz));
      keys = nk;
      const nv = new Float32Array(cap);
      nv.set(vals.subarray(0, nnz));
      vals = nv;
    }
    nnz = aggregateRow(hb, len, keys, vals, nnz, kindWeight);
    offsets[r + 1] = nnz;
    if (tokOffsets) {
      const tl = s.tokenLen;
      const tb = s.tokens;
      sortInt32(tb, tl, s.radix.length >= tl ? s.radix : (s.radix = new Int32Array(tb.length)));
      if (ntok + tl > toks.length) {
        const nt = new Int32Array(Math.max(toks.length * 2, ntok + tl));
        nt.set(toks.subarray(0, ntok));
        toks = nt;
      }
      const start = ntok;
      for (let k = 0; k < tl; k++) if (ntok === start || tb[k] !== toks[ntok - 1]) toks[ntok++] = tb[k];
      tokOffsets[r + 1] = ntok;
    }
  }
  const rows = { offsets, keys: fit(keys, nnz), vals: fit(vals, nnz) };
  return tokOffsets ? { rows, tokens: { offsets: tokOffsets, tokens: fit(toks, ntok) } } : { rows };
}

/** The first n elements: a view when little would be wasted, else a copy. */
function fit<T extends Int32Array | Float32Array>(a: T, n: number): T {
  return (n * 1.25 >= a.length ? a.subarray(0, n) : a.slice(0, n)) as T;
}

/** Raw weighted term frequencies per segment (no idf yet). */
export function buildRows(texts: readonly string[], cfg: FeatureConfig = DEFAULT_FEATURES): SparseRows {
  return extractFeatures(texts, cfg).rows;
}

/**
 * Document frequencies are kept in a hashed table rather than a map: a few colliding buckets
 * blur idf slightly but keep counting linear and allocation-free for millions of segments.
 */
export class DfTable {
  readonly mask: number;
  readonly counts: Uint32Array;
  docs = 0;
  constructor(bits = 20) {
    this.counts = new Uint32Array(1 << bits);
    this.mask = (1 << bits) - 1;
  }
  add(rows: SparseRows): void {
    const { keys, offsets } = rows;
    for (let k = 0; k < keys.length; k++) this.counts[keys[k] & this.mask]++;
    this.docs += offsets.length - 1;
  }
  idf(key: number): number {
    const df = this.counts[key & this.mask];
    return Math.log((this.docs + 1) / (df + 1)) + 1;
  }
}

export function dfBitsFor(totalNnz: number): number {
  let bits = 16;
  while (bits < 24 && 1 << bits < totalNnz * 2) bits++;
  return bits;
}

/**
 * Multiplies term weights by idf. Term frequency is dampened (square root) so that a gram
 * repeated inside one long segment does not dominate its similarity to everything else.
 */
export function applyIdf(rows: SparseRows, df: DfTable): SparseRows {
  const vals = new Float32Array(rows.vals.length);
  // One logarithm per distinct document frequency rather than per feature occurrence.
  const byDf = new Float64Array(Math.min(df.docs + 2, 1 << 16)).fill(NaN);
  const { counts, mask } = df;
  for (let k = 0; k < vals.length; k++) {
    const c = counts[rows.keys[k] & mask];
    let idf = c < byDf.length ? byDf[c] : NaN;
    if (idf !== idf) {
      idf = Math.log((df.docs + 1) / (c + 1)) + 1;
      if (c < byDf.length) byDf[c] = idf;
    }
    vals[k] = Math.sqrt(rows.vals[k]) * idf;
  }
  return { offsets: rows.offsets, keys: rows.keys, vals };
}

/** Token rows of consecutive parts of one text, as one. */
export function concatTokenRows(parts: readonly TokenRows[]): TokenRows {
  let rows = 0;
  let total = 0;
  for (const p of parts) {
    rows += p.offsets.length - 1;
    total += p.tokens.length;
  }
  const offsets = new Int32Array(rows + 1);
  const tokens = new Int32Array(total);
  let r = 0;
  let at = 0;
  for (const p of parts) {
    const n = p.offsets.length - 1;
    for (let k = 1; k <= n; k++) offsets[r + k] = at + p.offsets[k];
    tokens.set(p.tokens, at);
    r += n;
    at += p.tokens.length;
  }
  return { offsets, tokens };
}
