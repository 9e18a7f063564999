/**
 * Tab-separated values, one aligned unit per row.
 *
 * Header row: the source and target language codes name the first two
 * columns, followed by fixed property columns:
 *
 *   <srcLang>  <tgtLang>  id  status  confidence  annotator  origin  state
 *   src_doc  tgt_doc  src_title  tgt_title  src_segments  tgt_segments
 *
 * e.g. "de\tfr\tid\tstatus\t...". Empty cells mean "not set". Inside every
 * cell a backslash is written as \\, a tab as \t, a line feed as \n and a
 * carriage return as \r, so any text survives the round trip and every row
 * is exactly one line. An unpaired surrogate (which UTF-8 cannot encode) is
 * written as \uXXXX so it is not lost when the text is saved. The reader accepts extra columns of other tools and
 * keeps them as properties under the column name.
 */
import { FormatError } from './errors.js';
import type { AlignedUnit, ExportMeta, ImportedPair, ImportedUnit } from './types.js';
import { SNAKE_KEYS, UNIT_PROP_KEYS, propKeyFromSnake, unitPropRecord } from './types.js';
import { stripCodes } from './codes.js';
import { codePointLength, splitLines, toText } from './text.js';

const FORMAT = 'TSV';

export const TSV_PROP_COLUMNS: readonly string[] = UNIT_PROP_KEYS.map((k) => SNAKE_KEYS[k]);

const TSV_SPECIAL = /[\\\t\n\r]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeTsvCell(value: string): string {
  return value.replace(TSV_SPECIAL, (c) => {
    switch (c) {
      case '\\':
        return '\\\\';
      case '\t':
        return '\\t';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      default:
        return '\\u' + c.charCodeAt(0).toString(16).toUpperCase();
    }
  });
}

/** The header line: the two languages, then the property columns. */
export function tsvHeader(meta: ExportMeta): string {
  return [meta.srcLang, meta.tgtLang, ...TSV_PROP_COLUMNS].map(escapeTsvCell).join('\t') + '\n';
}

/** One unit's line; `index` is its position, for the default id. */
export function tsvRow(unit: AlignedUnit, index: number, meta: ExportMeta): string {
  const props = unitPropRecord(unit, index, meta);
  // Plain text: inline code placeholders are left out.
  const cells = [stripCodes(unit.src.text, unit.src.codes), stripCodes(unit.tgt.text, unit.tgt.codes), ...UNIT_PROP_KEYS.map((k) => props[k] ?? '')];
  return cells.map(escapeTsvCell).join('\t') + '\n';
}

export function writeTsv(units: readonly AlignedUnit[], meta: ExportMeta): string {
  let out = tsvHeader(meta);
  units.forEach((unit, i) => (out += tsvRow(unit, i, meta)));
  return out;
}

const UNESCAPE: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', r: '\r' };

/** Undoes escapeTsvCell; `lineNo`/`col` locate the cell for error messages. */
function unescapeCell(cell: string, lineNo: number, col: number): string {
  if (!cell.includes('\\')) return cell;
  let out = '';
  let last = 0;
  for (let i = cell.indexOf('\\'); i >= 0; i = cell.indexOf('\\', last)) {
    out += cell.slice(last, i);
    const next = cell[i + 1];
    let rep = next === undefined ? undefined : UNESCAPE[next];
    let width = 2;
    if (next === 'u' && /^[0-9A-Fa-f]{4}$/.test(cell.slice(i + 2, i + 6))) {
      rep = String.fromCharCode(parseInt(cell.slice(i + 2, i + 6), 16));
      width = 6;
    }
    if (rep === undefined) {
      const at = col + codePointLength(cell.slice(0, i));
      throw new FormatError(
        next === undefined
          ? 'a cell ends with a lone backslash (write a backslash as \\\\)'
          : `unknown escape sequence "\\${next}" (only \\\\, \\t, \\n, \\r and \\uXXXX are defined)`,
        lineNo,
        at,
        FORMAT,
      );
    }
    out += rep;
    last = i + width;
  }
  return out + cell.slice(last);
}

/** Splits a line into cells with the 1-based column where each cell starts. */
function cellsOf(line: string): { text: string; col: number }[] {
  const parts = line.split('\t');
  const out: { text: string; col: number }[] = [];
  let col = 1;
  for (const p of parts) {
    out.push({ text: p, col });
    col += codePointLength(p) + 1;
  }
  return out;
}

export function readTsv(input: string | Uint8Array): ImportedPair {
  const lines = splitLines(toText(input, FORMAT));
  if (!lines.length) throw new FormatError('the file is empty; expected a header row starting with the two language codes', 1, 1, FORMAT);
  const header = cellsOf(lines[0]!).map((c) => unescapeCell(c.text, 1, c.col));
  if (header.length < 2) {
    throw new FormatError('the header row needs at least two tab-separated columns (source and target language)', 1, codePointLength(lines[0]!) + 1, FORMAT);
  }
  const keys = header.slice(2).map(propKeyFromSnake);
  const units: ImportedUnit[] = [];
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n]!;
    const lineNo = n + 1;
    const cells = cellsOf(line);
    if (cells.length !== header.length) {
      const col = cells.length > header.length ? cells[header.length]!.col : codePointLength(line) + 1;
      throw new FormatError(`expected ${header.length} tab-separated fields as in the header row, found ${cells.length}`, lineNo, col, FORMAT);
    }
    const values = cells.map((c) => unescapeCell(c.text, lineNo, c.col));
    const unit: ImportedUnit = { src: values[0]!, tgt: values[1]! };
    const props: Record<string, string> = {};
    keys.forEach((k, i) => {
      const v = values[i + 2]!;
      if (v !== '') props[k] = v;
    });
    if (Object.keys(props).length) unit.props = props;
    units.push(unit);
  }
  return { srcLang: header[0]!, tgtLang: header[1]!, units };
}
