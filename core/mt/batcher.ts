/**
 * Splits paragraphs into translation requests that respect DeepL's limits:
 * at most 50 texts per request and a request body of at most 128 KiB.
 * Pure: no I/O, no engine imports.
 */

export const DEEPL_MAX_TEXTS = 50;
export const DEEPL_MAX_BODY_BYTES = 128 * 1024;
/**
 * Budget for the texts of one request. The remaining ~28 KiB of the body limit
 * is left for context, language and option parameters.
 */
export const DEFAULT_MAX_TEXT_BYTES = 100 * 1024;

/** Bytes of the `&text=` separator and key that precede each text in the form body. */
const TEXT_PARAM_OVERHEAD = '&text='.length;

export interface BatchLimits {
  maxTexts?: number;
  /** Upper bound for the summed `textParamBytes` of one request. */
  maxBytes?: number;
}

function isFormSafe(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    c === 0x2a || c === 0x2d || c === 0x2e || c === 0x5f
  );
}

/**
 * Exact size of `s` once serialised as application/x-www-form-urlencoded
 * (the encoding deepl-node uses for /v2/translate): safe ASCII stays one byte,
 * a space becomes '+', everything else is percent-encoded UTF-8 at three
 * bytes per UTF-8 byte. That is 9 bytes per UTF-16 unit for most non-Latin
 * scripts, so an estimate by string length alone would be off by up to 9x.
 * JSON bodies are never larger than this for the same text.
 */
export function formEncodedBytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += c === 0x20 || isFormSafe(c) ? 1 : 3;
    else if (c < 0x800) n += 6;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 12;
        i++;
      } else n += 9; // lone surrogate is replaced by U+FFFD (3 UTF-8 bytes)
    } else n += 9;
  }
  return n;
}

/** Bytes one text adds to a request body, including its parameter name. */
export function textParamBytes(s: string): number {
  return TEXT_PARAM_OVERHEAD + formEncodedBytes(s);
}

export function isBlank(s: string): boolean {
  return s.trim().length === 0;
}

/** Characters as DeepL bills them (Unicode code points, not UTF-16 units). */
export function billableChars(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * A piece of a paragraph sent as one text. Surrounding whitespace is kept
 * aside so that pieces can be re-joined with the original spacing.
 */
export interface Piece {
  text: string;
  lead: string;
  trail: string;
}

export class OversizedTextError extends Error {
  constructor(readonly bytes: number, readonly maxBytes: number) {
    super(`text of ${bytes} encoded bytes exceeds the per-request budget of ${maxBytes} bytes`);
    this.name = 'OversizedTextError';
  }
}

function segment(text: string, granularity: 'sentence' | 'word'): string[] {
  const seg = new Intl.Segmenter(undefined, { granularity });
  return Array.from(seg.segment(text), (s) => s.segment);
}

function hardCut(text: string, maxBytes: number): string[] {
  const out: string[] = [];
  let cur = '';
  let curBytes = TEXT_PARAM_OVERHEAD;
  for (const ch of text) {
    const b = formEncodedBytes(ch);
    if (cur && curBytes + b > maxBytes) {
      out.push(cur);
      cur = '';
      curBytes = TEXT_PARAM_OVERHEAD;
    }
    cur += ch;
    curBytes += b;
  }
  if (cur) out.push(cur);
  return out;
}

/** Greedily packs consecutive units into chunks that fit, refining units that are too big on their own. */
function pack(units: string[], maxBytes: number, refine: (unit: string) => string[]): string[] {
  const out: string[] = [];
  let cur = '';
  let curBytes = TEXT_PARAM_OVERHEAD;
  for (const unit of units) {
    const b = formEncodedBytes(unit);
    if (curBytes + b <= maxBytes) {
      cur += unit;
      curBytes += b;
      continue;
    }
    if (cur) out.push(cur);
    cur = '';
    curBytes = TEXT_PARAM_OVERHEAD;
    if (TEXT_PARAM_OVERHEAD + b <= maxBytes) {
      cur = unit;
      curBytes += b;
    } else out.push(...refine(unit));
  }
  if (cur) out.push(cur);
  return out;
}

function toPiece(chunk: string): Piece {
  const lead = /^\s*/.exec(chunk)![0];
  const body = chunk.slice(lead.length);
  const trail = /\s*$/.exec(body)![0];
  return { lead, text: body.slice(0, body.length - trail.length), trail };
}

/**
 * Splits a paragraph that would not fit in one request at sentence
 * boundaries (then word boundaries, then code points as a last resort), so a
 * very long paragraph is translated in pieces instead of failing. A paragraph
 * that fits is returned whole and untouched.
 */
export function splitOversized(text: string, maxBytes = DEFAULT_MAX_TEXT_BYTES): Piece[] {
  if (textParamBytes(text) <= maxBytes) return [{ text, lead: '', trail: '' }];
  const byWords = (sentence: string) => pack(segment(sentence, 'word'), maxBytes, (w) => hardCut(w, maxBytes));
  const chunks = pack(segment(text, 'sentence'), maxBytes, byWords);
  const pieces: Piece[] = [];
  let pendingLead = '';
  for (const chunk of chunks) {
    const p = toPiece(chunk);
    if (!p.text) {
      // whitespace-only chunk: fold into the spacing of its neighbours
      if (pieces.length) pieces[pieces.length - 1]!.trail += chunk;
      else pendingLead += chunk;
      continue;
    }
    p.lead = pendingLead + p.lead;
    pendingLead = '';
    pieces.push(p);
  }
  return pieces;
}

export function joinPieces(pieces: readonly Piece[], translations: readonly string[]): string {
  return pieces.map((p, i) => p.lead + translations[i] + p.trail).join('');
}

/**
 * Groups texts, in order, into requests within the limits. Returns indices
 * into `texts`. Every text must already fit on its own (see splitOversized).
 */
export function batchTexts(texts: readonly string[], limits: BatchLimits = {}): number[][] {
  const maxTexts = limits.maxTexts ?? DEEPL_MAX_TEXTS;
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_TEXT_BYTES;
  const batches: number[][] = [];
  let cur: number[] = [];
  let curBytes = 0;
  texts.forEach((t, i) => {
    const b = textParamBytes(t);
    if (b > maxBytes) throw new OversizedTextError(b, maxBytes);
    if (cur.length > 0 && (cur.length >= maxTexts || curBytes + b > maxBytes)) {
      batches.push(cur);
      cur = [];
      curBytes = 0;
    }
    cur.push(i);
    curBytes += b;
  });
  if (cur.length) batches.push(cur);
  return batches;
}

export interface PlannedSegment {
  paragraph: number;
  piece: number;
  text: string;
}

export interface BatchPlan {
  /** Each entry is one request's texts. */
  requests: PlannedSegment[][];
  /** Paragraphs that are empty or whitespace-only: never sent, translated as ''. */
  empty: number[];
  /** How each paragraph was cut; a single piece for paragraphs that fit, none for empty ones. */
  pieces: Piece[][];
}

/** Plans the requests for a list of paragraphs of a single source language. */
export function planBatches(paragraphs: readonly string[], limits: BatchLimits = {}): BatchPlan {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_TEXT_BYTES;
  const empty: number[] = [];
  const pieces: Piece[][] = [];
  const segments: PlannedSegment[] = [];
  paragraphs.forEach((p, paragraph) => {
    if (isBlank(p)) {
      empty.push(paragraph);
      pieces.push([]);
      return;
    }
    const ps = splitOversized(p, maxBytes);
    pieces.push(ps);
    ps.forEach((piece, i) => segments.push({ paragraph, piece: i, text: piece.text }));
  });
  const requests = batchTexts(segments.map((s) => s.text), limits).map((idx) => idx.map((i) => segments[i]!));
  return { requests, empty, pieces };
}
