/**
 * BASELINE ONLY: the TMX reader Tandem had before it read XML as a stream: a
 * hand-written parser that builds the whole document tree, then reads the
 * tree. Kept for the exports benchmark, which measures it beside the
 * streaming reader on the same file. Not used by the application.
 */
/**
 * A small, strict, non-validating XML 1.0 parser and the escaping helpers the
 * writers share.
 *
 * Safety over completeness: DTD entity declarations are refused outright
 * rather than expanded, so entity-expansion bombs ("billion laughs") and
 * external entities (XXE) cannot do anything. Nothing is ever fetched; a
 * DOCTYPE's SYSTEM/PUBLIC identifier is recorded and otherwise ignored.
 *
 * Namespaces are not resolved: element and attribute names are kept as
 * written (e.g. "mda:meta", "xml:lang"); `localName` strips a prefix.
 *
 * Every loop is a single forward scan over the input, so time is linear in
 * the input size and there is no regular expression that could backtrack.
 */
import { FormatError, errorAt, locate } from '../../../core/formats/errors.js';

export interface XmlText {
  kind: 'text';
  text: string;
  /** UTF-16 offset into the (line-end normalised) source. */
  pos: number;
}

export interface XmlElement {
  kind: 'element';
  name: string;
  attrs: Map<string, string>;
  children: XmlNode[];
  /** UTF-16 offset of the '<' of the start tag. */
  pos: number;
}

export type XmlNode = XmlElement | XmlText;

export interface XmlDocument {
  root: XmlElement;
  doctype?: { name: string; publicId?: string; systemId?: string };
  /** The parsed text after line-end normalisation; offsets in nodes refer to it. */
  source: string;
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

export function xmlError(doc: Pick<XmlDocument, 'source' | 'format'>, pos: number, reason: string): FormatError {
  return errorAt(doc.format, doc.source, pos, reason);
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isNameStartCp(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    c === 0x5f ||
    c === 0x3a ||
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    (c >= 0x200c && c <= 0x200d) ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0xeffff)
  );
}

function isNameCp(c: number): boolean {
  return (
    isNameStartCp(c) ||
    c === 0x2d ||
    c === 0x2e ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0xb7 ||
    (c >= 0x300 && c <= 0x36f) ||
    (c >= 0x203f && c <= 0x2040)
  );
}

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

class Parser {
  private readonly s: string;
  private i = 0;
  private readonly format: string;

  constructor(source: string, format: string) {
    this.s = source;
    this.format = format;
  }

  private fail(reason: string, pos = this.i): never {
    throw errorAt(this.format, this.s, pos, reason);
  }

  private where(pos: number): string {
    const { line, column } = locate(this.s, pos);
    return `line ${line}, column ${column}`;
  }

  private startsWith(str: string): boolean {
    return this.s.startsWith(str, this.i);
  }

  private skipWs(): boolean {
    const start = this.i;
    while (this.i < this.s.length && isWs(this.s.charCodeAt(this.i))) this.i++;
    return this.i > start;
  }

  private readName(what: string): string {
    const s = this.s;
    const start = this.i;
    const first = s.codePointAt(start);
    if (first === undefined || !isNameStartCp(first)) {
      this.fail(first === undefined ? `unexpected end of input, expected ${what}` : `expected ${what}, found ${describe(s, start)}`);
    }
    this.i += first > 0xffff ? 2 : 1;
    while (this.i < s.length) {
      const c = s.codePointAt(this.i)!;
      if (!isNameCp(c)) break;
      this.i += c > 0xffff ? 2 : 1;
    }
    return s.slice(start, this.i);
  }

  private expect(str: string, what = `"${str}"`): void {
    if (!this.startsWith(str)) {
      this.fail(this.i >= this.s.length ? `unexpected end of input, expected ${what}` : `expected ${what}, found ${describe(this.s, this.i)}`);
    }
    this.i += str.length;
  }

  /** Parses `&...;` at this.i and returns the replacement text. */
  private readReference(): string {
    const s = this.s;
    const start = this.i;
    this.i++; // '&'
    if (s.charCodeAt(this.i) === 0x23 /* # */) {
      this.i++;
      let radix = 10;
      if (s.charCodeAt(this.i) === 0x78 /* x */) {
        radix = 16;
        this.i++;
      }
      const digitsStart = this.i;
      while (this.i < s.length && this.i - digitsStart < 12) {
        const c = s.charCodeAt(this.i);
        const ok = radix === 16 ? (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) : c >= 48 && c <= 57;
        if (!ok) break;
        this.i++;
      }
      if (this.i === digitsStart || s.charCodeAt(this.i) !== 0x3b) {
        this.fail('malformed character reference; expected digits followed by ";"', start);
      }
      const cp = parseInt(s.slice(digitsStart, this.i), radix);
      this.i++;
      if (!isXmlChar(cp)) this.fail(`character reference to ${hex(cp)}, which is not allowed in XML 1.0`, start);
      return String.fromCodePoint(cp);
    }
    const nameStart = this.i;
    while (this.i < s.length && this.i - nameStart < 64) {
      const c = s.codePointAt(this.i)!;
      if (!isNameCp(c)) break;
      this.i += c > 0xffff ? 2 : 1;
    }
    if (this.i === nameStart || s.charCodeAt(this.i) !== 0x3b) {
      this.fail('"&" must start an entity or character reference ending in ";" (write a literal ampersand as &amp;)', start);
    }
    const name = s.slice(nameStart, this.i);
    this.i++;
    const value = PREDEFINED[name];
    if (value === undefined) {
      this.fail(`undefined entity &${name}; (only &amp; &lt; &gt; &quot; &apos; and character references are supported)`, start);
    }
    return value;
  }

  private readAttrValue(): string {
    const s = this.s;
    const quote = s.charCodeAt(this.i);
    if (quote !== 0x22 && quote !== 0x27) {
      this.fail(this.i >= s.length ? 'unexpected end of input in a tag' : `attribute value must be quoted, found ${describe(s, this.i)}`);
    }
    const valueStart = this.i;
    this.i++;
    let out = '';
    let chunk = this.i;
    for (;;) {
      if (this.i >= s.length) this.fail('unterminated attribute value', valueStart);
      const c = s.charCodeAt(this.i);
      if (c === quote) {
        out += s.slice(chunk, this.i);
        this.i++;
        return out;
      }
      if (c === 0x3c) this.fail('"<" is not allowed in an attribute value (write it as &lt;)');
      if (c === 0x26) {
        out += s.slice(chunk, this.i);
        out += this.readReference();
        chunk = this.i;
        continue;
      }
      if (c === 0x09 || c === 0x0a) {
        // Attribute-value normalisation: literal whitespace becomes a space.
        out += s.slice(chunk, this.i) + ' ';
        this.i++;
        chunk = this.i;
        continue;
      }
      this.i++;
    }
  }

  /** Parses a start tag at this.i ('<' already verified). */
  private readStartTag(): { el: XmlElement; selfClosing: boolean } {
    const pos = this.i;
    this.i++;
    const name = this.readName('an element name');
    const attrs = new Map<string, string>();
    for (;;) {
      const hadWs = this.skipWs();
      if (this.i >= this.s.length) this.fail(`unexpected end of input in start tag <${name}>`, pos);
      const c = this.s.charCodeAt(this.i);
      if (c === 0x3e /* > */) {
        this.i++;
        return { el: { kind: 'element', name, attrs, children: [], pos }, selfClosing: false };
      }
      if (c === 0x2f /* / */) {
        this.i++;
        this.expect('>', '">" after "/" in an empty-element tag');
        return { el: { kind: 'element', name, attrs, children: [], pos }, selfClosing: true };
      }
      if (!hadWs) this.fail(`expected whitespace, ">" or "/>" in start tag <${name}>, found ${describe(this.s, this.i)}`);
      const attrPos = this.i;
      const attr = this.readName('an attribute name');
      this.skipWs();
      if (this.s.charCodeAt(this.i) !== 0x3d) {
        this.fail(`expected "=" after attribute name "${attr}", found ${describe(this.s, this.i)}`);
      }
      this.i++;
      this.skipWs();
      const value = this.readAttrValue();
      if (attrs.has(attr)) this.fail(`duplicate attribute "${attr}" on <${name}>`, attrPos);
      attrs.set(attr, value);
    }
  }

  private skipComment(): void {
    const start = this.i;
    const end = this.s.indexOf('-->', start + 4);
    if (end < 0) this.fail('unterminated comment', start);
    const dd = this.s.indexOf('--', start + 4);
    if (dd < end || this.s.charCodeAt(end - 1) === 0x2d) {
      this.fail('"--" is not allowed inside a comment', dd < end ? dd : end - 1);
    }
    this.i = end + 3;
  }

  private skipPi(atDocumentStart: boolean): void {
    const start = this.i;
    this.i += 2;
    const target = this.readName('a processing-instruction target');
    if (target.toLowerCase() === 'xml') {
      if (!atDocumentStart || target !== 'xml') this.fail('the XML declaration is only allowed at the very start of the document', start);
      this.readXmlDecl(start);
      return;
    }
    const end = this.s.indexOf('?>', this.i);
    if (end < 0) this.fail('unterminated processing instruction', start);
    if (end > this.i && !isWs(this.s.charCodeAt(this.i))) this.fail('expected whitespace after the processing-instruction target');
    this.i = end + 2;
  }

  private readXmlDecl(start: number): void {
    let sawVersion = false;
    for (;;) {
      const hadWs = this.skipWs();
      if (this.startsWith('?>')) {
        this.i += 2;
        if (!sawVersion) this.fail('the XML declaration must give a version', start);
        return;
      }
      if (this.i >= this.s.length) this.fail('unterminated XML declaration', start);
      if (!hadWs) this.fail(`expected whitespace or "?>" in the XML declaration, found ${describe(this.s, this.i)}`);
      const name = this.readName('a pseudo-attribute name');
      this.skipWs();
      this.expect('=');
      this.skipWs();
      const valuePos = this.i;
      const value = this.readAttrValue();
      if (name === 'version') {
        if (!/^1\.[0-9]+$/.test(value)) this.fail(`unsupported XML version "${value}"`, valuePos);
        sawVersion = true;
      } else if (name !== 'encoding' && name !== 'standalone') {
        this.fail(`unexpected "${name}" in the XML declaration`, valuePos);
      }
    }
  }

  private readQuoted(what: string): string {
    const q = this.s.charCodeAt(this.i);
    if (q !== 0x22 && q !== 0x27) this.fail(`expected a quoted ${what}`);
    const end = this.s.indexOf(q === 0x22 ? '"' : "'", this.i + 1);
    if (end < 0) this.fail(`unterminated ${what}`);
    const value = this.s.slice(this.i + 1, end);
    this.i = end + 1;
    return value;
  }

  private readDoctype(): XmlDocument['doctype'] {
    const start = this.i;
    this.i += '<!DOCTYPE'.length;
    if (!this.skipWs()) this.fail('expected whitespace after <!DOCTYPE');
    const name = this.readName('the document type name');
    const doctype: NonNullable<XmlDocument['doctype']> = { name };
    this.skipWs();
    if (this.startsWith('SYSTEM')) {
      this.i += 6;
      this.skipWs();
      doctype.systemId = this.readQuoted('system identifier');
    } else if (this.startsWith('PUBLIC')) {
      this.i += 6;
      this.skipWs();
      doctype.publicId = this.readQuoted('public identifier');
      this.skipWs();
      doctype.systemId = this.readQuoted('system identifier');
    }
    this.skipWs();
    if (this.s.charCodeAt(this.i) === 0x5b /* [ */) {
      this.i++;
      this.readInternalSubset();
      this.skipWs();
    }
    if (this.s.charCodeAt(this.i) !== 0x3e) {
      this.fail(this.i >= this.s.length ? 'unterminated DOCTYPE' : `unexpected ${describe(this.s, this.i)} in DOCTYPE`, this.i >= this.s.length ? start : this.i);
    }
    this.i++;
    return doctype;
  }

  /**
   * Walks an internal DTD subset without interpreting it. Element and
   * attribute-list declarations are skipped; any entity declaration or
   * parameter-entity reference aborts the parse, because expanding them is
   * exactly what entity-expansion and external-entity attacks rely on.
   */
  private readInternalSubset(): void {
    const s = this.s;
    for (;;) {
      this.skipWs();
      if (this.i >= s.length) this.fail('unterminated internal DTD subset');
      const c = s.charCodeAt(this.i);
      if (c === 0x5d /* ] */) {
        this.i++;
        return;
      }
      if (c === 0x25 /* % */) {
        this.fail('parameter-entity references in the DOCTYPE are refused (external or recursive entities are a security risk)');
      }
      if (this.startsWith('<!--')) {
        this.skipComment();
        continue;
      }
      if (this.startsWith('<?')) {
        this.skipPi(false);
        continue;
      }
      if (this.startsWith('<!ENTITY')) {
        const declStart = this.i;
        const end = s.indexOf('>', this.i);
        const decl = s.slice(this.i, end < 0 ? Math.min(s.length, this.i + 200) : end);
        const parameter = /^<!ENTITY\s+%/.test(decl);
        const external = /\s(SYSTEM|PUBLIC)\s/.test(decl);
        const kind = `${external ? 'external ' : ''}${parameter ? 'parameter ' : ''}entity`;
        this.fail(
          `the DOCTYPE declares an ${kind} (<!ENTITY>); entity declarations are refused, never expanded or fetched, ` +
            'to prevent entity-expansion ("billion laughs") and external-entity (XXE) attacks',
          declStart,
        );
      }
      if (this.startsWith('<!ELEMENT') || this.startsWith('<!ATTLIST') || this.startsWith('<!NOTATION')) {
        const declStart = this.i;
        this.i += 2;
        for (;;) {
          if (this.i >= s.length) this.fail('unterminated markup declaration in DOCTYPE', declStart);
          const d = s.charCodeAt(this.i);
          if (d === 0x22 || d === 0x27) {
            this.readQuoted('literal');
            continue;
          }
          if (d === 0x25) this.fail('parameter-entity references in the DOCTYPE are refused (external or recursive entities are a security risk)');
          this.i++;
          if (d === 0x3e) break;
        }
        continue;
      }
      this.fail(`unexpected ${describe(s, this.i)} in the internal DTD subset`);
    }
  }

  parse(): XmlDocument {
    const s = this.s;
    if (s.charCodeAt(0) === 0xfeff) this.i = 1;
    let doctype: XmlDocument['doctype'];
    let first = true;
    // Prolog.
    for (;;) {
      const atStart = first;
      first = false;
      // The XML declaration may not be preceded even by whitespace.
      const hadWs = this.skipWs();
      if (this.i >= s.length) this.fail('no root element found');
      if (this.startsWith('<?')) {
        this.skipPi(atStart && !hadWs);
        continue;
      }
      if (this.startsWith('<!--')) {
        this.skipComment();
        continue;
      }
      if (this.startsWith('<!DOCTYPE')) {
        if (doctype) this.fail('a document may have only one DOCTYPE');
        doctype = this.readDoctype();
        continue;
      }
      if (s.charCodeAt(this.i) === 0x3c) break;
      this.fail(`content is not allowed before the root element (found ${describe(s, this.i)})`);
    }
    const root = this.readContent();
    // Epilog.
    for (;;) {
      this.skipWs();
      if (this.i >= s.length) break;
      if (this.startsWith('<?')) {
        this.skipPi(false);
        continue;
      }
      if (this.startsWith('<!--')) {
        this.skipComment();
        continue;
      }
      if (s.charCodeAt(this.i) === 0x3c) this.fail(`only one root element is allowed; found another element after </${root.name}>`);
      this.fail(`text is not allowed after the root element </${root.name}>`);
    }
    return { root, doctype, source: s, format: this.format };
  }

  /** Reads the root element and everything inside it, iteratively so deep nesting cannot overflow the call stack. */
  private readContent(): XmlElement {
    const s = this.s;
    const len = s.length;
    const { el: root, selfClosing } = this.readStartTag();
    if (selfClosing) return root;
    const stack: XmlElement[] = [root];
    let text = '';
    let textPos = -1;
    const flush = (into: XmlElement) => {
      if (textPos >= 0) {
        into.children.push({ kind: 'text', text, pos: textPos });
        text = '';
        textPos = -1;
      }
    };
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      if (this.i >= len) {
        this.fail(`unexpected end of input: <${top.name}> opened at ${this.where(top.pos)} is not closed`);
      }
      const c = s.charCodeAt(this.i);
      if (c === 0x3c /* < */) {
        const n = s.charCodeAt(this.i + 1);
        if (n === 0x2f /* / */) {
          const endPos = this.i;
          this.i += 2;
          const name = this.readName('an element name after "</"');
          this.skipWs();
          if (s.charCodeAt(this.i) !== 0x3e) this.fail(`expected ">" to end </${name}, found ${describe(s, this.i)}`);
          this.i++;
          if (name !== top.name) {
            this.fail(`mismatched end tag </${name}>: expected </${top.name}> for the element opened at ${this.where(top.pos)}`, endPos);
          }
          flush(top);
          stack.pop();
          continue;
        }
        if (n === 0x21 /* ! */) {
          if (this.startsWith('<!--')) {
            this.skipComment();
            continue;
          }
          if (this.startsWith('<![CDATA[')) {
            const start = this.i;
            const end = s.indexOf(']]>', start + 9);
            if (end < 0) this.fail('unterminated CDATA section', start);
            if (textPos < 0) textPos = start;
            text += s.slice(start + 9, end);
            this.i = end + 3;
            continue;
          }
          if (this.startsWith('<!DOCTYPE')) this.fail('a DOCTYPE is only allowed before the root element');
          this.fail(`unexpected ${describe(s, this.i)}`);
        }
        if (n === 0x3f /* ? */) {
          this.skipPi(false);
          continue;
        }
        flush(top);
        const { el, selfClosing: empty } = this.readStartTag();
        top.children.push(el);
        if (!empty) stack.push(el);
        continue;
      }
      // Character data up to the next markup.
      if (textPos < 0) textPos = this.i;
      let chunk = this.i;
      while (this.i < len) {
        const d = s.charCodeAt(this.i);
        if (d === 0x3c) break;
        if (d === 0x26) {
          text += s.slice(chunk, this.i) + this.readReference();
          chunk = this.i;
          continue;
        }
        if (d === 0x5d && s.charCodeAt(this.i + 1) === 0x5d && s.charCodeAt(this.i + 2) === 0x3e) {
          this.fail('"]]>" is not allowed in text (write ">" as &gt;)');
        }
        this.i++;
      }
      text += s.slice(chunk, this.i);
    }
    return root;
  }
}

function describe(s: string, pos: number): string {
  if (pos >= s.length) return 'end of input';
  const cp = s.codePointAt(pos)!;
  if (cp < 0x20 || cp === 0x7f) return hex(cp);
  return `"${String.fromCodePoint(cp)}"`;
}

/**
 * Parses an XML document. Throws FormatError with line and column on any
 * well-formedness error, on characters XML 1.0 forbids, and on DOCTYPEs that
 * declare entities.
 */
export function parseXml(input: string, options: ParseOptions = {}): XmlDocument {
  const format = options.format ?? 'XML';
  // XML end-of-line handling. Replacing CRLF/CR by LF keeps line and column
  // numbers unchanged, so positions reported later still match the original.
  const source = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  const bad = ILLEGAL_XML_CHAR.exec(source);
  if (bad) {
    throw errorAt(format, source, bad.index, `character ${hex(source.charCodeAt(bad.index))} is not allowed in XML 1.0`);
  }
  return new Parser(source, format).parse();
}

/**
 * Decodes XML bytes following the byte-order mark or the encoding
 * declaration (default UTF-8). Decoding is strict: invalid byte sequences
 * are reported instead of being silently replaced.
 */
export function decodeXmlBytes(bytes: Uint8Array, format = 'XML'): string {
  let encoding = 'utf-8';
  let offset = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) offset = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    offset = 2;
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    offset = 2;
  } else if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) encoding = 'utf-16le';
  else if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) encoding = 'utf-16be';
  else {
    let head = '';
    for (let k = 0; k < Math.min(bytes.length, 256); k++) head += String.fromCharCode(bytes[k]!);
    const m = /^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
    if (m) encoding = m[1]!.toLowerCase();
    if (encoding === 'utf-16') encoding = 'utf-8'; // declared UTF-16 without a BOM cannot be; the bytes are ASCII-compatible
  }
  return decodeStrict(bytes.subarray(offset), encoding, format);
}

/** Strict UTF-8 (or other encoding) decoding with the position of the first bad byte sequence. */
export function decodeStrict(bytes: Uint8Array, encoding: string, format: string): string {
  let decoder: TextDecoder;
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
    throw errorAt(format, loose, Math.max(0, at), `the input is not valid ${encoding.toUpperCase()}`);
  }
}
