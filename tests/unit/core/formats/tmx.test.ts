import { describe, expect, it } from 'vitest';
import {
  FormatError,
  childElements,
  toImportedPair,
  toTmxDate,
  writeTmx,
  type AlignedUnit,
  type ExportMeta,
} from '../../../../core/formats/index.js';
import { checkTmx, parseXml, readTmx } from '../../../../core/xml/index.js';
import { hasXmllint, tmxDtdPath, translateToolkitPython, translateToolkitReadTmx, withTempFile, xmllintDtdValid } from '../../../support/xml-tools.js';

const meta: ExportMeta = {
  srcLang: 'ru',
  tgtLang: 'ar',
  toolVersion: '2.3.4',
  srcDoc: 'povest.txt',
  tgtDoc: 'qissa.txt',
  createdAt: '2024-12-31T23:59:58.500+02:00',
  segtype: 'sentence',
};

const units: AlignedUnit[] = [
  {
    src: { lang: 'ru', text: 'Здравствуй, мир! <b> & "кавычки" ]]>', docTitle: 'Повесть', segments: [3, 4] },
    tgt: { lang: 'ar', text: 'مرحبا بالعالم! 👋🏽', docTitle: 'قصة', segments: [2] },
    props: { status: 'confirmed', confidence: 0.875, annotator: 'Ирина', origin: 'manual', id: 'u-1' },
  },
  { src: { lang: 'ru', text: 'Строка\nс переводом\tи табуляцией' }, tgt: { lang: 'ar', text: '' }, props: { status: 'suggested' } },
  { src: { lang: 'ru', text: 'Текст с управляющим \u0007 символом и \u001B' }, tgt: { lang: 'ar', text: 'نص\u0000' } },
  { src: { lang: 'ru', text: 'Очень длинный. '.repeat(7000) }, tgt: { lang: 'ar', text: 'نص طويل جدا. '.repeat(8000) } },
];

const dtd = tmxDtdPath();
const xmllint = hasXmllint();

describe('writeTmx', () => {
  const xml = writeTmx(units, meta);
  const doc = parseXml(xml);

  it('writes a header with every attribute TMX 1.4b requires', () => {
    expect(doc.doctype).toEqual({ name: 'tmx', systemId: 'tmx14.dtd' });
    expect(doc.root.attrs.get('version')).toBe('1.4');
    const header = childElements(doc.root, 'header')[0]!;
    expect(Object.fromEntries(header.attrs)).toEqual({
      creationtool: 'Tandem',
      creationtoolversion: '2.3.4',
      segtype: 'sentence',
      'o-tmf': 'Tandem',
      adminlang: 'en',
      srclang: 'ru',
      datatype: 'plaintext',
      creationdate: '20241231T215958Z',
    });
  });

  it('defaults segtype to paragraph and omits creationdate when unknown', () => {
    const header = childElements(parseXml(writeTmx([], { srcLang: 'en', tgtLang: 'de', toolVersion: '1' })).root, 'header')[0]!;
    expect(header.attrs.get('segtype')).toBe('paragraph');
    expect(header.attrs.has('creationdate')).toBe(false);
  });

  it('writes one <tu> per unit, props and notes before the two <tuv>s, one <seg> each', () => {
    const tus = childElements(childElements(doc.root, 'body')[0]!, 'tu');
    expect(tus).toHaveLength(units.length);
    for (const tu of tus) {
      const names = childElements(tu).map((c) => c.name);
      expect(names.slice(-2)).toEqual(['tuv', 'tuv']);
      expect(names.slice(0, -2).every((n) => n === 'prop' || n === 'note')).toBe(true);
      for (const tuv of childElements(tu, 'tuv')) {
        expect(tuv.attrs.get('xml:lang')).toMatch(/^(ru|ar)$/);
        expect(childElements(tuv, 'seg')).toHaveLength(1);
        expect(childElements(tuv).at(-1)!.name).toBe('seg');
      }
    }
    const first = tus[0]!;
    expect(first.attrs.get('tuid')).toBe('u-1');
    const props = Object.fromEntries(childElements(first, 'prop').map((p) => [p.attrs.get('type'), p.children[0]?.kind === 'text' ? p.children[0].text : '']));
    expect(props).toEqual({ 'x-status': 'confirmed', 'x-confidence': '0.875', 'x-annotator': 'Ирина', 'x-origin': 'manual', 'x-state': 'translated' });
  });

  it('escapes markup characters in text', () => {
    expect(xml).toContain('<seg>Здравствуй, мир! &lt;b&gt; &amp; "кавычки" ]]&gt;</seg>');
  });

  it('replaces characters XML cannot carry with U+FFFD and notes it in the unit', () => {
    const pair = readTmx(xml);
    expect(pair.units[2]!.src).toBe('Текст с управляющим \uFFFD символом и \uFFFD');
    expect(pair.units[2]!.tgt).toBe('نص\uFFFD');
    expect(pair.units[2]!.props!.note).toBe('Replaced 3 character(s) not allowed in XML 1.0 with U+FFFD: U+0007, U+001B, U+0000');
  });

  it('round-trips everything XML can hold', () => {
    const clean = units.filter((_, i) => i !== 2);
    expect(readTmx(writeTmx(clean, meta))).toEqual(toImportedPair(clean, meta));
  });

  it('passes checkTmx', () => {
    expect(checkTmx(xml)).toEqual([]);
  });

  it.skipIf(!xmllint || !dtd)('validates against the TMX 1.4b DTD with xmllint', () => {
    const tricky: AlignedUnit[] = [
      ...units,
      { src: { lang: 'ru', text: '' }, tgt: { lang: 'ar', text: '' }, props: { state: 'final', srcDoc: 'другой <файл>.txt' } },
    ];
    for (const [m, xs] of [
      [meta, tricky],
      [{ srcLang: 'zh-Hans', tgtLang: 'hi', toolVersion: '0', segtype: 'paragraph' }, tricky],
      [meta, []],
    ] as const) {
      const result = withTempFile('export.tmx', writeTmx(xs, m), (p) => xmllintDtdValid(p, dtd!));
      expect(result.output).not.toMatch(/validity error|parser error|does not validate/);
      expect(result.ok).toBe(true);
    }
  });

  it.skipIf(!translateToolkitPython())('is read by translate-toolkit with the same unit count and texts', () => {
    const clean = units.filter((_, i) => i !== 2);
    const read = withTempFile('export.tmx', writeTmx(clean, meta), (p) => translateToolkitReadTmx(p, 'ru', 'ar'))!;
    expect(read).toHaveLength(clean.length);
    expect(read.map((r) => [r.source, r.target])).toEqual(clean.map((x) => [x.src.text, x.tgt.text]));
  });

  it('rejects an invalid creation date', () => {
    expect(() => toTmxDate('yesterday')).toThrow(/not a valid ISO date/);
  });
});

describe('checkTmx', () => {
  const good = writeTmx(units.slice(0, 1), meta);

  it('reports a tuv without xml:lang', () => {
    expect(checkTmx(good.replace('<tuv xml:lang="ar">', '<tuv>'))).toEqual([expect.stringMatching(/line \d+, column 7: <tuv> in <tu> #1 has no xml:lang/)]);
  });

  it('reports a tu with fewer than two tuv, and accepts a multilingual one', () => {
    const three = good.replace('</tu>', '  <tuv xml:lang="de"><seg>x</seg></tuv>\n    </tu>');
    expect(checkTmx(three)).toEqual([]);
    const one = good.replace(/<tuv xml:lang="ar">[\s\S]*?<\/tuv>/, '');
    expect(checkTmx(one)).toEqual([expect.stringMatching(/<tu> #1 has 1 <tuv> elements, expected at least 2/)]);
  });

  it('reports a tuv with no or two seg', () => {
    expect(checkTmx(good.replace(/<seg>مرحبا.*?<\/seg>/, ''))).toEqual([expect.stringMatching(/has 0 <seg> elements, expected 1/)]);
    expect(checkTmx(good.replace('</seg>', '</seg><seg>again</seg>'))).toEqual([expect.stringMatching(/has 2 <seg> elements, expected 1/)]);
  });

  it('reports missing or invalid header attributes', () => {
    const problems = checkTmx(good.replace(' o-tmf="Tandem"', '').replace(' datatype="plaintext"', ' datatype=""').replace('segtype="sentence"', 'segtype="word"'));
    expect(problems).toEqual([
      expect.stringMatching(/missing the required attribute o-tmf/),
      expect.stringMatching(/missing the required attribute datatype/),
      expect.stringMatching(/segtype="word" is not one of/),
    ]);
  });

  it('reports a srclang that no tuv uses', () => {
    expect(checkTmx(good.replace('srclang="ru"', 'srclang="fr"'))).toEqual([expect.stringMatching(/<tu> #1 has no <tuv> in its srclang "fr"/)]);
  });

  it('reports a prop placed after the tuvs', () => {
    const late = good.replace('</tu>', '  <prop type="x-late">1</prop>\n    </tu>');
    expect(checkTmx(late)).toEqual([expect.stringMatching(/<prop> must come before the <tuv> elements/)]);
  });

  it('reports malformed XML with its position', () => {
    expect(checkTmx('<tmx version="1.4">\n<header>\n</tmx>')).toEqual([expect.stringMatching(/mismatched end tag: expected <\/header>.*\(line 3, column 6\)/)]);
  });
});

describe('readTmx', () => {
  it('reads a TMX written by another tool: inline codes, regional languages, notes and unknown props', () => {
    const foreign = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="Other" creationtoolversion="9" segtype="sentence" o-tmf="x" adminlang="en-US" srclang="*all*" datatype="html"/>
  <body>
    <tu tuid="a7" creationdate="20200101T000000Z">
      <note>checked twice</note>
      <prop type="x-domain">law</prop>
      <tuv xml:lang="fr-FR"><seg>Le <bpt i="1">&lt;b&gt;</bpt>chat<ept i="1">&lt;/b&gt;</ept> dort<ph x="2">&lt;br/&gt;</ph>.</seg></tuv>
      <tuv xml:lang="EN-GB"><seg>The <hi type="b">cat</hi> sleeps<it pos="begin">&lt;i&gt;</it>.</seg></tuv>
    </tu>
    <tu>
      <tuv lang="en-GB"><seg>Legacy lang attribute</seg></tuv>
      <tuv lang="fr-FR"><seg>Attribut lang ancien</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="en-GB"><seg>No French here</seg></tuv>
      <tuv xml:lang="de-DE"><seg>Kein Französisch</seg></tuv>
    </tu>
  </body>
</tmx>`;
    expect(readTmx(foreign, { srcLang: 'en', tgtLang: 'fr' })).toEqual({
      srcLang: 'en',
      tgtLang: 'fr',
      units: [
        {
          src: 'The \u27E6cat\u27E7 sleeps\u27E6.',
          tgt: 'Le \u27E6chat\u27E7 dort\u2B1A.',
          srcCodes: [
            { at: 4, kind: 'open', pair: 1, el: 'tmx:hi', attrs: { type: 'b' } },
            { at: 8, kind: 'close', pair: 1, el: 'tmx:hi' },
            { at: 16, kind: 'open', el: 'tmx:it', attrs: { pos: 'begin' }, native: '<i>' },
          ],
          tgtCodes: [
            { at: 3, kind: 'open', pair: 1, el: 'tmx:bpt', attrs: { i: '1' }, native: '<b>' },
            { at: 8, kind: 'close', pair: 1, el: 'tmx:ept', attrs: { i: '1' }, native: '</b>' },
            { at: 14, kind: 'standalone', el: 'tmx:ph', attrs: { x: '2' }, native: '<br/>' },
          ],
          props: { id: 'a7', note: 'checked twice', 'x-domain': 'law' },
        },
        { src: 'Legacy lang attribute', tgt: 'Attribut lang ancien' },
      ],
      warnings: ['<tu> #3 (line 16) has no variant in fr; skipped'],
    });
    // Without options, *all* falls back to the first variant's language and the next other one.
    const auto = readTmx(foreign);
    expect([auto.srcLang, auto.tgtLang]).toEqual(['fr-FR', 'EN-GB']);
    expect(auto.units[0]).toMatchObject({ src: 'Le \u27E6chat\u27E7 dort\u2B1A.', tgt: 'The \u27E6cat\u27E7 sleeps\u27E6.' });
  });

  it('reads a foreign TMX whose two variants share one language', () => {
    const xml = '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>colour</seg></tuv><tuv xml:lang="en"><seg>color</seg></tuv></tu></body></tmx>';
    expect(readTmx(xml)).toEqual({ srcLang: 'en', tgtLang: 'en', units: [{ src: 'colour', tgt: 'color' }] });
  });

  it('throws FormatError with line and column on malformed TMX', () => {
    const broken = '<?xml version="1.0"?>\n<tmx version="1.4">\n  <header srclang="en"/>\n  <body>\n    <tu><tuv xml:lang="en"><seg>one</tuv></tu>\n  </body>\n</tmx>';
    let error: unknown;
    try {
      readTmx(broken);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormatError);
    const e = error as FormatError;
    expect(e.message).toMatch(/^TMX: mismatched end tag: expected <\/seg> for the element opened at line 5, column 28/);
    expect([e.line, e.column]).toEqual([5, 41]);
  });

  it('throws on structural problems with their position', () => {
    const noSeg = '<tmx version="1.4"><header srclang="en"/><body>\n<tu><tuv xml:lang="en"/></tu></body></tmx>';
    expect(() => readTmx(noSeg)).toThrow(/must contain exactly one <seg>, found 0 \(line 2, column 5\)/);
    const noLang = '<tmx version="1.4"><header srclang="en"/><body><tu><tuv><seg/></tuv></tu></body></tmx>';
    expect(() => readTmx(noLang)).toThrow(/<tuv> has no xml:lang attribute/);
    expect(() => readTmx('<tmx><body/></tmx>')).toThrow(/<tmx> has no <header>/);
    expect(() => readTmx('<xliff/>')).toThrow(/expected <tmx>/);
  });

  it('reads a 10 MB export in linear time', () => {
    const many: AlignedUnit[] = Array.from({ length: 40_000 }, (_, i) => ({
      src: { lang: 'ru', text: `Предложение номер ${i} с <разметкой> & всякими символами, довольно длинное.` },
      tgt: { lang: 'ar', text: `الجملة رقم ${i} مع <علامات> & رموز مختلفة، طويلة إلى حد ما.` },
      props: { status: 'confirmed', confidence: i / 40_000 },
    }));
    const xml = writeTmx(many, meta);
    expect(xml.length).toBeGreaterThan(10_000_000);
    const started = performance.now();
    const pair = readTmx(xml);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(pair.units).toHaveLength(many.length);
    expect(pair.units[39_999]!.src).toBe(many[39_999]!.src.text);
  });

  it('refuses TMX files carrying entity declarations', () => {
    const evil = '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&x;</seg></tuv></tu></body></tmx>';
    expect(() => readTmx(evil)).toThrow(/TMX: the DOCTYPE declares an external entity/);
  });
});

describe.skipIf(!xmllint || !dtd)('xmllint DTD validation is a real check', () => {
  it('rejects a prop placed after the tuvs', () => {
    const late = writeTmx(units.slice(0, 1), meta).replace('</tu>', '  <prop type="x-late">1</prop>\n    </tu>');
    const result = withTempFile('late.tmx', late, (p) => xmllintDtdValid(p, dtd!));
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/tu/);
  });
});

describe('inline codes in TMX', () => {
  const O = '\u27E6';
  const C = '\u27E7';
  const S = '\u2B1A';
  // Codes from XLIFF (no TMX attributes), crossing pairs, an isolated opening and a standalone code.
  const coded: AlignedUnit[] = [
    {
      src: {
        lang: 'en',
        text: `${O}a ${O}b${C} c${C} ${O}x ${O}y${C}${C}${S} ${O}tail`,
        codes: [
          { at: 0, kind: 'open', pair: 1, el: 'xliff2:pc' },
          { at: 3, kind: 'open', pair: 2, el: 'xliff2:sc', native: '<i>' },
          { at: 5, kind: 'close', pair: 1, el: 'xliff2:pc' },
          { at: 8, kind: 'close', pair: 2, el: 'xliff2:ec', native: '</i>' },
          { at: 10, kind: 'open', pair: 3, el: 'tmx:hi', attrs: { type: 'b' } },
          { at: 13, kind: 'open', pair: 4, el: 'tmx:hi' },
          { at: 15, kind: 'close', pair: 4, el: 'tmx:hi' },
          { at: 16, kind: 'close', pair: 3, el: 'tmx:hi' },
          { at: 17, kind: 'standalone', el: 'xliff12:x', attrs: { id: '7' } },
          { at: 19, kind: 'open', el: 'xliff12:it', native: '<u>' },
        ],
      },
      tgt: { lang: 'de', text: `${S}`, codes: [{ at: 0, kind: 'standalone', native: '<br>' }] },
    },
  ];
  const m: ExportMeta = { srcLang: 'en', tgtLang: 'de', toolVersion: '1' };
  const xml = writeTmx(coded, m);

  it('writes crossing pairs as bpt/ept, nested highlights as hi, isolated codes as it, standalone ones as ph', () => {
    expect(xml).toContain(
      '<seg><bpt i="1" x="1"></bpt>a <bpt i="2" x="2">&lt;i&gt;</bpt>b<ept i="1"></ept> c<ept i="2">&lt;/i&gt;</ept> <hi type="b">x <hi>y</hi></hi><ph x="7"></ph> <it pos="begin" x="5">&lt;u&gt;</it>tail</seg>',
    );
    expect(checkTmx(xml)).toEqual([]);
  });

  it('reads back the same text and kinds of code', () => {
    const unit = readTmx(xml).units[0]!;
    expect(unit.src).toBe(coded[0]!.src.text);
    expect(unit.srcCodes!.map((c) => [c.at, c.kind, c.pair !== undefined])).toEqual(coded[0]!.src.codes!.map((c) => [c.at, c.kind, c.pair !== undefined]));
    // Codes get x numbers, which pair them across languages.
    expect(unit.tgtCodes).toEqual([{ at: 0, kind: 'standalone', el: 'tmx:ph', attrs: { x: '1' }, native: '<br>' }]);
  });

  it.skipIf(!xmllint || !dtd)('is valid against the DTD', () => {
    expect(withTempFile('codes.tmx', xml, (p) => xmllintDtdValid(p, dtd!))).toEqual({ ok: true, output: '' });
  });
});
