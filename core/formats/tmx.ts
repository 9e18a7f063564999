/**
 * TMX 1.4b (Translation Memory eXchange) writer, streaming reader and checker.
 *
 * Layout written, bilingual (`writeTmx`):
 *   <header ...>            all attributes the DTD requires; x-src-doc, x-tgt-doc and
 *                           x-tgt-lang props so an empty export still names its languages
 *   <tu tuid="id">          prop x-status, x-confidence, x-annotator, x-origin, x-state,
 *                           x-src-doc / x-tgt-doc (only when they differ from the header),
 *                           then a <note> if characters had to be replaced
 *     <tuv xml:lang>        prop x-doc-title, x-segments ("1,2"), then exactly one <seg>
 *
 * Multilingual (`tmxMultilingualUnit`): one <tu> per unit with a <tuv> per
 * language, the original first. The header's srclang is "*all*" when units
 * have different originals' languages, and then each <tu> names its own
 * srclang. Each <tuv> carries x-doc, and a translation's <tuv> carries its
 * link's x-status, x-confidence, x-annotator, x-origin and x-state.
 *
 * The writer is split into header, unit and footer so that an export can be
 * streamed to a file unit by unit.
 *
 * The DTD requires <prop>/<note> before the <tuv>s of a <tu>, and before the
 * <seg> of a <tuv>. Characters XML 1.0 cannot carry (C0 controls other than
 * tab/LF/CR, unpaired surrogates, U+FFFE/U+FFFF) become U+FFFD and the unit
 * gets a <note> listing them, so the loss is visible rather than silent.
 * Inline codes are written as <bpt>/<ept>, <it>, <ph> and <hi> (inline.ts).
 */
import type { InlineCode } from './codes.js';
import { FormatError } from './errors.js';
import { InlineCollector, tmxInline } from './inline.js';
import type { AlignedUnit, ExportMeta, ImportedUnit, MultilingualUnit, SegType, UnitPropKey } from './types.js';
import { detachUnit, unitPropRecord } from './types.js';
import { childElements, escapeAttr, escapeText, sanitizeXmlText, xmlError, type XmlDocument, type XmlElement, type XmlSink, type XmlStartTag } from './xml.js';

export const TMX_FORMAT = 'TMX';
const TOOL = 'Tandem';
const SEGTYPES = ['block', 'paragraph', 'sentence', 'phrase'];

/** TMX prop types written on <tu> (or a translation's <tuv>), and the ImportedUnit prop keys they map to. */
const TU_PROPS: [UnitPropKey, string][] = [
  ['status', 'x-status'],
  ['confidence', 'x-confidence'],
  ['annotator', 'x-annotator'],
  ['origin', 'x-origin'],
  ['state', 'x-state'],
  ['srcDoc', 'x-src-doc'],
  ['tgtDoc', 'x-tgt-doc'],
];
const TU_PROP_KEY = new Map(TU_PROPS.map(([k, t]) => [t, k]));

/** ISO 8601 to the TMX date format YYYYMMDDThhmmssZ (always UTC). */
export function toTmxDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new RangeError(`createdAt is not a valid ISO date: ${JSON.stringify(iso)}`);
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
}

/** Escapes text for element content, replacing XML-illegal characters and collecting what was replaced. */
function textOut(value: string, replaced: string[]): string {
  const clean = sanitizeXmlText(value);
  replaced.push(...clean.replaced);
  return escapeText(clean.text);
}

function attrOut(value: string, replaced: string[]): string {
  const clean = sanitizeXmlText(value);
  replaced.push(...clean.replaced);
  return escapeAttr(clean.text);
}

function replacementNote(replaced: string[]): string {
  const distinct = [...new Set(replaced)];
  return `Replaced ${replaced.length} character(s) not allowed in XML 1.0 with U+FFFD: ${distinct.join(', ')}`;
}

export interface TmxHeaderMeta {
  /** The header's srclang: a language, or "*all*" when units differ. */
  srcLang: string;
  /** Bilingual files name their target language in an x-tgt-lang prop. */
  tgtLang?: string;
  toolVersion: string;
  srcDoc?: string;
  tgtDoc?: string;
  createdAt?: string;
  segtype?: SegType;
}

/** Everything before the first <tu>. */
export function tmxHead(meta: TmxHeaderMeta): string {
  if (!meta.srcLang) throw new RangeError('TMX: meta.srcLang is required');
  const segtype = meta.segtype ?? 'paragraph';
  const headerReplaced: string[] = [];
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<!DOCTYPE tmx SYSTEM "tmx14.dtd">');
  out.push('<tmx version="1.4">');
  let header =
    `  <header creationtool="${TOOL}" creationtoolversion="${attrOut(meta.toolVersion || '0', headerReplaced)}"` +
    ` segtype="${segtype}" o-tmf="${TOOL}" adminlang="en" srclang="${attrOut(meta.srcLang, headerReplaced)}"` +
    ` datatype="plaintext"`;
  if (meta.createdAt) header += ` creationdate="${toTmxDate(meta.createdAt)}"`;
  const headerProps: string[] = [];
  if (meta.tgtLang) headerProps.push(`    <prop type="x-tgt-lang">${textOut(meta.tgtLang, headerReplaced)}</prop>`);
  if (meta.srcDoc) headerProps.push(`    <prop type="x-src-doc">${textOut(meta.srcDoc, headerReplaced)}</prop>`);
  if (meta.tgtDoc) headerProps.push(`    <prop type="x-tgt-doc">${textOut(meta.tgtDoc, headerReplaced)}</prop>`);
  if (headerReplaced.length) headerProps.push(`    <note>${replacementNote(headerReplaced)}</note>`);
  out.push(headerProps.length ? header + '>' : header + '/>', ...headerProps);
  if (headerProps.length) out.push('  </header>');
  out.push('  <body>', '');
  return out.join('\n');
}

/** Everything after the last <tu>. */
export function tmxTail(): string {
  return '  </body>\n</tmx>\n';
}

/** One bilingual <tu>, languages from `meta` so that a file holds exactly one pair. */
export function tmxPairUnit(unit: AlignedUnit, index: number, meta: ExportMeta): string {
  const props = unitPropRecord(unit, index, meta);
  const replaced: string[] = [];
  const lines: string[] = [];
  for (const [key, type] of TU_PROPS) {
    const value = props[key];
    if (value === undefined) continue;
    if (key === 'srcDoc' && value === meta.srcDoc) continue;
    if (key === 'tgtDoc' && value === meta.tgtDoc) continue;
    lines.push(`      <prop type="${type}">${textOut(value, replaced)}</prop>`);
  }
  const tuvs: string[] = [];
  for (const [side, lang, title, segs] of [
    [unit.src, meta.srcLang, props.srcTitle, props.srcSegments],
    [unit.tgt, meta.tgtLang, props.tgtTitle, props.tgtSegments],
  ] as const) {
    tuvs.push(`      <tuv xml:lang="${attrOut(lang, replaced)}">`);
    if (title !== undefined) tuvs.push(`        <prop type="x-doc-title">${textOut(title, replaced)}</prop>`);
    if (segs !== undefined) tuvs.push(`        <prop type="x-segments">${segs}</prop>`);
    tuvs.push(`        <seg>${tmxInline(side, replaced)}</seg>`, '      </tuv>');
  }
  const tuid = attrOut(props.id!, replaced);
  if (replaced.length) lines.push(`      <note>${replacementNote(replaced)}</note>`);
  return [`    <tu tuid="${tuid}">`, ...lines, ...tuvs, '    </tu>', ''].join('\n');
}

/**
 * One multilingual <tu>: a <tuv> per variant, the original first. `allLangs`
 * says the header's srclang is "*all*", so the <tu> names its own.
 */
export function tmxMultilingualUnit(unit: MultilingualUnit, allLangs: boolean): string {
  if (!unit.variants.length) throw new RangeError('TMX: a unit needs at least one variant');
  const replaced: string[] = [];
  const tuvs: string[] = [];
  for (const v of unit.variants) {
    tuvs.push(`      <tuv xml:lang="${attrOut(v.lang, replaced)}">`);
    const props: [string, string | undefined][] = [
      ['x-doc', v.doc],
      ['x-doc-title', v.docTitle],
      ['x-segments', v.segments?.length ? v.segments.join(',') : undefined],
    ];
    if (v.link) {
      props.push(
        ['x-status', v.link.status],
        ['x-confidence', v.link.confidence !== undefined && Number.isFinite(v.link.confidence) ? String(v.link.confidence) : undefined],
        ['x-annotator', v.link.annotator],
        ['x-origin', v.link.origin],
        ['x-state', v.link.state],
      );
    }
    for (const [type, value] of props) if (value !== undefined && value !== '') tuvs.push(`        <prop type="${type}">${textOut(value, replaced)}</prop>`);
    tuvs.push(`        <seg>${tmxInline(v, replaced)}</seg>`, '      </tuv>');
  }
  const srclang = allLangs ? ` srclang="${attrOut(unit.variants[0]!.lang, replaced)}"` : '';
  const head = `    <tu tuid="${attrOut(unit.id, replaced)}"${srclang}>`;
  const note = replaced.length ? [`      <note>${replacementNote(replaced)}</note>`] : [];
  return [head, ...note, ...tuvs, '    </tu>', ''].join('\n');
}

export function writeTmx(units: readonly AlignedUnit[], meta: ExportMeta): string {
  if (!meta.srcLang || !meta.tgtLang) throw new RangeError('writeTmx: meta.srcLang and meta.tgtLang are required');
  let out = tmxHead(meta);
  units.forEach((u, i) => (out += tmxPairUnit(u, i, meta)));
  return out + tmxTail();
}

export interface TmxReadOptions {
  /** Language to read as source; defaults to the header srclang. Matching ignores case, and "de" matches "de-DE" when there is no exact match. */
  srcLang?: string;
  /** Language to read as target; defaults to the header's x-tgt-lang prop, else the first other language found. */
  tgtLang?: string;
}

/** A <tuv> as read. */
export interface TmxTuv {
  lang: string;
  text: string;
  codes?: InlineCode[];
  /** Its <prop>s by type. */
  props: Record<string, string>;
}

/** A <tu> as read. */
export interface TmxTu {
  tuid?: string;
  srclang?: string;
  /** Its <prop>s by type (repeated types joined by newlines) and its notes under "note". */
  props: Record<string, string>;
  tuvs: TmxTuv[];
  line: number;
  column: number;
}

export interface TmxHeader {
  srclang?: string;
  props: Record<string, string>;
}

function addProp(props: Record<string, string>, key: string, value: string): void {
  if (value === '') return;
  props[key] = props[key] === undefined ? value : `${props[key]}\n${value}`;
}

/**
 * Reads TMX from parser events, handing each <tu> to `onTu` as soon as it
 * closes, so memory holds one unit at a time.
 */
export class TmxReader implements XmlSink {
  header: TmxHeader | undefined;
  private readonly path: string[] = [];
  private tu: TmxTu | null = null;
  private tuv: TmxTuv | null = null;
  private seg: InlineCollector | null = null;
  private segDepth = 0;
  private segCount = 0;
  private propType: string | null | undefined;
  private propText = '';
  private rootSeen = false;

  constructor(private readonly onTu: (tu: TmxTu) => void) {}

  private fail(at: XmlStartTag | { line: number; column: number }, reason: string): never {
    throw new FormatError(reason, at.line, at.column, TMX_FORMAT);
  }

  open(tag: XmlStartTag): void {
    if (this.seg) {
      this.segDepth++;
      this.seg.open(tag);
      return;
    }
    const depth = this.path.length;
    const name = tag.uri === '' ? tag.local : `{${tag.uri}}${tag.local}`;
    if (depth === 0) {
      if (name !== 'tmx') this.fail(tag, `the root element is <${tag.name}>, expected <tmx>`);
      this.rootSeen = true;
    } else if (depth === 1) {
      if (name === 'header') this.header = { srclang: tag.attrs.srclang, props: {} };
      else if (name === 'body' && !this.header) this.fail(tag, '<tmx> has no <header> before its <body>');
    } else if (depth === 2 && this.path[1] === 'body') {
      if (name !== 'tu') this.fail(tag, `unexpected <${tag.name}> inside <body>, expected <tu>`);
      this.tu = { tuid: tag.attrs.tuid || undefined, srclang: tag.attrs.srclang || undefined, props: {}, tuvs: [], line: tag.line, column: tag.column };
    } else if (this.tu && depth === 3 && name === 'tuv') {
      const lang = tag.attrs['xml:lang'] ?? tag.attrs.lang;
      if (!lang) this.fail(tag, '<tuv> has no xml:lang attribute');
      this.tuv = { lang, text: '', props: {} };
      this.segCount = 0;
    } else if (this.tuv && depth === 4 && name === 'seg') {
      if (++this.segCount > 1) this.fail(tag, `<tuv xml:lang="${this.tuv.lang}"> must contain exactly one <seg>, found more`);
      this.seg = new InlineCollector('tmx', '', undefined, (t, r) => this.fail(t, r));
      this.segDepth = 0;
    } else if (name === 'prop' || name === 'note') {
      const parent = this.path[depth - 1];
      if (parent === 'tu' || parent === 'tuv' || parent === 'header') {
        if (name === 'prop' && !tag.attrs.type && parent === 'tu') this.fail(tag, '<prop> has no type attribute');
        this.propType = name === 'note' ? null : (tag.attrs.type ?? '');
        this.propText = '';
      }
    }
    this.path.push(name);
  }

  text(t: string): void {
    if (this.seg) {
      this.seg.text(t);
      return;
    }
    if (this.propType !== undefined) {
      this.propText += t;
      return;
    }
    if (this.path.length === 2 && this.path[1] === 'body' && /[^ \t\n\r]/.test(t)) {
      throw new FormatError('text is not allowed directly inside <body>', 0, 0, TMX_FORMAT);
    }
  }

  close(tag: XmlStartTag): void {
    if (this.seg) {
      if (this.segDepth > 0) {
        this.segDepth--;
        this.seg.close(tag);
        return;
      }
      const { text, codes } = this.seg.finish();
      this.tuv!.text = text;
      if (codes?.length) this.tuv!.codes = codes;
      this.seg = null;
    }
    const name = this.path.pop()!;
    const depth = this.path.length;
    if ((name === 'prop' || name === 'note') && this.propType !== undefined) {
      const parent = this.path[depth - 1];
      const target = parent === 'tu' ? this.tu!.props : parent === 'tuv' ? this.tuv!.props : this.header!.props;
      if (this.propType === null) addProp(target, 'note', this.propText);
      else if (parent === 'header') target[this.propType] = this.propText;
      else addProp(target, parent === 'tu' ? (TU_PROP_KEY.get(this.propType) ?? this.propType) : this.propType, this.propText);
      this.propType = undefined;
    } else if (name === 'tuv' && this.tuv) {
      if (this.segCount === 0) this.fail(tag, `<tuv xml:lang="${this.tuv.lang}"> must contain exactly one <seg>, found 0`);
      this.tu!.tuvs.push(this.tuv);
      this.tuv = null;
    } else if (name === 'tu' && this.tu && depth === 2) {
      const tu = this.tu;
      this.tu = null;
      this.onTu(tu);
    }
  }

  end(): void {
    if (!this.rootSeen) throw new FormatError('no root element found', 1, 1, TMX_FORMAT);
    if (!this.header) throw new FormatError('<tmx> has no <header>', 1, 1, TMX_FORMAT);
  }
}

function normLang(lang: string): string {
  return lang.trim().toLowerCase().replace(/_/g, '-');
}

function primary(lang: string): string {
  return normLang(lang).split('-')[0]!;
}

/** Index of the first variant in `lang` (exact, else same primary subtag), skipping index `skip`. */
function findVariant(tuvs: readonly TmxTuv[], lang: string, skip = -1): number {
  const want = normLang(lang);
  const exact = tuvs.findIndex((t, i) => i !== skip && normLang(t.lang) === want);
  if (exact >= 0) return exact;
  const p = primary(lang);
  return tuvs.findIndex((t, i) => i !== skip && primary(t.lang) === p);
}

/** Link properties a translation's <tuv> carries in a multilingual file. */
const TUV_LINK_PROPS = new Map(TU_PROPS.filter(([k]) => k !== 'srcDoc' && k !== 'tgtDoc').map(([k, t]) => [t, k]));

/**
 * Turns a stream of <tu>s into the aligned units of one language pair.
 * The languages come from the options, else the header, else the first
 * <tu> that has a second language; units seen before the pair is known are
 * held back (they can only be skipped or, for two editions in one language,
 * read at the end).
 */
export class TmxPairing {
  srcLang: string | undefined;
  tgtLang: string | undefined;
  readonly warnings: string[] = [];
  private held: TmxTu[] = [];
  private n = 0;

  constructor(
    private readonly options: TmxReadOptions,
    private readonly onUnit: (unit: ImportedUnit) => void,
  ) {}

  private headerOf: TmxHeader | undefined;

  setHeader(header: TmxHeader): void {
    this.headerOf = header;
    const hs = header.srclang && header.srclang !== '*all*' ? header.srclang : undefined;
    this.srcLang = this.options.srcLang ?? hs;
    this.tgtLang = this.options.tgtLang ?? header.props['x-tgt-lang'];
  }

  tu(tu: TmxTu): void {
    this.n++;
    if (this.srcLang === undefined) {
      if (!tu.tuvs.length) {
        this.held.push(tu);
        return;
      }
      this.srcLang = tu.srclang && tu.srclang !== '*all*' ? tu.srclang : tu.tuvs[0]!.lang;
    }
    if (this.tgtLang === undefined) {
      const s = findVariant(tu.tuvs, this.srcLang);
      const other = tu.tuvs.find((v, i) => i !== s && normLang(v.lang) !== normLang(this.srcLang!));
      if (!other) {
        this.held.push(tu);
        return;
      }
      this.tgtLang = other.lang;
      this.release();
    }
    this.emit(tu, this.n);
  }

  private release(): void {
    const held = this.held;
    this.held = [];
    const first = this.n - held.length - 1;
    held.forEach((tu, k) => this.emit(tu, first + k + 1));
  }

  /** Ends the stream: decides the languages if no unit did, and returns them. */
  finish(): { srcLang: string; tgtLang: string } {
    if (this.srcLang === undefined) this.srcLang = '';
    if (this.tgtLang === undefined) {
      // Two editions in one language: variants share the source language.
      const same = this.held.some((tu) => tu.tuvs.filter((v) => normLang(v.lang) === normLang(this.srcLang!)).length > 1);
      this.tgtLang = same ? this.srcLang : '';
      const held = this.held;
      this.held = [];
      const first = this.n - held.length;
      held.forEach((tu, k) => this.emit(tu, first + k + 1));
    }
    return { srcLang: this.srcLang, tgtLang: this.tgtLang };
  }

  private emit(tu: TmxTu, ordinal: number): void {
    const si = findVariant(tu.tuvs, this.srcLang!);
    const ti = si >= 0 && this.tgtLang !== '' ? findVariant(tu.tuvs, this.tgtLang!, si) : -1;
    if (si < 0 || ti < 0) {
      this.warnings.push(`<tu> #${ordinal} (line ${tu.line}) has no variant in ${si < 0 ? this.srcLang : this.tgtLang || 'a second language'}; skipped`);
      return;
    }
    const props: Record<string, string> = {};
    if (tu.tuid) props.id = tu.tuid;
    Object.assign(props, tu.props);
    const s = tu.tuvs[si]!;
    const t = tu.tuvs[ti]!;
    // A multilingual file keeps each translation's link properties on its <tuv>.
    for (const [type, key] of TUV_LINK_PROPS) if (t.props[type] !== undefined && props[key] === undefined) props[key] = t.props[type]!;
    const hp = this.headerOf?.props ?? {};
    if (props.srcDoc === undefined && (s.props['x-doc'] ?? hp['x-src-doc'])) props.srcDoc = s.props['x-doc'] ?? hp['x-src-doc']!;
    if (props.tgtDoc === undefined && (t.props['x-doc'] ?? hp['x-tgt-doc'])) props.tgtDoc = t.props['x-doc'] ?? hp['x-tgt-doc']!;
    if (s.props['x-doc-title']) props.srcTitle = s.props['x-doc-title'];
    if (t.props['x-doc-title']) props.tgtTitle = t.props['x-doc-title'];
    if (s.props['x-segments']) props.srcSegments = s.props['x-segments'];
    if (t.props['x-segments']) props.tgtSegments = t.props['x-segments'];
    const unit: ImportedUnit = { src: s.text, tgt: t.text };
    if (s.codes) unit.srcCodes = s.codes;
    if (t.codes) unit.tgtCodes = t.codes;
    if (Object.keys(props).length) unit.props = props;
    this.onUnit(detachUnit(unit));
  }
}

/**
 * Checks the TMX 1.4b rules a DTD validator does not (reliably) enforce, on
 * a parsed document. Returns human-readable problems, each prefixed with its
 * position; an empty array means none were found.
 */
export function checkTmxDocument(doc: XmlDocument): string[] {
  const problems: string[] = [];
  const report = (el: XmlElement, msg: string) => problems.push(`line ${el.line}, column ${el.column}: ${msg}`);
  const root = doc.root;
  if (root.name !== 'tmx') {
    report(root, `root element is <${root.name}>, expected <tmx>`);
    return problems;
  }
  if (root.attrs.get('version') !== '1.4') report(root, '<tmx> must have version="1.4"');
  const header = childElements(root, 'header')[0];
  const body = childElements(root, 'body')[0];
  if (!header) report(root, '<tmx> has no <header>');
  if (!body) report(root, '<tmx> has no <body>');
  const srclang = header?.attrs.get('srclang');
  if (header) {
    for (const a of ['creationtool', 'creationtoolversion', 'segtype', 'o-tmf', 'adminlang', 'srclang', 'datatype']) {
      const v = header.attrs.get(a);
      if (v === undefined || v.trim() === '') report(header, `<header> is missing the required attribute ${a}`);
    }
    const segtype = header.attrs.get('segtype');
    if (segtype !== undefined && !SEGTYPES.includes(segtype)) report(header, `<header> segtype="${segtype}" is not one of ${SEGTYPES.join(', ')}`);
    const date = header.attrs.get('creationdate');
    if (date !== undefined && !/^\d{8}T\d{6}Z$/.test(date)) report(header, `<header> creationdate="${date}" is not in the form YYYYMMDDThhmmssZ`);
  }
  if (!body) return problems;
  let n = 0;
  for (const tu of childElements(body)) {
    if (tu.name !== 'tu') {
      report(tu, `unexpected <${tu.name}> inside <body>`);
      continue;
    }
    n++;
    const tuvs = childElements(tu, 'tuv');
    if (tuvs.length < 2) report(tu, `<tu> #${n} has ${tuvs.length} <tuv> elements, expected at least 2`);
    let seenTuv = false;
    for (const c of childElements(tu)) {
      if (c.name === 'tuv') seenTuv = true;
      else if ((c.name === 'prop' || c.name === 'note') && seenTuv) report(c, `<${c.name}> must come before the <tuv> elements of <tu> #${n}`);
      if (c.name === 'prop' && !c.attrs.get('type')) report(c, '<prop> has no type attribute');
    }
    const langs: string[] = [];
    for (const tuv of tuvs) {
      const lang = tuv.attrs.get('xml:lang');
      if (!lang || lang.trim() === '') report(tuv, `<tuv> in <tu> #${n} has no xml:lang`);
      else langs.push(normLang(lang));
      const segs = childElements(tuv, 'seg').length;
      if (segs !== 1) report(tuv, `<tuv> in <tu> #${n} has ${segs} <seg> elements, expected 1`);
    }
    const own = tu.attrs.get('srclang') ?? srclang;
    if (srclang === '*all*' && !tu.attrs.get('srclang')) continue;
    if (own && own !== '*all*' && !langs.includes(normLang(own))) {
      report(tu, `<tu> #${n} has no <tuv> in its srclang "${own}"`);
    }
  }
  return problems;
}
