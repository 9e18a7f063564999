import { describe, expect, it } from 'vitest';
import {
  formatFromFileName,
  pairToUnits,
  readJsonl,
  readMoses,
  readTsv,
  toImportedPair,
  writeJsonl,
  writeMoses,
  writeTmx,
  writeTsv,
  writeXliff,
  type AlignedUnit,
  type ExportMeta,
  type ImportedPair,
} from '../../../../core/formats/index.js';
import { readTmx, readXliff } from '../../../../core/xml/index.js';

const meta: ExportMeta = {
  srcLang: 'de',
  tgtLang: 'el',
  toolVersion: '0.1.0',
  srcDoc: 'Reisebericht (1900).txt',
  tgtDoc: 'Ταξιδιωτικό.txt',
  createdAt: '2024-03-05T09:08:07.000Z',
  segtype: 'sentence',
};

const long = 'Sehr lange Zeile mit Ümlaut und 日本語. '.repeat(2800).slice(0, 100_000);
if (long.length !== 100_000) throw new Error('fixture: the long segment must have 100k characters');

function u(src: string, tgt: string, props?: AlignedUnit['props'], extra: Partial<Pick<AlignedUnit['src'], 'docTitle' | 'segments'>> = {}): AlignedUnit {
  return { src: { lang: 'de', text: src, ...extra }, tgt: { lang: 'el', text: tgt }, ...(props ? { props } : {}) };
}

/** Texts composed for these tests: one script or hazard per unit. */
const units: AlignedUnit[] = [
  u('Der Morgen war kalt.', 'Το πρωί ήταν κρύο.', { status: 'confirmed', confidence: 0.97, annotator: 'maria', origin: 'manual', id: 'p1-s1' }, { docTitle: 'Kapitel 1', segments: [1, 2] }),
  u('Москва спала.', 'Η Μόσχα κοιμόταν.', { status: 'suggested', confidence: 0.41, origin: 'aligner' }),
  u('东京的雨。日本語のテキスト。한국어 문장.', 'Η βροχή του Τόκιο.', { status: 'rejected' }),
  u('यह हिन्दी का वाक्य है।', 'Αυτή είναι μια πρόταση.'),
  u('النص العربي من اليمين إلى اليسار', 'טקסט בעברית מימין לשמאל'),
  u('Mixed: Wort עברית word العربية 123.', 'Μικτό ‏RLM‏ ‎LRM‎ mark.'),
  u('Emoji 😀 🇩🇪 and ZWJ 👩‍👩‍👧‍👦 👨🏽‍💻 family', 'Τα emoji 🧑‍🚀 𝄞 𠜎 astral'),
  u('Specials < > & " \' ]]> <![CDATA[x]]> &amp; &lt;', 'Ειδικοί <tag attr="v"> & \'quotes\''),
  u('Leerzeichen   mehrfach  ', '  αρχικά κενά'),
  u('Noch ohne Übersetzung', '', { state: 'initial' }),
  u('Geprüft', 'Ελεγμένο', { state: 'reviewed', annotator: 'Łukasz "Luke" O\'Brien' }),
  u('Endgültig', 'Τελικό', { state: 'final', srcDoc: 'anderes.txt' }),
  u(long, long.toUpperCase()),
  u('', 'Μόνο στόχος'),
];

/** Units with tabs and line breaks inside segments, for formats that can hold them. */
const multiline: AlignedUnit[] = [
  u('Zeile 1\nZeile 2', 'Γραμμή 1\nΓραμμή 2', { status: 'confirmed' }),
  u('Tab\tgetrennt\tund\\Backslash\\n', 'Στήλη\tδύο \\t'),
  u('Windows\r\nZeilenende und alter Mac\rUmbruch', 'CR\r\nLF'),
  u('\n\nLeerzeilen am Anfang und Ende\n\n', '\t'),
];

const all = [...units, ...multiline];

const codecs: [string, (units: AlignedUnit[], meta: ExportMeta) => ImportedPair][] = [
  ['TMX', (x, m) => readTmx(writeTmx(x, m))],
  ['XLIFF', (x, m) => readXliff(writeXliff(x, m))],
  ['TSV', (x, m) => readTsv(writeTsv(x, m))],
  ['JSONL', (x, m) => readJsonl(writeJsonl(x, m))],
];

describe('round trip: export then import gives identical pairs', () => {
  for (const [name, roundTrip] of codecs) {
    it(`${name}: scripts, RTL, emoji, XML specials, whitespace, long and empty segments`, () => {
      expect(roundTrip(all, meta)).toEqual(toImportedPair(all, meta));
    });

    it(`${name}: an empty export`, () => {
      const pair = roundTrip([], meta);
      expect(pair.units).toEqual([]);
      if (name !== 'JSONL') expect([pair.srcLang, pair.tgtLang]).toEqual(['de', 'el']);
    });

    it(`${name}: imported pairs convert back to the same units`, () => {
      const back = pairToUnits(roundTrip(all, meta));
      expect(back.map((x) => [x.src.text, x.tgt.text, x.src.docTitle, x.src.segments])).toEqual(
        all.map((x) => [x.src.text, x.tgt.text, x.src.docTitle, x.src.segments]),
      );
      expect(back[0]!.props).toMatchObject({ status: 'confirmed', confidence: 0.97, annotator: 'maria', id: 'p1-s1' });
      expect(back[11]!.props).toMatchObject({ state: 'final', srcDoc: 'anderes.txt', tgtDoc: meta.tgtDoc });
    });
  }

  it('Moses: texts survive when segments hold no line breaks', () => {
    const { src, tgt } = writeMoses(units);
    const pair = readMoses(src, tgt, { srcLang: 'de', tgtLang: 'el' });
    expect(pair).toEqual({ srcLang: 'de', tgtLang: 'el', units: units.map((x) => ({ src: x.src.text, tgt: x.tgt.text })) });
  });

  it('the same language on both sides (two editions of one text)', () => {
    const same: ExportMeta = { srcLang: 'en', tgtLang: 'en', toolVersion: '1' };
    const xs: AlignedUnit[] = [
      { src: { lang: 'en', text: 'Colour' }, tgt: { lang: 'en', text: 'Color' } },
      { src: { lang: 'en', text: 'Centre' }, tgt: { lang: 'en', text: 'Center' } },
    ];
    for (const [, roundTrip] of codecs) expect(roundTrip(xs, same)).toEqual(toImportedPair(xs, same));
  });

  it('bytes in: UTF-8 with a byte-order mark', () => {
    const enc = new TextEncoder();
    const bom = (s: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(s)]);
    const expected = toImportedPair(units, meta);
    expect(readTmx(bom(writeTmx(units, meta)))).toEqual(expected);
    expect(readXliff(bom(writeXliff(units, meta)))).toEqual(expected);
    expect(readTsv(bom(writeTsv(units, meta)))).toEqual(expected);
    expect(readJsonl(bom(writeJsonl(units, meta)))).toEqual(expected);
  });
});

describe('formatFromFileName', () => {
  it('maps extensions to formats', () => {
    expect(['a.tmx', 'b.XLF', 'c.xliff', 'd.tsv', 'e.jsonl', 'f.ndjson', 'corpus.de', 'noext'].map(formatFromFileName)).toEqual([
      'tmx',
      'xliff',
      'xliff',
      'tsv',
      'jsonl',
      'jsonl',
      undefined,
      undefined,
    ]);
  });
});
