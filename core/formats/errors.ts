/**
 * Error raised by every reader in `core/formats` when its input is malformed.
 * `line` and `column` are 1-based; columns count Unicode code points so they
 * match what a text editor shows even when the line holds emoji or other
 * astral-plane characters.
 */
export class FormatError extends Error {
  override readonly name = 'FormatError';

  constructor(
    /** Short description of the problem, without position. */
    readonly reason: string,
    readonly line: number,
    readonly column: number,
    /** Which format was being read, e.g. "TMX" or "XML". */
    readonly format: string = 'input',
  ) {
    super(`${format}: ${reason} (line ${line}, column ${column})`);
  }
}

/**
 * Line and column (both 1-based) of a UTF-16 offset. Line breaks are LF, CRLF
 * and lone CR, as in XML. Only called when reporting a problem, so a linear
 * scan is fine and keeps the hot parsing paths free of bookkeeping.
 */
export function locate(text: string, offset: number): { line: number; column: number } {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
    } else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10 && i + 1 < end) i++;
      line++;
      lineStart = i + 1;
    }
  }
  let column = 1;
  for (let i = lineStart; i < end; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair is one character; count it once, at its high half.
    if (c >= 0xdc00 && c <= 0xdfff && i > lineStart) {
      const prev = text.charCodeAt(i - 1);
      if (prev >= 0xd800 && prev <= 0xdbff) continue;
    }
    column++;
  }
  return { line, column };
}

/** Builds a FormatError for an offset into `text`. */
export function errorAt(format: string, text: string, offset: number, reason: string): FormatError {
  const { line, column } = locate(text, offset);
  return new FormatError(reason, line, column, format);
}

/**
 * Position lookup for reporting many problems in one text: builds an index
 * of line starts once, then answers each query by binary search, so listing
 * thousands of problems in a large file stays cheap.
 */
export function makeLocator(text: string): (offset: number) => { line: number; column: number } {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = starts[lo]!;
    return { line: lo + 1, column: locate(text.slice(lineStart, offset), offset - lineStart).column };
  };
}
