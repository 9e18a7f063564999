/**
 * XLIFF writers (2.1, the default, and 1.2, which memoQ, Trados, OmegaT
 * through Okapi and translate-toolkit read) and one streaming reader for
 * XLIFF 2.x and 1.x.
 *
 * XLIFF 2.1 layout written:
 *   <xliff xmlns=urn:oasis:names:tc:xliff:document:2.0 version="2.1" srcLang trgLang>
 *     <file id="f1">   file-level mda:metadata: tool_version, created_at, segtype, src_doc, tgt_doc
 *       <unit id>      mda:metadata (Metadata module) with the unit's properties, notes,
 *                      originalData (the native markup of inline codes), then
 *         <segment state>  <source xml:space="preserve">, <target xml:space="preserve">
 *
 * XLIFF 2.1 keeps the 2.0 core namespace. Properties use the Metadata module
 * (urn:oasis:names:tc:xliff:metadata:2.0) because core XLIFF has no place for
 * them. A <target> is written whenever there is target text or the state is
 * not "initial". Characters XML cannot carry are written as <cp hex="..."/>,
 * XLIFF 2's own lossless escape for them.
 *
 * XLIFF 1.2 layout written:
 *   <xliff version="1.2" xmlns=urn:oasis:names:tc:xliff:document:1.2>
 *     <file original source-language target-language datatype="plaintext" date>
 *       <header><tool tool-id="tandem" .../></header>
 *       <body>
 *         <trans-unit id xml:space="preserve" approved?>
 *           <source>, <target state>, then a <context-group name="tandem"> whose
 *           <context context-type="x-status"> etc. hold the unit's properties
 *
 * States map to 1.2 as initial → needs-translation, translated → translated,
 * reviewed → signed-off, final → final (reviewed and final are approved).
 * XLIFF 1.2 cannot escape illegal characters, so they become U+FFFD with a note.
 *
 * Reading matches elements by namespace and local name: elements of other
 * namespaces (extensions) are skipped, and a root outside the XLIFF
 * namespaces is refused.
 */
import type { InlineCode } from './codes.js';
import { FormatError } from './errors.js';
import { InlineCollector, xliff12Inline, xliff2DataContent, xliff2Inline, type InlineDialect } from './inline.js';
import type { AlignedUnit, ExportMeta, ImportedUnit, UnitPropKey } from './types.js';
import { SNAKE_KEYS, UNIT_PROP_KEYS, detachUnit, propKeyFromSnake, unitPropRecord } from './types.js';
import { escapeAttr, escapeText, sanitizeXmlText, type XmlSink, type XmlStartTag } from './xml.js';

export const XLIFF_FORMAT = 'XLIFF';
export const XLIFF2_NS = 'urn:oasis:names:tc:xliff:document:2.0';
export const XLIFF12_NS = 'urn:oasis:names:tc:xliff:document:1.2';
const XLIFF11_NS = 'urn:oasis:names:tc:xliff:document:1.1';
export const MDA_NS = 'urn:oasis:names:tc:xliff:metadata:2.0';
const CATEGORY = 'tandem';

export type XliffVersion = '1.2' | '2.1';
export const XLIFF_VERSIONS: readonly XliffVersion[] = ['2.1', '1.2'];

/** Unit properties recorded as metadata; state lives on <segment>/<target>, the id on <unit>/<trans-unit>. */
const META_KEYS: UnitPropKey[] = UNIT_PROP_KEYS.filter((k) => k !== 'id' && k !== 'state');

/**
 * Attribute values and metadata cannot hold <cp/>, so illegal characters
 * there become U+FFFD; `replaced` collects them for a note in the unit.
 */
function plain(text: string, replaced?: string[]): string {
  const clean = sanitizeXmlText(text);
  replaced?.push(...clean.replaced);
  return escapeText(clean.text);
}

function plainAttr(text: string, replaced?: string[]): string {
  const clean = sanitizeXmlText(text);
  replaced?.push(...clean.replaced);
  return escapeAttr(clean.text);
}

function replacedNote(replaced: string[], where: string): string {
  const distinct = [...new Set(replaced)].join(', ');
  return `Replaced ${replaced.length} character(s) not allowed in XML 1.0 ${where}with U+FFFD: ${distinct}`;
}

const NMTOKEN = /^[\p{L}\p{N}._:\-\u00B7\u0300-\u036F\u203F\u2040\p{Mn}\p{Mc}]+$/u;

/** Unit ids must be unique NMTOKENs: when the unit's own id cannot be used, a generated one is written and the real id kept as metadata. */
class UnitIds {
  private readonly used = new Set<string>();

  take(wanted: string, index: number): string {
    let id = wanted;
    if (!NMTOKEN.test(id) || this.used.has(id)) {
      id = `u${index + 1}`;
      for (let k = 2; this.used.has(id); k++) id = `u${index + 1}-${k}`;
    }
    this.used.add(id);
    return id;
  }
}

function metaBlock(indent: string, entries: [string, string][], replaced?: string[]): string[] {
  if (!entries.length) return [];
  return [
    `${indent}<mda:metadata>`,
    `${indent}  <mda:metaGroup category="${CATEGORY}">`,
    ...entries.map(([type, value]) => `${indent}    <mda:meta type="${plainAttr(type)}">${plain(value, replaced)}</mda:meta>`),
    `${indent}  </mda:metaGroup>`,
    `${indent}</mda:metadata>`,
  ];
}

/** The unit's properties other than id and state, with doc names only where they differ from the file's. */
function unitEntries(props: Record<string, string>, meta: ExportMeta): [string, string][] {
  const entries: [string, string][] = [];
  for (const key of META_KEYS) {
    const value = props[key];
    if (value === undefined) continue;
    if (key === 'srcDoc' && value === meta.srcDoc) continue;
    if (key === 'tgtDoc' && value === meta.tgtDoc) continue;
    entries.push([SNAKE_KEYS[key], value]);
  }
  return entries;
}

/** Streaming XLIFF writer: `head()`, then `unit()` for each unit, then `tail()`. */
export interface XliffWriter {
  head(): string;
  unit(unit: AlignedUnit, index: number): string;
  tail(): string;
}

export function xliffWriter(meta: ExportMeta, version: XliffVersion = '2.1'): XliffWriter {
  if (!meta.srcLang) throw new RangeError('writeXliff: meta.srcLang is required');
  return version === '1.2' ? xliff12Writer(meta) : xliff2Writer(meta);
}

export function writeXliff(units: readonly AlignedUnit[], meta: ExportMeta, version: XliffVersion = '2.1'): string {
  const w = xliffWriter(meta, version);
  let out = w.head();
  units.forEach((u, i) => (out += w.unit(u, i)));
  return out + w.tail();
}

function xliff2Writer(meta: ExportMeta): XliffWriter {
  const ids = new UnitIds();
  return {
    head() {
      const out: string[] = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<xliff xmlns="${XLIFF2_NS}" xmlns:mda="${MDA_NS}" version="2.1" srcLang="${plainAttr(meta.srcLang)}"` +
          (meta.tgtLang ? ` trgLang="${plainAttr(meta.tgtLang)}"` : '') +
          '>',
        '  <file id="f1">',
      ];
      const fileMeta: [string, string][] = [['tool', 'Tandem']];
      if (meta.toolVersion) fileMeta.push(['tool_version', meta.toolVersion]);
      if (meta.createdAt) fileMeta.push(['created_at', meta.createdAt]);
      if (meta.segtype) fileMeta.push(['segtype', meta.segtype]);
      if (meta.srcDoc) fileMeta.push([SNAKE_KEYS.srcDoc, meta.srcDoc]);
      if (meta.tgtDoc) fileMeta.push([SNAKE_KEYS.tgtDoc, meta.tgtDoc]);
      out.push(...metaBlock('    ', fileMeta), '');
      return out.join('\n');
    },
    unit(unit, index) {
      const props = unitPropRecord(unit, index, meta);
      const wanted = props.id!;
      const id = ids.take(wanted, index);
      const entries = unitEntries(props, meta);
      if (id !== wanted) entries.unshift(['id', wanted]);
      const state = props.state!;
      const replaced: string[] = [];
      const out = [`    <unit id="${plainAttr(id)}">`, ...metaBlock('      ', entries, replaced)];
      if (replaced.length) {
        out.push('      <notes>', `        <note category="${CATEGORY}">${replacedNote(replaced, "in the unit's properties ")}</note>`, '      </notes>');
      }
      const data = new Map<string, string>();
      const dataId = (native: string) => {
        let d = data.get(native);
        if (d === undefined) data.set(native, (d = `d${data.size + 1}`));
        return d;
      };
      const source = xliff2Inline(unit.src, dataId);
      const withTarget = unit.tgt.text !== '' || state !== 'initial';
      const target = withTarget ? xliff2Inline(unit.tgt, dataId) : '';
      if (data.size) {
        out.push('      <originalData>');
        for (const [native, d] of data) out.push(`        <data id="${d}">${xliff2DataContent(native)}</data>`);
        out.push('      </originalData>');
      }
      out.push(`      <segment state="${state}">`, `        <source xml:space="preserve">${source}</source>`);
      if (withTarget) out.push(`        <target xml:space="preserve">${target}</target>`);
      out.push('      </segment>', '    </unit>', '');
      return out.join('\n');
    },
    tail() {
      return '  </file>\n</xliff>\n';
    },
  };
}

const STATE_TO_12: Record<string, string> = { initial: 'needs-translation', translated: 'translated', reviewed: 'signed-off', final: 'final' };
const STATE_FROM_12: Record<string, string> = { new: 'initial', 'needs-translation': 'initial', translated: 'translated', 'signed-off': 'reviewed', final: 'final' };

function xliff12Writer(meta: ExportMeta): XliffWriter {
  const ids = new UnitIds();
  return {
    head() {
      let file = `  <file original="${plainAttr(meta.srcDoc || 'tandem')}" source-language="${plainAttr(meta.srcLang)}"`;
      if (meta.tgtLang) file += ` target-language="${plainAttr(meta.tgtLang)}"`;
      file += ' datatype="plaintext"';
      if (meta.createdAt) file += ` date="${plainAttr(new Date(meta.createdAt).toISOString().replace(/\.\d+Z$/, 'Z'))}"`;
      const toolVersion = meta.toolVersion ? ` tool-version="${plainAttr(meta.toolVersion)}"` : '';
      const header = ['    <header>', `      <tool tool-id="tandem" tool-name="Tandem"${toolVersion}/>`];
      const fileProps: [string, string | undefined][] = [
        ['x-segtype', meta.segtype],
        ['x-src-doc', meta.srcDoc],
        ['x-tgt-doc', meta.tgtDoc],
      ];
      const notes = fileProps.filter(([, v]) => v).map(([k, v]) => `      <note from="${CATEGORY}" annotates="general">${k}: ${plain(v!)}</note>`);
      header.push(...notes, '    </header>');
      return ['<?xml version="1.0" encoding="UTF-8"?>', `<xliff version="1.2" xmlns="${XLIFF12_NS}">`, file + '>', ...header, '    <body>', ''].join('\n');
    },
    unit(unit, index) {
      const props = unitPropRecord(unit, index, meta);
      const wanted = props.id!;
      const id = ids.take(wanted, index);
      const entries = unitEntries(props, meta);
      if (id !== wanted) entries.unshift(['id', wanted]);
      const state = props.state!;
      const replaced: string[] = [];
      const approved = state === 'reviewed' || state === 'final' ? ' approved="yes"' : '';
      const out = [`      <trans-unit id="${plainAttr(id)}" xml:space="preserve"${approved}>`, `        <source>${xliff12Inline(unit.src, replaced)}</source>`];
      if (unit.tgt.text !== '' || state !== 'initial') out.push(`        <target state="${STATE_TO_12[state]}">${xliff12Inline(unit.tgt, replaced)}</target>`);
      if (entries.length) {
        out.push(`        <context-group name="${CATEGORY}" purpose="information">`);
        for (const [type, value] of entries) out.push(`          <context context-type="x-${type.replace(/_/g, '-')}">${plain(value, replaced)}</context>`);
        out.push('        </context-group>');
      }
      if (replaced.length) out.push(`        <note from="${CATEGORY}">${replacedNote(replaced, '')}</note>`);
      out.push('      </trans-unit>', '');
      return out.join('\n');
    },
    tail() {
      return '    </body>\n  </file>\n</xliff>\n';
    },
  };
}

/** What the reader learns from the root and the first <file>. */
export interface XliffInfo {
  version: string;
  srcLang: string;
  tgtLang: string;
}

interface UnitState {
  props: Record<string, string>;
  src: string;
  tgt: string;
  srcCodes: InlineCode[];
  tgtCodes: InlineCode[];
  state?: string;
  segments: number;
  notes: string[];
  line: number;
  column: number;
  hasSource: boolean;
}

/**
 * Reads XLIFF 2.x or 1.x from parser events, handing each unit to `onUnit`
 * as soon as it closes. Only the first <file>'s language pair is read from
 * an XLIFF 1.x file; files in another pair are skipped with a warning.
 */
export class XliffReader implements XmlSink {
  info: XliffInfo | undefined;
  readonly warnings: string[] = [];
  private v2 = false;
  private ns = '';
  /** Local names of the XLIFF elements open, or "" for a foreign one. */
  private readonly path: string[] = [];
  private foreign = 0;
  private unit: UnitState | null = null;
  private inline: InlineCollector | null = null;
  private inlineSide: 'source' | 'target' | null = null;
  private inlineDepth = 0;
  private segTarget = false;
  private segKind = '';
  private segSrc = '';
  private segSrcCodes: InlineCode[] = [];
  private segTgt: { text: string; codes?: InlineCode[] } | null = null;
  private data = new Map<string, string>();
  private dataId: string | null = null;
  private capture: { kind: 'meta' | 'note' | 'data' | 'context'; key: string; text: string } | null = null;
  private fileMeta: Record<string, string> = {};
  private fileSkipped = false;
  private fileCount = 0;

  constructor(private readonly onUnit: (unit: ImportedUnit) => void) {}

  private fail(at: { line: number; column: number }, reason: string): never {
    throw new FormatError(reason, at.line, at.column, XLIFF_FORMAT);
  }

  open(tag: XmlStartTag): void {
    if (this.inline) {
      this.inlineDepth++;
      this.inline.open(tag);
      return;
    }
    if (this.foreign) {
      this.foreign++;
      return;
    }
    const depth = this.path.length;
    if (depth === 0) return this.root(tag);
    const parent = this.path[depth - 1]!;
    const isCore = tag.uri === this.ns;
    if (!isCore) {
      if (this.v2 && tag.uri === MDA_NS && (parent === 'file' || parent === 'unit' || parent === 'mda:metadata' || parent === 'mda:metaGroup')) {
        const name = `mda:${tag.local}`;
        if (tag.local === 'meta') this.capture = { kind: 'meta', key: tag.attrs.type ?? '', text: '' };
        this.path.push(name);
        return;
      }
      this.foreign = 1;
      return;
    }
    const name = tag.local;
    if (this.fileSkipped && depth >= 2) {
      this.foreign = 1;
      return;
    }
    if (name === 'file' && depth === 1) this.file(tag);
    else if (this.v2) this.open2(tag, name, parent);
    else this.open12(tag, name, parent);
    if (!this.foreign) this.path.push(name);
  }

  private root(tag: XmlStartTag): void {
    if (tag.local !== 'xliff') this.fail(tag, `the root element is <${tag.name}>, expected <xliff>`);
    const version = tag.attrs.version ?? '';
    if (version.startsWith('2.')) {
      if (tag.uri !== XLIFF2_NS) this.fail(tag, `an XLIFF ${version} root must be in the namespace ${XLIFF2_NS}, not ${tag.uri ? `"${tag.uri}"` : 'no namespace'}`);
      const srcLang = tag.attrs.srcLang;
      if (!srcLang) this.fail(tag, '<xliff> has no srcLang attribute');
      this.v2 = true;
      this.info = { version, srcLang, tgtLang: tag.attrs.trgLang ?? '' };
    } else if (version === '1.2' || version === '1.1' || version === '1.0') {
      const allowed = version === '1.2' ? [XLIFF12_NS] : [XLIFF12_NS, XLIFF11_NS, ''];
      if (!allowed.includes(tag.uri)) this.fail(tag, `an XLIFF ${version} root must be in the namespace ${XLIFF12_NS}, not ${tag.uri ? `"${tag.uri}"` : 'no namespace'}`);
      this.info = { version, srcLang: '', tgtLang: '' };
    } else {
      this.fail(tag, `unsupported XLIFF version "${version}" (expected 2.x or 1.2)`);
    }
    this.ns = tag.uri;
    this.path.push('xliff');
  }

  private file(tag: XmlStartTag): void {
    this.fileCount++;
    this.fileMeta = {};
    this.fileSkipped = false;
    if (this.v2) return;
    const s = tag.attrs['source-language'] ?? '';
    const t = tag.attrs['target-language'] ?? '';
    if (this.fileCount === 1) {
      this.info!.srcLang = s;
      this.info!.tgtLang = t;
    } else if (s !== this.info!.srcLang || t !== this.info!.tgtLang) {
      this.warnings.push(`<file> #${this.fileCount} is ${s}→${t}, not ${this.info!.srcLang}→${this.info!.tgtLang}; skipped`);
      this.fileSkipped = true;
    }
  }

  private newUnit(tag: XmlStartTag): UnitState {
    const props: Record<string, string> = {};
    if (tag.attrs.id) props.id = tag.attrs.id;
    return { props, src: '', tgt: '', srcCodes: [], tgtCodes: [], segments: 0, notes: [], line: tag.line, column: tag.column, hasSource: false };
  }

  private startInline(side: 'source' | 'target', dialect: InlineDialect): void {
    this.inline = new InlineCollector(dialect, this.ns, this.data, (t, r) => this.fail(t, r));
    this.inlineSide = side;
    this.inlineDepth = 0;
  }

  private open2(tag: XmlStartTag, name: string, parent: string): void {
    if (name === 'unit' && (parent === 'file' || parent === 'group')) {
      this.unit = this.newUnit(tag);
      this.data = new Map();
    } else if (this.unit && (name === 'segment' || name === 'ignorable') && parent === 'unit') {
      this.segKind = name;
      this.segTarget = false;
      this.segSrc = '';
      this.segSrcCodes = [];
      this.segTgt = null;
      this.unit.hasSource = false;
      if (name === 'segment') {
        if (this.unit.segments === 0) this.unit.state = tag.attrs.state ?? 'initial';
        this.unit.segments++;
      }
    } else if (this.unit && (name === 'source' || name === 'target') && (parent === 'segment' || parent === 'ignorable')) {
      if (name === 'source') this.unit.hasSource = true;
      this.startInline(name, 'xliff2');
    } else if (this.unit && name === 'note' && parent === 'notes') {
      this.capture = { kind: 'note', key: '', text: '' };
    } else if (this.unit && name === 'data' && parent === 'originalData') {
      this.dataId = tag.attrs.id ?? '';
      this.startInline('source', 'xliff2');
      this.inlineSide = null;
    }
  }

  private open12(tag: XmlStartTag, name: string, parent: string): void {
    if (name === 'trans-unit' && (parent === 'body' || parent === 'group')) {
      this.unit = this.newUnit(tag);
    } else if (this.unit && (name === 'source' || name === 'target') && parent === 'trans-unit') {
      if (name === 'source') this.unit.hasSource = true;
      else if (tag.attrs.state) this.unit.state = STATE_FROM_12[tag.attrs.state] ?? tag.attrs.state;
      this.startInline(name, 'xliff12');
    } else if (this.unit && name === 'note' && parent === 'trans-unit') {
      this.capture = { kind: 'note', key: '', text: '' };
    } else if (this.unit && name === 'context' && parent === 'context-group') {
      this.capture = { kind: 'context', key: tag.attrs['context-type'] ?? '', text: '' };
    } else if (!this.unit && name === 'note' && parent === 'header') {
      this.capture = { kind: 'note', key: 'file', text: '' };
    } else if (this.unit && (name === 'alt-trans' || name === 'seg-source')) {
      // Other translations and segmented copies are not this unit's text.
      this.foreign = 1;
    }
  }

  text(t: string): void {
    if (this.inline) this.inline.text(t);
    else if (this.capture && !this.foreign) this.capture.text += t;
    else if (!this.foreign && this.path.length === 1 && /[^ \t\n\r]/.test(t)) {
      throw new FormatError('text is not allowed directly inside <xliff>', 0, 0, XLIFF_FORMAT);
    }
  }

  close(tag: XmlStartTag): void {
    if (this.inline) {
      if (this.inlineDepth > 0) {
        this.inlineDepth--;
        this.inline.close(tag);
        return;
      }
      const seg = this.inline.finish();
      this.inline = null;
      if (this.dataId !== null) {
        this.data.set(this.dataId, seg.text);
        this.dataId = null;
      } else if (this.v2) {
        if (this.inlineSide === 'source') {
          this.segSrc = seg.text;
          this.segSrcCodes = seg.codes ?? [];
        } else this.segTgt = seg;
      } else if (this.unit) {
        if (this.inlineSide === 'source') {
          this.unit.src = seg.text;
          this.unit.srcCodes = seg.codes ?? [];
        } else {
          this.unit.tgt = seg.text;
          this.unit.tgtCodes = seg.codes ?? [];
        }
      }
      this.inlineSide = null;
    }
    if (this.foreign) {
      this.foreign--;
      return;
    }
    const name = this.path.pop()!;
    if (this.capture && (name === 'mda:meta' || name === 'note' || name === 'context')) {
      const c = this.capture;
      this.capture = null;
      if (c.kind === 'meta') {
        if (c.key && c.text !== '') (this.unit ? this.unit.props : this.fileMeta)[this.unit ? propKeyFromSnake(c.key) : c.key] = c.text;
      } else if (c.kind === 'context') {
        const m = /^x-(.+)$/.exec(c.key);
        if (m && c.text !== '') this.unit!.props[propKeyFromSnake(m[1]!.replace(/-/g, '_'))] = c.text;
      } else if (c.key === 'file') {
        const m = /^(x-[a-z-]+): (.*)$/s.exec(c.text);
        if (m) this.fileMeta[m[1]!.slice(2).replace(/-/g, '_')] = m[2]!;
      } else if (c.text !== '') this.unit?.notes.push(c.text);
      return;
    }
    if (!this.unit) return;
    if (this.v2 && (name === 'segment' || name === 'ignorable')) this.endSegment2(tag);
    else if ((this.v2 && name === 'unit') || (!this.v2 && name === 'trans-unit')) this.endUnit(tag);
  }

  private endSegment2(tag: XmlStartTag): void {
    const u = this.unit!;
    if (!u.hasSource) this.fail(tag, `<${this.segKind}> has no <source>`);
    const shift = (codes: InlineCode[], by: number) => codes.map((c) => ({ ...c, at: c.at + by, ...(c.pair !== undefined ? { pair: c.pair + 1000 * u.segments } : {}) }));
    u.srcCodes.push(...shift(this.segSrcCodes, u.src.length));
    u.src += this.segSrc;
    // An ignorable without a target stands for the same text on both sides.
    const tgt = this.segTgt ?? (this.segKind === 'ignorable' ? { text: this.segSrc, codes: this.segSrcCodes } : { text: '' });
    u.tgtCodes.push(...shift(tgt.codes ?? [], u.tgt.length));
    u.tgt += tgt.text;
  }

  private endUnit(tag: XmlStartTag): void {
    const u = this.unit!;
    this.unit = null;
    if (this.v2 && u.segments === 0) this.fail({ line: u.line, column: u.column }, '<unit> has no <segment>');
    const props = u.props;
    if (props.srcDoc === undefined && this.fileMeta.src_doc) props.srcDoc = this.fileMeta.src_doc;
    if (props.tgtDoc === undefined && this.fileMeta.tgt_doc) props.tgtDoc = this.fileMeta.tgt_doc;
    if (u.state) props.state = u.state;
    if (u.notes.length) props.note = u.notes.join('\n');
    const unit: ImportedUnit = { src: u.src, tgt: u.tgt };
    if (u.srcCodes.length) unit.srcCodes = renumber(u.srcCodes);
    if (u.tgtCodes.length) unit.tgtCodes = renumber(u.tgtCodes);
    unit.props = props;
    void tag;
    this.onUnit(detachUnit(unit));
  }

  end(): void {
    if (!this.info) throw new FormatError('no root element found', 1, 1, XLIFF_FORMAT);
    if (this.fileCount === 0) throw new FormatError('<xliff> has no <file>', 1, 1, XLIFF_FORMAT);
  }
}

/** Pair numbers from 1 in order of appearance. */
function renumber(codes: InlineCode[]): InlineCode[] {
  const map = new Map<number, number>();
  return codes.map((c) => {
    if (c.pair === undefined) return c;
    if (!map.has(c.pair)) map.set(c.pair, map.size + 1);
    return { ...c, pair: map.get(c.pair)! };
  });
}
