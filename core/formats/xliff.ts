/**
 * XLIFF 2.1 writer and reader (the reader also accepts XLIFF 2.0/2.2 and the
 * plain parts of XLIFF 1.2).
 *
 * Layout written:
 *   <xliff xmlns=urn:oasis:names:tc:xliff:document:2.0 version="2.1" srcLang trgLang>
 *     <file id="f1">   file-level mda:metadata: tool_version, created_at, segtype, src_doc, tgt_doc
 *       <unit id>      mda:metadata (Metadata module) with the unit's properties, then
 *         <segment state>  <source xml:space="preserve">, <target xml:space="preserve">
 *
 * XLIFF 2.1 keeps the 2.0 core namespace. Properties use the Metadata module
 * (urn:oasis:names:tc:xliff:metadata:2.0) because core XLIFF has no place for
 * them; its element must precede <notes> and <segment> inside <unit>.
 *
 * A <target> is written whenever there is target text or the state is not
 * "initial": a non-initial state without a target is contradictory and some
 * validators warn about it. Characters XML cannot carry are written as
 * <cp hex="..."/>, XLIFF 2's own lossless escape for them.
 */
import type { AlignedUnit, ExportMeta, ImportedPair, ImportedUnit, UnitPropKey } from './types.js';
import { SNAKE_KEYS, UNIT_PROP_KEYS, propKeyFromSnake, unitPropRecord } from './types.js';
import {
  childElements,
  decodeXmlBytes,
  escapeAttr,
  escapeText,
  isBlank,
  localName,
  parseXml,
  sanitizeXmlText,
  splitIllegalXmlChars,
  textContent,
  xmlError,
  type XmlDocument,
  type XmlElement,
} from './xml.js';

const FORMAT = 'XLIFF';
export const XLIFF2_NS = 'urn:oasis:names:tc:xliff:document:2.0';
export const XLIFF12_NS = 'urn:oasis:names:tc:xliff:document:1.2';
export const MDA_NS = 'urn:oasis:names:tc:xliff:metadata:2.0';
const CATEGORY = 'tandem';

/** Unit properties recorded as <mda:meta>; state lives on <segment>, the id on <unit>. */
// The unit's id and state have XLIFF attributes of their own; the rest travel as metadata.
const META_KEYS: UnitPropKey[] = UNIT_PROP_KEYS.filter((k) => k !== 'id' && k !== 'state');

/** Inline content: runs of text plus <cp/> for characters XML cannot hold. */
function inline(text: string): string {
  let out = '';
  for (const part of splitIllegalXmlChars(text)) {
    out += typeof part === 'string' ? escapeText(part) : `<cp hex="${part.toString(16).toUpperCase().padStart(4, '0')}"/>`;
  }
  return out;
}

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

const NMTOKEN = /^[\p{L}\p{N}._:\-\u00B7\u0300-\u036F\u203F\u2040\p{Mn}\p{Mc}]+$/u;

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

export function writeXliff(units: readonly AlignedUnit[], meta: ExportMeta): string {
  if (!meta.srcLang) throw new RangeError('writeXliff: meta.srcLang is required');
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
  out.push(...metaBlock('    ', fileMeta));

  const used = new Set<string>();
  units.forEach((unit, index) => {
    const props = unitPropRecord(unit, index, meta);
    const wanted = props.id!;
    // Unit ids must be unique NMTOKENs; when the unit's own id cannot be used
    // as is, a generated one is written and the real id kept as metadata.
    let id = wanted;
    if (!NMTOKEN.test(id) || used.has(id)) {
      id = `u${index + 1}`;
      for (let k = 2; used.has(id); k++) id = `u${index + 1}-${k}`;
    }
    used.add(id);
    const entries: [string, string][] = [];
    if (id !== wanted) entries.push(['id', wanted]);
    for (const key of META_KEYS) {
      const value = props[key];
      if (value === undefined) continue;
      if (key === 'srcDoc' && value === meta.srcDoc) continue;
      if (key === 'tgtDoc' && value === meta.tgtDoc) continue;
      entries.push([SNAKE_KEYS[key], value]);
    }
    const state = props.state!;
    const replaced: string[] = [];
    out.push(`    <unit id="${plainAttr(id)}">`, ...metaBlock('      ', entries, replaced));
    if (replaced.length) {
      const distinct = [...new Set(replaced)].join(', ');
      out.push(
        '      <notes>',
        `        <note category="${CATEGORY}">Replaced ${replaced.length} character(s) not allowed in XML 1.0 in the unit's properties with U+FFFD: ${distinct}</note>`,
        '      </notes>',
      );
    }
    out.push(`      <segment state="${state}">`);
    out.push(`        <source xml:space="preserve">${inline(unit.src.text)}</source>`);
    if (unit.tgt.text !== '' || state !== 'initial') {
      out.push(`        <target xml:space="preserve">${inline(unit.tgt.text)}</target>`);
    }
    out.push('      </segment>', '    </unit>');
  });
  out.push('  </file>', '</xliff>', '');
  return out.join('\n');
}

function toText(input: string | Uint8Array): string {
  return typeof input === 'string' ? input : decodeXmlBytes(input, FORMAT);
}

/**
 * Plain text of XLIFF 2 inline content: <cp> restored, <pc>/<mrk> content
 * kept, placeholders and code markers (<ph>, <sc>, <ec>, <sm>, <em>) dropped.
 */
function inlineText2(doc: XmlDocument, el: XmlElement): string {
  let out = '';
  for (const c of el.children) {
    if (c.kind === 'text') {
      out += c.text;
      continue;
    }
    const name = localName(c.name);
    if (name === 'cp') {
      const hex = c.attrs.get('hex') ?? '';
      const cp = /^[0-9A-Fa-f]{1,6}$/.test(hex) ? parseInt(hex, 16) : NaN;
      if (!(cp <= 0x10ffff)) throw xmlError(doc, c.pos, `<cp> has an invalid hex attribute "${hex}"`);
      // Surrogate code points come from lone surrogates in the original text.
      out += cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
    } else if (name === 'pc' || name === 'mrk') out += inlineText2(doc, c);
  }
  return out;
}

/** XLIFF 1.2 inline content: <g>/<mrk> kept, native-code elements dropped. */
function inlineText12(el: XmlElement): string {
  let out = '';
  for (const c of el.children) {
    if (c.kind === 'text') out += c.text;
    else if (c.name === 'g' || c.name === 'mrk') out += inlineText12(c);
  }
  return out;
}

function readMetadata(el: XmlElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const md of childElements(el)) {
    if (localName(md.name) !== 'metadata') continue;
    const stack = [md];
    while (stack.length) {
      const cur = stack.pop()!;
      for (const c of childElements(cur)) {
        const ln = localName(c.name);
        if (ln === 'metaGroup') stack.push(c);
        else if (ln === 'meta') {
          const type = c.attrs.get('type');
          if (type) out[type] = textContent(c);
        }
      }
    }
  }
  return out;
}

function readUnits2(doc: XmlDocument, container: XmlElement, fileMeta: Record<string, string>, units: ImportedUnit[]): void {
  for (const c of childElements(container)) {
    const name = c.name;
    if (name === 'group') {
      readUnits2(doc, c, fileMeta, units);
      continue;
    }
    if (name !== 'unit') continue;
    let src = '';
    let tgt = '';
    let state: string | undefined;
    let segments = 0;
    for (const part of childElements(c)) {
      if (part.name !== 'segment' && part.name !== 'ignorable') continue;
      const source = childElements(part, 'source')[0];
      if (!source) throw xmlError(doc, part.pos, `<${part.name}> has no <source>`);
      const target = childElements(part, 'target')[0];
      const s = inlineText2(doc, source);
      src += s;
      // An ignorable without a target stands for the same text on both sides.
      tgt += target ? inlineText2(doc, target) : part.name === 'ignorable' ? s : '';
      if (part.name === 'segment') {
        if (segments === 0) state = part.attrs.get('state') ?? 'initial';
        segments++;
      }
    }
    if (segments === 0) throw xmlError(doc, c.pos, '<unit> has no <segment>');
    const props: Record<string, string> = {};
    const id = c.attrs.get('id');
    if (id) props.id = id;
    const meta = readMetadata(c);
    for (const [type, value] of Object.entries(meta)) if (value !== '') props[propKeyFromSnake(type)] = value;
    if (props.srcDoc === undefined && fileMeta.src_doc) props.srcDoc = fileMeta.src_doc;
    if (props.tgtDoc === undefined && fileMeta.tgt_doc) props.tgtDoc = fileMeta.tgt_doc;
    if (state) props.state = state;
    const notes = childElements(c, 'notes')[0];
    if (notes) {
      const text = childElements(notes, 'note')
        .map((n) => textContent(n))
        .filter((t) => t !== '')
        .join('\n');
      if (text) props.note = text;
    }
    units.push({ src, tgt, props });
  }
}

function readUnits12(container: XmlElement, units: ImportedUnit[]): void {
  for (const c of childElements(container)) {
    if (c.name === 'group' || c.name === 'body') {
      readUnits12(c, units);
      continue;
    }
    if (c.name !== 'trans-unit') continue;
    const source = childElements(c, 'source')[0];
    const target = childElements(c, 'target')[0];
    const props: Record<string, string> = {};
    const id = c.attrs.get('id');
    if (id) props.id = id;
    const state = target?.attrs.get('state');
    if (state) props.state = state;
    const notes = childElements(c, 'note')
      .map((n) => textContent(n))
      .filter((t) => t !== '');
    if (notes.length) props.note = notes.join('\n');
    units.push({ src: source ? inlineText12(source) : '', tgt: target ? inlineText12(target) : '', props });
  }
}

export function readXliff(input: string | Uint8Array): ImportedPair {
  const doc = parseXml(toText(input), { format: FORMAT });
  const root = doc.root;
  if (root.name !== 'xliff') throw xmlError(doc, root.pos, `the root element is <${root.name}>, expected <xliff>`);
  const version = root.attrs.get('version') ?? '';
  const units: ImportedUnit[] = [];
  if (version.startsWith('2.')) {
    const srcLang = root.attrs.get('srcLang');
    if (!srcLang) throw xmlError(doc, root.pos, '<xliff> has no srcLang attribute');
    const files = childElements(root, 'file');
    if (!files.length) throw xmlError(doc, root.pos, '<xliff> has no <file>');
    for (const c of root.children) {
      if (c.kind === 'text' && !isBlank(c)) throw xmlError(doc, c.pos, 'text is not allowed directly inside <xliff>');
    }
    for (const file of files) readUnits2(doc, file, readMetadata(file), units);
    return { srcLang, tgtLang: root.attrs.get('trgLang') ?? '', units };
  }
  if (version === '1.2' || version === '1.1' || version === '1.0') {
    const files = childElements(root, 'file');
    if (!files.length) throw xmlError(doc, root.pos, '<xliff> has no <file>');
    const first = files[0]!;
    const srcLang = first.attrs.get('source-language') ?? '';
    const tgtLang = first.attrs.get('target-language') ?? '';
    const warnings: string[] = [];
    files.forEach((file, i) => {
      const s = file.attrs.get('source-language') ?? '';
      const t = file.attrs.get('target-language') ?? '';
      if (s !== srcLang || t !== tgtLang) {
        warnings.push(`<file> #${i + 1} is ${s}→${t}, not ${srcLang}→${tgtLang}; skipped`);
        return;
      }
      readUnits12(file, units);
    });
    const pair: ImportedPair = { srcLang, tgtLang, units };
    if (warnings.length) pair.warnings = warnings;
    return pair;
  }
  throw xmlError(doc, root.pos, `unsupported XLIFF version "${version}" (expected 2.x or 1.2)`);
}
