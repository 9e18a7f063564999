/**
 * JSON Lines: one JSON object per aligned unit, one unit per line.
 *
 *   {"id":"1","src_lang":"de","tgt_lang":"fr","src":"…","tgt":"…","status":"confirmed",
 *    "confidence":0.93,"annotator":"…","origin":"…","state":"translated","src_doc":"…",
 *    "tgt_doc":"…","src_title":"…","tgt_title":"…","src_segments":[1,2],"tgt_segments":[3],
 *    "src_codes":[{"at":4,"kind":"open","pair":1,"el":"tmx:bpt","native":"<b>"}, …], "tgt_codes":[…]}
 *
 * Unset properties are omitted. Every line repeats the languages so each is
 * self-contained (handy for streaming and for dataset tools); an export with
 * no units is therefore empty and carries no languages. The reader keeps
 * unknown keys of other tools as properties (non-string values as JSON).
 */
import { sanitizeCode, validateCodes, type InlineCode } from './codes.js';
import { FormatError } from './errors.js';
import type { AlignedUnit, ExportMeta, ImportedPair, ImportedUnit } from './types.js';
import { propKeyFromSnake, unitPropRecord } from './types.js';
import { codePointLength, toText } from './text.js';

const FORMAT = 'JSONL';

export function writeJsonl(units: readonly AlignedUnit[], meta: ExportMeta): string {
  let out = '';
  units.forEach((unit, i) => (out += jsonlLine(unit, i, meta)));
  return out;
}

/** One unit's line; `index` is its position, for the default id. */
export function jsonlLine(unit: AlignedUnit, i: number, meta: ExportMeta): string {
  {
    const p = unitPropRecord(unit, i, meta);
    const obj: Record<string, unknown> = {
      id: p.id,
      src_lang: meta.srcLang,
      tgt_lang: meta.tgtLang,
      src: unit.src.text,
      tgt: unit.tgt.text,
      status: p.status,
      confidence: p.confidence === undefined ? undefined : unit.props!.confidence,
      annotator: p.annotator,
      origin: p.origin,
      state: p.state,
      src_doc: p.srcDoc,
      tgt_doc: p.tgtDoc,
      src_title: p.srcTitle,
      tgt_title: p.tgtTitle,
      src_segments: p.srcSegments === undefined ? undefined : unit.src.segments,
      tgt_segments: p.tgtSegments === undefined ? undefined : unit.tgt.segments,
      src_codes: unit.src.codes?.length ? unit.src.codes : undefined,
      tgt_codes: unit.tgt.codes?.length ? unit.tgt.codes : undefined,
    };
    // JSON.stringify drops undefined members; it also escapes lone surrogates, so every line is valid UTF-8.
    return JSON.stringify(obj) + '\n';
  }
}

/**
 * Offset of the first syntax error in a JSON text, found by a small
 * recursive-descent scan. Only run after JSON.parse has failed, because
 * engines differ in whether (and how) their messages give a position.
 */
export function jsonErrorOffset(s: string): { offset: number; reason: string } {
  let i = 0;
  const ws = () => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  };
  class Stop {
    constructor(readonly reason: string) {}
  }
  const fail = (reason: string): never => {
    throw new Stop(reason);
  };
  const found = () => (i >= s.length ? 'end of line' : JSON.stringify(s[i]));
  const string = () => {
    i++;
    for (;;) {
      if (i >= s.length) fail('unterminated string');
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail('control character in string (escape it, e.g. \\n or \\t)');
      if (c === 0x5c) {
        const e = s[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
            i += 2;
            fail('invalid \\u escape');
          }
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) {
          i++;
          fail('invalid escape sequence in string');
        }
        i += 2;
        continue;
      }
      i++;
    }
  };
  const value = (depth: number): void => {
    if (depth > 512) fail('nesting too deep');
    ws();
    const c = s[i];
    if (c === '{') {
      i++;
      ws();
      if (s[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (s[i] !== '"') fail(`expected a property name in double quotes, found ${found()}`);
        string();
        ws();
        if (s[i] !== ':') fail(`expected ":" after a property name, found ${found()}`);
        i++;
        value(depth + 1);
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === '}') {
          i++;
          return;
        }
        fail(`expected "," or "}" in an object, found ${found()}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (s[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ']') {
          i++;
          return;
        }
        fail(`expected "," or "]" in an array, found ${found()}`);
      }
    }
    if (c === '"') return string();
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(s.slice(i, i + 400));
    if (m && m[0] !== '' && m[0] !== '-') {
      i += m[0].length;
      return;
    }
    for (const lit of ['true', 'false', 'null']) {
      if (s.startsWith(lit, i)) {
        i += lit.length;
        return;
      }
    }
    fail(`unexpected ${found()}; expected a JSON value`);
  };
  try {
    value(0);
    ws();
    if (i < s.length) fail(`unexpected ${found()} after the JSON value`);
    return { offset: i, reason: 'invalid JSON' };
  } catch (e) {
    if (e instanceof Stop) return { offset: i, reason: e.reason };
    throw e;
  }
}

function asString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

export function readJsonl(input: string | Uint8Array): ImportedPair {
  const text = toText(input, FORMAT);
  const lines = text.split('\n');
  const units: ImportedUnit[] = [];
  let langs: { src: string; tgt: string; line: number } | undefined;
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n]!;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') continue;
    const lineNo = n + 1;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      const { offset, reason } = jsonErrorOffset(line);
      throw new FormatError(`invalid JSON: ${reason}`, lineNo, codePointLength(line.slice(0, offset)) + 1, FORMAT);
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      throw new FormatError('each line must be a JSON object', lineNo, 1, FORMAT);
    }
    const rec = obj as Record<string, unknown>;
    for (const key of ['src', 'tgt'] as const) {
      if (typeof rec[key] !== 'string') throw new FormatError(`"${key}" must be a string`, lineNo, 1, FORMAT);
    }
    for (const key of ['src_lang', 'tgt_lang'] as const) {
      if (rec[key] !== undefined && typeof rec[key] !== 'string') throw new FormatError(`"${key}" must be a string`, lineNo, 1, FORMAT);
    }
    const src = (rec.src_lang as string | undefined) ?? '';
    const tgt = (rec.tgt_lang as string | undefined) ?? '';
    if (!langs) langs = { src, tgt, line: lineNo };
    else if (src !== langs.src || tgt !== langs.tgt) {
      throw new FormatError(
        `language pair ${src}→${tgt} differs from ${langs.src}→${langs.tgt} on line ${langs.line}; a file holds one language pair`,
        lineNo,
        1,
        FORMAT,
      );
    }
    const props: Record<string, string> = {};
    for (const [key, value] of Object.entries(rec)) {
      if (key === 'src' || key === 'tgt' || key === 'src_lang' || key === 'tgt_lang' || key === 'src_codes' || key === 'tgt_codes') continue;
      if (value === null || value === undefined) continue;
      const prop = propKeyFromSnake(key);
      const str =
        (prop === 'srcSegments' || prop === 'tgtSegments') && Array.isArray(value) ? value.map(asString).join(',') : asString(value);
      if (str !== '') props[prop] = str;
    }
    const unit: ImportedUnit = { src: rec.src as string, tgt: rec.tgt as string };
    for (const [key, side] of [['src_codes', 'src'], ['tgt_codes', 'tgt']] as const) {
      if (rec[key] === undefined || rec[key] === null) continue;
      const raw = rec[key];
      const codes = Array.isArray(raw) ? raw.map(sanitizeCode) : [null];
      const problem = codes.every((c) => c !== null) ? validateCodes(unit[side], codes as InlineCode[]) : 'not an array of codes';
      if (problem) throw new FormatError(`"${key}" does not match the text: ${problem}`, lineNo, 1, FORMAT);
      if (codes.length) unit[side === 'src' ? 'srcCodes' : 'tgtCodes'] = codes as InlineCode[];
    }
    if (Object.keys(props).length) unit.props = props;
    units.push(unit);
  }
  return { srcLang: langs?.src ?? '', tgtLang: langs?.tgt ?? '', units };
}
