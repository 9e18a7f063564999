import type { DocumentMeta } from '../../common/types';
import { LANG_UNSURE_BELOW } from '../../common/languages';
import { decodePage } from './charset';
import { extractArticle, type HtmlMode } from './extract';
import { looksLikeMhtml, parseMhtml } from './mhtml';

export interface WebPageOptions {
  /** 'article' (default) or 'full' (every block of the page). */
  html?: 'article' | 'full';
  captions?: boolean;
  /** For a fetched page: the HTTP Content-Type (its charset wins over the page's own), the address and the time. */
  fetched?: { url: string; contentType: string | null; fetchedAt: string };
}

export interface WebPage {
  title: string | null;
  paragraphs: string[];
  format: 'html' | 'mhtml';
  meta: DocumentMeta;
  warnings: string[];
}

const HTML_NAME = /\.(html?|xhtml|shtml)$/i;
const MHTML_NAME = /\.(mhtml?|mht)$/i;

/** Whether a file (by its name, or by its first bytes when the name says nothing) is a saved web page. */
export function isWebPage(name: string, bytes: Uint8Array): boolean {
  if (HTML_NAME.test(name) || MHTML_NAME.test(name)) return true;
  if (/\.[A-Za-z0-9]{1,8}$/.test(name) && !/^https?:/i.test(name)) return false;
  return looksLikeMhtml(bytes) || looksLikeHtml(bytes);
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  let head = '';
  for (let i = 0; i < Math.min(bytes.length, 2048); i++) head += String.fromCharCode(bytes[i]);
  head = head.replace(/^\ufeff|^\xef\xbb\xbf/, '').trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || /<(head|body|article|p|div)[\s>]/.test(head);
}

/** The address Chromium and Internet Explorer write into a page they save: <!-- saved from url=(0042)https://... -->. */
export function savedFromUrl(html: string): string | null {
  const m = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(html.slice(0, 4096));
  return m && /^https?:\/\//i.test(m[1]) ? m[1] : null;
}

/** Reads a saved or fetched web page (HTML or MHTML) into its article and metadata. */
export function readWebPage(name: string, bytes: Uint8Array, opts: WebPageOptions = {}): WebPage {
  const mhtml = MHTML_NAME.test(name) || (!HTML_NAME.test(name) && looksLikeMhtml(bytes));
  const part = mhtml ? parseMhtml(bytes) : null;
  const decoded = decodePage(part ? part.html : bytes, part ? part.contentType : opts.fetched?.contentType);
  const mode: HtmlMode = opts.html === 'full' ? 'full' : 'article';
  const article = extractArticle(decoded.text, { mode, captions: opts.captions });
  const savedFrom = part?.location ?? savedFromUrl(decoded.text);
  const m = article.meta;
  return {
    title: article.title ?? m.headline ?? (part?.subject || null),
    paragraphs: article.paragraphs,
    format: mhtml ? 'mhtml' : 'html',
    meta: {
      url: opts.fetched?.url ?? savedFrom ?? null,
      canonicalUrl: m.canonicalUrl,
      siteName: m.siteName,
      byline: m.byline,
      published: m.published,
      pageLang: m.lang,
      fetchedAt: opts.fetched?.fetchedAt ?? null,
      extraction: article.extraction,
      captions: Boolean(opts.captions),
    },
    warnings: [...decoded.warnings, ...article.warnings],
  };
}


/**
 * The language to record for a web page: the identified one, unless the
 * identification is unsure and the page declares another (pages often carry
 * a site-wide lang attribute, so a sure identification wins over it).
 */
export function pageLanguage(guess: { lang: string; confidence: number }, pageLang: string | null | undefined): { lang: string; confidence: number; warning?: string } {
  const declared = pageLang?.split('-')[0].toLowerCase();
  // Below LANG_UNSURE_BELOW the identification is unsure, and the page's own declaration is the better guess.
  if (!declared || declared === guess.lang || guess.confidence >= LANG_UNSURE_BELOW) return guess;
  return { lang: declared, confidence: guess.confidence, warning: `the text reads as ${guess.lang} (${guess.confidence.toFixed(2)}) and the page declares ${pageLang}; recorded as ${declared}` };
}
