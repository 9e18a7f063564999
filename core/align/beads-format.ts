/**
 * Vecalign-style bead lines: `[3]:[4, 5]:0.42` (0-based indices; the confidence is optional,
 * gold files omit it; `[]` marks an empty side).
 */

import type { Bead, BeadSpan } from './types.js';

function formatSide(ids: readonly number[]): string {
  return '[' + ids.join(', ') + ']';
}

export function formatBead(bead: BeadSpan | Bead, digits = 2): string {
  const head = formatSide(bead.src) + ':' + formatSide(bead.tgt);
  return 'confidence' in bead && typeof bead.confidence === 'number'
    ? head + ':' + bead.confidence.toFixed(digits)
    : head;
}

export function formatBeads(beads: ReadonlyArray<BeadSpan | Bead>, digits = 2): string {
  return beads.map((b) => formatBead(b, digits) + '\n').join('');
}

function parseSide(text: string, line: number): number[] {
  const inner = text.trim();
  if (!inner.startsWith('[') || !inner.endsWith(']')) throw new Error(`line ${line}: expected [..], got "${text}"`);
  const body = inner.slice(1, -1).trim();
  if (body === '') return [];
  return body.split(',').map((part) => {
    const v = Number(part.trim());
    if (!Number.isInteger(v) || v < 0) throw new Error(`line ${line}: bad index "${part.trim()}"`);
    return v;
  });
}

/** Parses one bead line. The confidence is undefined when the line has none. */
export function parseBeadLine(text: string, line = 1): BeadSpan & { confidence?: number } {
  const close1 = text.indexOf(']');
  const close2 = close1 < 0 ? -1 : text.indexOf(']', close1 + 1);
  if (close1 < 0 || close2 < 0) throw new Error(`line ${line}: not a bead: "${text}"`);
  const src = parseSide(text.slice(0, close1 + 1), line);
  const rest = text.slice(close1 + 1).trimStart();
  if (!rest.startsWith(':')) throw new Error(`line ${line}: expected ':' after source side`);
  const tgtEnd = rest.indexOf(']');
  const tgt = parseSide(rest.slice(1, tgtEnd + 1), line);
  const tail = rest.slice(tgtEnd + 1).trim();
  if (tail === '') return { src, tgt };
  if (!tail.startsWith(':')) throw new Error(`line ${line}: unexpected "${tail}"`);
  const confidence = Number(tail.slice(1).trim());
  if (!Number.isFinite(confidence)) throw new Error(`line ${line}: bad confidence "${tail.slice(1).trim()}"`);
  return { src, tgt, confidence };
}

/** Parses a whole bead file; blank lines and lines starting with '#' are ignored. */
export function parseBeads(text: string): Array<BeadSpan & { confidence?: number }> {
  const out: Array<BeadSpan & { confidence?: number }> = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k].trim();
    if (l === '' || l.startsWith('#')) continue;
    out.push(parseBeadLine(l, k + 1));
  }
  return out;
}
