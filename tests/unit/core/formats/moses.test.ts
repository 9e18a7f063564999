import { describe, expect, it } from 'vitest';
import { FormatError, flattenLineBreaks, readMoses, writeMoses, type AlignedUnit } from '../../../../core/formats/index.js';

const unit = (src: string, tgt: string): AlignedUnit => ({ src: { lang: 'hi', text: src }, tgt: { lang: 'ja', text: tgt } });

describe('writeMoses', () => {
  it('writes two line-aligned texts, each line ending in LF', () => {
    const out = writeMoses([unit('नमस्ते दुनिया', 'こんにちは世界'), unit('', '空のソース'), unit('खाली लक्ष्य', '')]);
    expect(out).toEqual({ src: 'नमस्ते दुनिया\n\nखाली लक्ष्य\n', tgt: 'こんにちは世界\n空のソース\n\n' });
  });

  it('replaces line breaks inside a segment by a single space, keeping tabs', () => {
    const out = writeMoses([unit('a\nb\r\nc\rd\u2028e\u2029f\u0085g', 'x\ty')]);
    expect(out.src).toBe('a b c d e f g\n');
    expect(out.tgt).toBe('x\ty\n');
    expect(flattenLineBreaks('one\r\n\r\ntwo')).toBe('one  two');
  });

  it('writes nothing for no units', () => {
    expect(writeMoses([])).toEqual({ src: '', tgt: '' });
  });
});

describe('readMoses', () => {
  it('reads line pairs, tolerating CRLF and a missing final newline', () => {
    expect(readMoses('eins\r\nzwei\r\n', 'один\nдва', { srcLang: 'de', tgtLang: 'ru' })).toEqual({
      srcLang: 'de',
      tgtLang: 'ru',
      units: [
        { src: 'eins', tgt: 'один' },
        { src: 'zwei', tgt: 'два' },
      ],
    });
  });

  it('keeps empty lines as empty segments', () => {
    expect(readMoses('\n\n', 'a\n\n').units).toEqual([
      { src: '', tgt: 'a' },
      { src: '', tgt: '' },
    ]);
    expect(readMoses('', '').units).toEqual([]);
  });

  it('round-trips texts without line breaks, including emoji and RTL', () => {
    const xs = [unit('🧑‍🤝‍🧑 साथ', 'عربي 👍🏿'), unit('  spaces  ', '\ttab')];
    const { src, tgt } = writeMoses(xs);
    expect(readMoses(src, tgt).units).toEqual(xs.map((x) => ({ src: x.src.text, tgt: x.tgt.text })));
  });

  it('refuses files whose line counts differ, pointing at the first unmatched line', () => {
    let error: unknown;
    try {
      readMoses('a\nb\nc\n', 'x\ny\n');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormatError);
    const e = error as FormatError;
    expect(e.message).toMatch(/source has 3 line\(s\) but the target has 2/);
    expect(e.message).toMatch(/line 3 is missing from the target/);
    expect([e.line, e.column]).toEqual([3, 1]);
  });

  it('reads UTF-8 bytes and reports invalid ones', () => {
    const enc = new TextEncoder();
    expect(readMoses(enc.encode('ä\n'), enc.encode('ö\n')).units).toEqual([{ src: 'ä', tgt: 'ö' }]);
    expect(() => readMoses(new Uint8Array([0x61, 0x0a, 0xff, 0x0a]), enc.encode('a\nb\n'))).toThrow(/Moses source: the input is not valid UTF-8 \(line 2, column 1\)/);
  });
});
