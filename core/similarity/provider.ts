/**
 * Semantic similarity from an embeddings model, behind one interface. It is optional: the
 * lexical evidence in core/align is the default and works offline; a provider adds a score for
 * what no shared word shows (paraphrase), combined with the lexical one.
 */

export interface SimilarityProvider {
  /** Engine family, e.g. "openai-compatible". */
  readonly name: string;
  /** The model, with the endpoint it is served from: the cache key of its vectors. */
  readonly cacheKey: string;
  /** One vector per text, in order. Texts are never empty. */
  embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]>;
}

export type SimilarityErrorKind = 'auth' | 'not-found' | 'network' | 'server' | 'bad-response';

export class SimilarityError extends Error {
  constructor(
    readonly kind: SimilarityErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'SimilarityError';
  }
}
