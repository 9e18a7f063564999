/**
 * Moses-style parallel text: two plain-text files, one segment per line,
 * line N of the source aligned with line N of the target. Each line ends
 * with LF, including the last.
 *
 * The format has no way to hold a line break inside a segment, so writing
 * replaces every line break (CRLF, CR, LF, NEL U+0085, LINE SEPARATOR U+2028,
 * PARAGRAPH SEPARATOR U+2029) with a single space; the latter three are
 * included because many line-oriented tools split on them too. Properties
 * are not carried.
 */
import { FormatError } from './errors.js';
import type { AlignedUnit, ImportedPair } from './types.js';
import { stripCodes } from './codes.js';
import { splitLines, toText } from './text.js';

const FORMAT = 'Moses';

/** Replaces line breaks inside a segment by a space. */
export function flattenLineBreaks(text: string): string {
  return text.replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, ' ');
}

export function writeMoses(units: readonly AlignedUnit[]): { src: string; tgt: string } {
  let src = '';
  let tgt = '';
  for (const u of units) {
    // Plain text: inline code placeholders are left out.
    src += flattenLineBreaks(stripCodes(u.src.text, u.src.codes)) + '\n';
    tgt += flattenLineBreaks(stripCodes(u.tgt.text, u.tgt.codes)) + '\n';
  }
  return { src, tgt };
}

export interface MosesReadOptions {
  srcLang?: string;
  tgtLang?: string;
}

export function readMoses(srcText: string | Uint8Array, tgtText: string | Uint8Array, options: MosesReadOptions = {}): ImportedPair {
  const src = splitLines(toText(srcText, `${FORMAT} source`));
  const tgt = splitLines(toText(tgtText, `${FORMAT} target`));
  if (src.length !== tgt.length) {
    const shorter = src.length < tgt.length ? 'source' : 'target';
    throw new FormatError(
      `the source has ${src.length} line(s) but the target has ${tgt.length}; Moses files must be line-aligned ` +
        `(line ${Math.min(src.length, tgt.length) + 1} is missing from the ${shorter})`,
      Math.min(src.length, tgt.length) + 1,
      1,
      FORMAT,
    );
  }
  return {
    srcLang: options.srcLang ?? '',
    tgtLang: options.tgtLang ?? '',
    units: src.map((s, i) => ({ src: s, tgt: tgt[i]! })),
  };
}
