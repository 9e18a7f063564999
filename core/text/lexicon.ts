/**
 * What cross-article linking knows of English, the pivot language articles are compared through,
 * handed to the pure engine (core/align loads nothing itself).
 *
 * Specificity: the commonest words of English news ("year", "people", "government") say little
 * about which paragraphs report the same fact, however rare they happen to be within one story.
 * A word's weight is scaled by log(rank + 2) / log(1000), its frequency rank among the 1,000
 * commonest words of English (a Zipf-law estimate of its self-information, relative to that of a
 * word of rank 1,000); rarer words count fully.
 */
import type { Lexicon } from '../align';
import { ENGLISH_COMMONEST } from './english-common';
import { englishVectors } from './wordvec';

const SPAN = ENGLISH_COMMONEST.length;

let ranks: Map<string, number> | null = null;

/** How specific a lower-case English word is, 0..1. */
export function englishSpecificity(word: string): number {
  ranks ??= new Map(ENGLISH_COMMONEST.map((w, i) => [w, i]));
  const r = ranks.get(word);
  return r === undefined ? 1 : Math.min(1, Math.log(r + 2) / Math.log(SPAN));
}

/** What the story engine is given: English specificity; other languages count by the story alone. */
export function storyLexicon(): Lexicon {
  const vectors = englishVectors();
  return {
    specificity: (word, lang) => (lang === 'en' ? englishSpecificity(word) : null),
    ...(vectors ? { meaning: (text: string, lang: string) => (lang === 'en' ? vectors.meaning(text) : null) } : {}),
  };
}
