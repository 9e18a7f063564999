import crypto from 'node:crypto';
import { TandemError } from '../../common/errors';
import type { DocumentMeta, OtherLanguage } from '../../common/types';
import {
  chooseTitle,
  decodeText,
  extractParagraphs,
  formatFromName,
  identifyDocumentLanguage,
  sniffFormat,
  splitSentences,
  type ParagraphMode,
  type ProjectAbbreviations,
  type SourceFormat,
} from '../text';
import { isWebPage, pageLanguage, readWebPage, type WebPageOptions } from '../web';

/** Articles are small; this bounds memory and says so, rather than crashing on a dump. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface ImportOptions {
  collection?: string;
  lang?: string;
  paragraphs?: ParagraphMode;
  /** Extra abbreviations per language; the project's own list is added by the importers. */
  abbreviations?: ProjectAbbreviations;
  /** Web pages: the article only (default) or every block of the page; captions kept or not; how a fetched page came. */
  html?: WebPageOptions['html'];
  captions?: boolean;
  fetched?: WebPageOptions['fetched'];
}

export interface ParsedArticle {
  name: string;
  title: string;
  format: SourceFormat | 'aligned' | 'mhtml';
  paragraphs: string[];
  lang: string;
  langConfidence: number;
  /** Paragraphs identified in other languages (none when the language was given). */
  otherLanguages?: OtherLanguage[];
  warnings: string[];
  /** contentHash(paragraphs), when the parser already computed it (on a parser thread). */
  hash?: string;
  /** A web page's provenance and metadata. */
  meta?: DocumentMeta;
}

export function contentHash(paragraphs: string[]): string {
  return crypto.createHash('sha256').update(paragraphs.join('\n')).digest('hex');
}

/** Turns raw bytes into an article, or throws a TandemError saying why not. */
export function parseArticle(name: string, bytes: Uint8Array, opts: ImportOptions = {}): ParsedArticle {
  if (bytes.length > MAX_FILE_BYTES) {
    throw new TandemError('too-large', `${formatBytes(bytes.length)} is over the ${formatBytes(MAX_FILE_BYTES)} limit for one article; split the file`);
  }
  // Web pages (saved, MHTML or fetched) go through article extraction; everything else is read as before.
  const web = opts.fetched || isWebPage(name, bytes) ? readWebPage(name, bytes, opts) : null;
  const decoded = web ? { text: '', warnings: web.warnings } : decodeText(bytes);
  const format = web ? web.format : formatFromName(name) ?? sniffFormat(decoded.text);
  const extracted = web ?? extractParagraphs(decoded.text, format as SourceFormat, opts.paragraphs ?? 'auto');
  if (extracted.paragraphs.length === 0) throw new TandemError('invalid-input', 'the file holds no text (only white space or markup)');
  const guess = opts.lang ? { lang: opts.lang, confidence: 1, otherLanguages: [] } : identifyDocumentLanguage(extracted.paragraphs);
  if (web && !opts.lang) {
    // An unsure identification gives way to the language the page declares.
    const chosen = pageLanguage(guess, web.meta.pageLang);
    if (chosen.warning) decoded.warnings.push(chosen.warning);
    guess.lang = chosen.lang;
  }
  const title = chooseTitle(extracted.paragraphs, guess.lang, extracted.title);
  return {
    name, title, format, paragraphs: extracted.paragraphs, lang: guess.lang, langConfidence: guess.confidence,
    otherLanguages: guess.otherLanguages, warnings: decoded.warnings, hash: contentHash(extracted.paragraphs),
    ...(web ? { meta: web.meta } : {}),
  };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(n >= 10 * 1024 * 1024 ? 0 : 1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${n} bytes`;
}

/** An article parsed and split into sentences, ready to store; or why it could not be. */
export interface ParsedWithSentences {
  article?: ParsedArticle;
  sentences?: Array<Array<[number, number]>>;
  error?: { kind: string; message: string };
}

/**
 * Everything an import does before it writes: what a parser thread runs for
 * each file. The language model must be loaded (loadLanguageModel) first.
 */
export function parseWithSentences(name: string, bytes: Uint8Array, opts: ImportOptions): ParsedWithSentences {
  try {
    const article = parseArticle(name, bytes, opts);
    const sentences = article.paragraphs.map((p) => splitSentences(p, article.lang, opts.abbreviations));
    return { article, sentences };
  } catch (err) {
    const kind = err instanceof TandemError ? err.kind : 'internal';
    return { error: { kind, message: (err as Error).message } };
  }
}
