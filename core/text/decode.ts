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

/**
 * UTF-16 without a BOM. Text in one alphabet keeps the high byte of its code
 * units in very few values: 0x00 for Latin letters, spaces, digits and
 * punctuation, 0x04 for Cyrillic, 0x03 for Greek, 0x05 for Hebrew, 0x06 for
 * Arabic, 0x20 for quotes and dashes. Binary data spreads them. The guess is
 * kept only if the bytes then decode to plausible text.
 */
function guessUtf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 8192) & ~1;
  if (n < 8) return null;
  // UTF-16 puts a zero byte in every unit below U+0100 (spaces, line ends); without any, neither test below can pass.
  if (bytes.subarray(0, n).indexOf(0) < 0) return null;
  const pairs = n / 2;
  for (const enc of ['utf-16le', 'utf-16be'] as const) {
    const hiAt = enc === 'utf-16le' ? 1 : 0;
    const counts = new Uint32Array(256);
    let nulUnits = 0;
    for (let i = 0; i < n; i += 2) {
      const hi = bytes[i + hiAt];
      counts[hi]++;
      if (hi === 0 && bytes[i + 1 - hiAt] === 0) nulUnits++;
    }
    const zeroHigh = counts[0];
    const top = [...counts].filter((c) => c > 0).sort((x, y) => y - x);
    const concentrated = (top[0] + (top[1] ?? 0) + (top[2] ?? 0)) / pairs >= 0.95 && (top[0] + (top[1] ?? 0)) / pairs >= 0.85;
    // Spaces and line ends put 0x00 in the high byte of some units; U+0000 itself does not occur in text.
    if (!concentrated || zeroHigh < pairs * 0.05 || nulUnits > 0) continue;
    if (plausibleText(bytes.subarray(0, n), enc)) return enc;
  }
  return null;
}

/** Letters, marks, digits, punctuation, symbols and white space, and nothing else (no control characters). */
function plausibleText(bytes: Uint8Array, enc: 'utf-16le' | 'utf-16be'): boolean {
  let text: string;
  try {
    text = new TextDecoder(enc, { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd\ue000-\uf8ff]/u.test(text)) return false;
  const words = text.match(/[\p{L}\p{M}\p{N}\p{P}\p{S}\s]/gu)?.length ?? 0;
  return words >= [...text].length * 0.98;
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

/** Bytes 0x80–0x9F of Windows-1252: what each stands for (the rest of 0xA0–0xFF is Latin-1). Five are undefined. */
const CP1252_HIGH: Record<number, number> = Object.fromEntries(Object.entries(CP1252_EXTRA).map(([code, byte]) => [byte, Number(code)]));

/** Decodes Windows-1252 by its table (TextDecoder in some Node versions reads 0x80–0x9F as Latin-1 control characters). */
function decodeCp1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = Array.from(bytes.subarray(i, i + 8192), (b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b] ?? b : b));
    out += String.fromCharCode(...chunk);
  }
  return out;
}

const isAsciiLetter = (b: number) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
/** Letters of Windows-1252 above ASCII: À–ÿ but × and ÷, and Š Œ Ž š œ ž Ÿ ƒ. */
const isHighLetter = (b: number) => (b >= 0xc0 && b !== 0xd7 && b !== 0xf7) || [0x83, 0x8a, 0x8c, 0x8e, 0x9a, 0x9c, 0x9e, 0x9f].includes(b);
/** Accented letters that are words on their own: "à" in French, "å" and "ö" in Swedish, "é" in Portuguese. */
const STANDALONE = new Set([0xc0, 0xc9, 0xe0, 0xe1, 0xe2, 0xe4, 0xe5, 0xe8, 0xe9, 0xea, 0xec, 0xed, 0xf2, 0xf3, 0xf4, 0xf6, 0xf8, 0xf9, 0xfa]);

/**
 * Invalid UTF-8 is taken for Windows-1252 only when its high bytes read as
 * Western text: accented letters inside words that also have plain letters
 * (or the few accented letters that are words alone), and punctuation or
 * symbols. Undefined bytes, or letters in runs of their own ("ÿþ", "Ã("),
 * are not text.
 */
function looksLikeCp1252(bytes: Uint8Array): boolean {
  let high = 0;
  let implausible = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) {
      if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) return false;
      continue;
    }
    high++;
    if ([0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(b)) return false;
    if (!isHighLetter(b)) continue;
    // The word around this letter: a run of letters either way.
    let start = i;
    while (start > 0 && (isAsciiLetter(bytes[start - 1]) || isHighLetter(bytes[start - 1]))) start--;
    let end = i + 1;
    while (end < bytes.length && (isAsciiLetter(bytes[end]) || isHighLetter(bytes[end]))) end++;
    const word = bytes.subarray(start, end);
    const plausible = word.some(isAsciiLetter) || (word.length === 1 && STANDALONE.has(b));
    if (!plausible) implausible++;
  }
  return high > 0 && (implausible === 0 || (high >= 50 && implausible <= high * 0.02));
}

/**
 * Signs that invalid bytes sit in UTF-8 text rather than Windows-1252: valid
 * UTF-8 sequences for accented letters (Windows-1252 would show them as
 * "Ã©") or for any character of three bytes or more.
 */
function utf8Evidence(bytes: Uint8Array): number {
  let found = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0xc2 || b > 0xf4) continue;
    const need = b < 0xe0 ? 1 : b < 0xf0 ? 2 : 3;
    let ok = true;
    for (let k = 1; k <= need; k++) if ((bytes[i + k] & 0xc0) !== 0x80) ok = false;
    if (!ok) continue;
    if (need > 1 || b <= 0xc9) found++;
    i += need;
  }
  return found;
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
  if (sample.indexOf(0) >= 0) for (const b of sample) if (b === 0) nuls++;
  if (nuls > 0) throw new TandemError('unsupported', `this looks like a binary file (${nuls} NUL bytes in the first ${sample.length} bytes), not text`);
  try {
    return { text: strictUtf8(bytes, warnings), encoding: 'utf-8', warnings };
  } catch (err) {
    if (!(err instanceof TandemError) || err.kind !== 'encoding' || !err.details?.invalidUtf8) throw err;
    const at = err.details.offset as number;
    const bad = `first bad byte 0x${bytes[at]?.toString(16).padStart(2, '0')} at offset ${at}`;
    if (utf8Evidence(bytes) > 0) {
      throw new TandemError('encoding', `damaged UTF-8: the file is UTF-8 but has bytes that are not (${bad}); it was not imported, so nothing is stored garbled. Repair or re-save the file as UTF-8`, { invalidUtf8: true, offset: at });
    }
    if (looksLikeCp1252(bytes)) {
      warnings.push('not valid UTF-8; read as Windows-1252 (Western European), which its accented letters fit');
      return { text: checkMojibake(decodeCp1252(bytes), warnings), encoding: 'windows-1252', warnings };
    }
    throw new TandemError(
      'encoding',
      `not valid UTF-8 (${bad}), and not plausible Windows-1252 text either: its other bytes do not read as letters in words. Re-save the file as UTF-8`,
      { invalidUtf8: true, offset: at },
    );
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
