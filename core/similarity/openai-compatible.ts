import OpenAI from 'openai';
import { SimilarityError, type SimilarityProvider } from './provider';

export interface OpenAiCompatibleOptions {
  /** The API's base URL, e.g. http://127.0.0.1:11434/v1 (Ollama), http://127.0.0.1:1234/v1 (LM Studio). */
  baseUrl: string;
  model: string;
  /** Local servers usually need none. */
  apiKey?: string;
  /** Texts per request. Default 64. */
  batchSize?: number;
  timeoutMs?: number;
}

/**
 * Any server that speaks OpenAI's POST /v1/embeddings: a local Ollama, LM Studio or llama.cpp
 * server, or a hosted service. Requests go through the official client library.
 */
export class OpenAiCompatibleEmbeddings implements SimilarityProvider {
  readonly name = 'openai-compatible';
  readonly cacheKey: string;
  readonly #client: OpenAI;
  readonly #model: string;
  readonly #batch: number;

  constructor(opts: OpenAiCompatibleOptions) {
    const baseURL = normaliseBaseUrl(opts.baseUrl);
    this.#model = opts.model;
    this.#batch = Math.max(1, opts.batchSize ?? 64);
    this.cacheKey = `${baseURL}|${opts.model}`;
    this.#client = new OpenAI({
      baseURL,
      // The client insists on a key; servers that need none ignore it.
      apiKey: opts.apiKey || 'no-key',
      maxRetries: 2,
      timeout: opts.timeoutMs ?? 60_000,
      dangerouslyAllowBrowser: false,
    });
  }

  toJSON(): { name: string; cacheKey: string } {
    return { name: this.name, cacheKey: this.cacheKey };
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.#batch) {
      const input = texts.slice(i, i + this.#batch);
      let res: Awaited<ReturnType<OpenAI['embeddings']['create']>>;
      try {
        res = await this.#client.embeddings.create({ model: this.#model, input, encoding_format: 'float' }, { signal });
      } catch (err) {
        throw toSimilarityError(err);
      }
      const data = [...(res.data ?? [])].sort((x, y) => x.index - y.index);
      if (data.length !== input.length) throw new SimilarityError('bad-response', `the embeddings server returned ${data.length} vectors for ${input.length} texts`);
      for (const d of data) {
        if (!Array.isArray(d.embedding) || !d.embedding.length) throw new SimilarityError('bad-response', 'the embeddings server returned an empty vector');
        out.push(Float32Array.from(d.embedding as number[]));
      }
    }
    return out;
  }
}

/** Accepts the server's address with or without /v1 (and with a trailing /embeddings pasted by mistake). */
export function normaliseBaseUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new SimilarityError('bad-response', `"${url}" is not a URL such as http://127.0.0.1:11434/v1`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new SimilarityError('bad-response', `"${url}" is not an http(s) address`);
  let path = u.pathname.replace(/\/+$/, '').replace(/\/embeddings$/, '');
  if (!/\/v\d+$/.test(path)) path = `${path}/v1`;
  u.pathname = path;
  u.search = '';
  u.hash = '';
  return u.toString().replace(/\/$/, '');
}

function toSimilarityError(err: unknown): SimilarityError {
  if (err instanceof SimilarityError) return err;
  if (err instanceof OpenAI.APIError) {
    const status = err.status;
    if (status === 401 || status === 403) return new SimilarityError('auth', `the embeddings server refused the key (HTTP ${status})`);
    if (status === 404) return new SimilarityError('not-found', `the embeddings server does not know this model or has no /embeddings endpoint (HTTP 404): ${err.message}`);
    if (status === undefined) return new SimilarityError('network', `cannot reach the embeddings server: ${err.message}`);
    return new SimilarityError('server', `the embeddings server answered HTTP ${status}: ${err.message}`);
  }
  return new SimilarityError('network', `embeddings request failed: ${(err as Error)?.message ?? String(err)}`);
}
