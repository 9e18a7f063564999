/**
 * Machine translation per sentence from a translation made per paragraph.
 *
 * The aligner compares sentences with their translations one line per sentence, but a
 * paragraph and its machine translation seldom split into the same sentences: the engine
 * merges or splits sentences, and the sentence splitter reads "7.", "Mrs." or "2ème"
 * differently in the two languages. So the translated paragraph is always cut, at word
 * boundaries, into one piece per original sentence, even when the two have as many sentences:
 * the counts can agree by accident (one side splits after "Mrs.", the other after "7e"), and
 * pairing sentence k with translated sentence k then shifts every piece after the first
 * disagreement. A small dynamic programme picks the cuts whose pieces have the original
 * sentences' relative lengths, keep the numbers and the words the two languages share with
 * the right sentence, and fall after sentence-final or other punctuation where possible: when
 * the two sides do split alike, those are the translated sentences themselves.
 *
 * It runs twice. First only the cuts after punctuation are candidates (every word boundary
 * when there are too few of them); then every word boundary near a cut of the first pass is
 * one too, for the original sentences that end where the translation has no punctuation (an
 * abbreviation the splitter took for a sentence end, a clause the engine joined to the next).
 * Nothing is translated again: the paragraph translations are reused as they are.
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
/** Word boundaries on either side of a first-pass cut that the second pass also considers. */
const NEAR_CUT_WORDS = 12;
/** Pieces longer than this many times their sentence's expected length are tried only when nothing shorter fits. */
const LONGEST_PIECE = 4;

const SENTENCE_END = /[.!?…:;]["'”’»)\]]*$/u;
const PUNCTUATION_END = /[,)»"”’\]–-]$/u;

/** Lower case without diacritics. */
const fold = (text: string): string => text.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '');

/** Tokens worth matching across the two languages: numbers and words of five or more letters. */
function tokens(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of fold(text).matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if (/\p{N}/u.test(w) || w.length >= 5) out.add(w);
  }
  return out;
}


/** One translation line per sentence of `sentences`, from the translated paragraph's own sentences. */
export function translationPerSentence(sentences: readonly string[], translated: readonly string[]): string[] {
  const n = sentences.length;
  if (n === 0) return [];
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
  // Prefix sums of characters and, per original sentence, of words it shares.
  const chars = new Float64Array(W + 1);
  for (let w = 0; w < W; w++) chars[w + 1] = chars[w] + words[w].length + 1;
  const lens = sentences.map((s) => Math.max(1, s.length));
  const totalSrc = lens.reduce((a, b) => a + b, 0);
  const ratio = chars[W] / totalSrc;
  // Folded as in tokens(), the paragraph at once (folding keeps the words apart).
  const wordTokens = fold(words.join(' '))
    .split(' ')
    .map((w) => w.replace(/[^\p{L}\p{N}]+/gu, ''));
  const shared = sentences.map((s) => {
    const own = tokens(s);
    const prefix = new Float64Array(W + 1);
    for (let w = 0; w < W; w++) prefix[w + 1] = prefix[w] + (own.has(wordTokens[w]) ? 1 : 0);
    return prefix;
  });
  // Pieces much longer than this are not worth trying for sentence i (see bestCuts).
  const longest = lens.map((l) => LONGEST_PIECE * l * ratio + 200);
  const expected = lens.map((l) => l * ratio + 10);
  const pieceCost = (i: number, a: number, b: number): number => {
    if (a === b) return EMPTY_PIECE_COST;
    const len = chars[b] - chars[a];
    return LENGTH_WEIGHT * Math.abs(Math.log((len + 10) / expected[i])) - SHARED_TOKEN_REWARD * (shared[i][b] - shared[i][a]);
  };
  /** The cheapest cuts among `cuts` (sorted word counts in 1..W-1): the word count before each piece's end. */
  const bestCuts = (cuts: readonly number[]): number[] => {
    const points = [0, ...cuts, W];
    const P = points.length;
    // best[i][p]: cheapest way to give sentences 0..i-1 the words before points[p].
    const best = Array.from({ length: n + 1 }, () => new Float64Array(P).fill(Infinity));
    const back = Array.from({ length: n + 1 }, () => new Int32Array(P));
    best[0][0] = 0;
    for (let i = 1; i <= n; i++) {
      for (let p = 0; p < P; p++) {
        const end = points[p];
        if (i === n && p !== P - 1) continue;
        const cut = p === P - 1 ? 0 : cutCost[end];
        // From the shortest piece up, stopping once pieces are far longer than the sentence
        // (when some way there is found already).
        for (let q = p; q >= 0; q--) {
          if (chars[end] - chars[points[q]] > longest[i - 1] && best[i][p] < Infinity) break;
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
    const ends: number[] = new Array(n);
    let p = P - 1;
    for (let i = n; i >= 1; i--) {
      ends[i - 1] = points[p];
      p = back[i][p];
    }
    return ends;
  };
  // First pass: cuts after punctuation; with too few of them, every word boundary (thinned out
  // on very long paragraphs, so that the programme stays small).
  let cuts: number[] = [];
  for (let c = 1; c < W; c++) if (cutCost[c] < CUT_COST_WORD) cuts.push(c);
  if (cuts.length < n - 1) {
    const step = Math.max(1, Math.ceil(W / MAX_CANDIDATES));
    cuts = [];
    for (let c = 1; c < W; c++) if (c % step === 0 || cutCost[c] < CUT_COST_WORD) cuts.push(c);
  }
  cuts = thin(cuts, MAX_CANDIDATES);
  const first = bestCuts(cuts);
  // Second pass: each cut may move to any word boundary near where the first pass put it (the
  // first pass's cuts are among the choices, so this never does worse by the same costs).
  const layers: number[][] = first.map((e, i) => {
    if (i === n - 1) return [W];
    const out: number[] = [];
    for (let c = Math.max(0, e - NEAR_CUT_WORDS); c <= Math.min(W, e + NEAR_CUT_WORDS); c++) out.push(c);
    return out;
  });
  let prevEnds = [0];
  let prevCost = [0];
  const backs: Int32Array[] = [];
  layers.forEach((layer, i) => {
    const cost = new Array<number>(layer.length).fill(Infinity);
    const back = new Int32Array(layer.length);
    layer.forEach((end, k) => {
      const cut = end === W ? 0 : cutCost[end];
      for (let q = 0; q < prevEnds.length && prevEnds[q] <= end; q++) {
        if (prevCost[q] === Infinity) continue;
        const c = prevCost[q] + pieceCost(i, prevEnds[q], end) + cut;
        if (c < cost[k]) {
          cost[k] = c;
          back[k] = q;
        }
      }
    });
    backs.push(back);
    prevEnds = layer;
    prevCost = cost;
  });
  const ends: number[] = new Array(n);
  let k = 0;
  for (let i = n - 1; i >= 0; i--) {
    ends[i] = layers[i][k];
    k = backs[i][k];
  }
  return ends.map((e, i) => words.slice(i === 0 ? 0 : ends[i - 1], e).join(' '));
}

/** At most `max` of `cuts`, evenly spread. */
function thin(cuts: number[], max: number): number[] {
  if (cuts.length <= max) return cuts;
  const step = Math.ceil(cuts.length / max);
  return cuts.filter((_, k) => k % step === 0);
}
