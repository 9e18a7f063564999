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
export { ABOUT_MAX_CHARS, StoryIndex, linkStory, STAGE1_FEATURES, STAGE2_FEATURES, unitTexts } from './story.js';
export type {
  Candidate,
  DocInput,
  EvidenceSide,
  FactSuggestionResult,
  Lexicon,
  LinkEvidence,
  MentionQuery,
  PairExplanation,
  StoryScoreOptions,
  SegmentInput,
  SelectOptions,
  SemanticInput,
  SentenceRef,
  Span,
  StoryCluster,
  StoryLink,
  StoryModels,
  StoryPair,
  StoryResult,
} from './story.js';
export { STORY_MODEL } from './story-model.js';
export { foldName, namesMatch, NameClasses } from './names.js';
export { findNumbers, type NumberMention } from './numbers.js';
export { fitLogistic, predictLogit, sigmoid, logit, type LogisticModel } from './logistic.js';
