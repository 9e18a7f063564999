import crypto from 'node:crypto';
import type { Db } from '../../db/open';
import { TandemError } from '../../common/errors';
import type { SimilarityConfigInput, SimilarityStatus } from '../../common/api';
import { deleteSetting, getSetting, setSetting } from '../../db/queries/documents';
import { countEmbeddings, getEmbeddings, putEmbeddings } from '../../db/queries/links-evidence';
import { normaliseBaseUrl, OpenAiCompatibleEmbeddings, SimilarityError, type SimilarityProvider } from '../similarity';

export interface SimilarityConfig {
  /** Read when needed, so a key entered in the app applies at once; never stored in the project. */
  apiKey?: () => string | undefined;
  /** Where the app keeps a key the user enters (its secret storage); absent where keys come from the environment. */
  saveApiKey?: (key: string | null) => void;
  /** Endpoint and model from the environment; they win over the project's settings. */
  url?: string;
  model?: string;
  /** For tests and other engines. */
  provider?: SimilarityProvider;
}

const URL_KEY = 'similarity.url';
const MODEL_KEY = 'similarity.model';

export function textHash(text: string): string {
  return crypto.createHash('sha256').update(text.normalize('NFC')).digest('hex');
}

/**
 * The optional embeddings provider of a project: its configuration (endpoint and model in the
 * project, the key where the DeepL key is kept), and its vectors, cached in the project by model
 * and text hash so that nothing is sent twice.
 */
export class SimilarityService {
  private provider: SimilarityProvider | null = null;
  private providerKey = '';

  constructor(
    private readonly db: Db,
    private readonly config: SimilarityConfig = {},
  ) {}

  private settings(): { url: string | null; model: string | null; from: 'environment' | 'project' | null } {
    if (this.config.url && this.config.model) return { url: this.config.url, model: this.config.model, from: 'environment' };
    const url = this.config.url ?? getSetting(this.db, URL_KEY) ?? null;
    const model = this.config.model ?? getSetting(this.db, MODEL_KEY) ?? null;
    return { url, model, from: url || model ? (this.config.url || this.config.model ? 'environment' : 'project') : null };
  }

  /** The provider, or null when none is configured. */
  current(): SimilarityProvider | null {
    if (this.config.provider) return this.config.provider;
    const { url, model } = this.settings();
    if (!url || !model) return null;
    const key = this.config.apiKey?.() ?? '';
    const id = `${url}|${model}|${key}`;
    if (!this.provider || this.providerKey !== id) {
      try {
        this.provider = new OpenAiCompatibleEmbeddings({ baseUrl: url, model, apiKey: key || undefined });
      } catch (err) {
        throw new TandemError('invalid-input', (err as Error).message);
      }
      this.providerKey = id;
    }
    return this.provider;
  }

  /** What is configured; with `check`, one short request says whether the server answers. */
  async status(check = false): Promise<SimilarityStatus> {
    const s = this.settings();
    const provider = this.config.provider ?? null;
    const configured = Boolean(provider || (s.url && s.model));
    let cacheKey: string | null = null;
    let error: string | null = null;
    try {
      cacheKey = this.current()?.cacheKey ?? null;
    } catch (err) {
      error = (err as Error).message;
    }
    if (check && configured && !error) {
      try {
        await this.current()!.embed(['Tandem checks the embeddings server.']);
      } catch (err) {
        error = (err as Error).message;
      }
    }
    return {
      provider: provider?.name ?? 'openai-compatible',
      configured,
      url: s.url,
      model: s.model,
      from: provider ? 'project' : s.from,
      hasKey: Boolean(this.config.apiKey?.()),
      canStoreKey: Boolean(this.config.saveApiKey),
      cachedVectors: cacheKey ? countEmbeddings(this.db, cacheKey) : 0,
      error,
    };
  }

  /** Sets or clears the endpoint and model (in the project) and the key (in the app's secret storage). */
  async configure(input: SimilarityConfigInput): Promise<SimilarityStatus> {
    if (!input || typeof input !== 'object') throw new TandemError('invalid-input', 'Give an endpoint URL and a model, or null to turn semantic similarity off.');
    if (input.url !== undefined) {
      if (input.url === null || input.url === '') deleteSetting(this.db, URL_KEY);
      else {
        try {
          setSetting(this.db, URL_KEY, normaliseBaseUrl(String(input.url)));
        } catch (err) {
          throw new TandemError('invalid-input', (err as Error).message);
        }
      }
    }
    if (input.model !== undefined) {
      if (input.model === null || !String(input.model).trim()) deleteSetting(this.db, MODEL_KEY);
      else setSetting(this.db, MODEL_KEY, String(input.model).trim());
    }
    if (input.key !== undefined) {
      if (!this.config.saveApiKey) throw new TandemError('unsupported', 'Here the key comes from the TANDEM_EMBEDDINGS_KEY environment variable.');
      this.config.saveApiKey(input.key ? String(input.key).trim() : null);
    }
    this.provider = null;
    return this.status();
  }

  /** Vectors already in the cache (null where there is none); sends nothing. */
  cachedVectors(texts: string[]): { vectors: Array<Float32Array | null>; fetched: number; cached: number } {
    const provider = this.current();
    if (!provider) return { vectors: texts.map(() => null), fetched: 0, cached: 0 };
    const hashes = texts.map((t) => (t.trim() ? textHash(t) : ''));
    const found = getEmbeddings(this.db, provider.cacheKey, hashes.filter(Boolean));
    const vectors = hashes.map((h) => (h ? found.get(h) ?? null : null));
    return { vectors, fetched: 0, cached: vectors.filter(Boolean).length };
  }

  /**
   * Vectors for the texts (null for empty ones), from the cache where possible; what is missing
   * is sent to the provider in batches and cached. Null when no provider is configured.
   */
  async vectors(texts: string[], opts: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}): Promise<{ vectors: Array<Float32Array | null>; fetched: number; cached: number } | null> {
    const provider = this.current();
    if (!provider) return null;
    const hashes = texts.map((t) => (t.trim() ? textHash(t) : ''));
    const found = getEmbeddings(this.db, provider.cacheKey, hashes.filter(Boolean));
    const missing: string[] = [];
    const missingHashes: string[] = [];
    const asked = new Set<string>();
    hashes.forEach((h, i) => {
      if (h && !found.has(h) && !asked.has(h)) {
        asked.add(h);
        missing.push(texts[i]);
        missingHashes.push(h);
      }
    });
    const BATCH = 64;
    for (let i = 0; i < missing.length; i += BATCH) {
      if (opts.signal?.aborted) throw new TandemError('invalid-input', 'stopped');
      let got: Float32Array[];
      try {
        got = await provider.embed(missing.slice(i, i + BATCH), opts.signal);
      } catch (err) {
        if (opts.signal?.aborted) throw new TandemError('invalid-input', 'stopped');
        const message = err instanceof SimilarityError ? err.message : `embeddings request failed: ${(err as Error).message}`;
        throw new TandemError('similarity-failed', `${message}. Everything fetched so far is cached; run again, or turn semantic similarity off.`);
      }
      const rows = got.map((vector, k) => ({ hash: missingHashes[i + k], vector }));
      putEmbeddings(this.db, provider.cacheKey, rows);
      for (const r of rows) found.set(r.hash, r.vector);
      opts.onProgress?.(Math.min(missing.length, i + BATCH), missing.length);
    }
    return { vectors: hashes.map((h) => (h ? found.get(h) ?? null : null)), fetched: missing.length, cached: texts.length - missing.length };
  }
}
