export type { Bead, BeadSpan, Link, ParallelInput, ParallelOptions, ScoredCandidate } from './types.js';
export { alignParallel, DEFAULT_PARALLEL_OPTIONS } from './parallel.js';
export {
  alignComparable,
  alignComparableMany,
  buildIndex,
  rankSimilar,
} from './comparable.js';
export type { ComparableOptions, DocPairLinks, IndexHit, IndexOptions, SimilarityIndex } from './comparable.js';
export { addCounts, NO_COUNTS, pooledPrecisionByDecile, precisionByDecile, scoreAlignment, scoreCounts, scoreFromCounts } from './score.js';
export type { AlignmentScore, DecileRow, Prf, ScoreCounts, ScoreOptions, ScoreRules } from './score.js';
export { formatBead, formatBeads, parseBeadLine, parseBeads } from './beads-format.js';
export { translationPerSentence } from './project.js';
