/**
 * The XML parser behind the pure readers in core/formats: saxes (strict,
 * namespace-aware, reports positions) turned into `XmlSink` events.
 *
 * It lives outside core/formats because that folder imports nothing but
 * common; the codecs there see only events, so the parser could change
 * without touching them.
 *
 * Input is read as a stream: bytes are decoded incrementally (strict, from
 * the byte-order mark or the encoding declaration) and fed to the parser in
 * chunks, so memory does not grow with the file. DOCTYPEs that declare
 * entities or reference parameter entities are refused before any content
 * is read (see `inspectDoctype`), undeclared entities are errors, and
 * nothing is ever fetched.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import {
  FormatError,
  TmxPairing,
  TmxReader,
  XliffReader,
  XmlTreeBuilder,
  checkTmxDocument,
  inspectDoctype,
  sniffXmlEncoding,
  type ImportedPair,
  type ImportedUnit,
  type TmxReadOptions,
  type XmlDocument,
  type XmlSink,
  type XmlStartTag,
} from '../formats';

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Deepest element nesting accepted. */
export const MAX_DEPTH = 200;

/** Friendlier wording for saxes' terse messages. */
function reword(message: string): string {
  switch (message) {
    case 'undefined entity.':
      return 'undefined entity (only &amp; &lt; &gt; &quot; &apos; and character references are allowed; entity declarations are refused)';
    case 'disallowed character.':
      return 'a character that is not allowed here (XML 1.0 forbids most control characters, and "<" must be written &lt; in attribute values)';
    default:
      return message.replace(/\.$/, '');
  }
}

/** Feeds text to saxes and turns its events into `XmlSink` calls, errors into `FormatError`s with line and column. */
export class XmlEventParser {
  private readonly parser: SaxesParser<{ xmlns: true; position: true }>;
  private readonly open: XmlStartTag[] = [];
  private startLine = 1;
  private startColumn = 1;
  private failed: unknown = null;
  private lastClosed: XmlStartTag | null = null;

  constructor(
    private readonly sink: XmlSink,
    private readonly format = 'XML',
  ) {
    const p = new SaxesParser({ xmlns: true, position: true });
    this.parser = p;
    p.on('error', (err) => {
      throw this.error(err.message.replace(/^\d+:\d+: /, ''));
    });
    p.on('doctype', (text) => {
      const { doctype, problem } = inspectDoctype(text);
      if (problem) {
        // The event comes after the DOCTYPE's ">": count back from there.
        const before = text.slice(0, problem.offset);
        const after = text.slice(problem.offset);
        const linesAfter = after.split('\n').length - 1;
        const line = p.line - linesAfter;
        const nl = before.lastIndexOf('\n');
        const column = linesAfter === 0 ? p.column - codePoints(after) : nl >= 0 ? codePoints(before.slice(nl + 1)) + 1 : 0;
        throw new FormatError(problem.reason, line, column > 0 ? column : 1, this.format);
      }
      sink.doctype?.(doctype);
    });
    p.on('opentagstart', (tag) => {
      // saxes resolves namespaces by walking the open elements, so depth costs time for every element:
      // refuse absurd nesting (TMX and XLIFF need a few dozen levels at most) before it turns into a hang.
      if (this.open.length >= MAX_DEPTH) {
        throw new FormatError(`elements are nested more than ${MAX_DEPTH} levels deep, which no TMX or XLIFF file needs`, p.line, Math.max(1, p.column), this.format);
      }
      this.startLine = p.line;
      this.startColumn = Math.max(1, p.column - codePoints(tag.name) - 1);
    });
    p.on('opentag', (t) => {
      const tag = this.toTag(t as SaxesTagNS);
      this.open.push(tag);
      this.guard(() => sink.open(tag));
    });
    p.on('closetag', () => {
      const tag = this.open.pop()!;
      this.lastClosed = tag;
      this.guard(() => sink.close(tag));
    });
    p.on('text', (text) => this.guard(() => sink.text(text)));
    p.on('cdata', (text) => this.guard(() => sink.text(text)));
  }

  private toTag(t: SaxesTagNS): XmlStartTag {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(t.attributes)) attrs[a.name] = a.value;
    return { name: t.name, local: t.local, uri: t.uri, attrs, selfClosing: t.isSelfClosing, line: this.startLine, column: this.startColumn };
  }

  /** Errors from a reader without a position get the parser's. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (e instanceof FormatError && e.line === 0) throw new FormatError(e.reason, this.parser.line, this.parser.column, e.format);
      throw e;
    }
  }

  private error(message: string): FormatError {
    const p = this.parser;
    let reason = reword(message);
    if (message === 'unexpected close tag.' && this.lastClosed) {
      // saxes has already closed the element the end tag should have matched.
      const open = this.lastClosed;
      const found = (p as unknown as { name?: string }).name;
      reason = `mismatched end tag${found ? ` </${found}>` : ''}: expected </${open.name}> for the element opened at line ${open.line}, column ${open.column}`;
    } else if (/^unclosed tag: /.test(message)) {
      const name = message.slice('unclosed tag: '.length);
      const el = [...this.open].reverse().find((o) => o.name === name);
      if (el) reason = `unexpected end of input: <${el.name}> opened at line ${el.line}, column ${el.column} is not closed`;
    }
    return new FormatError(reason, p.line, Math.max(1, p.column), this.format);
  }

  write(text: string): void {
    if (this.failed) throw this.failed;
    try {
      this.parser.write(text);
    } catch (e) {
      this.failed = e;
      throw e;
    }
  }

  close(): void {
    if (this.failed) throw this.failed;
    this.parser.close();
    this.sink.end?.();
  }

  get line(): number {
    return this.parser.line;
  }

  get column(): number {
    return this.parser.column;
  }
}

export interface StreamOptions {
  format?: string;
  /** Total input size in bytes, for progress. */
  totalBytes?: number;
  signal?: AbortSignal;
  /** Called after each chunk with the bytes consumed so far. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** Thrown when a stream is stopped through its AbortSignal. */
export class ReadCancelled extends Error {
  constructor() {
    super('stopped');
    this.name = 'ReadCancelled';
  }
}

/** Incremental strict decoder for XML bytes: sniffs the encoding from the first bytes, then decodes chunk by chunk. */
class XmlDecoder {
  private decoder: TextDecoder | null = null;
  private head: Uint8Array[] = [];
  private headLength = 0;
  private encoding = 'utf-8';

  constructor(
    private readonly format: string,
    private readonly where: () => { line: number; column: number },
  ) {}

  private start(bytes: Uint8Array): string {
    const sniff = sniffXmlEncoding(bytes);
    this.encoding = sniff.encoding;
    try {
      this.decoder = new TextDecoder(sniff.encoding, { fatal: true, ignoreBOM: true });
    } catch {
      throw new FormatError(`unsupported character encoding "${sniff.encoding}"`, 1, 1, this.format);
    }
    return this.decode(bytes.subarray(sniff.offset), true);
  }

  private decode(bytes: Uint8Array, stream: boolean): string {
    try {
      return this.decoder!.decode(bytes, { stream });
    } catch {
      const loose = new TextDecoder(this.encoding, { ignoreBOM: true }).decode(bytes);
      const at = Math.max(0, loose.indexOf('\uFFFD'));
      const before = loose.slice(0, at);
      const lines = before.split('\n');
      const here = this.where();
      const line = here.line + lines.length - 1;
      const column = lines.length > 1 ? codePoints(lines[lines.length - 1]!) + 1 : here.column + codePoints(before) + 1;
      throw new FormatError(`the input is not valid ${this.encoding.toUpperCase()}`, line, column, this.format);
    }
  }

  push(chunk: Uint8Array): string {
    if (this.decoder) return this.decode(chunk, true);
    // Sniffing needs the declaration's first bytes.
    this.head.push(chunk);
    this.headLength += chunk.length;
    if (this.headLength < 256) return '';
    return this.flushHead();
  }

  private flushHead(): string {
    const all = new Uint8Array(this.headLength);
    let o = 0;
    for (const h of this.head) {
      all.set(h, o);
      o += h.length;
    }
    this.head = [];
    return this.start(all);
  }

  end(): string {
    let out = '';
    if (!this.decoder) out = this.flushHead();
    return out + this.decode(new Uint8Array(0), false);
  }
}

/** Parses XML from a byte stream into `sink`, in bounded memory. */
export async function parseXmlStream(source: AsyncIterable<Uint8Array>, sink: XmlSink, opts: StreamOptions = {}): Promise<void> {
  const format = opts.format ?? 'XML';
  const parser = new XmlEventParser(sink, format);
  const decoder = new XmlDecoder(format, () => ({ line: parser.line, column: parser.column }));
  let read = 0;
  for await (const chunk of source) {
    if (opts.signal?.aborted) throw new ReadCancelled();
    read += chunk.length;
    const text = decoder.push(chunk);
    if (text) parser.write(text);
    opts.onProgress?.(read, opts.totalBytes ?? read);
  }
  if (opts.signal?.aborted) throw new ReadCancelled();
  const rest = decoder.end();
  if (rest) parser.write(rest);
  parser.close();
}

/** Parses a whole XML text or byte array into `sink`. */
export function parseXmlInto(input: string | Uint8Array, sink: XmlSink, format = 'XML'): void {
  const parser = new XmlEventParser(sink, format);
  if (typeof input === 'string') {
    parser.write(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input);
  } else {
    const decoder = new XmlDecoder(format, () => ({ line: parser.line, column: parser.column }));
    const text = decoder.push(input) + decoder.end();
    parser.write(text);
  }
  parser.close();
}

/** A whole document as a tree (for checks and tests; readers use events). */
export function parseXml(input: string | Uint8Array, options: { format?: string } = {}): XmlDocument {
  const format = options.format ?? 'XML';
  const builder = new XmlTreeBuilder(format);
  parseXmlInto(input, builder, format);
  return builder.document();
}

/** Wires a TMX reader to a unit callback; `finish` gives the pair's languages and warnings. */
export function tmxUnitReader(options: TmxReadOptions, onUnit: (unit: ImportedUnit) => void): { sink: XmlSink; finish(): Omit<ImportedPair, 'units'> } {
  const pairing = new TmxPairing(options, onUnit);
  let headerSeen = false;
  const reader = new TmxReader((tu) => {
    if (!headerSeen) {
      pairing.setHeader(reader.header!);
      headerSeen = true;
    }
    pairing.tu(tu);
  });
  return {
    sink: reader,
    finish() {
      if (!headerSeen && reader.header) pairing.setHeader(reader.header);
      const langs = pairing.finish();
      const out: Omit<ImportedPair, 'units'> = { srcLang: langs.srcLang, tgtLang: langs.tgtLang };
      if (pairing.warnings.length) out.warnings = pairing.warnings;
      return out;
    },
  };
}

/** Wires an XLIFF reader to a unit callback. */
export function xliffUnitReader(onUnit: (unit: ImportedUnit) => void): { sink: XmlSink; finish(): Omit<ImportedPair, 'units'> } {
  const reader = new XliffReader(onUnit);
  return {
    sink: reader,
    finish() {
      const out: Omit<ImportedPair, 'units'> = { srcLang: reader.info?.srcLang ?? '', tgtLang: reader.info?.tgtLang ?? '' };
      if (reader.warnings.length) out.warnings = reader.warnings;
      return out;
    },
  };
}

/** Reads a whole TMX text or byte array into one language pair. */
export function readTmx(input: string | Uint8Array, options: TmxReadOptions = {}): ImportedPair {
  const units: ImportedUnit[] = [];
  const r = tmxUnitReader(options, (u) => units.push(u));
  parseXmlInto(input, r.sink, 'TMX');
  const head = r.finish();
  return { srcLang: head.srcLang, tgtLang: head.tgtLang, units, ...(head.warnings ? { warnings: head.warnings } : {}) };
}

/** Reads a whole XLIFF 2.x or 1.x text or byte array. */
export function readXliff(input: string | Uint8Array): ImportedPair {
  const units: ImportedUnit[] = [];
  const r = xliffUnitReader((u) => units.push(u));
  parseXmlInto(input, r.sink, 'XLIFF');
  const head = r.finish();
  return { srcLang: head.srcLang, tgtLang: head.tgtLang, units, ...(head.warnings ? { warnings: head.warnings } : {}) };
}

/** TMX checks beyond the DTD (see checkTmxDocument); a parse error is the one problem reported. */
export function checkTmx(xml: string | Uint8Array): string[] {
  let doc: XmlDocument;
  try {
    doc = parseXml(xml, { format: 'TMX' });
  } catch (e) {
    if (e instanceof FormatError) return [e.message];
    throw e;
  }
  return checkTmxDocument(doc);
}
