/**
 * Machine translation per sentence from a translation made per paragraph.
 *
 * The aligner compares sentences with their translations one line per sentence, but a
 * paragraph and its machine translation seldom split into the same sentences: the engine
 * merges or splits sentences, and the sentence splitter reads "7." or "2ème" differently in
 * the two languages. When the counts agree, sentence k gets translated sentence k. Otherwise
 * the translated paragraph is cut, at word boundaries, into one piece per original sentence:
 * a small dynamic programme picks the cuts whose pieces have the original sentences' relative
 * lengths, keep the numbers and the words the two languages share with the right sentence,
 * and fall after sentence-final or other punctuation where possible. Nothing is translated
 * again: the paragraph translations are reused as they are.
 */

/** Cost of a cut after a word, by how the word ends. */
const CUT_COST_SENTENCE_END = 0;
const CUT_COST_PUNCTUATION = 0.4;
const CUT_COST_WORD = 1.2;
/** Weight of the log length ratio between a piece and its original sentence. */
const LENGTH_WEIGHT = 1;
/** Reward per number or long word a piece shares with its original sentence. */
const SHARED_TOKEN_REWARD = 0.6;
/** Cost of leaving an original sentence without any translation. */
const EMPTY_PIECE_COST = 3;
/** Most cut candidates considered in one paragraph. */
const MAX_CANDIDATES = 400;

const SENTENCE_END = /[.!?…:;]["'”’»)\]]*$/u;
const PUNCTUATION_END = /[,)»"”’\]–-]$/u;

/** Tokens worth matching across the two languages: numbers and words of five or more letters. */
function tokens(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '').matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if (/\p{N}/u.test(w) || w.length >= 5) out.add(w);
  }
  return out;
}

const tokenOf = (word: string): string => word.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '').replace(/[^\p{L}\p{N}]+/gu, '');

/** One translation line per sentence of `sentences`, from the translated paragraph's own sentences. */
export function translationPerSentence(sentences: readonly string[], translated: readonly string[]): string[] {
  const n = sentences.length;
  if (n === 0) return [];
  if (translated.length === n) return translated.slice();
  if (n === 1) return [translated.join(' ')];
  const words: string[] = [];
  // Cut candidates: after word w (1-based count of words before the cut), with their cost.
  const cutCost: number[] = [0];
  for (const sentence of translated) {
    const ws = sentence.split(/\s+/).filter(Boolean);
    ws.forEach((w, k) => {
      words.push(w);
      const last = k === ws.length - 1;
      cutCost.push(last || SENTENCE_END.test(w) ? CUT_COST_SENTENCE_END : PUNCTUATION_END.test(w) ? CUT_COST_PUNCTUATION : CUT_COST_WORD);
    });
  }
  const W = words.length;
  if (W === 0) return sentences.map(() => '');
  // Cuts after punctuation are the candidates; with too few of them, every word boundary is
  // (thinned out on very long paragraphs, so that the programme stays small).
  let cuts: number[] = [];
  for (let c = 1; c < W; c++) if (cutCost[c] < CUT_COST_WORD) cuts.push(c);
  if (cuts.length < n - 1) {
    const step = Math.max(1, Math.ceil(W / MAX_CANDIDATES));
    cuts = [];
    for (let c = 1; c < W; c++) if (c % step === 0 || cutCost[c] < CUT_COST_WORD) cuts.push(c);
  }
  if (cuts.length > MAX_CANDIDATES) cuts = cuts.filter((_, k) => k % Math.ceil(cuts.length / MAX_CANDIDATES) === 0);
  const points = [0, ...cuts, W];
  const P = points.length;
  // Prefix sums of characters and, per original sentence, of words it shares.
  const chars = new Float64Array(W + 1);
  for (let w = 0; w < W; w++) chars[w + 1] = chars[w] + words[w].length + 1;
  const lens = sentences.map((s) => Math.max(1, s.length));
  const totalSrc = lens.reduce((a, b) => a + b, 0);
  const ratio = chars[W] / totalSrc;
  const wordTokens = words.map(tokenOf);
  const shared = sentences.map((s) => {
    const own = tokens(s);
    const prefix = new Float64Array(W + 1);
    for (let w = 0; w < W; w++) prefix[w + 1] = prefix[w] + (own.has(wordTokens[w]) ? 1 : 0);
    return prefix;
  });
  const pieceCost = (i: number, a: number, b: number): number => {
    if (a === b) return EMPTY_PIECE_COST;
    const len = chars[b] - chars[a];
    return LENGTH_WEIGHT * Math.abs(Math.log((len + 10) / (lens[i] * ratio + 10))) - SHARED_TOKEN_REWARD * (shared[i][b] - shared[i][a]);
  };
  // best[i][p]: cheapest way to give sentences 0..i-1 the words before points[p].
  const best = Array.from({ length: n + 1 }, () => new Float64Array(P).fill(Infinity));
  const back = Array.from({ length: n + 1 }, () => new Int32Array(P));
  best[0][0] = 0;
  for (let i = 1; i <= n; i++) {
    for (let p = 0; p < P; p++) {
      const end = points[p];
      if (i === n && p !== P - 1) continue;
      const cut = p === P - 1 ? 0 : cutCost[end];
      for (let q = 0; q <= p; q++) {
        const prev = best[i - 1][q];
        if (prev === Infinity) continue;
        const c = prev + pieceCost(i - 1, points[q], end) + cut;
        if (c < best[i][p]) {
          best[i][p] = c;
          back[i][p] = q;
        }
      }
    }
  }
  const out: string[] = new Array(n);
  let p = P - 1;
  for (let i = n; i >= 1; i--) {
    const q = back[i][p];
    out[i - 1] = words.slice(points[q], points[p]).join(' ');
    p = q;
  }
  return out;
}
