import { TandemError } from '../../common/errors';

/**
 * MHTML (.mhtml, .mht): a web page and its resources in one MIME
 * multipart/related message, as Chromium, Edge and Internet Explorer save
 * them. Only the page itself is needed here: its bytes, its declared charset
 * and the address it was saved from.
 */
export interface MhtmlPage {
  html: Uint8Array;
  /** The page part's Content-Type, with its charset when it has one. */
  contentType: string;
  /** Where the page was saved from (Snapshot-Content-Location or the part's Content-Location). */
  location: string | null;
  /** The message's Date header, as ISO 8601. */
  savedAt: string | null;
  subject: string | null;
}

type Headers = Map<string, string>;

function bytesToLatin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

function latin1ToBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

/** Splits a header block from its body at the first empty line; folded header lines are unfolded. */
function splitMessage(text: string): { headers: Headers; body: string } {
  const m = /\r?\n\r?\n/.exec(text);
  const head = m ? text.slice(0, m.index) : text;
  const body = m ? text.slice(m.index + m[0].length) : '';
  const headers: Headers = new Map();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function param(value: string | undefined, name: string): string | null {
  if (!value) return null;
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return m ? (m[1] ?? m[2]) : null;
}

function mediaType(value: string | undefined): string {
  return (value ?? 'text/plain').split(';')[0].trim().toLowerCase();
}

export function decodeQuotedPrintable(text: string): Uint8Array {
  const joined = text.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const c = joined.charCodeAt(i);
    if (c === 0x3d && /^[0-9A-Fa-f]{2}$/.test(joined.slice(i + 1, i + 3))) {
      out.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(c & 0xff);
  }
  return Uint8Array.from(out);
}

function decodeBody(body: string, encoding: string | undefined): Uint8Array {
  switch ((encoding ?? '7bit').trim().toLowerCase()) {
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    case 'base64':
      return new Uint8Array(Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64'));
    default:
      return latin1ToBytes(body);
  }
}

/** RFC 2047 encoded words ("=?utf-8?Q?F=C3=A6rje?="), as subjects carry them. */
function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*/g, (_whole, charset: string, enc: string, data: string) => {
    const bytes = enc.toUpperCase() === 'B' ? new Uint8Array(Buffer.from(data, 'base64')) : decodeQuotedPrintable(data.replace(/_/g, ' '));
    try {
      return new TextDecoder(charset.toLowerCase()).decode(bytes);
    } catch {
      return bytesToLatin1(bytes);
    }
  });
}

/** True when the bytes start like an MHTML message rather than a page. */
export function looksLikeMhtml(bytes: Uint8Array): boolean {
  const head = bytesToLatin1(bytes.subarray(0, 4096));
  return /^(?:[\w-]+:[^\n]*\r?\n(?:[ \t][^\n]*\r?\n)*)*content-type:\s*multipart\/related/im.test(head) && !/^\s*</.test(head);
}

export function parseMhtml(bytes: Uint8Array): MhtmlPage {
  const text = bytesToLatin1(bytes);
  const { headers, body } = splitMessage(text.replace(/^\ufeff/, ''));
  const type = headers.get('content-type');
  const location = headers.get('snapshot-content-location') ?? null;
  const date = headers.get('date');
  const savedAt = date && !Number.isNaN(Date.parse(date)) ? new Date(Date.parse(date)).toISOString() : null;
  const subject = headers.get('subject') ? decodeWords(headers.get('subject')!) : null;
  if (!type) throw new TandemError('invalid-input', 'not an MHTML file: it has no Content-Type header');

  if (!mediaType(type).startsWith('multipart/')) {
    if (mediaType(type) !== 'text/html') throw new TandemError('unsupported', `the MHTML file holds ${mediaType(type)}, not a web page`);
    return { html: decodeBody(body, headers.get('content-transfer-encoding')), contentType: type, location: location ?? headers.get('content-location') ?? null, savedAt, subject };
  }
  const boundary = param(type, 'boundary');
  if (!boundary) throw new TandemError('invalid-input', 'the MHTML file is damaged: its multipart Content-Type has no boundary');
  const delimiter = `--${boundary}`;
  const parts: Array<{ headers: Headers; body: string }> = [];
  let pos = text.indexOf(delimiter, text.length - body.length);
  while (pos >= 0) {
    const lineEnd = text.indexOf('\n', pos);
    if (text.startsWith(`${delimiter}--`, pos) || lineEnd < 0) break;
    const next = text.indexOf(`\n${delimiter}`, lineEnd);
    const end = next < 0 ? text.length : next;
    parts.push(splitMessage(text.slice(lineEnd + 1, end).replace(/\r$/, '')));
    pos = next < 0 ? -1 : next + 1;
  }
  const start = param(type, 'start')?.replace(/^<|>$/g, '');
  const root =
    (start ? parts.find((p) => p.headers.get('content-id')?.replace(/^<|>$/g, '') === start) : undefined) ??
    parts.find((p) => mediaType(p.headers.get('content-type')) === 'text/html');
  if (!root) throw new TandemError('unsupported', `the MHTML file holds no web page (parts: ${parts.map((p) => mediaType(p.headers.get('content-type'))).join(', ') || 'none'})`);
  return {
    html: decodeBody(root.body, root.headers.get('content-transfer-encoding')),
    contentType: root.headers.get('content-type') ?? 'text/html',
    location: location ?? root.headers.get('content-location') ?? null,
    savedAt,
    subject,
  };
}
