import * as deepl from 'deepl-node';
import { billableChars } from './batcher';
import { fromDeepLCode, toDeepLSource, toDeepLTarget, type TargetOptions } from './languages';
import {
  MtError,
  type MtLanguage,
  type MtProvider,
  type MtUsage,
  type TranslateRequest,
  type TranslatedText,
} from './provider';

export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  factor?: number;
  /** Proportion of each delay randomised either way, so parallel workers do not retry in lockstep. */
  jitter?: number;
}

/** Told before each retry, so a user sees why a job is slow instead of a frozen bar. */
export interface RetryNotice {
  /** The attempt that failed (1-based) and how many there may be. */
  attempt: number;
  maxAttempts: number;
  delayMs: number;
  reason: string;
}

export interface DeepLProviderOptions {
  authKey: string;
  /** Defaults to DeepL's own choice (free or pro endpoint, from the key). */
  serverUrl?: string;
  /** Total attempts per call, including the first. */
  maxAttempts?: number;
  /**
   * Longest wait for one answer, in ms (default 30 s). An endpoint that
   * takes the connection and never answers fails after this, not after
   * minutes.
   */
  requestTimeoutMs?: number;
  /** Total attempts when DeepL does not answer in time (default 2): a silent endpoint rarely wakes up. */
  maxTimeoutAttempts?: number;
  /** @deprecated the same as requestTimeoutMs. */
  minTimeoutMs?: number;
  onRetry?: (notice: RetryNotice) => void;
  backoff?: BackoffOptions;
  target?: TargetOptions;
  appInfo?: { appName: string; appVersion: string };
  /** For tests: how to wait between attempts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** DeepL reports "unlimited" Pro plans with an absurdly large limit. */
const UNLIMITED_THRESHOLD = 1e12;

const DEFAULT_BACKOFF: Required<BackoffOptions> = { initialMs: 1000, maxMs: 30_000, factor: 2, jitter: 0.2 };

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

export function sleepAbortable(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Maps deepl-node errors to MtError. deepl-node only types a few statuses
 * (403, 456, 429); everything else is a plain DeepLError whose message carries
 * the status, so that is parsed here. The original error is not kept (see MtError).
 */
export function toMtError(e: unknown): MtError {
  if (e instanceof MtError) return e;
  if (e instanceof deepl.AuthorizationError) return new MtError('auth', e.message, { status: 403 });
  if (e instanceof deepl.QuotaExceededError) return new MtError('quota', e.message, { status: 456 });
  if (e instanceof deepl.TooManyRequestsError) return new MtError('rate-limit', e.message, { status: 429 });
  if (e instanceof deepl.ConnectionError) {
    // deepl-node flags resets, timeouts and broken pipes as transient; a refused
    // connection is not, which is right for a wrong server URL.
    return new MtError('network', e.message, { retryable: e.shouldRetry });
  }
  if (e instanceof deepl.GlossaryNotFoundError) return new MtError('bad-request', e.message, { status: 404 });
  if (e instanceof deepl.DeepLError) {
    const msg = e.message;
    if (/^Service unavailable/.test(msg)) return new MtError('server', msg, { status: 503 });
    const m = /^Unexpected status code: (\d{3})/.exec(msg);
    if (m) {
      const status = Number(m[1]);
      if (status >= 500) return new MtError('server', msg, { status });
      return new MtError('bad-request', msg, { status });
    }
    if (/deprecated, please use|(source|target)_?lang\b.*not supported|not supported.*lang/i.test(msg)) {
      return new MtError('unsupported-language', msg, { status: /^Bad request/.test(msg) ? 400 : undefined });
    }
    if (/^Bad request/.test(msg)) return new MtError('bad-request', msg, { status: 400 });
    if (/^Not found/.test(msg)) return new MtError('bad-request', msg, { status: 404 });
    if (/^Error parsing response/.test(msg)) return new MtError('server', msg, { retryable: false });
    return new MtError('bad-request', msg);
  }
  if (e instanceof Error) return new MtError('network', e.message, { retryable: false });
  return new MtError('network', String(e), { retryable: false });
}

/** An attempt that got no answer in time; becomes an MtError once the retries are counted. */
class NoAnswer extends Error {}

function withTimeout<T>(op: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswer(`DeepL did not answer within ${formatSeconds(ms)}`)), ms);
  });
  // The request itself is left to deepl-node's own (slightly longer) timeout, which closes its socket.
  op.catch(() => undefined);
  return Promise.race([op, timeout]).finally(() => clearTimeout(timer));
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

function isAbort(e: unknown, signal?: AbortSignal): boolean {
  return !!signal?.aborted && (e === signal.reason || (e instanceof DOMException && e.name === 'AbortError'));
}

/**
 * DeepL behind MtProvider, built on deepl-node's Translator.
 *
 * Retries are done here, not in deepl-node: deepl-node's backoff starts at 1 s
 * with a fixed schedule, cannot be cancelled, and its `maxRetries` counts total
 * attempts. Letting both retry would multiply attempts, so deepl-node is
 * configured for a single attempt and this class retries 429, 5xx and
 * transient connection failures with bounded, jittered, abortable backoff.
 */
export class DeepLProvider implements MtProvider {
  readonly name = 'deepl';
  // Private so the key-bearing client never shows up when the provider is logged or serialised.
  readonly #translator: deepl.Translator;
  readonly #maxAttempts: number;
  readonly #backoff: Required<BackoffOptions>;
  readonly #target: TargetOptions;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly #requestTimeoutMs: number;
  readonly #maxTimeoutAttempts: number;
  readonly #onRetry?: (notice: RetryNotice) => void;

  constructor(opts: DeepLProviderOptions) {
    if (!opts.authKey) throw new MtError('auth', 'DeepL API key is missing');
    this.#requestTimeoutMs = Math.max(1, opts.requestTimeoutMs ?? opts.minTimeoutMs ?? 30_000);
    this.#translator = new deepl.Translator(opts.authKey, {
      serverUrl: opts.serverUrl,
      maxRetries: 1,
      // A little longer than ours, so that ours speaks first and deepl-node then closes the socket.
      minTimeout: this.#requestTimeoutMs + 1000,
      appInfo: opts.appInfo,
      sendPlatformInfo: false,
    });
    this.#maxTimeoutAttempts = Math.max(1, opts.maxTimeoutAttempts ?? 2);
    this.#onRetry = opts.onRetry;
    this.#maxAttempts = Math.max(1, opts.maxAttempts ?? 5);
    this.#backoff = { ...DEFAULT_BACKOFF, ...opts.backoff };
    this.#target = opts.target ?? {};
    this.#sleep = opts.sleep ?? sleepAbortable;
  }

  toJSON(): { name: string } {
    return { name: this.name };
  }

  /** Exposed for tests and diagnostics: the delay before retry number `attempt` (1-based). */
  retryDelayMs(attempt: number): number {
    const { initialMs, maxMs, factor, jitter } = this.#backoff;
    const base = Math.min(maxMs, initialMs * factor ** (attempt - 1));
    return Math.max(0, Math.round(base * (1 + jitter * (2 * Math.random() - 1))));
  }

  private async withRetry<T>(op: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    let timeouts = 0;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw abortReason(signal);
      try {
        return await withTimeout(op(), this.#requestTimeoutMs);
      } catch (raw) {
        if (isAbort(raw, signal)) throw raw;
        const silent = raw instanceof NoAnswer;
        if (silent) timeouts++;
        const err = silent ? new MtError('network', raw.message, { retryable: true }) : toMtError(raw);
        const limit = silent ? Math.min(this.#maxAttempts, this.#maxTimeoutAttempts) : this.#maxAttempts;
        if (!err.retryable || attempt >= this.#maxAttempts || timeouts >= limit) throw err;
        const delayMs = this.retryDelayMs(attempt);
        this.#onRetry?.({ attempt, maxAttempts: limit, delayMs, reason: err.message });
        await this.#sleep(delayMs, signal);
      }
    }
  }

  private targetCode(lang: string): string {
    const code = toDeepLTarget(lang, this.#target);
    if (!code) throw new MtError('unsupported-language', `DeepL cannot translate into '${lang}'`);
    return code;
  }

  /**
   * An in-flight HTTP attempt is not cancelled by `signal` (deepl-node offers
   * no way to); it runs to completion so that characters already billed are
   * not thrown away. The signal stops further attempts and backoff waits.
   */
  async translate(req: TranslateRequest, signal?: AbortSignal): Promise<TranslatedText[]> {
    if (req.texts.length === 0) return [];
    if (req.texts.some((t) => t.length === 0)) {
      throw new MtError('bad-request', 'empty texts cannot be sent to DeepL');
    }
    const target = this.targetCode(req.targetLang);
    const source = toDeepLSource(req.sourceLang);
    if (req.glossaryId && !source) {
      throw new MtError('unsupported-language', 'a glossary needs a source language DeepL supports');
    }
    const options: deepl.TranslateTextOptions = {};
    if (req.context) options.context = req.context;
    if (req.formality && req.formality !== 'default') options.formality = req.formality;
    if (req.glossaryId) options.glossary = req.glossaryId;

    const results = await this.withRetry(
      () => this.#translator.translateText(req.texts, source as deepl.SourceLanguageCode | null, target as deepl.TargetLanguageCode, options),
      signal,
    );
    if (results.length !== req.texts.length) {
      throw new MtError('server', `DeepL returned ${results.length} translations for ${req.texts.length} texts`, {
        retryable: false,
      });
    }
    return results.map((r, i) => ({
      text: r.text,
      detectedSourceLang: r.detectedSourceLang ? fromDeepLCode(r.detectedSourceLang) : '',
      // deepl-node always asks for billed characters; servers that omit them are billed by length.
      billedCharacters: typeof r.billedCharacters === 'number' ? r.billedCharacters : billableChars(req.texts[i]!),
    }));
  }

  async usage(): Promise<MtUsage> {
    const u = await this.withRetry(() => this.#translator.getUsage());
    const c = u.character;
    if (!c) return { characterCount: 0, characterLimit: null };
    return { characterCount: c.count, characterLimit: c.limit >= UNLIMITED_THRESHOLD ? null : c.limit };
  }

  async sourceLanguages(): Promise<MtLanguage[]> {
    const langs = await this.withRetry(() => this.#translator.getSourceLanguages());
    return langs.map((l) => ({ code: fromDeepLCode(l.code), name: l.name }));
  }

  async targetLanguages(): Promise<MtLanguage[]> {
    const langs = await this.withRetry(() => this.#translator.getTargetLanguages());
    return langs.map((l) => {
      const out: MtLanguage = { code: fromDeepLCode(l.code), name: l.name };
      if (l.supportsFormality !== undefined) out.supportsFormality = l.supportsFormality;
      return out;
    });
  }

  /**
   * Creates a v2 (single language pair) glossary, which works with both the
   * v2 translate endpoint and every deepl-node 1.x release. Always creates:
   * reuse is decided by the caller, by hashing the entries.
   */
  async ensureGlossary(
    name: string,
    sourceLang: string,
    targetLang: string,
    entries: Record<string, string>,
  ): Promise<string> {
    const source = toDeepLSource(sourceLang);
    if (!source) throw new MtError('unsupported-language', `DeepL glossaries do not support source '${sourceLang}'`);
    const target = this.targetCode(targetLang).split('-')[0]!;
    let glossaryEntries: deepl.GlossaryEntries;
    try {
      glossaryEntries = new deepl.GlossaryEntries({ entries });
      glossaryEntries.toTsv(); // validates terms before anything is sent
    } catch (e) {
      throw new MtError('bad-request', `invalid glossary entries: ${(e as Error).message}`);
    }
    if (Object.keys(entries).length === 0) throw new MtError('bad-request', 'a glossary needs at least one entry');
    // Not retried: a create whose answer was lost would otherwise leave a duplicate behind.
    try {
      const info = await this.#translator.createGlossary(
        name,
        source as deepl.SourceGlossaryLanguageCode,
        target as deepl.TargetGlossaryLanguageCode,
        glossaryEntries,
      );
      return info.glossaryId;
    } catch (e) {
      throw toMtError(e);
    }
  }

  async deleteGlossary(id: string): Promise<void> {
    await this.withRetry(() => this.#translator.deleteGlossary(id));
  }
}
