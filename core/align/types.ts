/** A group of source segments aligned with a group of target segments (0-based, contiguous). */
export interface Bead {
  src: number[];
  tgt: number[];
  /** In [0, 1]; higher means the bead is more likely to match a human alignment. */
  confidence: number;
  /**
   * How much more the cheapest local alternative around the bead would cost (the main evidence
   * the confidence is calibrated from, see confidence.ts); absent for beads the aligner did not
   * choose (anchors).
   */
  margin?: number;
}

/** A bead without a confidence, as found in gold files and as given for anchors. */
export interface BeadSpan {
  src: number[];
  tgt: number[];
}

export interface ParallelInput {
  src: string[];
  tgt: string[];
  /** Machine translation of `src` into the language of `tgt`, one line per `src` segment. */
  srcMt?: string[];
  /** Machine translation of `tgt` into the language of `src`, one line per `tgt` segment. */
  tgtMt?: string[];
  /**
   * Beads already confirmed by a person. They are kept verbatim and the rest of the text is
   * aligned in the gaps between them. Must be monotonic and non-overlapping.
   */
  anchors?: BeadSpan[];
}

export interface ParallelOptions {
  /**
   * Largest bead, counted as source + target segments. Default 5 (up to 1-4, 2-3, 3-2, 4-1), and 6
   * in the stretches the second pass realigns (see refineBelow).
   */
  maxBeadSize?: number;
  /** Largest number of segments on one side of a bead. Default 4, and 5 in the second pass. */
  maxSide?: number;
  /**
   * Initial half-width of the search band around the guide path, in segments; widened
   * automatically when the best path runs along its edge. Default 4 with MT, 5 without.
   */
  bandWidth?: number;
  /** Cost of leaving one segment unaligned. Default 0.8. */
  nullCost?: number;
  /**
   * Cost of each further segment in a run of unaligned segments on one side (a block of
   * captions, a table): default 0.6 with MT; without MT, the same as nullCost.
   */
  nullExtend?: number;
  /** Longest run of unaligned segments priced as one (longer runs are several). Default 4. */
  maxNullRun?: number;
  /** Extra cost per additional segment in a non 1-1 bead. Default 0.12. */
  mergePenalty?: number;
  /** Weight of the Gale–Church length cost (in nats). Default 0.1. */
  lengthWeight?: number;
  /**
   * Stretches of beads below this confidence are aligned a second time, allowing beads of up
   * to six segments (1-5, 2-4, 3-3, ...) there, or up to maxBeadSize and maxSide when they are
   * given. Default 0.4; 0 turns the second pass off.
   */
  refineBelow?: number;
  /**
   * Two adjacent beads are merged when content crosses the boundary between them: when one
   * bead's source is more similar to the other's target than the reverse by more than this
   * (similarities relative to a typical 1-1 pair). Default 0.33 with MT; without MT, 0,
   * which turns the pass off.
   */
  crossingAbove?: number;
  /**
   * Texts longer than 1.5 times this many source segments are aligned in pieces of about this
   * size, cut at steady guide anchors (see planChunks). Default 5000.
   */
  chunkSize?: number;
}

/** A link between paragraphs of two comparable (not translated) texts. */
export interface Link {
  a: number[];
  b: number[];
  confidence: number;
}

export interface ScoredCandidate {
  id: string | number;
  score: number;
}
