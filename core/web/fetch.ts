import { TandemError } from '../../common/errors';

export const USER_AGENT = 'Tandem/0.1 (multilingual alignment workbench; imports one article at a user\'s request)';
export const DEFAULT_TIMEOUT_MS = 30_000;
/** A news page with its inline scripts is rarely over 3 MB; this leaves room and stops a download that is not a page. */
export const DEFAULT_MAX_PAGE_BYTES = 16 * 1024 * 1024;

export interface FetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  userAgent?: string;
  signal?: AbortSignal;
}

export interface FetchedPage {
  /** The address asked for, and the one that answered after redirects. */
  requestedUrl: string;
  url: string;
  status: number;
  contentType: string | null;
  bytes: Uint8Array;
  fetchedAt: string;
}

/** A web address the user can import from: http or https, without its #fragment (the same page). */
export function normalizeUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new TandemError('invalid-input', `"${input}" is not a web address`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TandemError('unsupported', `only http and https addresses can be imported, not ${url.protocol.replace(/:$/, '')}`);
  url.hash = '';
  return url.href;
}

/** Written as a web address (scheme://...), as opposed to a file path; normalizeUrl says whether it can be imported. */
export function isUrl(input: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(input.trim());
}

const PAGE_TYPES = /^(text\/html|application\/xhtml\+xml|multipart\/related|application\/x-mimearchive|message\/rfc822)$/i;

export function describeNetworkError(err: unknown, url: URL, timeoutMs: number, timedOut: boolean): TandemError {
  if (timedOut) return new TandemError('invalid-input', `no complete answer from ${url.host} within ${Math.round(timeoutMs / 1000)} s (timeout)`);
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (err as { code?: string })?.code;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new TandemError('not-found', `the host name ${url.hostname} could not be found (DNS)`);
    case 'ECONNREFUSED':
      return new TandemError('not-found', `${url.host} refused the connection`);
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return new TandemError('invalid-input', `${url.host} closed the connection`);
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new TandemError('invalid-input', `could not connect to ${url.host} (timeout)`);
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return new TandemError('invalid-input', `${url.host} has a certificate that cannot be trusted (${code})`);
    default:
      return new TandemError('invalid-input', `could not fetch ${url.href}: ${cause?.message ?? (err as Error)?.message ?? String(err)}`);
  }
}

/**
 * Fetches one page: a user agent that says who asks, a timeout over the whole
 * exchange, a size limit checked before and while reading, and only pages
 * (HTML, XHTML, MHTML); anything else is refused with the reason.
 */
export async function fetchPage(input: string, opts: FetchOptions = {}): Promise<FetchedPage> {
  const requestedUrl = normalizeUrl(input);
  const url = new URL(requestedUrl);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_PAGE_BYTES;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout.signal]) : timeout.signal;
  try {
    let res: Response;
    try {
      res = await fetch(url, {
        redirect: 'follow',
        signal,
        headers: {
          'user-agent': opts.userAgent ?? USER_AGENT,
          accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
          'accept-language': '*',
        },
      });
    } catch (err) {
      if (opts.signal?.aborted) throw new TandemError('invalid-input', 'cancelled');
      throw describeNetworkError(err, url, timeoutMs, timeout.signal.aborted);
    }
    const answered = new URL(res.url || requestedUrl);
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      const what = res.status === 404 || res.status === 410 ? 'page not found' : res.status === 401 || res.status === 403 ? 'access refused (it may need a login or block automatic readers)' : res.status >= 500 ? 'the server failed' : 'refused';
      throw new TandemError('not-found', `HTTP ${res.status} ${res.statusText || ''}`.trim() + `: ${what}`);
    }
    const contentType = res.headers.get('content-type');
    const media = contentType?.split(';')[0].trim() ?? '';
    if (media && !PAGE_TYPES.test(media)) {
      await res.body?.cancel().catch(() => undefined);
      throw new TandemError('unsupported', `the address serves ${media}, not a web page`);
    }
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw new TandemError('too-large', `the page is ${formatSize(declared)}, over the ${formatSize(maxBytes)} limit for one page`);
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        total += chunk.length;
        if (total > maxBytes) {
          await res.body?.cancel().catch(() => undefined);
          throw new TandemError('too-large', `the page is over the ${formatSize(maxBytes)} limit for one page`);
        }
        chunks.push(chunk);
      }
    } catch (err) {
      if (err instanceof TandemError) throw err;
      if (opts.signal?.aborted) throw new TandemError('invalid-input', 'cancelled');
      throw describeNetworkError(err, url, timeoutMs, timeout.signal.aborted);
    }
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    if (!total) throw new TandemError('invalid-input', 'the page is empty');
    return { requestedUrl, url: answered.href, status: res.status, contentType, bytes, fetchedAt: new Date().toISOString() };
  } finally {
    clearTimeout(timer);
  }
}

function formatSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}
