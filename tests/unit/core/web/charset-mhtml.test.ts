import { describe, expect, it } from 'vitest';
import { charsetOfContentType, decodePage, sniffMetaCharset } from '../../../../core/web/charset';
import { withDocumentShell, parseDocument } from '../../../../core/web/dom';
import { decodeQuotedPrintable, looksLikeMhtml, parseMhtml } from '../../../../core/web/mhtml';
import { isWebPage, readWebPage, savedFromUrl } from '../../../../core/web/page';
import { isSavedPageAssets } from '../../../../core/web/saved-page';
import { TandemError } from '../../../../common/errors';


/** Encodes text in a legacy single-byte encoding by inverting TextDecoder over all 256 bytes. */
function legacy(text: string, enc: string): Uint8Array {
  const table = new Map<string, number>();
  const dec = new TextDecoder(enc);
  for (let b = 0; b < 256; b++) table.set(dec.decode(Uint8Array.of(b)), b);
  return Uint8Array.from([...text].map((ch) => {
    const b = table.get(ch);
    if (b === undefined) throw new Error(`${ch} is not in ${enc}`);
    return b;
  }));
}

describe('the encoding of a page', () => {
  const ru = '<html><head><meta charset="windows-1251"><title>Мост</title></head><body><p>Новый мост открыли во вторник.</p></body></html>';

  it('follows <meta charset> when the bytes are not UTF-8 (Cyrillic in windows-1251)', () => {
    const d = decodePage(legacy(ru, 'windows-1251'));
    expect(d.encoding).toBe('windows-1251');
    expect(d.from).toBe('meta');
    expect(d.text).toContain('Новый мост открыли во вторник.');
  });

  it('lets the HTTP header win over the page, as browsers do', () => {
    const greek = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Νέα γραμμή πλοίου</p>';
    const d = decodePage(legacy(greek, 'iso-8859-7'), 'text/html; charset=ISO-8859-7');
    expect(d.from).toBe('http');
    expect(d.text).toContain('Νέα γραμμή πλοίου');
  });

  it('reads UTF-8 that a stale declaration calls ISO-8859-1 as UTF-8, and says so', () => {
    const d = decodePage(new TextEncoder().encode('<meta charset="iso-8859-1"><p>Ferja gikk på grunn ved Hareid</p>'));
    expect(d.text).toContain('Ferja gikk på grunn');
    expect(d.warnings.join(' ')).toMatch(/declares windows-1252 but its bytes are UTF-8/);
  });

  it('falls back to detection for an unknown label, and a BOM beats everything', () => {
    const d = decodePage(new TextEncoder().encode('<meta charset="klingon-8"><p>Grüße</p>'));
    expect(d.text).toContain('Grüße');
    expect(d.warnings.join(' ')).toMatch(/unknown encoding "klingon-8"/);
    const bom = decodePage(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('<meta charset="windows-1251"><p>Grüße</p>')]));
    expect(bom.from).toBe('bom');
    expect(bom.text).toContain('Grüße');
  });

  it('finds the declaration in the forms pages write it', () => {
    expect(sniffMetaCharset(new TextEncoder().encode("<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=Shift_JIS'>"))).toBe('Shift_JIS');
    expect(sniffMetaCharset(new TextEncoder().encode('<!-- <meta charset="koi8-r"> --><meta charset=gbk>'))).toBe('gbk');
    expect(charsetOfContentType('text/html;charset="utf-8"')).toBe('utf-8');
    expect(charsetOfContentType('text/html')).toBeNull();
  });

  it('refuses an empty page', () => {
    expect(() => decodePage(new Uint8Array())).toThrow(TandemError);
  });
});

describe('a DOM for pages that leave out <html>, <head> or <body>', () => {
  it('puts head elements in the head and the rest in the body', () => {
    const html = withDocumentShell('<!doctype html><title>T</title><meta charset=utf-8><p>one<p>two');
    const doc = parseDocument(html);
    expect(doc.title).toBe('T');
    expect([...doc.body.querySelectorAll('p')].map((p) => p.textContent)).toEqual(['one', 'two']);
  });

  it('reads attribute names in any case', () => {
    const doc = parseDocument('<HTML LANG="nl"><HEAD><META NAME="date" CONTENT="2023-10-03"></HEAD><BODY><P>x</P></BODY></HTML>');
    expect(doc.querySelector('meta[name="date"]')?.getAttribute('content')).toBe('2023-10-03');
    expect(doc.documentElement.getAttribute('lang')).toBe('nl');
  });
});

const ARTICLE = '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Färjan gick på grund | Kustbladet</title><meta property="og:site_name" content="Kustbladet"></head><body><nav><a href="/">Start</a> <a href="/nyheter">Nyheter</a></nav><article><h1>Färjan gick på grund</h1><p>Färjan gick på grund i hård vind på torsdagskvällen. Alla passagerare räddades i god ordning, säger polisen.</p><p>Haverikommissionen ska nu utreda olyckan och bland annat titta på vädret och på besättningens beslut.</p></article><footer>© Kustbladet</footer></body></html>';

function qp(text: string): string {
  // Quoted-printable as Chromium writes it: =XX for non-ASCII bytes and "=", soft breaks at 76.
  const bytes = new TextEncoder().encode(text);
  let out = '';
  let line = '';
  for (const b of bytes) {
    const piece = b === 0x3d || b > 0x7e ? `=${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b);
    if (line.length + piece.length > 75) {
      out += `${line}=\r\n`;
      line = '';
    }
    line += piece;
  }
  return out + line;
}

function mhtml(parts: string[], extraHeaders = ''): Uint8Array {
  const boundary = '----MultipartBoundary--Xq1Zr8----';
  const head = `From: <Saved by Blink>\r\nSnapshot-Content-Location: https://kustbladet.example/nyheter/farjan\r\nSubject: =?utf-8?Q?F=C3=A4rjan_gick_p=C3=A5_grund?=\r\nDate: Thu, 5 Sep 2024 10:00:00 +0200\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="${boundary}"${extraHeaders}\r\n\r\n`;
  return new TextEncoder().encode(head + parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('') + `--${boundary}--\r\n`);
}

describe('MHTML', () => {
  it('reads the page part of a Chromium MHTML file: quoted-printable, charset from the page, the address it was saved from', () => {
    const file = mhtml([
      `Content-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: https://kustbladet.example/nyheter/farjan\r\n\r\n${qp(ARTICLE)}`,
      'Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\nContent-Location: https://kustbladet.example/logo.png\r\n\r\niVBORw0KGgo=',
    ]);
    expect(looksLikeMhtml(file)).toBe(true);
    const part = parseMhtml(file);
    expect(part.location).toBe('https://kustbladet.example/nyheter/farjan');
    expect(part.subject).toBe('Färjan gick på grund');
    expect(part.savedAt).toBe('2024-09-05T08:00:00.000Z');
    const page = readWebPage('farjan.mhtml', file);
    expect(page.format).toBe('mhtml');
    expect(page.title).toBe('Färjan gick på grund');
    expect(page.paragraphs).toEqual([
      'Färjan gick på grund',
      'Färjan gick på grund i hård vind på torsdagskvällen. Alla passagerare räddades i god ordning, säger polisen.',
      'Haverikommissionen ska nu utreda olyckan och bland annat titta på vädret och på besättningens beslut.',
    ]);
    expect(page.meta).toMatchObject({ url: 'https://kustbladet.example/nyheter/farjan', siteName: 'Kustbladet', pageLang: 'sv', fetchedAt: null, extraction: 'article' });
  });

  it('reads a base64 page part in a legacy charset named by its part header (Internet Explorer .mht)', () => {
    const ru = '<html><body><article><h1>Мост открыт</h1><p>Движение по новому мосту через реку запустили во вторник, на два месяца раньше срока.</p><p>Старый мост закрыли на реконструкцию весной прошлого года, потому что он был в плохом состоянии.</p></article></body></html>';
    const b64 = Buffer.from(legacy(ru, 'koi8-r')).toString('base64').replace(/(.{76})/g, '$1\r\n');
    const file = mhtml([`Content-Type: text/html; charset="koi8-r"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64}`]);
    const page = readWebPage('most.mht', file);
    expect(page.paragraphs[1]).toBe('Движение по новому мосту через реку запустили во вторник, на два месяца раньше срока.');
  });

  it('says what is wrong with a damaged or empty MHTML file', () => {
    expect(() => parseMhtml(new TextEncoder().encode('Content-Type: multipart/related\r\n\r\nno boundary'))).toThrow(/no boundary/);
    expect(() => parseMhtml(mhtml(['Content-Type: text/css\r\n\r\nbody{}']))).toThrow(/no web page/);
    expect(() => parseMhtml(new TextEncoder().encode('just text'))).toThrow(/not an MHTML file/);
  });

  it('decodes quoted-printable soft breaks and escapes', () => {
    expect(new TextDecoder().decode(decodeQuotedPrintable('F=C3=A6r=\r\nje =3D ok'))).toBe('Færje = ok');
  });
});

describe('saved pages', () => {
  it('knows a browser\'s assets folder beside its page, in the names browsers give it', () => {
    const siblings = ['Ferja gikk på grunn.html', 'Ferja gikk på grunn_files', 'Biblioteket.htm', 'Biblioteket-Dateien', 'notes', '2024-03', '2024.html'];
    expect(isSavedPageAssets('Ferja gikk på grunn_files', siblings)).toBe(true);
    expect(isSavedPageAssets('Biblioteket-Dateien', siblings)).toBe(true);
    expect(isSavedPageAssets('notes', siblings)).toBe(false);
    expect(isSavedPageAssets('2024-03', siblings)).toBe(false);
  });

  it('reads the address Chromium writes into a saved page, and tells pages from text by name or content', () => {
    expect(savedFromUrl('<!DOCTYPE html>\n<!-- saved from url=(0041)https://kustbladet.example/nyheter/farjan -->\n<html>')).toBe('https://kustbladet.example/nyheter/farjan');
    const html = new TextEncoder().encode('<!doctype html><p>x</p>');
    expect(isWebPage('a.htm', new Uint8Array())).toBe(true);
    expect(isWebPage('a.txt', html)).toBe(false);
    expect(isWebPage('https://kustbladet.example/x', html)).toBe(true);
    expect(isWebPage('noext', html)).toBe(true);
  });
});
