import { describe, expect, it } from 'vitest';
import {
  FormatError,
  MDA_NS,
  XLIFF2_NS,
  childElements,
  textContent,
  toImportedPair,
  writeXliff,
  type AlignedUnit,
  type ExportMeta,
} from '../../../../core/formats/index.js';
import { parseXml, readXliff } from '../../../../core/xml/index.js';
import {
  hasXmllint,
  translateToolkitHasXliff2,
  translateToolkitPython,
  translateToolkitReadXliff,
  withTempFile,
  xmllintWellFormed,
} from '../../../support/xml-tools.js';

const meta: ExportMeta = { srcLang: 'he', tgtLang: 'zh-Hant', toolVersion: '0.9', srcDoc: 'sefer.txt', createdAt: '2025-06-01T12:00:00Z' };

const units: AlignedUnit[] = [
  { src: { lang: 'he', text: 'שלום עולם & <תג>' }, tgt: { lang: 'zh-Hant', text: '你好，世界 & <標籤>' }, props: { status: 'confirmed', confidence: 1 } },
  { src: { lang: 'he', text: 'עדיין לא תורגם' }, tgt: { lang: 'zh-Hant', text: '' } },
  { src: { lang: 'he', text: 'נבדק' }, tgt: { lang: 'zh-Hant', text: '已審' }, props: { state: 'reviewed' } },
  { src: { lang: 'he', text: 'סופי' }, tgt: { lang: 'zh-Hant', text: '' }, props: { state: 'final' } },
  { src: { lang: 'he', text: 'שורה\nשנייה\tוטאב' }, tgt: { lang: 'zh-Hant', text: '  前後空白  ' } },
];

function stateOf(xml: string): string[] {
  const file = childElements(parseXml(xml).root, 'file')[0]!;
  return childElements(file, 'unit').map((u) => childElements(u, 'segment')[0]!.attrs.get('state')!);
}

describe('writeXliff', () => {
  const xml = writeXliff(units, meta);
  const doc = parseXml(xml);

  it('writes an XLIFF 2.1 root with languages and one <file>', () => {
    expect(Object.fromEntries(doc.root.attrs)).toEqual({ xmlns: XLIFF2_NS, 'xmlns:mda': MDA_NS, version: '2.1', srcLang: 'he', trgLang: 'zh-Hant' });
    expect(childElements(doc.root)).toHaveLength(1);
    expect(childElements(doc.root)[0]!.name).toBe('file');
  });

  it('writes one <unit id> per unit with a <segment> holding <source> and <target>', () => {
    const file = childElements(doc.root, 'file')[0]!;
    const us = childElements(file, 'unit');
    expect(us.map((u) => u.attrs.get('id'))).toEqual(['1', '2', '3', '4', '5']);
    const seg = childElements(us[0]!, 'segment')[0]!;
    expect(childElements(seg).map((c) => c.name)).toEqual(['source', 'target']);
    expect(textContent(childElements(seg, 'target')[0]!)).toBe('你好，世界 & <標籤>');
    // Module metadata must come before the segment.
    expect(childElements(us[0]!).map((c) => c.name)).toEqual(['mda:metadata', 'segment']);
  });

  it('sets segment state from props, else translated/initial by whether there is a target', () => {
    expect(stateOf(xml)).toEqual(['translated', 'initial', 'reviewed', 'final', 'translated']);
    for (const s of stateOf(xml)) expect(['initial', 'translated', 'reviewed', 'final']).toContain(s);
  });

  it('omits <target> only for an untranslated initial segment', () => {
    const file = childElements(doc.root, 'file')[0]!;
    const targets = childElements(file, 'unit').map((u) => childElements(childElements(u, 'segment')[0]!, 'target').length);
    expect(targets).toEqual([1, 0, 1, 1, 1]);
  });

  it('round-trips', () => {
    expect(readXliff(xml)).toEqual(toImportedPair(units, meta));
  });

  it('keeps characters XML cannot carry, as <cp/>, losslessly', () => {
    const odd: AlignedUnit[] = [{ src: { lang: 'he', text: 'bell\u0007 nul\u0000 lone\uD83D end\uFFFF' }, tgt: { lang: 'zh-Hant', text: 'esc\u001B' } }];
    const out = writeXliff(odd, meta);
    expect(out).toContain('bell<cp hex="0007"/> nul<cp hex="0000"/> lone<cp hex="D83D"/> end<cp hex="FFFF"/>');
    expect(readXliff(out)).toEqual(toImportedPair(odd, meta));
  });

  it('notes characters replaced in properties, where <cp/> is not allowed', () => {
    const odd: AlignedUnit[] = [{ src: { lang: 'he', text: 'x' }, tgt: { lang: 'zh-Hant', text: 'y' }, props: { annotator: 'a\u0002b' } }];
    const unit = readXliff(writeXliff(odd, meta)).units[0]!;
    expect(unit.props!.annotator).toBe('a\uFFFDb');
    expect(unit.props!.note).toMatch(/Replaced 1 character\(s\) .* U\+0002/);
  });

  it('keeps ids that are not valid or unique XLIFF ids in metadata', () => {
    const ids: AlignedUnit[] = [
      { src: { lang: 'he', text: 'a' }, tgt: { lang: 'zh-Hant', text: 'b' }, props: { id: 'has space' } },
      { src: { lang: 'he', text: 'c' }, tgt: { lang: 'zh-Hant', text: 'd' }, props: { id: 'dup' } },
      { src: { lang: 'he', text: 'e' }, tgt: { lang: 'zh-Hant', text: 'f' }, props: { id: 'dup' } },
      { src: { lang: 'he', text: 'g' }, tgt: { lang: 'zh-Hant', text: 'h' }, props: { id: 'u1' } },
    ];
    const out = writeXliff(ids, meta);
    const file = childElements(parseXml(out).root, 'file')[0]!;
    const written = childElements(file, 'unit').map((u) => u.attrs.get('id'));
    expect(new Set(written).size).toBe(4);
    expect(readXliff(out)).toEqual(toImportedPair(ids, meta));
  });

  it.skipIf(!hasXmllint())('is well-formed according to xmllint', () => {
    const result = withTempFile('export.xlf', xml, (p) => xmllintWellFormed(p));
    expect(result).toEqual({ ok: true, output: '' });
  });

  it.skipIf(!translateToolkitPython())('is parsed by translate-toolkit without error', () => {
    const result = withTempFile('export.xlf', xml, (p) => translateToolkitReadXliff(p))!;
    expect(result.error).toBeUndefined();
    if (translateToolkitHasXliff2()) {
      // Newer toolkit releases model XLIFF 2 units.
      expect(result.units).toHaveLength(units.length);
    } else {
      // Older releases only model XLIFF 1.x trans-units, so they see none in a 2.x file.
      expect(result.units).toEqual([]);
    }
  });
});

describe('readXliff', () => {
  it('reads groups, several segments, ignorables and inline markup', () => {
    const xml = `<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ja">
  <file id="f">
    <group id="g">
      <unit id="intro">
        <notes><note>context only</note></notes>
        <originalData><data id="d1">&lt;b&gt;</data></originalData>
        <segment id="s1"><source>Hello <pc id="1" dataRefStart="d1">big</pc> world.</source><target>こんにちは<pc id="1">大きな</pc>世界。</target></segment>
        <ignorable><source> </source></ignorable>
        <segment id="s2" state="reviewed"><source>Bye<ph id="2"/><cp hex="0001"/></source><target>さようなら</target></segment>
      </unit>
    </group>
  </file>
</xliff>`;
    expect(readXliff(xml)).toEqual({
      srcLang: 'en',
      tgtLang: 'ja',
      units: [
        {
          src: 'Hello \u27E6big\u27E7 world. Bye\u2B1A\u0001',
          tgt: 'こんにちは\u27E6大きな\u27E7世界。 さようなら',
          srcCodes: [
            { at: 6, kind: 'open', pair: 1, el: 'xliff2:pc', attrs: { id: '1', dataRefStart: 'd1' }, native: '<b>' },
            { at: 10, kind: 'close', pair: 1, el: 'xliff2:pc' },
            { at: 22, kind: 'standalone', el: 'xliff2:ph', attrs: { id: '2' } },
          ],
          tgtCodes: [
            { at: 5, kind: 'open', pair: 1, el: 'xliff2:pc', attrs: { id: '1' } },
            { at: 9, kind: 'close', pair: 1, el: 'xliff2:pc' },
          ],
          props: { id: 'intro', state: 'initial', note: 'context only' },
        },
      ],
    });
  });

  it('reads XLIFF 1.2', () => {
    const xml = `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="uk" datatype="plaintext" original="x">
    <body>
      <trans-unit id="t1"><source>Good <g id="1">morning</g><x id="2"/></source><target state="translated">Доброго <g id="1">ранку</g></target><note>greeting</note></trans-unit>
      <group><trans-unit id="t2"><source>Untranslated</source></trans-unit></group>
    </body>
  </file>
</xliff>`;
    expect(readXliff(xml)).toEqual({
      srcLang: 'en',
      tgtLang: 'uk',
      units: [
        {
          src: 'Good \u27E6morning\u27E7\u2B1A',
          tgt: 'Доброго \u27E6ранку\u27E7',
          srcCodes: [
            { at: 5, kind: 'open', pair: 1, el: 'xliff12:g', attrs: { id: '1' } },
            { at: 13, kind: 'close', pair: 1, el: 'xliff12:g' },
            { at: 14, kind: 'standalone', el: 'xliff12:x', attrs: { id: '2' } },
          ],
          tgtCodes: [
            { at: 8, kind: 'open', pair: 1, el: 'xliff12:g', attrs: { id: '1' } },
            { at: 14, kind: 'close', pair: 1, el: 'xliff12:g' },
          ],
          props: { id: 't1', state: 'translated', note: 'greeting' },
        },
        { src: 'Untranslated', tgt: '', props: { id: 't2' } },
      ],
    });
  });

  it('reports malformed and unsupported input with line and column', () => {
    const broken = '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en">\n<file id="f"><unit id="1"><segment><source>x</segment></unit></file></xliff>';
    let error: unknown;
    try {
      readXliff(broken);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormatError);
    expect((error as FormatError).message).toMatch(/^XLIFF: mismatched end tag: expected <\/source> for the element opened at line 2, column 36/);
    expect([(error as FormatError).line, (error as FormatError).column]).toEqual([2, 54]);
    expect(() => readXliff('<xliff version="3.0"/>')).toThrow(/unsupported XLIFF version "3.0" \(expected 2.x or 1.2\) \(line 1, column 1\)/);
    const ns = 'xmlns="urn:oasis:names:tc:xliff:document:2.0"';
    expect(() => readXliff(`<xliff ${ns} version="2.1"><file id="f"/></xliff>`)).toThrow(/no srcLang/);
    expect(() => readXliff(`<xliff ${ns} version="2.1" srcLang="en"><file id="f"><unit id="u"/></file></xliff>`)).toThrow(/<unit> has no <segment>/);
    expect(() => readXliff(`<xliff ${ns} version="2.1" srcLang="en"></xliff>`)).toThrow(/<xliff> has no <file>/);
    expect(() => readXliff('<!DOCTYPE x [<!ENTITY a "b">]><xliff/>')).toThrow(/XLIFF: the DOCTYPE declares an entity/);
  });
});
