export type { Bead, BeadSpan, Link, ParallelInput, ParallelOptions, ScoredCandidate } from './types.js';
export { alignParallel, DEFAULT_PARALLEL_OPTIONS } from './parallel.js';
export {
  alignComparable,
  alignComparableMany,
  buildIndex,
  rankSimilar,
} from './comparable.js';
export type { ComparableOptions, DocPairLinks, IndexHit, IndexOptions, SimilarityIndex } from './comparable.js';
export { scoreAlignment, precisionByDecile } from './score.js';
export type { AlignmentScore, DecileRow, Prf, ScoreOptions } from './score.js';
export { formatBead, formatBeads, parseBeadLine, parseBeads } from './beads-format.js';
