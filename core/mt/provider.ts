import { TandemError } from '../../common/errors';

export type Formality = 'default' | 'more' | 'less' | 'prefer_more' | 'prefer_less';

export interface TranslateRequest {
  /** Non-empty texts; providers may reject empty strings, the batcher never sends them. */
  texts: string[];
  /** BCP-47 (or engine) code, or null to let the engine detect the language. */
  sourceLang: string | null;
  targetLang: string;
  /** Text that informs the translation of every text in the request but is not translated or billed. */
  context?: string;
  formality?: Formality;
  glossaryId?: string;
}

export interface TranslatedText {
  text: string;
  /** Lower-case language code as reported by the engine, e.g. 'nb', 'en'. */
  detectedSourceLang: string;
  billedCharacters: number;
}

export interface MtLanguage {
  code: string;
  name: string;
  supportsFormality?: boolean;
}

export interface MtUsage {
  characterCount: number;
  /** null when the account has no practical limit. */
  characterLimit: number | null;
}

export interface MtProvider {
  readonly name: string;
  translate(req: TranslateRequest, signal?: AbortSignal): Promise<TranslatedText[]>;
  usage(): Promise<MtUsage>;
  sourceLanguages(): Promise<MtLanguage[]>;
  targetLanguages(): Promise<MtLanguage[]>;
  ensureGlossary(
    name: string,
    sourceLang: string,
    targetLang: string,
    entries: Record<string, string>,
  ): Promise<string>;
  deleteGlossary?(id: string): Promise<void>;
}

export type MtErrorKind =
  | 'auth'
  | 'quota'
  | 'rate-limit'
  | 'server'
  | 'network'
  | 'bad-request'
  | 'unsupported-language';

const RETRYABLE_BY_DEFAULT: ReadonlySet<MtErrorKind> = new Set(['rate-limit', 'server', 'network']);

/**
 * Deliberately carries no `cause`: engine client errors can hold the HTTP
 * request configuration, including the Authorization header, and an error
 * that gets logged or serialised must never reveal the API key.
 */
export class MtError extends Error {
  readonly kind: MtErrorKind;
  readonly retryable: boolean;
  /** HTTP status when the engine answered, undefined for transport failures. */
  readonly status?: number;

  constructor(kind: MtErrorKind, message: string, opts: { retryable?: boolean; status?: number } = {}) {
    super(message);
    this.name = 'MtError';
    this.kind = kind;
    this.retryable = opts.retryable ?? RETRYABLE_BY_DEFAULT.has(kind);
    this.status = opts.status;
  }

  toJSON(): { name: string; kind: MtErrorKind; message: string; retryable: boolean; status?: number } {
    return { name: this.name, kind: this.kind, message: this.message, retryable: this.retryable, status: this.status };
  }
}

export function isMtError(e: unknown): e is MtError {
  return e instanceof MtError;
}

/** Maps to the error kinds shared across the app (IPC, CLI). */
export function mtErrorToTandemError(e: MtError): TandemError {
  const kind = e.kind === 'auth' ? 'mt-auth' : e.kind === 'quota' ? 'mt-quota' : 'mt-failed';
  return new TandemError(kind, e.message, { mtKind: e.kind, retryable: e.retryable, status: e.status });
}
