/**
 * Reading and writing segment content with inline codes, for TMX 1.4b,
 * XLIFF 1.2 and XLIFF 2.x. Reading turns each code into a placeholder in
 * the text plus an `InlineCode`; writing puts back the element each format
 * has for it (see codes.ts for the placeholders).
 *
 *                 opening / closing        isolated          standalone   wraps text
 *   TMX 1.4b      <bpt i> / <ept i>        <it pos>          <ph>, <ut>   <hi>
 *   XLIFF 1.2     <bpt>/<ept>, <bx>/<ex>   <it pos>          <ph>, <x>    <g>
 *   XLIFF 2.x     <sc>/<ec>                <sc|ec isolated>  <ph>         <pc>
 *
 * A code keeps the element and attributes it was read with, and its native
 * markup; the same format writes it back as it was, another format writes
 * its own element for the same kind of code with the native markup.
 */
import { CODE_CHAR, codeElement, codeFormat, wellNestedPairs, type CodedText, type InlineCode } from './codes.js';
import { escapeAttr, escapeText, sanitizeXmlText, splitIllegalXmlChars, type XmlStartTag } from './xml.js';

export type InlineDialect = 'tmx' | 'xliff12' | 'xliff2';

type Role =
  /** Holds native markup as content: bpt, ept, it, ph, ut. */
  | 'native'
  /** An empty element standing for a code: x, bx, ex, sc, ec, ph (XLIFF 2). */
  | 'empty'
  /** Wraps translatable text: hi, g, pc. */
  | 'wrap'
  /** Kept as its text content only: mrk and unknown elements. */
  | 'transparent'
  /** Dropped with its content: XLIFF 2 annotation markers sm/em. */
  | 'drop'
  /** XLIFF 2 <cp hex>: a character XML cannot hold. */
  | 'cp';

const ROLES: Record<InlineDialect, Record<string, Role>> = {
  tmx: { bpt: 'native', ept: 'native', it: 'native', ph: 'native', ut: 'native', hi: 'wrap' },
  xliff12: { bpt: 'native', ept: 'native', it: 'native', ph: 'native', x: 'empty', bx: 'empty', ex: 'empty', g: 'wrap', mrk: 'transparent' },
  xliff2: { ph: 'empty', sc: 'empty', ec: 'empty', pc: 'wrap', mrk: 'transparent', sm: 'drop', em: 'drop', cp: 'cp' },
};

/** Attributes recomputed on writing: pairing, ids and references. */
const STRUCTURAL = new Set(['i', 'pos', 'id', 'rid', 'startRef', 'dataRef', 'dataRefStart', 'dataRefEnd', 'isolated']);

interface Pending {
  code: InlineCode;
  /** Pairing key within the segment: the same key on an opening and a closing code. */
  key?: string;
}

interface NativeCapture {
  tag: XmlStartTag;
  depth: number;
  native: string;
  inner: string;
  hasMarkup: boolean;
}

/**
 * Collects the content of one <seg>, <source> or <target> from parser
 * events. `data` holds XLIFF 2 <originalData> by id, for dataRef lookups.
 */
export class InlineCollector {
  private buf = '';
  private readonly pending: Pending[] = [];
  private capture: NativeCapture | null = null;
  private readonly wraps: Pending[] = [];
  private dropDepth = 0;
  private wrapSeq = 0;

  constructor(
    private readonly dialect: InlineDialect,
    /** Only elements in this namespace are codes; others count as transparent. */
    private readonly ns: string,
    private readonly data?: ReadonlyMap<string, string>,
    private readonly fail?: (tag: XmlStartTag, reason: string) => never,
  ) {}

  private roleOf(tag: XmlStartTag): Role {
    if (tag.uri !== this.ns) return 'transparent';
    return ROLES[this.dialect][tag.local] ?? 'transparent';
  }

  open(tag: XmlStartTag): void {
    if (this.capture) {
      // Inside a native code: <sub> flows and anything else are kept as markup.
      this.capture.depth++;
      this.capture.hasMarkup = true;
      this.capture.inner += `<${tag.name}${attrsOut(ownAttrs(tag.attrs))}>`;
      return;
    }
    if (this.dropDepth) {
      this.dropDepth++;
      return;
    }
    const role = this.roleOf(tag);
    switch (role) {
      case 'native':
        this.capture = { tag, depth: 0, native: '', inner: '', hasMarkup: false };
        return;
      case 'empty':
        this.emptyCode(tag);
        return;
      case 'wrap': {
        const key = `wrap:${++this.wrapSeq}`;
        const native = this.dialect === 'xliff2' ? this.dataOf(tag, tag.attrs.dataRefStart) : undefined;
        const p = this.push('open', tag, key, native);
        this.wraps.push(p);
        return;
      }
      case 'drop':
        this.dropDepth = 1;
        return;
      case 'cp': {
        const hex = tag.attrs.hex ?? '';
        const cp = /^[0-9A-Fa-f]{1,6}$/.test(hex) ? parseInt(hex, 16) : NaN;
        if (!(cp <= 0x10ffff)) this.fail?.(tag, `<cp> has an invalid hex attribute "${hex}"`);
        // Surrogate code points come from lone surrogates in the original text.
        this.buf += cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
        this.dropDepth = 1;
        return;
      }
      default:
        return;
    }
  }

  text(t: string): void {
    if (this.capture) {
      this.capture.native += t;
      this.capture.inner += escapeText(t);
    } else if (!this.dropDepth) this.buf += t;
  }

  close(tag: XmlStartTag): void {
    if (this.capture) {
      if (this.capture.depth > 0) {
        this.capture.depth--;
        this.capture.inner += `</${tag.name}>`;
        return;
      }
      this.nativeCode(this.capture);
      this.capture = null;
      return;
    }
    if (this.dropDepth) {
      this.dropDepth--;
      return;
    }
    if (this.roleOf(tag) === 'wrap') {
      const open = this.wraps.pop()!;
      const native = this.dialect === 'xliff2' ? this.dataOf(tag, tag.attrs.dataRefEnd) : undefined;
      this.push('close', tag, open.key, native, undefined, false);
    }
  }

  private dataOf(tag: XmlStartTag, ref: string | undefined): string | undefined {
    if (ref === undefined) return undefined;
    const value = this.data?.get(ref);
    if (value === undefined) this.fail?.(tag, `<${tag.local}> refers to data "${ref}", which the unit's <originalData> does not hold`);
    return value;
  }

  private push(kind: InlineCode['kind'], tag: XmlStartTag, key: string | undefined, native: string | undefined, inner?: string, withAttrs = true): Pending {
    const code: InlineCode = { at: this.buf.length, kind, el: `${this.dialect}:${tag.local}` };
    const attrs = withAttrs ? ownAttrs(tag.attrs) : {};
    if (Object.keys(attrs).length) code.attrs = attrs;
    if (native !== undefined && native !== '') code.native = native;
    if (inner !== undefined) code.inner = inner;
    this.buf += CODE_CHAR[kind];
    const p: Pending = { code, key };
    this.pending.push(p);
    return p;
  }

  private nativeCode(c: NativeCapture): void {
    const { tag } = c;
    const a = tag.attrs;
    const inner = c.hasMarkup ? c.inner : undefined;
    switch (tag.local) {
      case 'bpt':
        this.push('open', tag, this.dialect === 'tmx' ? `i:${a.i ?? ''}` : `r:${a.rid ?? a.id ?? ''}`, c.native, inner);
        return;
      case 'ept':
        this.push('close', tag, this.dialect === 'tmx' ? `i:${a.i ?? ''}` : `r:${a.rid ?? a.id ?? ''}`, c.native, inner);
        return;
      case 'it': {
        const pos = a.pos ?? '';
        this.push(pos === 'end' || pos === 'close' ? 'close' : 'open', tag, undefined, c.native, inner);
        return;
      }
      default:
        this.push('standalone', tag, undefined, c.native, inner);
    }
  }

  private emptyCode(tag: XmlStartTag): void {
    const a = tag.attrs;
    switch (tag.local) {
      case 'x':
        this.push('standalone', tag, undefined, undefined);
        return;
      case 'bx':
        this.push('open', tag, `r:${a.rid ?? a.id ?? ''}`, undefined);
        return;
      case 'ex':
        this.push('close', tag, `r:${a.rid ?? a.id ?? ''}`, undefined);
        return;
      case 'ph':
        this.push('standalone', tag, undefined, this.dataOf(tag, a.dataRef) ?? a.disp ?? a.equiv);
        return;
      case 'sc':
        this.push('open', tag, a.isolated === 'yes' ? undefined : `s:${a.id ?? ''}`, this.dataOf(tag, a.dataRef) ?? a.disp ?? a.equiv);
        return;
      case 'ec':
        this.push('close', tag, a.isolated === 'yes' ? undefined : `s:${a.startRef ?? ''}`, this.dataOf(tag, a.dataRef) ?? a.disp ?? a.equiv);
        return;
    }
  }

  /** The segment's text and codes; openings and closings with the same key are paired in order. */
  finish(): CodedText {
    if (!this.pending.length) return { text: this.buf };
    const openByKey = new Map<string, InlineCode[]>();
    let next = 1;
    for (const { code, key } of this.pending) {
      if (key === undefined) continue;
      if (code.kind === 'open') {
        const list = openByKey.get(key) ?? [];
        list.push(code);
        openByKey.set(key, list);
      } else if (code.kind === 'close') {
        const open = openByKey.get(key)?.shift();
        if (open) {
          open.pair = next;
          code.pair = next++;
        }
      }
    }
    return { text: this.buf, codes: this.pending.map((p) => p.code) };
  }
}

function ownAttrs(attrs: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (k !== 'xmlns' && !k.startsWith('xmlns:')) out[k] = v;
  return out;
}

function attrsOut(attrs: Record<string, string>, replaced?: string[]): string {
  let out = '';
  for (const [k, v] of Object.entries(attrs)) out += ` ${k}="${attrValue(v, replaced)}"`;
  return out;
}

function attrValue(v: string, replaced?: string[]): string {
  const clean = sanitizeXmlText(v);
  replaced?.push(...clean.replaced);
  return escapeAttr(clean.text);
}

/** Text for element content: XML-illegal characters become U+FFFD and are collected. */
function plainText(v: string, replaced: string[]): string {
  const clean = sanitizeXmlText(v);
  replaced.push(...clean.replaced);
  return escapeText(clean.text);
}

/** Keeps only the attributes a target element may carry. */
function keep(code: InlineCode, sameFormat: boolean, allowed: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (!sameFormat || !code.attrs) return out;
  for (const k of allowed) if (code.attrs[k] !== undefined && !STRUCTURAL.has(k)) out[k] = code.attrs[k]!;
  return out;
}

/**
 * Identifiers for the codes of one segment: a pair shares one. A code keeps
 * the identifier it was read with (TMX x, XLIFF id) where that stays unique,
 * so corresponding codes in source and target keep matching; the others get
 * the smallest free number.
 */
function assignIds(codes: readonly InlineCode[]): string[] {
  const used = new Set<string>();
  const ids: string[] = new Array(codes.length);
  const byPair = new Map<number, string>();
  const original = (c: InlineCode): string | undefined => {
    const f = codeFormat(c);
    if (f === 'tmx') return c.attrs?.x;
    if (f === 'xliff2') return c.kind === 'close' && c.attrs?.startRef ? c.attrs.startRef : c.attrs?.id;
    if (f === 'xliff12') return c.kind === 'close' && c.attrs?.rid ? c.attrs.rid : (c.attrs?.rid ?? c.attrs?.id);
    return undefined;
  };
  const want: (string | undefined)[] = codes.map((c) => {
    const o = original(c);
    return o !== undefined && /^[A-Za-z0-9_.-]{1,64}$/.test(o) ? o : undefined;
  });
  // First pass: codes whose own id is still free (a pair claims it once).
  codes.forEach((c, i) => {
    if (c.pair !== undefined && byPair.has(c.pair)) return;
    const w = want[i];
    if (w !== undefined && !used.has(w)) {
      used.add(w);
      ids[i] = w;
      if (c.pair !== undefined) byPair.set(c.pair, w);
    }
  });
  let n = 1;
  const fresh = () => {
    while (used.has(String(n))) n++;
    used.add(String(n));
    return String(n);
  };
  codes.forEach((c, i) => {
    if (c.pair !== undefined) {
      if (!byPair.has(c.pair)) byPair.set(c.pair, ids[i] ?? fresh());
      ids[i] = byPair.get(c.pair)!;
    } else ids[i] ??= fresh();
  });
  return ids;
}

/** Walks text and codes, escaping the runs between codes with `run`. */
function weave(seg: CodedText, run: (text: string) => string, code: (c: InlineCode, index: number) => string): string {
  const codes = seg.codes ?? [];
  let out = '';
  let from = 0;
  codes.forEach((c, i) => {
    out += run(seg.text.slice(from, c.at));
    out += code(c, i);
    from = c.at + 1;
  });
  return out + run(seg.text.slice(from));
}

function nativeContent(c: InlineCode, sameFormat: boolean, replaced: string[]): string {
  if (sameFormat && c.inner !== undefined) return c.inner;
  return plainText(c.native ?? '', replaced);
}

/** TMX 1.4b <seg> content. */
export function tmxInline(seg: CodedText, replaced: string[]): string {
  const codes = seg.codes ?? [];
  const nested = wellNestedPairs(codes);
  const ids = assignIds(codes);
  // TMX pairs bpt/ept by i, numbered per segment.
  const iOf = new Map<number, number>();
  let nextI = 1;
  return weave(
    seg,
    (t) => plainText(t, replaced),
    (c, k) => {
      const same = codeFormat(c) === 'tmx';
      const x = /^\d+$/.test(ids[k]!) ? ids[k] : undefined;
      if (c.pair !== undefined && codeElement(c) === 'hi' && same && nested.has(c.pair)) {
        return c.kind === 'open' ? `<hi${attrsOut(keep(c, same, ['x', 'type']), replaced)}>` : '</hi>';
      }
      if (c.pair !== undefined) {
        if (!iOf.has(c.pair)) iOf.set(c.pair, nextI++);
        const i = iOf.get(c.pair)!;
        if (c.kind === 'open') {
          const attrs = { i: String(i), ...(x ? { x } : {}), ...keep(c, same, ['type']) };
          return `<bpt${attrsOut(attrs, replaced)}>${nativeContent(c, same, replaced)}</bpt>`;
        }
        return `<ept i="${i}">${nativeContent(c, same, replaced)}</ept>`;
      }
      if (c.kind === 'standalone') {
        const attrs = { ...(x ? { x } : {}), ...keep(c, same, ['type', 'assoc']) };
        return `<ph${attrsOut(attrs, replaced)}>${nativeContent(c, same, replaced)}</ph>`;
      }
      const attrs = { pos: c.kind === 'open' ? 'begin' : 'end', ...(x ? { x } : {}), ...keep(c, same, ['type']) };
      return `<it${attrsOut(attrs, replaced)}>${nativeContent(c, same, replaced)}</it>`;
    },
  );
}

/** XLIFF 1.2 <source>/<target> content. */
export function xliff12Inline(seg: CodedText, replaced: string[]): string {
  const codes = seg.codes ?? [];
  const nested = wellNestedPairs(codes);
  const ids = assignIds(codes);
  const CTYPE = ['ctype', 'clone', 'xid', 'equiv-text', 'crc', 'assoc', 'css-style', 'style', 'exstyle', 'font', 'xml:lang'];
  return weave(
    seg,
    (t) => plainText(t, replaced),
    (c, k) => {
      const same = codeFormat(c) === 'xliff12';
      const el = codeElement(c);
      const id = ids[k]!;
      const hasNative = c.native !== undefined || (same && c.inner !== undefined);
      if (c.pair !== undefined) {
        if (!hasNative && nested.has(c.pair) && (el === 'g' || el === 'hi' || el === 'pc' || !same)) {
          return c.kind === 'open' ? `<g${attrsOut({ id, ...keep(c, same, CTYPE) }, replaced)}>` : '</g>';
        }
        if (hasNative) {
          const name = c.kind === 'open' ? 'bpt' : 'ept';
          return `<${name}${attrsOut({ id, ...keep(c, same, CTYPE) }, replaced)}>${nativeContent(c, same, replaced)}</${name}>`;
        }
        const name = c.kind === 'open' ? 'bx' : 'ex';
        return `<${name}${attrsOut({ id: `${id}${c.kind === 'open' ? '' : 'e'}`, rid: id, ...keep(c, same, CTYPE) }, replaced)}/>`;
      }
      if (c.kind === 'standalone') {
        if (!hasNative) return `<x${attrsOut({ id, ...keep(c, same, CTYPE) }, replaced)}/>`;
        return `<ph${attrsOut({ id, ...keep(c, same, CTYPE) }, replaced)}>${nativeContent(c, same, replaced)}</ph>`;
      }
      const pos = c.kind === 'open' ? 'open' : 'close';
      return `<it${attrsOut({ id, pos, ...keep(c, same, CTYPE) }, replaced)}>${nativeContent(c, same, replaced)}</it>`;
    },
  );
}

/** XLIFF 2 content: text with <cp/> for characters XML cannot hold. */
function xliff2Text(text: string): string {
  let out = '';
  for (const part of splitIllegalXmlChars(text)) {
    out += typeof part === 'string' ? escapeText(part) : `<cp hex="${part.toString(16).toUpperCase().padStart(4, '0')}"/>`;
  }
  return out;
}

/**
 * XLIFF 2 <source>/<target> content. Native markup goes to the unit's
 * <originalData>: `data` collects it (shared by source and target, so
 * identical markup is stored once) and returns the data id.
 */
export function xliff2Inline(seg: CodedText, data: (native: string) => string): string {
  const codes = seg.codes ?? [];
  const nested = wellNestedPairs(codes);
  const ids = assignIds(codes);
  const KEEP = ['canCopy', 'canDelete', 'canReorder', 'copyOf', 'disp', 'equiv', 'subFlows', 'subType', 'type'];
  const ref = (c: InlineCode, attr: string) => (c.native !== undefined ? { [attr]: data(c.native) } : {});
  return weave(seg, xliff2Text, (c, k) => {
    const same = codeFormat(c) === 'xliff2';
    const el = codeElement(c);
    const id = ids[k]!;
    if (c.pair !== undefined) {
      const asPc = nested.has(c.pair) && (same ? el === 'pc' : el === 'hi' || el === 'g');
      if (asPc) {
        // The closing code's markup is only known when it is reached, so <pc> carries dataRefEnd on the opening tag by a
        // lookup of its partner.
        if (c.kind === 'close') return '</pc>';
        const partner = codes.find((o) => o !== c && o.pair === c.pair)!;
        const attrs = { id, ...ref(c, 'dataRefStart'), ...ref(partner, 'dataRefEnd'), ...keep(c, same, KEEP.filter((a) => a !== 'disp' && a !== 'equiv' && a !== 'subFlows')) };
        return `<pc${attrsOut(attrs)}>`;
      }
      if (c.kind === 'open') return `<sc${attrsOut({ id, ...ref(c, 'dataRef'), ...keep(c, same, KEEP) })}/>`;
      return `<ec${attrsOut({ startRef: id, ...ref(c, 'dataRef'), ...keep(c, same, KEEP.filter((a) => a !== 'copyOf')) })}/>`;
    }
    if (c.kind === 'standalone') return `<ph${attrsOut({ id, ...ref(c, 'dataRef'), ...keep(c, same, KEEP) })}/>`;
    const name = c.kind === 'open' ? 'sc' : 'ec';
    return `<${name}${attrsOut({ id, isolated: 'yes', ...ref(c, 'dataRef'), ...keep(c, same, KEEP) })}/>`;
  });
}

/** Escaped content for an XLIFF 2 <data> element (which may hold <cp/>). */
export function xliff2DataContent(native: string): string {
  return xliff2Text(native);
}
