/**
 * Deterministic synthetic articles in five languages for the import and
 * search benchmarks. Word frequencies follow Zipf's law over a vocabulary of
 * realistic size, as in real text: each language's own function words take
 * the top ranks, then 100,000 pseudo-words built from syllables of that
 * language. So a search for a common word matches a large share of the
 * corpus and a search for a rare one a handful of paragraphs, as for a user.
 */

/** The most frequent words of each language, in rough order of frequency (our own short lists). */
const FUNCTION_WORDS: Record<string, string[]> = {
  nb: 'og i det som på er en til av for at med har de ikke den et om var seg fra men etter kan også skal vil han blir hun mot sier'.split(' '),
  en: 'the of and to a in is that for it was on with as he by be at are from his this have not but they said has had been'.split(' '),
  nl: 'de het een en van in is dat op te zijn niet met voor die er aan ook als bij door naar maar om heeft werd hij zij'.split(' '),
  sv: 'och i att det som på är en av för med till den har de inte om ett var sig men från efter kan också ska vill han hon'.split(' '),
  fi: 'ja on ei että se oli hän mutta kun myös ovat joka tai kuin sen mukaan ole jo niin sekä kanssa vielä nyt jälkeen'.split(' '),
};

/** Syllables that give each language's pseudo-words a look of their own (and their own letters for the tokenizer). */
const SYLLABLES: Record<string, string[]> = {
  nb: 'ka ne ro ti bø lan sk ør hav fjel dag str ing sen be for ut vik gå rå'.split(' '),
  en: 'ba ter ing con der pro tion al ver ex com ly ment er ci ra ble ous per sta'.split(' '),
  nl: 'ge ver be aan ij oe ui sch ing lijk heid en der ko ma pe ste gel taa vo'.split(' '),
  sv: 'ka sjö ti fö rå ng ber sk äll lin da ste ma ning het gå bo ra ve kt'.split(' '),
  fi: 'ka ta lo si ne mi ko pa sa va ri tu ja hä yö llä ssa nen ki ää'.split(' '),
};

export const LANGS = Object.keys(FUNCTION_WORDS);

/** Distinct words per language. */
export const VOCABULARY = 100_000;
/** Zipf's exponent: a word's frequency is proportional to rank^-s (s close to 1 in natural language). */
export const ZIPF_S = 1.0;

import { rng } from '../tests/support/random';
export { rng };

interface Lexicon {
  words: string[];
  /** Cumulative probability by rank (0-based), ending at 1. */
  cdf: Float64Array;
}

const lexicons = new Map<string, Lexicon>();

/** The language's vocabulary by rank: its function words, then distinct pseudo-words. */
export function lexicon(lang: string): Lexicon {
  let lex = lexicons.get(lang);
  if (lex) return lex;
  const words = [...FUNCTION_WORDS[lang]];
  const seen = new Set(words);
  const syl = SYLLABLES[lang];
  const rand = rng(LANGS.indexOf(lang) * 7919 + 13);
  while (words.length < VOCABULARY) {
    const n = 2 + Math.floor(rand() * 3) + (rand() < 0.2 ? 1 : 0);
    let w = '';
    for (let i = 0; i < n; i++) w += syl[Math.floor(rand() * syl.length)];
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  const cdf = new Float64Array(words.length);
  let sum = 0;
  for (let r = 0; r < words.length; r++) cdf[r] = sum += 1 / Math.pow(r + 1, ZIPF_S);
  for (let r = 0; r < cdf.length; r++) cdf[r] /= sum;
  lex = { words, cdf };
  lexicons.set(lang, lex);
  return lex;
}

/** A rank (0-based) drawn from the Zipf distribution. */
export function zipfRank(lex: Lexicon, u: number): number {
  let lo = 0;
  let hi = lex.cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lex.cdf[mid] < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function sentence(rand: () => number, lang: string): string {
  const lex = lexicon(lang);
  const n = 6 + Math.floor(rand() * 14);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(lex.words[zipfRank(lex, rand())]);
  if (rand() < 0.3) out.splice(Math.floor(rand() * n), 0, String(Math.floor(rand() * 2000)));
  const s = out.join(' ');
  return s[0].toUpperCase() + s.slice(1) + (rand() < 0.1 ? '?' : '.');
}

export function paragraph(rand: () => number, lang: string): string {
  const n = 1 + Math.floor(rand() * 4);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(sentence(rand, lang));
  return out.join(' ');
}

export function article(seed: number, paragraphs: number): { lang: string; text: string } {
  const rand = rng(seed);
  const lang = LANGS[seed % LANGS.length];
  const lines: string[] = [];
  for (let i = 0; i < paragraphs; i++) lines.push(paragraph(rand, lang));
  return { lang, text: lines.join('\n') };
}

/** What the corpus is, for the figures that name their data. */
export const CORPUS_DESCRIPTION = `synthetic, 5 languages, Zipf (s=${ZIPF_S}) over ${VOCABULARY.toLocaleString('en-US')} words a language (bench/corpus.ts)`;
