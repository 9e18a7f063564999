import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGoldPages, sameParagraph, scorePage } from '../../../../bench/web-gold';
import { extractArticle } from '../../../../core/web/extract';
import { splitHtml } from '../../../../core/text/paragraphs';
import { WEB_FIXTURES } from '../../../support/web-server';

const pages = loadGoldPages(WEB_FIXTURES);

describe('article extraction on our own pages in eleven layouts', () => {
  it('has pages in Norwegian, Swedish, Dutch and in Cyrillic, Greek, Arabic and CJK scripts', () => {
    expect(new Set(pages.map((p) => p.lang))).toEqual(new Set(['nn', 'nb', 'sv', 'nl', 'ru', 'el', 'ar', 'zh', 'ja', 'en']));
  });

  for (const page of pages) {
    it(`${page.file} (${page.layout}): headline and body in order, no boilerplate, metadata apart`, () => {
      const r = extractArticle(page.html);
      expect(r.extraction).toBe('article');
      const s = scorePage(page, r.paragraphs);
      expect(s.missing).toEqual([]);
      expect(s.inOrder).toBe(true);
      expect(s.leaked).toEqual([]);
      expect(s.captionsKept).toBe(0);
      // Nothing but the article: every paragraph is a gold one.
      expect(r.paragraphs.filter((p) => !page.article.some((a) => sameParagraph(p, a)))).toEqual([]);
      expect(r.title).toBe(page.title);
      expect(r.paragraphs[0]).toBe(page.title);
      if (page.byline) expect(r.meta.byline).toContain(page.byline);
      expect(r.meta.published?.slice(0, 10) ?? null).toBe(page.published);
      expect(r.meta.siteName).toBe(page.site);
    });
  }

  it('keeps captions, in place, when asked', () => {
    for (const page of pages.filter((p) => p.captions.length)) {
      const r = extractArticle(page.html, { captions: true });
      const s = scorePage(page, r.paragraphs);
      expect(s.captionsKept, page.file).toBe(page.captions.length);
      expect(s.missing, page.file).toEqual([]);
    }
  });

  it('the whole-page mode is the import of old: every block, the <title> as title', () => {
    const page = pages.find((p) => p.file === 'no-article.html')!;
    const r = extractArticle(page.html, { mode: 'full' });
    const old = splitHtml(page.html);
    expect(r.paragraphs).toEqual(old.paragraphs);
    expect(r.title).toBe('Ferja gikk på grunn ved Hareid – Nyheter – Avisa Vestkyst');
    expect(r.meta.byline).toBe('Ingrid Sætre, Tor Helge Vik');
  });

  it('falls back to the whole page, saying so, when a page has no article', () => {
    const r = extractArticle('<html><body><ul><li><a href="/a">Home</a></li><li><a href="/b">About</a></li></ul></body></html>');
    expect(r.extraction).toBe('full');
    expect(r.warnings.join(' ')).toMatch(/no article/);
    expect(r.paragraphs).toEqual(['Home', 'About']);
  });

  it('reads a front page of teasers whole, saying so, rather than keeping only a headline', () => {
    const teasers = Array.from({ length: 6 }, (_, i) => `<li><a href="/sak/${i}">Sak nummer ${i} om været, trafikken og kommunen i dag</a></li>`).join('');
    const r = extractArticle(`<html><head><title>Forsiden – Avisa</title></head><body><h1>Forsiden</h1><ul>${teasers}</ul></body></html>`);
    expect(r.extraction).toBe('full');
    expect(r.warnings.join(' ')).toMatch(/no article/);
    expect(r.paragraphs).toContain('Sak nummer 3 om været, trafikken og kommunen i dag');
  });

  it('reads a page of thousands of unclosed tags block by block instead of failing', () => {
    const text = 'Tekst i en side der ingen av de tusenvis av taggene ble lukket, men som likevel skal kunne leses.';
    const r = extractArticle(`<html><body>${'<div><font>'.repeat(3000)}<p>${text}</p></body></html>`);
    expect(r.extraction).toBe('full');
    expect(r.warnings.join(' ')).toMatch(/nested more than 400 levels/);
    expect(r.paragraphs).toEqual([text]);
  });

  it('reads a bare fragment without <html> or <body>', () => {
    const text = 'De veerboot is donderdagavond in een storm op de rotsen gelopen. Alle passagiers zijn gered, zegt de politie.';
    const r = extractArticle(`<title>Veerboot vastgelopen</title><h1>Veerboot vastgelopen</h1><p>${text}</p>`);
    expect(r.paragraphs).toEqual(['Veerboot vastgelopen', text]);
  });
});

describe('fixture gold', () => {
  it('is read from the marks, which the extractor never sees', () => {
    for (const p of pages) {
      expect(p.html).not.toMatch(/data-gold/);
      expect(p.article.length, p.file).toBeGreaterThanOrEqual(5);
      expect(p.boilerplate.length, p.file).toBeGreaterThanOrEqual(10);
    }
    expect(path.basename(WEB_FIXTURES)).toBe('web');
  });
});
