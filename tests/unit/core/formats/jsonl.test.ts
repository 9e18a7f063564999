import { describe, expect, it } from 'vitest';
import { FormatError, readJsonl, toImportedPair, writeJsonl, type AlignedUnit, type ExportMeta } from '../../../../core/formats/index.js';
import { formatError } from '../../../support/format-error';

const meta: ExportMeta = { srcLang: 'uk', tgtLang: 'ko', toolVersion: '1.0', tgtDoc: '소설.txt' };
const units: AlignedUnit[] = [
  {
    src: { lang: 'uk', text: 'Рядок\nз переносом і "лапками" та \\ скісною', docTitle: 'Роман', segments: [7, 8] },
    tgt: { lang: 'ko', text: '줄 바꿈\t탭 😀\u2028줄', segments: [5] },
    props: { status: 'confirmed', confidence: 0.1 + 0.2, annotator: 'Олена', origin: 'manual', state: 'reviewed' },
  },
  { src: { lang: 'uk', text: 'lone \uDC00 low surrogate' }, tgt: { lang: 'ko', text: '' } },
];

describe('writeJsonl', () => {
  const out = writeJsonl(units, meta);

  it('writes one JSON object per line with typed values', () => {
    const lines = out.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[0]!)).toEqual({
      id: '1',
      src_lang: 'uk',
      tgt_lang: 'ko',
      src: units[0]!.src.text,
      tgt: units[0]!.tgt.text,
      status: 'confirmed',
      confidence: 0.30000000000000004,
      annotator: 'Олена',
      origin: 'manual',
      state: 'reviewed',
      tgt_doc: '소설.txt',
      src_title: 'Роман',
      src_segments: [7, 8],
      tgt_segments: [5],
    });
  });

  it('escapes lone surrogates so the output is valid UTF-8', () => {
    expect(out).toContain('lone \\udc00 low surrogate');
  });

  it('round-trips', () => {
    expect(readJsonl(out)).toEqual(toImportedPair(units, meta));
  });
});

describe('readJsonl', () => {
  it('skips blank lines and keeps unknown keys as properties', () => {
    const text = '{"src":"a","tgt":"b","src_lang":"en","tgt_lang":"de","score":2,"tags":["x"],"ok":true,"gone":null}\r\n\n   \n';
    expect(readJsonl(text)).toEqual({ srcLang: 'en', tgtLang: 'de', units: [{ src: 'a', tgt: 'b', props: { score: '2', tags: '["x"]', ok: 'true' } }] });
    expect(readJsonl('')).toEqual({ srcLang: '', tgtLang: '', units: [] });
  });

  it('reports invalid JSON with line and column', () => {
    const e = formatError(() => readJsonl('{"src":"a","tgt":"b"}\n{"src":"Ü😀", "tgt" "b"}\n'));
    expect(e.message).toMatch(/^JSONL: invalid JSON: expected ":" after a property name/);
    expect([e.line, e.column]).toEqual([2, 20]);
    const unterminated = formatError(() => readJsonl('{"src":"abc'));
    expect(unterminated.message).toMatch(/unterminated string/);
    expect([unterminated.line, unterminated.column]).toEqual([1, 12]);
    const trailing = formatError(() => readJsonl('{"src":"a","tgt":"b"} x'));
    expect([trailing.line, trailing.column]).toEqual([1, 23]);
  });

  it('requires objects with string src and tgt and one language pair per file', () => {
    expect(() => readJsonl('["a","b"]')).toThrow(/each line must be a JSON object \(line 1, column 1\)/);
    expect(() => readJsonl('{"src":"a"}')).toThrow(/"tgt" must be a string/);
    expect(() => readJsonl('{"src":1,"tgt":"b"}')).toThrow(/"src" must be a string/);
    const mixed = formatError(() => readJsonl('{"src":"a","tgt":"b","src_lang":"en","tgt_lang":"de"}\n{"src":"a","tgt":"b","src_lang":"en","tgt_lang":"fr"}'));
    expect(mixed.message).toMatch(/language pair en→fr differs from en→de on line 1/);
    expect(mixed.line).toBe(2);
  });
});
