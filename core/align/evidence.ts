/**
 * What a paragraph offers as evidence that it reports the same thing as a paragraph of another
 * article: the names it mentions (as name classes, so spellings and inflections meet), its
 * numbers and dates (normalised), and the content words of its pivot translation (stemmed).
 * Each occurrence keeps its offsets, in the original and in the translation, so a link can show
 * why it was proposed. Works on an original without a translation too: names and numbers need
 * none.
 */

import { findNumbers } from './numbers.js';
import { foldName, NameClasses } from './names.js';

export type Span = [number, number];

export interface SegmentInput {
  /** The original text. */
  text: string;
  /** Sentence spans in `text`; the whole text is one sentence when absent. */
  sentences?: Span[];
  /** The segment in the pivot language (its translation), when there is one. */
  pivot?: string | null;
  pivotSentences?: Span[];
}

export interface DocInput {
  /** Base language of the original ("nb", "en"…). */
  lang: string;
  /** Language of the `pivot` texts. Default "en". */
  pivotLang?: string;
  paragraphs: SegmentInput[];
}

export type EvidenceKind = 'name' | 'number' | 'term';

/**
 * What the engine is told about the pivot language at large (it loads nothing itself): how
 * specific a word is. A story of a hundred paragraphs cannot tell "people" or "year" from
 * "treason" when each occurs once or twice; the language can. The weight of a content word is
 * its idf within the story times its specificity.
 */
export interface Lexicon {
  /** How specific a lower-case word of language `lang` is, 0..1 (1: rare enough to count fully), or null when unknown. */
  specificity?: (word: string, lang: string) => number | null;
  /**
   * What a text of language `lang` means, as a vector (word vectors summed by how much each word
   * says), or null when the language or every word is unknown. Used as semantic similarity when
   * no embeddings model is given.
   */
  meaning?: (text: string, lang: string) => Float32Array | null;
}

export interface Occurrence {
  key: number;
  /** Where: the original or its translation. */
  in: 'original' | 'pivot';
  start: number;
  end: number;
  /** Index of the sentence unit it falls in. */
  unit: number;
}

/**
 * One paragraph, read. Sentence units pair each sentence of the translation with the sentences
 * of the original it renders (by position when their numbers differ); a fact is usually one of
 * them.
 */
export interface ReadParagraph {
  occurrences: Occurrence[];
  /** Distinct feature keys with their (dampened) counts, for the paragraph and for each unit. */
  bag: Map<number, number>;
  units: Array<Map<number, number>>;
  /** Per unit: its span in the original and in the translation (null without one). */
  unitSpans: Array<{ original: Span; pivot: Span | null }>;
  /** Content words, for "too short to say anything" (captions, bylines). */
  words: number;
  /** The language its content words are in: the translation's, or the original's without one. */
  termLang: string;
  /** 1 when the original reads as running prose, 0 for a heading, byline, credit or caption (see proseScore). */
  prose: number;
}

export interface FeatureInfo {
  kind: EvidenceKind;
  /** A readable form: the first spelling met, a normalised number, a stem. */
  label: string;
  /** For a content word: its language. */
  lang?: string;
}

/** The vocabulary of a story: feature ids, their kinds and labels, and document frequencies. */
export class StoryVocabulary {
  readonly info: FeatureInfo[] = [];
  private readonly ids = new Map<string, number>();
  df: Float64Array = new Float64Array(0);
  segments = 0;

  id(kind: EvidenceKind, key: string, label: string, lang?: string): number {
    const k = `${kind[0]}:${key}`;
    let id = this.ids.get(k);
    if (id === undefined) {
      id = this.info.length;
      this.ids.set(k, id);
      this.info.push(lang ? { kind, label, lang } : { kind, label });
    }
    return id;
  }

  /** A feature's id when the story has it. */
  find(kind: EvidenceKind, key: string): number | undefined {
    return this.ids.get(`${kind[0]}:${key}`);
  }

  /** Per feature, how specific it is in its language at large (Lexicon.specificity); 0 or absent means 1. */
  specificity: Float64Array = new Float64Array(0);

  /** Smoothed inverse document frequency over the story's paragraphs, times the feature's specificity. */
  idf(id: number): number {
    return (Math.log((this.segments + 1) / ((this.df[id] ?? 0) + 1)) + 1) * (this.specificity[id] || 1);
  }
}

const TOKEN = /[\p{L}\p{N}]+/gu;

/**
 * Lower-case words a paragraph needs to read as prose. Chosen with article pairs, and facts, left
 * out of the fit on the development facts: 4 and 5 did equally well, 3 a little worse.
 */
const PROSE_WORDS = 4;

/**
 * Whether a paragraph reads as running prose, 1 or 0: it has at least PROSE_WORDS lower-case
 * words (a script without case counts as prose). Headings, bylines, photo credits and captions
 * are mostly names and capitalised words; they carry names and topic words but report no fact of
 * their own. A cue any cased language shows, German with its capitalised nouns too, since the
 * words need not stand in a row. (Other cues were tried on the development facts: a sentence-final
 * stop lost every held-out figure, since a lead paragraph often has none and reports the main
 * facts; lower-case words in a row did no better than their count; a sentence opening with a
 * short label and a colon, "Photo: …", raised the held-out figures but lost one mention of 80
 * from the top 5.)
 */
export function proseScore(text: string): number {
  const s = text.trim();
  if (s.length > 0 && !/[\p{Lu}\p{Ll}]/u.test(s)) return 1;
  let lower = 0;
  for (const w of s.match(/[\p{L}\p{N}][\p{L}\p{N}'’\-]*/gu) ?? []) if (/^\p{Ll}/u.test(w) && ++lower >= PROSE_WORDS) return 1;
  return 0;
}

/** English function words: the pivot language's, not any article's. */
const STOP = new Set(
  ('a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how however i if in into is it its itself just let may me might more most must my myself no nor not now of off on once only or other ought our ours ourselves out over own same shall she should so some such than that the their theirs them themselves then there these they this those through thus to too under until up upon us very was we were what when where which while who whom whose why will with within without would yet you your yours yourself yourselves ' +
    'said says say told according one two three also even still already well much many like since across along among around per via whether another every either neither').split(' '),
);

/** A crude stem that needs no language: drops common English endings, keeps six letters. */
export function stem(word: string): string {
  let w = word;
  if (w.length > 5) w = w.replace(/(?:ations?|ments?|ings?|ness|ed|es|ly)$/, '');
  if (w.length > 4 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  return w.slice(0, 6);
}

interface RawToken {
  text: string;
  start: number;
  end: number;
  initial: boolean;
}

function isUpper(c: string): boolean {
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

/** Tokens with offsets; `initial` marks a token that opens the text or a sentence. */
function tokens(text: string, sentences: Span[] | undefined): RawToken[] {
  const starts = (sentences ?? []).map((s) => s[0]).sort((x, y) => x - y);
  let next = 0;
  const out: RawToken[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const start = m.index;
    // The first token of a sentence span opens it.
    let opens = false;
    while (next < starts.length && starts[next] <= start) {
      opens = true;
      next++;
    }
    let q = start - 1;
    while (q >= 0 && OPENERS.test(text[q])) q--;
    const initial = opens || q < 0 || ENDERS.test(text[q]);
    out.push({ text: m[0], start, end: start + m[0].length, initial });
  }
  return out;
}

/** What joins the words of one name: spaces and hyphens ("Kassym-Jomart Tokayev"). */
const NAME_JOINER = /^[ \t\u00a0\-\u2010\u2011]+$/u;

/**
 * Weight of a word that leads a run of names (a given name, a title before a name). Half: it
 * still tells two people of one surname apart, but the run no longer counts three times. On the
 * development facts, with the models refitted without each article pair, the average precision
 * of links rose from 0.246 to 0.298 (0.28 to 0.30 for weights from a quarter to seven tenths;
 * at the default selection one correct link fewer), and fact recall@5 with each fact left out
 * of the fit from 0.550 to 0.563.
 */
const NAME_LEAD_WEIGHT = 0.5;

const OPENERS = /[\s"'“”«»„‘’(\[–—-]/;
const ENDERS = /[.!?:]/;

/** foldName is a chain of replacements; a story repeats its words, so each is folded once. */
const foldCache = new Map<string, string>();
function fold(word: string): string {
  let k = foldCache.get(word);
  if (k === undefined) {
    if (foldCache.size > 200_000) foldCache.clear();
    k = foldName(word);
    foldCache.set(word, k);
  }
  return k;
}

/** An acronym: two to six capital letters (CSTO, NATO, EU). */
function isAcronym(word: string): boolean {
  return word.length >= 2 && word.length <= 6 && /^\p{Lu}+$/u.test(word);
}

/**
 * Runs of capitalised words whose initials spell an acronym met in the story, exactly or all
 * but its last letter (Collective Security Treaty for CSTO); short lower-case words inside a run
 * (of, for, and) do not count. Returns the acronym's folded key and the run's span.
 */
function writtenOut(text: string, tk: RawToken[], acronyms: Map<string, string>): Array<{ key: string; start: number; end: number }> {
  if (!acronyms.size) return [];
  const out: Array<{ key: string; start: number; end: number }> = [];
  let i = 0;
  while (i < tk.length) {
    if (!isUpper(tk[i].text[0]) || isAcronym(tk[i].text)) {
      i++;
      continue;
    }
    // A run: capitalised words, with at most two short connectors in a row between them.
    const run: RawToken[] = [tk[i]];
    let j = i + 1;
    while (j < tk.length) {
      const gap = text.slice(tk[j - 1].end, tk[j].start);
      if (!/^[\s-]+$/.test(gap)) break;
      if (isUpper(tk[j].text[0]) && !isAcronym(tk[j].text)) {
        run.push(tk[j]);
        j++;
      } else if (tk[j].text.length <= 3 && !isUpper(tk[j].text[0]) && j + 1 < tk.length && isUpper(tk[j + 1].text[0])) j++;
      else break;
    }
    // The longest part of the run that spells an acronym ("The Collective Security Treaty").
    for (let a = 0; a + 1 < run.length; a++) {
      let hit: { key: string; end: number } | null = null;
      for (let b = run.length; b >= a + 2 && !hit; b--) {
        const initials = run.slice(a, b).map((t) => t.text[0]).join('');
        for (const [acr, key] of acronyms) {
          if (acr === initials || (initials.length >= 3 && acr.length === initials.length + 1 && acr.startsWith(initials))) {
            hit = { key, end: b };
            break;
          }
        }
      }
      if (hit) {
        out.push({ key: hit.key, start: run[a].start, end: run[hit.end - 1].end });
        a = hit.end - 1;
      }
    }
    i = j;
  }
  return out;
}

/** Index of the span holding offset `at` (the last one starting at or before it). */
function spanIndex(spans: Span[], at: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  let best = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid][0] <= at) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

function sentencesOf(text: string, spans: Span[] | undefined): Span[] {
  const valid = (spans ?? []).filter((s) => s[1] > s[0] && s[1] <= text.length);
  return valid.length ? valid : [[0, text.length]];
}

/**
 * The texts of a segment's sentence units, as the story reads them: its translation's sentences
 * when it has one, else its own. One text per unit, in the order of `ReadParagraph.unitSpans`.
 */
export function unitTexts(p: SegmentInput): string[] {
  const text = p.pivot ? p.pivot : p.text;
  const spans = p.pivot ? sentencesOf(p.pivot, p.pivotSentences) : sentencesOf(p.text, p.sentences);
  return spans.map(([a, b]) => text.slice(a, b));
}

/**
 * The sentence unit each original sentence belongs to: the pivot sentence at the same relative
 * position (exactly sentence k when both have the same number of sentences).
 */
function unitOfOriginal(orig: Span[], origLen: number, pivot: Span[], pivotLen: number): number[] {
  if (orig.length === pivot.length) return orig.map((_, k) => k);
  return orig.map(([s, e]) => {
    const mid = ((s + e) / 2 / Math.max(1, origLen)) * pivotLen;
    return spanIndex(pivot, mid);
  });
}

interface Pending {
  kind: EvidenceKind;
  key: string;
  label: string;
  in: 'original' | 'pivot';
  start: number;
  end: number;
  unit: number;
  weight: number;
  lang?: string;
}

/**
 * Reads every paragraph of every document of a story. Names are recognised story-wide: a
 * capitalised word that opens a sentence is a name only if it is also written capitalised inside
 * a sentence somewhere in the story.
 */
export function readStory(docs: readonly DocInput[], lexicon: Lexicon = {}): { vocab: StoryVocabulary; paragraphs: ReadParagraph[][]; readText: (text: string, termLang: string) => Map<number, number> } {
  const vocab = new StoryVocabulary();
  const names = new NameClasses();
  const midCapital = new Set<string>();
  const lowerSeen = new Set<string>();
  type Tok = { orig: RawToken[]; pivot: RawToken[] };
  const toks: Tok[][] = docs.map((d) =>
    d.paragraphs.map((p) => ({ orig: tokens(p.text, p.sentences), pivot: p.pivot ? tokens(p.pivot, p.pivotSentences) : [] })),
  );
  for (const doc of toks) {
    for (const p of doc) {
      for (const t of [...p.orig, ...p.pivot]) {
        if (/^\p{N}/u.test(t.text)) continue;
        if (isUpper(t.text[0]) && !t.initial) midCapital.add(fold(t.text));
        else if (!isUpper(t.text[0])) lowerSeen.add(t.text.toLowerCase());
      }
    }
  }
  const isName = (t: RawToken): boolean => {
    if (t.text.length < 2 || !isUpper(t.text[0]) || /^\p{N}/u.test(t.text)) return false;
    const allCaps = t.text === t.text.toUpperCase();
    if (allCaps) return true;
    return !t.initial || (midCapital.has(fold(t.text)) && !lowerSeen.has(t.text.toLowerCase()));
  };
  for (const doc of toks) for (const p of doc) for (const t of [...p.orig, ...p.pivot]) if (isName(t)) names.add(fold(t.text));
  // Acronyms: "ODKB (CSTO in English)" says two acronyms name one thing; "Collective Security
  // Treaty" is CSTO written out, in any article that spells it so.
  const acronyms = new Map<string, string>();
  for (const doc of toks) for (const p of doc) for (const t of [...p.orig, ...p.pivot]) if (isAcronym(t.text)) acronyms.set(t.text, fold(t.text));
  for (let di = 0; di < docs.length; di++) {
    docs[di].paragraphs.forEach((p, pi) => {
      for (const [text, tk] of [[p.text, toks[di][pi].orig], [p.pivot ?? '', toks[di][pi].pivot]] as const) {
        for (let i = 0; i + 1 < tk.length; i++) {
          if (isAcronym(tk[i].text) && isAcronym(tk[i + 1].text) && /^\s*\(\s*$/.test(text.slice(tk[i].end, tk[i + 1].start))) names.join(fold(tk[i].text), fold(tk[i + 1].text));
        }
      }
    });
  }
  names.build();

  /** Per content-word feature, the forms it was met in and how often. */
  const forms = new Map<number, Map<string, number>>();
  const paragraphs: ReadParagraph[][] = docs.map((d, di) =>
    d.paragraphs.map((p, pi) => {
      const tk = toks[di][pi];
      const origSent = sentencesOf(p.text, p.sentences);
      const pivotText = p.pivot ?? null;
      const pivotSent = pivotText ? sentencesOf(pivotText, p.pivotSentences) : null;
      const unitOf = pivotSent ? unitOfOriginal(origSent, p.text.length, pivotSent, pivotText!.length) : origSent.map((_, k) => k);
      const nUnits = pivotSent ? pivotSent.length : origSent.length;
      const unitSpans = Array.from({ length: nUnits }, (_, u) => {
        const mine = origSent.filter((_, k) => unitOf[k] === u);
        const original: Span = mine.length ? [mine[0][0], mine[mine.length - 1][1]] : [0, 0];
        return { original, pivot: pivotSent ? pivotSent[u] : null };
      });
      const pending: Pending[] = [];
      // Words meet only words of the same language: a translation's are in the pivot language.
      const termLang = pivotText ? (d.pivotLang ?? 'en') : d.lang;
      const addText = (text: string, tokensOf: RawToken[], where: 'original' | 'pivot', unitAt: (at: number) => number, terms: boolean) => {
        const numbers = findNumbers(text);
        for (const n of numbers) {
          pending.push({ kind: 'number', key: n.key, label: n.key, in: where, start: n.start, end: n.end, unit: unitAt(n.start), weight: 1 });
        }
        // A month in a date is part of the date, not a name or a word of its own.
        const inDate = (t: RawToken) => numbers.some((n) => n.key[0] !== 'n' && t.start >= n.start && t.end <= n.end);
        for (let i = 0; i < tokensOf.length; i++) {
          const t = tokensOf[i];
          if (/^\p{N}/u.test(t.text)) continue;
          if (inDate(t)) continue;
          let title = false;
          if (isName(t)) {
            // A run of names is one name: "President Kassym-Jomart Tokayev" is Tokayev, not three
            // matches. Its last word names it; the words before it (given names, titles) count
            // NAME_LEAD_WEIGHT each. Full names are how an article first introduces a person, so
            // rare given names would otherwise make two first mentions look like one fact.
            const next = tokensOf[i + 1];
            const leads = next !== undefined && NAME_JOINER.test(text.slice(t.end, next.start)) && isName(next) && !/^\p{N}/u.test(next.text) && !inDate(next);
            // A word leading a name that the story also writes in lower case is a word of the
            // language, a title most often: "President Tokayev" and "the president" share it. It
            // counts as a content word, at the weight of a name's lead.
            title = leads && lowerSeen.has(t.text.toLowerCase());
            if (!title) {
              const c = names.classId(fold(t.text));
              if (c >= 0) pending.push({ kind: 'name', key: String(c), label: t.text, in: where, start: t.start, end: t.end, unit: unitAt(t.start), weight: leads ? NAME_LEAD_WEIGHT : 1 });
              continue;
            }
          }
          if (!terms) continue;
          const w = t.text.toLowerCase();
          if (w.length < 3 || STOP.has(w)) continue;
          pending.push({ kind: 'term', key: `${termLang}:${stem(w)}`, label: w, in: where, start: t.start, end: t.end, unit: unitAt(t.start), weight: title ? NAME_LEAD_WEIGHT : 1, lang: termLang });
        }
      };
      // A run that spells an acronym counts as the acronym, not as its words one by one.
      const spelledOut = (text: string, tokensOf: RawToken[], where: 'original' | 'pivot', unitAt: (at: number) => number): RawToken[] => {
        const runs = writtenOut(text, tokensOf, acronyms);
        for (const seq of runs) {
          const c = names.classId(seq.key);
          if (c >= 0) pending.push({ kind: 'name', key: String(c), label: text.slice(seq.start, seq.end), in: where, start: seq.start, end: seq.end, unit: unitAt(seq.start), weight: 1 });
        }
        return runs.length ? tokensOf.filter((t) => !runs.some((r) => t.start >= r.start && t.end <= r.end)) : tokensOf;
      };
      const origUnit = (at: number) => unitOf[spanIndex(origSent, at)];
      const origRest = spelledOut(p.text, tk.orig, 'original', origUnit);
      const pivotRest = pivotText ? spelledOut(pivotText, tk.pivot, 'pivot', (at) => spanIndex(pivotSent!, at)) : [];
      // Content words come from the translation when there is one: that is where two articles
      // share a language. Without one, the original's own words still meet articles in its language.
      addText(p.text, origRest, 'original', origUnit, !pivotText);
      if (pivotText) addText(pivotText, pivotRest, 'pivot', (at) => spanIndex(pivotSent!, at), true);
      const occurrences: Occurrence[] = [];
      const bag = new Map<number, number>();
      const units = Array.from({ length: nUnits }, () => new Map<number, number>());
      // A name or number found in both the original and the translation is one mention, not two:
      // count each feature per side and keep the larger count.
      const perSide = new Map<number, [number, number]>();
      const perUnitSide = units.map(() => new Map<number, [number, number]>());
      let words = 0;
      for (const x of pending) {
        const id = vocab.id(x.kind, x.key, x.label, x.lang);
        if (x.kind === 'term') {
          let f = forms.get(id);
          if (!f) forms.set(id, (f = new Map()));
          f.set(x.label, (f.get(x.label) ?? 0) + 1);
        }
        occurrences.push({ key: id, in: x.in, start: x.start, end: x.end, unit: x.unit });
        const side = x.in === 'original' ? 0 : 1;
        const c = perSide.get(id) ?? [0, 0];
        c[side] += x.weight;
        perSide.set(id, c);
        const u = perUnitSide[Math.min(x.unit, units.length - 1)];
        const cu = u.get(id) ?? [0, 0];
        cu[side] += x.weight;
        u.set(id, cu);
        if (x.kind !== 'number') words++;
      }
      for (const [id, c] of perSide) bag.set(id, Math.max(c[0], c[1]));
      perUnitSide.forEach((m, u) => {
        for (const [id, c] of m) units[u].set(id, Math.max(c[0], c[1]));
      });
      return { occurrences, bag, units, unitSpans, words: pivotText ? Math.round(words / 2) : words, termLang, prose: proseScore(p.text) };
    }),
  );
  // Document frequency over paragraphs.
  const df = new Float64Array(vocab.info.length);
  let n = 0;
  for (const doc of paragraphs) {
    for (const p of doc) {
      n++;
      for (const id of p.bag.keys()) df[id]++;
    }
  }
  vocab.df = df;
  vocab.segments = n;
  const specificity = lexicon.specificity;
  if (specificity) {
    // A word's stem groups its forms ("arrest", "arrested"; and, cut at six letters, "internal"
    // and "international"): its specificity is that of its forms, averaged over their occurrences
    // in the story. Taking the first form met made every score depend on the order of the articles.
    const of = (word: string, lang: string) => Math.min(1, Math.max(0.05, specificity(word, lang) ?? 1));
    vocab.specificity = Float64Array.from(vocab.info, (f, id) => {
      if (f.kind !== 'term' || !f.lang) return 1;
      let sum = 0;
      let n = 0;
      for (const [word, count] of forms.get(id) ?? []) {
        sum += count * of(word, f.lang);
        n += count;
      }
      return n ? sum / n : of(f.label, f.lang);
    });
  }
  /**
   * Other text read as the story's paragraphs are (a fact's label, say): the names, numbers and
   * words of `termLang` that the story has. Nothing new enters the story's vocabulary.
   */
  const readText = (text: string, termLang: string): Map<number, number> => {
    const bag = new Map<number, number>();
    const add = (id: number | undefined) => id !== undefined && bag.set(id, (bag.get(id) ?? 0) + 1);
    const numbers = findNumbers(text);
    for (const n of numbers) add(vocab.find('number', n.key));
    for (const t of tokens(text, undefined)) {
      if (/^\p{N}/u.test(t.text) || numbers.some((n) => t.start >= n.start && t.end <= n.end)) continue;
      if (isUpper(t.text[0])) {
        const c = names.classId(fold(t.text));
        if (c >= 0 && !(t.initial && lowerSeen.has(t.text.toLowerCase()))) {
          add(vocab.find('name', String(c)));
          continue;
        }
      }
      const w = t.text.toLowerCase();
      if (w.length < 3 || STOP.has(w)) continue;
      add(vocab.find('term', `${termLang}:${stem(w)}`));
    }
    return bag;
  };
  return { vocab, paragraphs, readText };
}
