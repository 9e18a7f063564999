import { TandemError } from '../../common/errors';
import { checkMojibake, decodeText } from '../text/decode';

export interface DecodedPage {
  text: string;
  /** The WHATWG name of the encoding used, e.g. "utf-8", "windows-1251", "shift_jis". */
  encoding: string;
  /** Where the encoding came from. */
  from: 'bom' | 'http' | 'meta' | 'detected';
  warnings: string[];
}

/** The charset parameter of a Content-Type value, or null. */
export function charsetOfContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;]+))/i.exec(contentType);
  const label = (m?.[1] ?? m?.[2] ?? m?.[3] ?? '').trim();
  return label || null;
}

/**
 * The encoding a page declares in a <meta> tag near its start, found the way
 * browsers pre-scan for it: on the raw bytes read as ASCII, before decoding.
 */
export function sniffMetaCharset(bytes: Uint8Array, limit = 8192): string | null {
  const head = latin1(bytes.subarray(0, limit)).replace(/<!--[\s\S]*?-->/g, '');
  const metaRe = /<meta\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
  for (let m = metaRe.exec(head); m; m = metaRe.exec(head)) {
    const attrs = m[1];
    const charset = attrValue(attrs, 'charset');
    if (charset) return charset;
    const equiv = attrValue(attrs, 'http-equiv');
    if (equiv && equiv.toLowerCase() === 'content-type') {
      const declared = charsetOfContentType(attrValue(attrs, 'content'));
      if (declared) return declared;
    }
  }
  return null;
}

function attrValue(attrs: string, name: string): string | null {
  const re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i');
  const m = re.exec(attrs);
  return m ? (m[1] ?? m[2] ?? m[3] ?? '').trim() : null;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

/** A TextDecoder for a declared label, or null when the label names no encoding this runtime knows. */
function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label.trim().toLowerCase(), { fatal: true });
  } catch {
    return null;
  }
}

function isValidUtf8WithMultibyte(bytes: Uint8Array): boolean {
  let multibyte = false;
  for (const b of bytes) if (b >= 0x80) {
    multibyte = true;
    break;
  }
  if (!multibyte) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes a web page as a browser would: a byte-order mark first, then the
 * charset of the HTTP header (or of a MIME part), then a <meta> declaration,
 * and otherwise the same detection as any text file. A declaration that the
 * bytes contradict (a page saved as UTF-8 that still says ISO-8859-1) is
 * overridden by valid UTF-8, with a warning, rather than turned into mojibake.
 */
export function decodePage(bytes: Uint8Array, contentType?: string | null): DecodedPage {
  if (bytes.length === 0) throw new TandemError('invalid-input', 'the page is empty');
  const hasBom = (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (hasBom) {
    const d = decodeText(bytes);
    return { text: d.text, encoding: d.encoding.replace('-bom', ''), from: 'bom', warnings: d.warnings };
  }
  const http = charsetOfContentType(contentType);
  // A <meta> cannot declare UTF-16: the page could not have been pre-scanned as ASCII.
  const metaLabel = sniffMetaCharset(bytes);
  const meta = metaLabel && /^(utf-?16|unicode)/i.test(metaLabel) ? 'utf-8' : metaLabel;
  for (const [label, from] of [[http, 'http'], [meta, 'meta']] as const) {
    if (!label) continue;
    const decoder = decoderFor(label);
    const warnings: string[] = [];
    if (!decoder) {
      warnings.push(`the page declares the unknown encoding "${label}"; detected instead`);
      const d = decodeText(bytes);
      return { text: d.text, encoding: d.encoding, from: 'detected', warnings: [...warnings, ...d.warnings] };
    }
    if (decoder.encoding !== 'utf-8' && isValidUtf8WithMultibyte(bytes)) {
      warnings.push(`the page declares ${decoder.encoding} but its bytes are UTF-8; read as UTF-8`);
      return { text: checkMojibake(new TextDecoder('utf-8').decode(bytes), warnings), encoding: 'utf-8', from: 'detected', warnings };
    }
    try {
      const text = decoder.decode(bytes);
      return { text: checkMojibake(text, warnings), encoding: decoder.encoding, from, warnings };
    } catch (err) {
      if (err instanceof TandemError) throw err;
      // The declaration is wrong for these bytes; fall through to detection, saying so.
      const d = decodeText(bytes);
      return { text: d.text, encoding: d.encoding, from: 'detected', warnings: [`the page declares ${decoder.encoding} but is not valid ${decoder.encoding}`, ...d.warnings] };
    }
  }
  const d = decodeText(bytes);
  return { text: d.text, encoding: d.encoding, from: 'detected', warnings: d.warnings };
}
