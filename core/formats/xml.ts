/**
 * The XML side of the codecs, kept pure: the escaping helpers the writers
 * share, byte decoding, and the event interface the readers consume.
 *
 * Parsing itself is done outside this folder by a streaming, namespace-aware
 * parser (see core/xml), which feeds `XmlSink` events to the readers here, so
 * that a file of any size is read in bounded memory and the codecs stay free
 * of I/O and third-party code. The same events build a small tree
 * (`XmlTreeBuilder`) where a whole document is wanted (checks, tests).
 *
 * Safety: `inspectDoctype` refuses DOCTYPEs that declare entities or
 * reference parameter entities, so entity-expansion bombs ("billion laughs")
 * and external entities (XXE) cannot do anything; nothing is ever fetched.
 */
import { FormatError, locate } from './errors.js';

export interface XmlPos {
  /** 1-based line. */
  line: number;
  /** 1-based column, counting Unicode code points. */
  column: number;
}

/** A start tag as the parser reports it, with namespaces resolved. */
export interface XmlStartTag extends XmlPos {
  /** Qualified name as written, e.g. "mda:meta". */
  name: string;
  local: string;
  /** Namespace URI of the element; '' when it is in no namespace. */
  uri: string;
  /** Attributes by qualified name as written ("id", "xml:lang", "xmlns:mda"). */
  attrs: Record<string, string>;
  selfClosing: boolean;
}

/** What a streaming reader receives, in document order. */
export interface XmlSink {
  open(tag: XmlStartTag): void;
  /** Character data (CDATA included), line ends normalised; may arrive in several pieces. */
  text(text: string): void;
  close(tag: XmlStartTag): void;
  /** The DOCTYPE, once it has passed `inspectDoctype`. */
  doctype?(doctype: XmlDoctype): void;
  /** After the root element closed and the input ended. */
  end?(): void;
}

export interface XmlDoctype {
  name: string;
  publicId?: string;
  systemId?: string;
}

export interface XmlText {
  kind: 'text';
  text: string;
}

export interface XmlElement extends XmlPos {
  kind: 'element';
  name: string;
  local: string;
  uri: string;
  attrs: Map<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | XmlText;

export interface XmlDocument {
  root: XmlElement;
  doctype?: XmlDoctype;
  /** Format name used in error messages. */
  format: string;
}

export interface ParseOptions {
  /** Name used in error messages, e.g. "TMX". Defaults to "XML". */
  format?: string;
}

// Characters XML 1.0 does not allow anywhere, including unpaired surrogates
// (which cannot be encoded in UTF-8) and the non-characters U+FFFE/U+FFFF.
// Each alternative matches a single code unit, so the search is linear.
const ILLEGAL_XML_CHAR =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ILLEGAL_XML_CHAR_G = new RegExp(ILLEGAL_XML_CHAR.source, 'g');

function hex(code: number): string {
  return 'U+' + code.toString(16).toUpperCase().padStart(4, '0');
}

/** True when a code point may appear in an XML 1.0 document. */
export function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * Replaces characters XML 1.0 cannot carry with U+FFFD and reports which ones
 * were replaced, so writers can say so in the file instead of losing text
 * silently.
 */
export function sanitizeXmlText(text: string): { text: string; replaced: string[] } {
  if (!ILLEGAL_XML_CHAR.test(text)) return { text, replaced: [] };
  const replaced: string[] = [];
  const out = text.replace(ILLEGAL_XML_CHAR_G, (ch) => {
    replaced.push(hex(ch.charCodeAt(0)));
    return '\uFFFD';
  });
  return { text: out, replaced };
}

/**
 * Splits text into runs of XML-legal text and single illegal code units, for
 * formats (XLIFF 2 `<cp hex>`) that can represent the latter losslessly.
 */
export function splitIllegalXmlChars(text: string): (string | number)[] {
  if (!ILLEGAL_XML_CHAR.test(text)) return [text];
  const parts: (string | number)[] = [];
  let last = 0;
  ILLEGAL_XML_CHAR_G.lastIndex = 0;
  for (let m = ILLEGAL_XML_CHAR_G.exec(text); m; m = ILLEGAL_XML_CHAR_G.exec(text)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push(text.charCodeAt(m.index));
    last = m.index + 1;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/**
 * Escapes character data. `>` is escaped too so that "]]>" can never appear,
 * and CR as a reference because parsers turn a literal CR into LF.
 * Input must already be free of illegal characters.
 */
export function escapeText(text: string): string {
  return text.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

/**
 * Escapes an attribute value for double quotes. Tab, LF and CR become
 * character references because attribute-value normalisation would
 * otherwise turn them into spaces.
 */
export function escapeAttr(text: string): string {
  return text.replace(/[&<>"\t\n\r]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case '\t':
        return '&#9;';
      case '\n':
        return '&#10;';
      default:
        return '&#13;';
    }
  });
}

export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

export function childElements(el: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (c.kind === 'element' && (name === undefined || c.name === name)) out.push(c);
  return out;
}

/** Concatenated text of an element and all its descendants. */
export function textContent(el: XmlElement): string {
  let out = '';
  const stack: XmlNode[] = [el];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'text') out += n.text;
    else for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

/** True for a text node holding only whitespace (indentation between elements). */
export function isBlank(node: XmlNode): boolean {
  return node.kind === 'text' && /^[ \t\n]*$/.test(node.text);
}

export function xmlError(doc: Pick<XmlDocument, 'format'>, at: XmlPos, reason: string): FormatError {
  return new FormatError(reason, at.line, at.column, doc.format);
}

/** Builds a tree from sink events; for whole documents of modest size. */
export class XmlTreeBuilder implements XmlSink {
  private readonly stack: XmlElement[] = [];
  private root: XmlElement | undefined;
  private dt: XmlDoctype | undefined;

  constructor(private readonly format = 'XML') {}

  doctype(d: XmlDoctype): void {
    this.dt = d;
  }

  open(tag: XmlStartTag): void {
    const el: XmlElement = { kind: 'element', name: tag.name, local: tag.local, uri: tag.uri, attrs: new Map(Object.entries(tag.attrs)), children: [], line: tag.line, column: tag.column };
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.children.push(el);
    else this.root = el;
    this.stack.push(el);
  }

  text(text: string): void {
    const parent = this.stack[this.stack.length - 1];
    if (!parent) return;
    const last = parent.children[parent.children.length - 1];
    if (last?.kind === 'text') last.text += text;
    else parent.children.push({ kind: 'text', text });
  }

  close(): void {
    this.stack.pop();
  }

  document(): XmlDocument {
    if (!this.root) throw new FormatError('no root element found', 1, 1, this.format);
    return { root: this.root, doctype: this.dt, format: this.format };
  }
}

/** A refusal found in a DOCTYPE: `offset` is into the text given to `inspectDoctype`. */
export interface DoctypeProblem {
  offset: number;
  reason: string;
}

const PE_REFUSED = 'parameter-entity references in the DOCTYPE are refused (external or recursive entities are a security risk)';

/**
 * Reads a DOCTYPE's content (what follows "<!DOCTYPE" up to its final ">")
 * without interpreting it. Element and attribute-list declarations are
 * skipped; any entity declaration or parameter-entity reference is a
 * problem, because expanding them is exactly what entity-expansion and
 * external-entity attacks rely on.
 */
export function inspectDoctype(text: string): { doctype: XmlDoctype; problem?: DoctypeProblem } {
  let i = 0;
  const ws = () => {
    while (i < text.length && /[ \t\r\n]/.test(text[i]!)) i++;
  };
  const quoted = (): string | undefined => {
    const q = text[i];
    if (q !== '"' && q !== "'") return undefined;
    const end = text.indexOf(q, i + 1);
    const value = text.slice(i + 1, end < 0 ? text.length : end);
    i = end < 0 ? text.length : end + 1;
    return value;
  };
  ws();
  const nameStart = i;
  while (i < text.length && !/[ \t\r\n\[]/.test(text[i]!)) i++;
  const doctype: XmlDoctype = { name: text.slice(nameStart, i) };
  ws();
  if (text.startsWith('SYSTEM', i)) {
    i += 6;
    ws();
    doctype.systemId = quoted();
  } else if (text.startsWith('PUBLIC', i)) {
    i += 6;
    ws();
    doctype.publicId = quoted();
    ws();
    doctype.systemId = quoted();
  }
  const open = text.indexOf('[', i);
  if (open < 0) return { doctype };
  i = open + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ']') break;
    if (c === '%') return { doctype, problem: { offset: i, reason: PE_REFUSED } };
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      i = end < 0 ? text.length : end + 3;
      continue;
    }
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      i = end < 0 ? text.length : end + 2;
      continue;
    }
    if (text.startsWith('<!ENTITY', i)) {
      const end = text.indexOf('>', i);
      const decl = text.slice(i, end < 0 ? Math.min(text.length, i + 200) : end);
      const parameter = /^<!ENTITY\s+%/.test(decl);
      const external = /\s(SYSTEM|PUBLIC)\s/.test(decl);
      const kind = `${external ? 'external ' : ''}${parameter ? 'parameter ' : ''}entity`;
      return {
        doctype,
        problem: {
          offset: i,
          reason:
            `the DOCTYPE declares an ${kind} (<!ENTITY>); entity declarations are refused, never expanded or fetched, ` +
            'to prevent entity-expansion ("billion laughs") and external-entity (XXE) attacks',
        },
      };
    }
    if (text.startsWith('<!', i)) {
      // <!ELEMENT>, <!ATTLIST>, <!NOTATION>: skip, minding quoted literals.
      i += 2;
      while (i < text.length && text[i] !== '>') {
        if (text[i] === '"' || text[i] === "'") quoted();
        else if (text[i] === '%') return { doctype, problem: { offset: i, reason: PE_REFUSED } };
        else i++;
      }
      i++;
      continue;
    }
    i++;
  }
  return { doctype };
}

/** Character encoding of XML bytes from the byte-order mark or the encoding declaration (default UTF-8), and the BOM's length. */
export function sniffXmlEncoding(bytes: Uint8Array): { encoding: string; offset: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', offset: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', offset: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', offset: 2 };
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) return { encoding: 'utf-16le', offset: 0 };
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) return { encoding: 'utf-16be', offset: 0 };
  let head = '';
  for (let k = 0; k < Math.min(bytes.length, 256); k++) head += String.fromCharCode(bytes[k]!);
  const m = /^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  let encoding = m ? m[1]!.toLowerCase() : 'utf-8';
  if (encoding === 'utf-16') encoding = 'utf-8'; // declared UTF-16 without a BOM cannot be; the bytes are ASCII-compatible
  return { encoding, offset: 0 };
}

/**
 * Decodes XML bytes following the byte-order mark or the encoding
 * declaration (default UTF-8). Decoding is strict: invalid byte sequences
 * are reported instead of being silently replaced.
 */
export function decodeXmlBytes(bytes: Uint8Array, format = 'XML'): string {
  const { encoding, offset } = sniffXmlEncoding(bytes);
  return decodeStrict(bytes.subarray(offset), encoding, format);
}
/** Strict UTF-8 (or other encoding) decoding with the position of the first bad byte sequence. */
export function decodeStrict(bytes: Uint8Array, encoding: string, format: string): string {
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  } catch {
    throw new FormatError(`unsupported character encoding "${encoding}"`, 1, 1, format);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    const loose = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
    const at = loose.indexOf('\uFFFD');
    const { line, column } = locate(loose, Math.max(0, at));
    throw new FormatError(`the input is not valid ${encoding.toUpperCase()}`, line, column, format);
  }
}
