/**
 * BASELINE ONLY: the TMX reader Tandem had before it read XML as a stream: a
 * hand-written parser that builds the whole document tree, then reads the
 * tree. Kept for the exports benchmark, which measures it beside the
 * streaming reader on the same file. Not used by the application.
 */
/**
 * TMX 1.4b (Translation Memory eXchange) writer, reader and checker.
 *
 * Layout written:
 *   <header ...>            all attributes the DTD requires; x-src-doc, x-tgt-doc and
 *                           x-tgt-lang props so an empty export still names its languages
 *   <tu tuid="id">          prop x-status, x-confidence, x-annotator, x-origin, x-state,
 *                           x-src-doc / x-tgt-doc (only when they differ from the header),
 *                           then a <note> if characters had to be replaced
 *     <tuv xml:lang>        prop x-doc-title, x-segments ("1,2"), then exactly one <seg>
 *
 * Variant languages come from ExportMeta (the pair's languages), not from
 * UnitSide.lang, so that a file always holds exactly one language pair.
 *
 * The DTD requires <prop>/<note> before the <tuv>s of a <tu>, and before the
 * <seg> of a <tuv>. Characters XML 1.0 cannot carry (C0 controls other than
 * tab/LF/CR, unpaired surrogates, U+FFFE/U+FFFF) become U+FFFD and the unit
 * gets a <note> listing them, so the loss is visible rather than silent.
 */
import { FormatError, makeLocator } from '../../../core/formats/errors.js';
import type { AlignedUnit, ExportMeta, ImportedPair, ImportedUnit, UnitPropKey } from '../../../core/formats/types.js';
import { unitPropRecord } from '../../../core/formats/types.js';
import {
  childElements,
  decodeXmlBytes,
  escapeAttr,
  escapeText,
  isBlank,
  parseXml,
  sanitizeXmlText,
  textContent,
  xmlError,
  type XmlDocument,
  type XmlElement,
} from './xml.js';

const FORMAT = 'TMX';
const TOOL = 'Tandem';
const SEGTYPES = ['block', 'paragraph', 'sentence', 'phrase'];

/** TMX prop types written on <tu>, and the ImportedUnit prop keys they map to. */
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

export function writeTmx(units: readonly AlignedUnit[], meta: ExportMeta): string {
  if (!meta.srcLang || !meta.tgtLang) throw new RangeError('writeTmx: meta.srcLang and meta.tgtLang are required');
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
  headerProps.push(`    <prop type="x-tgt-lang">${textOut(meta.tgtLang, headerReplaced)}</prop>`);
  if (meta.srcDoc) headerProps.push(`    <prop type="x-src-doc">${textOut(meta.srcDoc, headerReplaced)}</prop>`);
  if (meta.tgtDoc) headerProps.push(`    <prop type="x-tgt-doc">${textOut(meta.tgtDoc, headerReplaced)}</prop>`);
  if (headerReplaced.length) headerProps.push(`    <note>${replacementNote(headerReplaced)}</note>`);
  out.push(header + '>', ...headerProps, '  </header>');
  out.push('  <body>');
  units.forEach((unit, index) => {
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
      tuvs.push(`        <seg>${textOut(side.text, replaced)}</seg>`, '      </tuv>');
    }
    const tuid = attrOut(props.id!, replaced);
    if (replaced.length) lines.push(`      <note>${replacementNote(replaced)}</note>`);
    out.push(`    <tu tuid="${tuid}">`, ...lines, ...tuvs, '    </tu>');
  });
  out.push('  </body>', '</tmx>', '');
  return out.join('\n');
}

function replacementNote(replaced: string[]): string {
  const distinct = [...new Set(replaced)];
  return `Replaced ${replaced.length} character(s) not allowed in XML 1.0 with U+FFFD: ${distinct.join(', ')}`;
}

export interface TmxReadOptions {
  /** Language to read as source; defaults to the header srclang. Matching ignores case, and "de" matches "de-DE" when there is no exact match. */
  srcLang?: string;
  /** Language to read as target; defaults to the header's x-tgt-lang prop, else the first other language found. */
  tgtLang?: string;
}

interface Tuv {
  lang: string;
  text: string;
  title?: string;
  segments?: string;
  el: XmlElement;
}

function normLang(lang: string): string {
  return lang.trim().toLowerCase().replace(/_/g, '-');
}

function primary(lang: string): string {
  return normLang(lang).split('-')[0]!;
}

/** Index of the first variant in `lang` (exact, else same primary subtag), skipping index `skip`. */
function findVariant(tuvs: Tuv[], lang: string, skip = -1): number {
  const want = normLang(lang);
  const exact = tuvs.findIndex((t, i) => i !== skip && normLang(t.lang) === want);
  if (exact >= 0) return exact;
  const p = primary(lang);
  return tuvs.findIndex((t, i) => i !== skip && primary(t.lang) === p);
}

function toText(input: string | Uint8Array): string {
  return typeof input === 'string' ? input : decodeXmlBytes(input, FORMAT);
}

/**
 * Plain text of a <seg>. Inline codes that hold native markup (bpt, ept, it,
 * ph, ut) are dropped; <hi> only marks up text, so its content is kept.
 */
function segText(seg: XmlElement): string {
  let out = '';
  for (const c of seg.children) {
    if (c.kind === 'text') out += c.text;
    else if (c.name === 'hi') out += segText(c);
    else if (c.name === 'bpt' || c.name === 'ept' || c.name === 'it' || c.name === 'ph' || c.name === 'ut') continue;
    else out += textContent(c);
  }
  return out;
}

function addProp(props: Record<string, string>, key: string, value: string): void {
  if (value === '') return;
  props[key] = props[key] === undefined ? value : `${props[key]}\n${value}`;
}

function readTuv(doc: XmlDocument, tuv: XmlElement): Tuv {
  const lang = tuv.attrs.get('xml:lang') ?? tuv.attrs.get('lang');
  if (!lang) throw xmlError(doc, tuv.pos, '<tuv> has no xml:lang attribute');
  const segs = childElements(tuv, 'seg');
  if (segs.length !== 1) {
    throw xmlError(doc, segs[1]?.pos ?? tuv.pos, `<tuv xml:lang="${lang}"> must contain exactly one <seg>, found ${segs.length}`);
  }
  const out: Tuv = { lang, text: segText(segs[0]!), el: tuv };
  for (const p of childElements(tuv, 'prop')) {
    const type = p.attrs.get('type');
    if (type === 'x-doc-title') out.title = textContent(p);
    else if (type === 'x-segments') out.segments = textContent(p);
  }
  return out;
}

export function readTmx(input: string | Uint8Array, options: TmxReadOptions = {}): ImportedPair {
  const doc = parseXml(toText(input), { format: FORMAT });
  const root = doc.root;
  if (root.name !== 'tmx') throw xmlError(doc, root.pos, `the root element is <${root.name}>, expected <tmx>`);
  const header = childElements(root, 'header')[0];
  if (!header) throw xmlError(doc, root.pos, '<tmx> has no <header>');
  const body = childElements(root, 'body')[0];
  if (!body) throw xmlError(doc, root.pos, '<tmx> has no <body>');

  const headerProps: Record<string, string> = {};
  for (const p of childElements(header, 'prop')) {
    const type = p.attrs.get('type');
    if (type) headerProps[type] = textContent(p);
  }
  const headerSrc = header.attrs.get('srclang');

  const tus: { el: XmlElement; tuvs: Tuv[] }[] = [];
  for (const c of body.children) {
    if (c.kind === 'text') {
      if (!isBlank(c)) throw xmlError(doc, c.pos, 'text is not allowed directly inside <body>');
      continue;
    }
    if (c.name !== 'tu') throw xmlError(doc, c.pos, `unexpected <${c.name}> inside <body>, expected <tu>`);
    tus.push({ el: c, tuvs: childElements(c, 'tuv').map((t) => readTuv(doc, t)) });
  }

  let srcLang = options.srcLang ?? (headerSrc && headerSrc !== '*all*' ? headerSrc : undefined);
  if (srcLang === undefined) srcLang = tus.find((t) => t.tuvs.length)?.tuvs[0]?.lang ?? '';
  let tgtLang = options.tgtLang ?? headerProps['x-tgt-lang'];
  if (tgtLang === undefined) {
    for (const tu of tus) {
      const s = findVariant(tu.tuvs, srcLang);
      const other = tu.tuvs.find((_, i) => i !== s && normLang(tu.tuvs[i]!.lang) !== normLang(srcLang!));
      if (other) {
        tgtLang = other.lang;
        break;
      }
    }
  }
  // Two editions in one language: variants share the source language.
  tgtLang ??= tus.some((tu) => tu.tuvs.filter((v) => normLang(v.lang) === normLang(srcLang!)).length > 1) ? srcLang : '';

  const warnings: string[] = [];
  const units: ImportedUnit[] = [];
  const where = makeLocator(doc.source);
  tus.forEach((tu, n) => {
    const si = findVariant(tu.tuvs, srcLang!);
    const ti = si >= 0 ? findVariant(tu.tuvs, tgtLang!, si) : -1;
    if (si < 0 || ti < 0) {
      const { line } = where(tu.el.pos);
      warnings.push(`<tu> #${n + 1} (line ${line}) has no variant in ${si < 0 ? srcLang : tgtLang}; skipped`);
      return;
    }
    const props: Record<string, string> = {};
    const tuid = tu.el.attrs.get('tuid');
    if (tuid) props.id = tuid;
    for (const c of childElements(tu.el)) {
      if (c.name === 'prop') {
        const type = c.attrs.get('type');
        if (!type) throw xmlError(doc, c.pos, '<prop> has no type attribute');
        addProp(props, TU_PROP_KEY.get(type) ?? type, textContent(c));
      } else if (c.name === 'note') {
        addProp(props, 'note', textContent(c));
      }
    }
    if (props.srcDoc === undefined && headerProps['x-src-doc']) props.srcDoc = headerProps['x-src-doc'];
    if (props.tgtDoc === undefined && headerProps['x-tgt-doc']) props.tgtDoc = headerProps['x-tgt-doc'];
    const s = tu.tuvs[si]!;
    const t = tu.tuvs[ti]!;
    if (s.title) props.srcTitle = s.title;
    if (t.title) props.tgtTitle = t.title;
    if (s.segments) props.srcSegments = s.segments;
    if (t.segments) props.tgtSegments = t.segments;
    const unit: ImportedUnit = { src: s.text, tgt: t.text };
    if (Object.keys(props).length) unit.props = props;
    units.push(unit);
  });
  const pair: ImportedPair = { srcLang, tgtLang, units };
  if (warnings.length) pair.warnings = warnings;
  return pair;
}

/**
 * Checks the TMX 1.4b rules a DTD validator does not (reliably) enforce, for
 * bilingual files as Tandem writes them. Returns human-readable problems,
 * each prefixed with its position; an empty array means none were found.
 */
export function checkTmx(xml: string | Uint8Array): string[] {
  let doc: XmlDocument;
  try {
    doc = parseXml(toText(xml), { format: FORMAT });
  } catch (e) {
    if (e instanceof FormatError) return [e.message];
    throw e;
  }
  const problems: string[] = [];
  const where = makeLocator(doc.source);
  const report = (el: XmlElement, msg: string) => {
    const { line, column } = where(el.pos);
    problems.push(`line ${line}, column ${column}: ${msg}`);
  };
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
    if (tuvs.length !== 2) report(tu, `<tu> #${n} has ${tuvs.length} <tuv> elements, expected 2`);
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
    if (srclang && srclang !== '*all*' && !langs.includes(normLang(srclang))) {
      report(tu, `<tu> #${n} has no <tuv> in the header srclang "${srclang}"`);
    }
  }
  return problems;
}
