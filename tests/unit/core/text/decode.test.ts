import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../../core/text/decode';

const enc = (s: string) => new TextEncoder().encode(s);

function utf16(s: string, le: boolean, bom: boolean): Uint8Array {
  const out: number[] = bom ? (le ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (le) out.push(c & 0xff, c >> 8);
    else out.push(c >> 8, c & 0xff);
  }
  return new Uint8Array(out);
}

describe('decodeText', () => {
  const text = 'Fergen «Havørn» gikk på grunn ved Måløy.\nÆrlig talt – 48 passasjerer.';

  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeText(enc(text)).text).toBe(text);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc(text)]);
    const d = decodeText(withBom);
    expect(d.text).toBe(text);
    expect(d.encoding).toBe('utf-8-bom');
  });

  it('reads UTF-16 LE and BE with a BOM, and LE without one from its byte pattern', () => {
    expect(decodeText(utf16(text, true, true)).text).toBe(text);
    expect(decodeText(utf16(text, false, true)).text).toBe(text);
    const guessed = decodeText(utf16('Plain English text, no byte order mark at all.', true, false));
    expect(guessed.text).toBe('Plain English text, no byte order mark at all.');
    expect(guessed.warnings.join()).toMatch(/byte pattern/);
  });

  it('reads Windows-1252 text whose accented letters fit, and says so', () => {
    const bytes = new Uint8Array([...enc('Caf'), 0xe9, ...enc(' au lait, cr'), 0xe8, ...enc('me br'), 0xfb, ...enc('l'), 0xe9, 0x65]);
    const d = decodeText(bytes);
    expect(d.text).toBe('Café au lait, crème brûlée');
    expect(d.encoding).toBe('windows-1252');
    expect(d.warnings[0]).toMatch(/Windows-1252/);
  });

  it('refuses invalid UTF-8 that is not plausible Latin-1, naming the offset', () => {
    const bytes = new Uint8Array([...enc('abc '), 0xc3, 0x28, 0xa0, 0xa1, 0x80, 0x81]);
    expect(() => decodeText(bytes)).toThrow(/not valid UTF-8 \(first bad byte 0xc3 at offset 4\)/);
  });

  it('repairs text that was UTF-8 encoded twice, and warns', () => {
    const mojibake = 'FÃ¦rgen gikk pÃ¥ grunn ved MÃ¥lÃ¸y, sier Ã¸yenvitner.';
    const d = decodeText(enc(mojibake));
    expect(d.text).toBe('Færgen gikk på grunn ved Måløy, sier øyenvitner.');
    expect(d.warnings[0]).toMatch(/encoded twice/);
  });

  it('does not take invalid UTF-8 for Windows-1252 when the bytes are not plausible text', () => {
    // A UTF-16 byte-order mark in the middle of English text would read as "ÿþ".
    const bom = new Uint8Array([...enc('The report said '), 0xff, 0xfe, ...enc(' nothing more.')]);
    expect(() => decodeText(bom)).toThrow(/not valid UTF-8.*0xff at offset 16.*not plausible Windows-1252 text either/);
    // The classic invalid sequence C3 28 would read as "Ã(".
    const c328 = new Uint8Array([...enc('Value: '), 0xc3, 0x28, ...enc('see table).')]);
    expect(() => decodeText(c328)).toThrow(/not plausible Windows-1252/);
    // UTF-8 text with one damaged byte is damaged UTF-8, not Windows-1252 (which would garble every accent).
    const damaged = new Uint8Array([...enc('Fergen på Måløy '), 0xe9, ...enc(' gikk på grunn.')]);
    expect(() => decodeText(damaged)).toThrow(/damaged UTF-8/);
  });

  it('still reads Windows-1252 in several Western languages, with curly quotes and dashes', () => {
    const cp1252 = (s: string) => new Uint8Array([...s].map((c) => ({ '\u201c': 0x93, '\u201d': 0x94, '\u2013': 0x96, '\u2019': 0x92, '\u20ac': 0x80 } as Record<string, number>)[c] ?? c.charCodeAt(0)));
    for (const text of [
      'Ærlig talt – blåbær og rødgrøt på søndag.',
      'Die Größe der Brücke überrascht alle; „Schöne Grüße“ nicht.'.replace('„', '\u201c').replace('“', '\u201d'),
      'L’été à Paris : 20 € le café crème, dit-il.',
      'À bientôt, señor Núñez — ¿qué tal?'.replace('—', '\u2013'),
    ]) {
      const d = decodeText(cp1252(text));
      expect(d.text).toBe(text);
      expect(d.encoding).toBe('windows-1252');
    }
  });

  it('reads Cyrillic and Greek UTF-16 without a byte-order mark', () => {
    const ru = 'Паром сел на мель у острова в четверг вечером.\nВсе 48 пассажиров спасены, сообщает полиция.';
    const el = 'Το πλοίο προσάραξε κοντά στο νησί την Πέμπτη.';
    for (const [text, le] of [[ru, true], [ru, false], [el, true]] as const) {
      const d = decodeText(utf16(text, le, false));
      expect(d.text).toBe(text);
      expect(d.encoding).toBe(le ? 'utf-16le' : 'utf-16be');
      expect(d.warnings.join()).toMatch(/byte pattern/);
    }
  });

  it('refuses empty and binary files with a reason', () => {
    expect(() => decodeText(new Uint8Array())).toThrow(/empty/);
    expect(() => decodeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toThrow(/PNG image/);
    expect(() => decodeText(new Uint8Array([1, 2, 0, 0, 0, 7, 0, 200, 13, 0, 0, 0]))).toThrow(/binary/);
    expect(() => decodeText(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]))).toThrow(/PDF/);
    // Random bytes with NULs are not taken for UTF-16 text.
    let seed = 7;
    const noise = new Uint8Array(4096).map(() => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16) & (seed % 5 === 0 ? 0 : 0xff));
    expect(() => decodeText(noise)).toThrow(/binary|not valid/);
  });
});
