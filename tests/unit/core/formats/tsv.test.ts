import { describe, expect, it } from 'vitest';
import { FormatError, readTsv, toImportedPair, writeTsv, type AlignedUnit, type ExportMeta } from '../../../../core/formats/index.js';
import { formatError } from '../../../support/format-error';

const meta: ExportMeta = { srcLang: 'ar', tgtLang: 'en', toolVersion: '1.0' };
const units: AlignedUnit[] = [
  { src: { lang: 'ar', text: 'سطر\tمع\nفاصل' }, tgt: { lang: 'en', text: 'C:\\path\\to\\n file\r\n' }, props: { status: 'confirmed', confidence: 0.5 } },
  { src: { lang: 'ar', text: 'بدون ترجمة' }, tgt: { lang: 'en', text: '' }, props: { annotator: 'tab\there' } },
  { src: { lang: 'ar', text: 'lone \uD800 surrogate' }, tgt: { lang: 'en', text: '\\t literally' } },
];

describe('writeTsv', () => {
  const tsv = writeTsv(units, meta);
  const lines = tsv.split('\n');

  it('starts with a header naming the languages and the property columns', () => {
    expect(lines[0]).toBe(
      'ar\ten\tid\tstatus\tconfidence\tannotator\torigin\tstate\tsrc_doc\ttgt_doc\tsrc_title\ttgt_title\tsrc_segments\ttgt_segments',
    );
  });

  it('escapes tabs, newlines, carriage returns and backslashes so each row is one line', () => {
    expect(lines).toHaveLength(units.length + 2);
    expect(lines[1]!.split('\t').slice(0, 3)).toEqual(['سطر\\tمع\\nفاصل', 'C:\\\\path\\\\to\\\\n file\\r\\n', '1']);
    expect(lines[2]!.split('\t')[5]).toBe('tab\\there');
    expect(lines[3]!.split('\t')[0]).toBe('lone \\uD800 surrogate');
    expect(lines.at(-1)).toBe('');
  });

  it('round-trips', () => {
    expect(readTsv(tsv)).toEqual(toImportedPair(units, meta));
  });
});

describe('readTsv', () => {
  it('keeps extra columns from other tools as properties', () => {
    expect(readTsv('fr\tde\tquality\nBonjour\tHallo\t0.8\nSalut\tHi\t\n')).toEqual({
      srcLang: 'fr',
      tgtLang: 'de',
      units: [{ src: 'Bonjour', tgt: 'Hallo', props: { quality: '0.8' } }, { src: 'Salut', tgt: 'Hi' }],
    });
  });

  it('reports a row with the wrong number of fields', () => {
    const many = formatError(() => readTsv('de\tfr\nein\tun\textra\n'));
    expect(many.message).toMatch(/expected 2 tab-separated fields as in the header row, found 3/);
    expect([many.line, many.column]).toEqual([2, 8]);
    const few = formatError(() => readTsv('de\tfr\tid\nein\tun\tx\nzwei\n'));
    expect([few.line, few.column]).toEqual([3, 5]);
  });

  it('reports unknown escapes and a dangling backslash at their column', () => {
    const bad = formatError(() => readTsv('de\tfr\nÄrger 😀 \\x\tun\n'));
    expect(bad.message).toMatch(/unknown escape sequence "\\x"/);
    expect([bad.line, bad.column]).toEqual([2, 9]);
    const dangling = formatError(() => readTsv('de\tfr\nein\tun\\\n'));
    expect(dangling.message).toMatch(/lone backslash/);
    expect([dangling.line, dangling.column]).toEqual([2, 7]);
  });

  it('requires a header row', () => {
    expect(() => readTsv('')).toThrow(/expected a header row/);
    expect(() => readTsv('de\n')).toThrow(/at least two tab-separated columns/);
  });
});
