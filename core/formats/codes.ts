/**
 * Inline codes: the formatting tags (bold on/off, a line break, a link) that
 * translation memories carry inside a segment, e.g. TMX <bpt>/<ept>/<ph> or
 * XLIFF <pc>/<ph>/<g>/<x>.
 *
 * In Tandem's segment text each code is ONE protected placeholder character:
 *
 *   ⟦ (U+27E6)  a code that opens (bold on, <a href>)
 *   ⟧ (U+27E7)  a code that closes
 *   ⬚ (U+2B1A)  a standalone code (a line break, an image)
 *
 * They are punctuation and symbols, not letters or digits, so word-based
 * alignment features, language identification and full-text search do not
 * count them as words, and a length-based aligner sees one character per code.
 * They are visible in any font, and the panes style them as tokens.
 *
 * The placeholder only marks the place. What it stands for (the element it
 * came from, its attributes, its native markup) travels beside the text as an
 * `InlineCode` whose `at` is the placeholder's UTF-16 offset, so a literal ⟦
 * in ordinary text is never mistaken for a code. Writers put the code back
 * with the right element for their format.
 */

import { CODE_CHAR, type CodeKind, type InlineCode } from '../../common/types.js';

export { CODE_CHAR, type CodeKind, type InlineCode };

const KIND_OF: Record<string, CodeKind> = { [CODE_CHAR.open]: 'open', [CODE_CHAR.close]: 'close', [CODE_CHAR.standalone]: 'standalone' };

/** Matches any placeholder character. */
export const CODE_CHARS_RE = /[\u27E6\u27E7\u2B1A]/g;

/** A segment's text with its codes. */
export interface CodedText {
  text: string;
  codes?: InlineCode[];
}

export function codeKindOf(ch: string): CodeKind | undefined {
  return KIND_OF[ch];
}

/** Format prefix of `code.el` ("tmx", "xliff2", "xliff12"), or undefined. */
export function codeFormat(code: InlineCode): string | undefined {
  const i = code.el?.indexOf(':') ?? -1;
  return i > 0 ? code.el!.slice(0, i) : undefined;
}

/** Element name of `code.el` without its format prefix. */
export function codeElement(code: InlineCode): string | undefined {
  const i = code.el?.indexOf(':') ?? -1;
  return i > 0 ? code.el!.slice(i + 1) : code.el;
}

/**
 * Checks that every code's `at` points at a placeholder of its kind, in order,
 * and that pairs open before they close. Returns the problem, or null.
 */
export function validateCodes(text: string, codes: readonly InlineCode[]): string | null {
  let last = -1;
  const open = new Set<number>();
  for (const c of codes) {
    if (!Number.isInteger(c.at) || c.at <= last || c.at >= text.length) return `code at ${c.at} is out of order or outside the text`;
    if (KIND_OF[text[c.at]!] !== c.kind) return `no ${c.kind} placeholder at ${c.at}`;
    if (c.pair !== undefined) {
      if (c.kind === 'open') open.add(c.pair);
      else if (c.kind === 'close' && !open.delete(c.pair)) return `closing code ${c.pair} at ${c.at} has no opening code before it`;
    }
    last = c.at;
  }
  return null;
}

/**
 * A code from untrusted structured input (JSON), keeping only well-typed
 * fields. `inner` is dropped: it is written verbatim as XML, so only the
 * XML readers, which serialise it themselves, may set it.
 */
export function sanitizeCode(value: unknown): InlineCode | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.at !== 'number' || !(v.kind === 'open' || v.kind === 'close' || v.kind === 'standalone')) return null;
  const code: InlineCode = { at: v.at, kind: v.kind };
  if (Number.isInteger(v.pair)) code.pair = v.pair as number;
  if (typeof v.el === 'string') code.el = v.el;
  if (typeof v.native === 'string') code.native = v.native;
  if (typeof v.attrs === 'object' && v.attrs !== null && !Array.isArray(v.attrs)) {
    const attrs: Record<string, string> = {};
    for (const [k, a] of Object.entries(v.attrs)) if (typeof a === 'string' && /^[A-Za-z_][\w.:-]*$/.test(k)) attrs[k] = a;
    if (Object.keys(attrs).length) code.attrs = attrs;
  }
  return code;
}

/** The text without its code placeholders (for plain-text formats). Literal look-alikes that are not codes stay. */
export function stripCodes(text: string, codes: readonly InlineCode[] | undefined): string {
  if (!codes?.length) return text;
  let out = '';
  let from = 0;
  for (const c of codes) {
    out += text.slice(from, c.at);
    from = c.at + 1;
  }
  return out + text.slice(from);
}

/** Drops the pair number of codes whose partner is not in the list: they become isolated. */
function isolateOrphans(codes: InlineCode[]): InlineCode[] {
  const count = new Map<number, number>();
  for (const c of codes) if (c.pair !== undefined) count.set(c.pair, (count.get(c.pair) ?? 0) + 1);
  return codes.map((c) => (c.pair === undefined || count.get(c.pair) === 2 ? c : dropPair(c)));
}

/**
 * The codes of `text.slice(start, end)`, shifted to the slice. A code whose
 * partner falls outside the slice becomes isolated.
 */
export function sliceCodes(codes: readonly InlineCode[] | undefined, start: number, end: number): InlineCode[] | undefined {
  if (!codes?.length) return undefined;
  const inside = codes.filter((c) => c.at >= start && c.at < end).map((c) => ({ ...c, at: c.at - start }));
  return inside.length ? isolateOrphans(inside) : undefined;
}

/**
 * Joins segments (an n:m link) with `sep` between them, shifting each part's
 * codes and renumbering pairs so that they stay unique in the result.
 */
export function joinCoded(parts: readonly CodedText[], sep = ' '): CodedText {
  let text = '';
  const codes: InlineCode[] = [];
  let nextPair = 1;
  parts.forEach((part, i) => {
    if (i > 0) text += sep;
    const renumber = new Map<number, number>();
    for (const c of part.codes ?? []) {
      const moved: InlineCode = { ...c, at: c.at + text.length };
      if (c.pair !== undefined) {
        if (!renumber.has(c.pair)) renumber.set(c.pair, nextPair++);
        moved.pair = renumber.get(c.pair)!;
      }
      codes.push(moved);
    }
    text += part.text;
  });
  return codes.length ? { text, codes } : { text };
}

/**
 * The codes of an edited version of a segment. The annotator may move or
 * delete placeholders, so each placeholder in `edited` takes the next unused
 * code of its kind from the original, in order; placeholders beyond those are
 * literal characters. A pair broken by the edit becomes isolated codes.
 */
export function codesOfEdit(edited: string, original: readonly InlineCode[] | undefined): InlineCode[] | undefined {
  if (!original?.length) return undefined;
  const queues: Record<CodeKind, InlineCode[]> = { open: [], close: [], standalone: [] };
  for (const c of original) queues[c.kind].push(c);
  const out: InlineCode[] = [];
  CODE_CHARS_RE.lastIndex = 0;
  for (let m = CODE_CHARS_RE.exec(edited); m; m = CODE_CHARS_RE.exec(edited)) {
    const next = queues[KIND_OF[m[0]]!].shift();
    if (next) out.push({ ...next, at: m.index });
  }
  // A close that now comes before its open is no longer a pair.
  const opened = new Set<number>();
  const fixed = out.map((c) => {
    if (c.pair === undefined) return c;
    if (c.kind === 'open') opened.add(c.pair);
    else if (!opened.has(c.pair)) return dropPair(c);
    return c;
  });
  return fixed.length ? isolateOrphans(fixed) : undefined;
}

function dropPair(c: InlineCode): InlineCode {
  const { pair: _, ...rest } = c;
  return rest;
}

/**
 * Pairs open codes with close codes that nest properly, innermost first, for
 * writers whose paired element must enclose its content (<pc>, <g>, <hi>).
 * Returns the set of pair numbers that nest.
 */
export function wellNestedPairs(codes: readonly InlineCode[]): Set<number> {
  const ok = new Set<number>();
  const stack: number[] = [];
  const bad = new Set<number>();
  for (const c of codes) {
    if (c.pair === undefined) continue;
    if (c.kind === 'open') stack.push(c.pair);
    else if (c.kind === 'close') {
      const top = stack.lastIndexOf(c.pair);
      if (top < 0) continue;
      // Pairs opened after this one and still open cross it: neither nests.
      const rest = stack.splice(top);
      if (rest.length > 1) for (const p of rest) bad.add(p);
      else if (!bad.has(c.pair)) ok.add(c.pair);
    }
  }
  for (const b of bad) ok.delete(b);
  return ok;
}
