/** Helpers shared by the line-based formats (Moses, TSV, JSONL). */
import { decodeStrict } from './xml.js';

/** Decodes bytes as strict UTF-8 and drops a leading byte-order mark. */
export function toText(input: string | Uint8Array, format: string): string {
  const text = typeof input === 'string' ? input : decodeStrict(input, 'utf-8', format);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Splits into lines on LF, dropping a CR before it (files edited on Windows)
 * and the empty string after a final newline. Empty input has no lines.
 */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1);
  }
  return lines;
}

/** Number of code points in a string, for 1-based columns. */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
