import { TandemError } from '../../common/errors';

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  /** Things the user should hear about, e.g. a repaired double encoding. */
  warnings: string[];
}

const MAGIC: Array<[number[], string]> = [
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (or a Word/OpenDocument file)'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an executable'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], 'a SQLite database'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old Microsoft Office file'],
];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** UTF-16 without a BOM shows as NULs in every other byte for Latin text. */
function guessUtf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

// Two-byte UTF-8 sequences read as Latin-1/1252: "Ã¸" for "ø", "Ã©" for "é".
const MOJIBAKE = /[\u00c2\u00c3][\u0080-\u00bf\u00a0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/g;

const CP1252_EXTRA: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
  0x02c6: 0x88, 0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91,
  0x2019: 0x92, 0x201c: 0x93, 0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98,
  0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b, 0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

/** Undo UTF-8 that was decoded as Windows-1252 and encoded again, if it really is that. */
function repairDoubleEncoding(text: string): string | null {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x100) bytes[i] = c;
    else if (CP1252_EXTRA[c] !== undefined) bytes[i] = CP1252_EXTRA[c];
    else return null;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function checkMojibake(text: string, warnings: string[]): string {
  const hits = text.match(MOJIBAKE)?.length ?? 0;
  if (hits < 3) return text;
  const repaired = repairDoubleEncoding(text);
  if (repaired !== null && (repaired.match(MOJIBAKE)?.length ?? 0) === 0) {
    warnings.push(`text was UTF-8 encoded twice (${hits} garbled letters such as "Ã¸"); repaired`);
    return repaired;
  }
  throw new TandemError(
    'encoding',
    `the text looks garbled (${hits} sequences such as "Ã¸" that come from decoding UTF-8 twice) and could not be repaired safely; re-save the file as UTF-8`,
  );
}

/**
 * Latin-1/Windows-1252 is only assumed when the file is not UTF-8 and its high
 * bytes sit between letters, as accented letters do; anything else is refused.
 */
function looksLikeCp1252(bytes: Uint8Array): boolean {
  let high = 0;
  let plausible = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) {
      if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) return false;
      continue;
    }
    high++;
    const prev = bytes[i - 1] ?? 0x20;
    const next = bytes[i + 1] ?? 0x20;
    const isLetterish = (x: number) => (x >= 0x41 && x <= 0x5a) || (x >= 0x61 && x <= 0x7a) || x >= 0xc0 || x === 0x20;
    if (b >= 0xc0 && (isLetterish(prev) || isLetterish(next))) plausible++;
    else if ([0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x85, 0x80, 0xa0, 0xab, 0xbb, 0xb0, 0xa7].includes(b)) plausible++;
  }
  return high > 0 && plausible / high > 0.9;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  const warnings: string[] = [];
  if (bytes.length === 0) throw new TandemError('invalid-input', 'the file is empty');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: strictUtf8(bytes.subarray(3), warnings), encoding: 'utf-8-bom', warnings };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: utf16(bytes.subarray(2), 'utf-16le', warnings), encoding: 'utf-16le', warnings };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: utf16(bytes.subarray(2), 'utf-16be', warnings), encoding: 'utf-16be', warnings };
  }
  for (const [magic, what] of MAGIC) {
    if (startsWith(bytes, magic)) throw new TandemError('unsupported', `this is ${what}, not a text file`);
  }
  const utf16Guess = guessUtf16WithoutBom(bytes);
  if (utf16Guess) {
    warnings.push(`no byte-order mark; read as ${utf16Guess.toUpperCase()} from its byte pattern`);
    return { text: utf16(bytes, utf16Guess, warnings), encoding: utf16Guess, warnings };
  }
  const sample = bytes.subarray(0, 65536);
  let nuls = 0;
  for (const b of sample) if (b === 0) nuls++;
  if (nuls > 0) throw new TandemError('unsupported', `this looks like a binary file (${nuls} NUL bytes in the first ${sample.length} bytes), not text`);
  try {
    return { text: strictUtf8(bytes, warnings), encoding: 'utf-8', warnings };
  } catch (err) {
    if (!(err instanceof TandemError) || err.kind !== 'encoding' || !err.details?.invalidUtf8) throw err;
    if (looksLikeCp1252(bytes)) {
      warnings.push('not valid UTF-8; read as Windows-1252 (Western European), which its accented letters fit');
      const text = new TextDecoder('windows-1252').decode(bytes);
      return { text: checkMojibake(text, warnings), encoding: 'windows-1252', warnings };
    }
    throw err;
  }
}

function strictUtf8(bytes: Uint8Array, warnings: string[]): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new TandemError(
      'encoding',
      `not valid UTF-8 (first bad byte 0x${bytes[at]?.toString(16).padStart(2, '0')} at offset ${at}) and the encoding could not be detected reliably; re-save the file as UTF-8`,
      { invalidUtf8: true, offset: at },
    );
  }
  return checkMojibake(text, warnings);
}

function utf16(bytes: Uint8Array, enc: 'utf-16le' | 'utf-16be', warnings: string[]): string {
  if (bytes.length % 2 !== 0) throw new TandemError('encoding', `the ${enc.toUpperCase()} text has an odd number of bytes; the file is truncated or not UTF-16`);
  try {
    return checkMojibake(new TextDecoder(enc, { fatal: true }).decode(bytes), warnings);
  } catch (err) {
    if (err instanceof TandemError) throw err;
    throw new TandemError('encoding', `invalid ${enc.toUpperCase()} text (unpaired surrogates)`);
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return i;
}
