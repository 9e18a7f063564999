import { abbreviationRules, baseLang, type AbbreviationRules, type ProjectAbbreviations } from './abbreviations';
import { cldrExtraTerminals } from './cldr';

/**
 * Sentence boundaries for every language DeepL takes.
 *
 * Intl.Segmenter (ICU) finds candidate ends: full stops, question and
 * exclamation marks, and every other sentence terminal Unicode knows (。！？,
 * ؟, ।, ။, Greek ;), with or without a space after them. ICU already keeps a
 * full stop followed by a lower-case word inside the sentence. The pieces are
 * then glued back where a full stop ends an abbreviation rather than a
 * sentence: CLDR's suppression lists, the project's own words, initials,
 * dotted short forms, and ordinals in languages that write them with a dot.
 * Thai, which has no sentence punctuation, is cut at spaces (see `thaiBreaks`).
 */

/** Characters that close a sentence after its terminal: quotes and brackets, Western and CJK. */
const CLOSERS = `"'”’»)\\]}」』）】〉》〕`;
/** Terminals after which CJK text goes on without a space. */
const FULLWIDTH_TERMINAL = '。！？｡．';

/** Unicode's sentence terminals in the Basic Multilingual Plane, as a lookup table: 1 = terminal, 2 = terminal a CJK text goes on after without a space. */
const TERMINAL = (() => {
  const table = new Uint8Array(0x10000);
  const st = /\p{Sentence_Terminal}/u;
  for (let c = 0; c < 0x10000; c++) if ((c < 0xd800 || c >= 0xe000) && st.test(String.fromCharCode(c))) table[c] = 1;
  for (const ch of FULLWIDTH_TERMINAL) table[ch.charCodeAt(0)] = 2;
  return table;
})();
const CLOSER_SET = new Set(CLOSERS.replace('\\', ''));
const isSpace = (c: string) => c === ' ' || c === '\u00a0' || /\s/.test(c);

/**
 * Whether a sentence could end before the paragraph does: a terminal, closers,
 * then white space and more text (or, after 。！？, more text at once). A
 * cheap scan that spares the segmenter most one-sentence paragraphs.
 */
function hasInnerBoundary(text: string, extra: string): boolean {
  for (let i = 0; i < text.length - 1; i++) {
    const kind = TERMINAL[text.charCodeAt(i)] || (extra && extra.includes(text[i]) ? 1 : 0);
    if (!kind) continue;
    let j = i + 1;
    while (j < text.length && CLOSER_SET.has(text[j])) j++;
    if (j >= text.length) return false;
    if (kind === 2 && !isSpace(text[j])) return true;
    if (!isSpace(text[j])) continue;
    while (j < text.length && isSpace(text[j])) j++;
    if (j < text.length) return true;
  }
  return false;
}

/** Where a long paragraph may be cut into chunks for the segmenter: after a terminal, at a place it would break anyway. */
const CUT = new RegExp(`(?:\\p{Sentence_Terminal}[${CLOSERS}]*\\s+)|(?:[${FULLWIDTH_TERMINAL}][${CLOSERS}]*)`, 'gu');

const CHUNK = 4000;

function chunkEnd(text: string, start: number): number {
  if (text.length - start <= CHUNK * 1.5) return text.length;
  CUT.lastIndex = start + CHUNK;
  const m = CUT.exec(text);
  return m ? m.index + m[0].length : text.length;
}

/** After a full stop, question or exclamation mark: closers that ICU keeps with the sentence (Sentence_Break=Close). */
const SIMPLE_CLOSERS = new Set(['"', "'", '”', '’', '»', ')', ']', '}']);
const UPPER = /[\p{Lu}\p{Lt}]/u;
const ASTRAL_TERMINAL = /\p{Sentence_Terminal}/u;

/**
 * The pieces ICU's sentence rules give a paragraph whose every sentence
 * terminal is a plain full stop, question or exclamation mark followed by
 * optional closers, spaces and a capital letter (or the end): ICU breaks
 * after the spaces of each (UAX #29, SB11, with none of SB6–SB8a applying),
 * and nowhere else. Null for anything else (a terminal before a lower-case
 * word, a digit or another mark, other terminals, other spaces, a language
 * with terminals of its own), which goes to the segmenter. Most news
 * paragraphs are simple, and this spares them the segmenter's cost.
 */
export function simplePieces(text: string): Array<[number, number]> | null {
  const pieces: Array<[number, number]> = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Paragraph separators, and terminals outside the Basic Multilingual Plane, are left to the segmenter.
    if (code < 0x20 || code === 0x85 || code === 0x2028 || code === 0x2029) return null;
    if (code >= 0xd800 && code <= 0xdbff && ASTRAL_TERMINAL.test(String.fromCodePoint(text.codePointAt(i)!))) return null;
    if (!TERMINAL[code]) continue;
    if (code !== 0x2e && code !== 0x21 && code !== 0x3f) return null;
    let j = i + 1;
    while (j < text.length && SIMPLE_CLOSERS.has(text[j])) j++;
    if (j >= text.length) break;
    if (text.charCodeAt(j) !== 0x20) return null;
    while (j < text.length && text.charCodeAt(j) === 0x20) j++;
    if (j >= text.length) break;
    const next = text.codePointAt(j)!;
    if (!UPPER.test(String.fromCodePoint(next))) return null;
    pieces.push([start, j]);
    start = j;
    i = j - 1;
  }
  pieces.push([start, text.length]);
  return pieces;
}

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(lang: string): Intl.Segmenter {
  let s = segmenters.get(lang);
  if (!s) {
    let locale = lang;
    try {
      new Intl.Segmenter(lang, { granularity: 'sentence' });
    } catch {
      locale = 'en';
    }
    s = new Intl.Segmenter(locale, { granularity: 'sentence' });
    segmenters.set(lang, s);
  }
  return s;
}

interface OrdinalRules {
  /** The language writes ordinals with a full stop ("3. Januar"), as its CLDR date pattern shows. */
  dotted: boolean;
  /** Month names, long and short, standalone and in dates, lower-cased. */
  months: ReadonlySet<string>;
}

const ordinalCache = new Map<string, OrdinalRules>();

/**
 * Read from the CLDR data ICU ships: whether the day-and-month pattern puts a
 * full stop after the day ("3. januar" in nb, de, fi, cs; "3 januari" in sv),
 * and the month names that may follow such an ordinal.
 */
function ordinalRules(lang: string): OrdinalRules {
  let rules = ordinalCache.get(lang);
  if (rules) return rules;
  let dotted = false;
  const months = new Set<string>();
  try {
    const probe = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', timeZone: 'UTC' }).formatToParts(Date.UTC(2021, 0, 3));
    const day = probe.findIndex((p) => p.type === 'day');
    dotted = probe[day + 1]?.type === 'literal' && probe[day + 1].value.startsWith('.');
    if (dotted) {
      for (const month of ['long', 'short'] as const) {
        const standalone = new Intl.DateTimeFormat(lang, { month, timeZone: 'UTC' });
        const inDate = new Intl.DateTimeFormat(lang, { day: 'numeric', month, timeZone: 'UTC' });
        for (let m = 0; m < 12; m++) {
          const date = Date.UTC(2021, m, 15);
          months.add(standalone.format(date).replace(/\.$/, '').toLowerCase());
          const part = inDate.formatToParts(date).find((p) => p.type === 'month');
          if (part) months.add(part.value.replace(/\.$/, '').toLowerCase());
        }
      }
    }
  } catch {
    // A language ICU does not know: no ordinal rule.
  }
  rules = { dotted, months };
  ordinalCache.set(lang, rules);
  return rules;
}

const OPENERS = /^[(\[{"“‘«»'„‚¿¡]+/;
const OPENING = /[\p{Ps}\p{Pi}]/u;
/** A piece that is only a list number: "8. ". */
const ENUMERATOR = /^\s*\p{N}{1,3}\.\s*$/u;
const TRAILING_ENUMERATOR = /[.!?…]["'»”)\]]*\s+(\p{N}{1,3}\.\s*)$/u;
const QUOTE_CLOSED = new RegExp(`[${FULLWIDTH_TERMINAL}！？!?][」』）〉》】〕]+$`, 'u');

const NUMBER = /\p{N}/u;

/**
 * Whether text[from, to) could match TRAILING_ENUMERATOR: it must end in a
 * number and a full stop, then only white space. A cheap test that spares
 * the expression nearly every sentence end.
 */
function mayEndWithEnumerator(text: string, from: number, to: number): boolean {
  let end = to;
  while (end > from && isSpace(text[end - 1])) end--;
  if (end - from < 2 || text[end - 1] !== '.') return false;
  const before = text.charCodeAt(end - 2);
  // A digit outside the Basic Multilingual Plane ends in a low surrogate: left to the expression.
  return (before >= 0xdc00 && before <= 0xdfff) || NUMBER.test(text[end - 2]);
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** The previous text ends with `s` as whole words: nothing but a non-letter before it. */
function endsWithWord(text: string, s: string): boolean {
  if (!text.endsWith(s)) return false;
  const before = text.charAt(text.length - s.length - 1);
  return before === '' || !/[\p{L}\p{N}]/u.test(before);
}

/**
 * Whether the break between `prev` (the end of the text so far) and `next`
 * (the following piece) falls after an abbreviation rather than at the end
 * of a sentence.
 */
function isAbbreviation(prev: string, next: string, rules: AbbreviationRules, ordinals: OrdinalRules): boolean {
  // 「はい。」と言った: a quotation closed right after its own full stop, then a
  // particle in hiragana, goes on with the sentence that quotes it.
  if (QUOTE_CLOSED.test(prev) && /^\p{Script=Hiragana}/u.test(next)) return true;
  const text = prev.trimEnd();
  if (!text.endsWith('.')) return false;
  const head = next.trimStart();
  // The last word: what follows the last white space (text ends in a full stop, so there is one).
  let from = text.length;
  while (from > 0 && !isSpace(text[from - 1])) from--;
  const token = text.slice(from).replace(OPENERS, '');
  if (rules.tokens.has(token) || rules.tokens.has(lowerFirst(token))) return true;
  for (const s of rules.spaced.get(token) ?? []) if (endsWithWord(text, s)) return true;
  for (const { prefix, rests } of rules.prefixes.get(token) ?? []) {
    if (endsWithWord(text, prefix) && rests.some((r) => head.startsWith(r) && !/^[\p{L}\p{N}]/u.test(head.slice(r.length)))) return true;
  }
  const word = token.slice(0, -1);
  // A single capital is an initial: "G. O. Dyhrenfurth".
  if (/^\p{Lu}$/u.test(word)) return true;
  // Dotted short forms ("bl.a.", "f.eks.", "t.ex.") before a lower-case word or a number.
  if (/^(\p{L}{1,3}\.)+\p{L}{1,3}$/u.test(word) && word.length <= 8 && /^[\p{Ll}\p{N}]/u.test(head)) return true;
  // A short lower-case abbreviation before a number ("kl. 07.40", "nr. 5");
  // three letters would already take in words that end sentences ("gut. 8. Von …").
  if (/^\p{Ll}{1,2}$/u.test(word) && /^\p{N}/u.test(head)) return true;
  // "am 12. Januar", "3. januar", "12. ledna": an ordinal, not a sentence end.
  if (ordinals.dotted && /^\p{N}{1,2}$/u.test(word)) {
    if (/^\p{Ll}/u.test(head)) return true;
    const nextWord = /^\p{L}+/u.exec(head)?.[0].toLowerCase();
    if (nextWord && ordinals.months.has(nextWord)) return true;
  }
  return false;
}

/** Thai letters (not digits, not the repetition mark ๆ). */
const THAI_LETTER = /[\u0E01-\u0E45\u0E47-\u0E4E]/;
/** Thai text is cut at a space only once a piece has at least this many characters. */
const THAI_MIN_PIECE = 20;

/**
 * Thai writes no sentence punctuation: a space ends a sentence, or a clause.
 * A piece of Thai is cut at each space between two Thai letters, except next
 * to the repetition mark ๆ, numbers or other scripts ("ราคา 100 บาท", a
 * Latin name), and except where either side would be shorter than
 * THAI_MIN_PIECE characters, which is a phrase, not a sentence. The result
 * is sentences or clauses, never smaller; aligning them with a translation's
 * sentences gives 1:1 or n:1 links.
 */
function thaiBreaks(paragraph: string, start: number, end: number): number[] {
  const cuts: number[] = [];
  let last = start;
  const re = /\s+/g;
  re.lastIndex = start;
  for (let m = re.exec(paragraph); m && m.index < end; m = re.exec(paragraph)) {
    const before = paragraph[m.index - 1] ?? '';
    const after = paragraph[m.index + m[0].length] ?? '';
    if (!THAI_LETTER.test(before) || !THAI_LETTER.test(after)) continue;
    const cut = m.index + m[0].length;
    if (m.index - last < THAI_MIN_PIECE || end - cut < THAI_MIN_PIECE) continue;
    cuts.push(cut);
    last = cut;
  }
  return cuts;
}

function trimSpans(paragraph: string, pieces: Array<[number, number]>): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const [start, end] of pieces) {
    let e = end;
    while (e > start && /\s/.test(paragraph[e - 1])) e--;
    let s = start;
    while (s < e && /\s/.test(paragraph[s])) s++;
    if (e > s) spans.push([s, e]);
  }
  return spans;
}

/**
 * Sentence spans as UTF-16 [start, end) offsets into the paragraph, white
 * space between sentences excluded. `project` holds the project's own
 * abbreviations, per language.
 */
export function splitSentences(paragraph: string, lang: string, project?: ProjectAbbreviations): Array<[number, number]> {
  if (!paragraph) return [];
  const key = baseLang(lang);
  const thai = key === 'th';
  // Most of the cost is the segmenter; a paragraph with no sentence terminal
  // before its end is one sentence, and needs no segmenter at all.
  if (!thai && !hasInnerBoundary(paragraph, cldrExtraTerminals(key))) return trimSpans(paragraph, [[0, paragraph.length]]);
  const rules = abbreviationRules(key, project);
  const ordinals = ordinalRules(key);
  const extra = cldrExtraTerminals(key);
  const simple = extra ? null : simplePieces(paragraph);
  const pieces: Array<[number, number]> = simple ?? [];
  const seg = segmenter(key);
  // The segmenter slows down quadratically on very long strings, so a long
  // paragraph is fed to it in chunks cut after sentence-final punctuation,
  // where it would break anyway; the merging below still sees every piece.
  for (let start = 0; !simple && start < paragraph.length; ) {
    const end = chunkEnd(paragraph, start);
    const chunk = start === 0 && end === paragraph.length ? paragraph : paragraph.slice(start, end);
    for (const piece of seg.segment(chunk)) pieces.push([start + piece.index, start + piece.index + piece.segment.length]);
    start = end;
  }
  // ICU counts an opening bracket or quote after a terminal as closing the
  // sentence before it (本当ですか？「はい…): it opens the next one.
  // A list number after a sentence end ("… gut. 8. Von den …") opens the
  // next sentence, where ICU leaves it at the end of the one before.
  for (let i = 0; i + 1 < pieces.length; i++) {
    let cut = pieces[i][1];
    while (cut > pieces[i][0] + 1 && OPENING.test(paragraph[cut - 1])) cut--;
    const from = Math.max(pieces[i][0], cut - 40);
    const trailing = mayEndWithEnumerator(paragraph, from, cut) ? TRAILING_ENUMERATOR.exec(paragraph.slice(from, cut)) : null;
    if (trailing) cut -= trailing[1].length;
    if (cut !== pieces[i][1]) {
      pieces[i][1] = cut;
      pieces[i + 1][0] = cut;
    }
  }
  const merged: Array<[number, number]> = [];
  let carried: number | null = null;
  for (let i = 0; i < pieces.length; i++) {
    const end = pieces[i][1];
    const start: number = carried ?? pieces[i][0];
    carried = null;
    const prev = merged[merged.length - 1];
    const piece = paragraph.slice(start, end);
    // A piece with no letter or digit (a stray closing quote after a space) is no sentence of its own.
    if (prev && !/[\p{L}\p{N}]/u.test(piece)) {
      prev[1] = end;
      continue;
    }
    // Only the end of the previous piece matters, and pieces grow as they merge.
    if (prev && isAbbreviation(paragraph.slice(Math.max(prev[0], prev[1] - 80), prev[1]), paragraph.slice(start, Math.min(end, start + 80)), rules, ordinals)) {
      prev[1] = end;
      continue;
    }
    // A list number after a sentence ("… sein. 8. Von den …") opens the next sentence.
    if (ENUMERATOR.test(piece) && i + 1 < pieces.length) {
      carried = start;
      continue;
    }
    merged.push([start, end]);
  }
  if (!thai) return trimSpans(paragraph, merged);
  const cut: Array<[number, number]> = [];
  for (const [start, end] of merged) {
    let s = start;
    for (const c of thaiBreaks(paragraph, start, end)) {
      cut.push([s, c]);
      s = c;
    }
    cut.push([s, end]);
  }
  return trimSpans(paragraph, cut);
}
