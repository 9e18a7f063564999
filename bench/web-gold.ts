/**
 * Gold for the web-extraction fixtures (tests/fixtures/web): each page marks
 * its article blocks with data-gold="a" and its captions with data-gold="c";
 * every other block of the page is boilerplate. The marks are stripped before
 * any extractor sees the page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { decodePage } from '../core/web/charset';
import { parseDocument } from '../core/web/dom';
import { normalizeParagraph } from '../core/text/normalize';
import { splitHtml } from '../core/text/paragraphs';

export interface GoldPage {
  file: string;
  lang: string;
  layout: string;
  /** The page as an extractor gets it: the original bytes' text without the gold marks. */
  html: string;
  /** The same page re-encoded as its original bytes (for import tests). */
  bytes: Uint8Array;
  article: string[];
  captions: string[];
  /** Blocks of the whole page that are neither article nor caption. */
  boilerplate: string[];
  title: string;
  byline: string | null;
  published: string | null;
  site: string | null;
}

export function norm(s: string): string {
  return normalizeParagraph(s).toLowerCase().replace(/[\s\p{P}]+/gu, ' ').trim();
}

/** An extracted paragraph stands for a gold one when they are the same text, or one holds nearly all of the other. */
export function sameParagraph(a: string, b: string): boolean {
  const x = norm(a);
  const y = norm(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return long.includes(short) && short.length >= long.length * 0.8;
}

/**
 * The block shows up in the extraction: a paragraph is it, holds it as a
 * sizeable part (not a menu word that happens to occur in a sentence), or is
 * a sizeable part of it.
 */
export function contains(paragraphs: string[], block: string): boolean {
  const b = norm(block);
  return b.length > 0 && paragraphs.some((p) => {
    const x = norm(p);
    if (!x) return false;
    if (x.includes(b)) return b.length >= x.length * 0.3;
    return b.includes(x) && x.length >= b.length * 0.3;
  });
}

export function stripGold(html: string): string {
  return html.replace(/\s+data-gold="[^"]*"/g, '');
}

export function loadGoldPages(dir: string): GoldPage[] {
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'pages.json'), 'utf8')) as { pages: Array<Omit<GoldPage, 'html' | 'bytes' | 'article' | 'captions' | 'boilerplate'>> };
  return index.pages.map((p) => {
    const raw = fs.readFileSync(path.join(dir, p.file));
    const decoded = decodePage(raw);
    const doc = parseDocument(decoded.text);
    const textOf = (sel: string) => [...doc.querySelectorAll(sel)].map((el) => normalizeParagraph(el.textContent ?? '')).filter(Boolean);
    const article = textOf('[data-gold="a"]');
    const captions = textOf('[data-gold="c"]');
    const html = stripGold(decoded.text);
    const whole = splitHtml(html).paragraphs;
    const boilerplate = whole.filter((b) => !article.some((a) => sameParagraph(a, b) || norm(b).includes(norm(a))) && !captions.some((c) => norm(b).includes(norm(c))));
    // Stripping the marks from the raw bytes keeps the page's own encoding (they are ASCII).
    const bytes = new Uint8Array(Buffer.from(stripGold(raw.toString('latin1')), 'latin1'));
    return { ...p, html, bytes, article, captions, boilerplate };
  });
}

export interface PageScore {
  file: string;
  articleKept: number;
  articleTotal: number;
  inOrder: boolean;
  boilerplateKept: number;
  boilerplateTotal: number;
  captionsKept: number;
  missing: string[];
  leaked: string[];
}

export function scorePage(page: GoldPage, paragraphs: string[]): PageScore {
  const kept = page.article.filter((a) => paragraphs.some((p) => sameParagraph(p, a)));
  const positions = page.article.map((a) => paragraphs.findIndex((p) => sameParagraph(p, a))).filter((i) => i >= 0);
  // Boilerplate leaks through the paragraphs that are not article text (a tag word inside a sentence is no leak).
  const extra = paragraphs.filter((p) => !page.article.some((a) => sameParagraph(p, a)));
  const leaked = page.boilerplate.filter((b) => contains(extra, b));
  return {
    file: page.file,
    articleKept: kept.length,
    articleTotal: page.article.length,
    inOrder: positions.every((x, i) => i === 0 || x > positions[i - 1]),
    boilerplateKept: leaked.length,
    boilerplateTotal: page.boilerplate.length,
    captionsKept: page.captions.filter((c) => contains(paragraphs, c)).length,
    missing: page.article.filter((a) => !kept.includes(a)),
    leaked,
  };
}
