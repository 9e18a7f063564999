import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/open';
import { TandemError } from '../../common/errors';
import type { ImportFileReport, ImportReport, ProvenanceKind } from '../../common/types';
import {
  findOriginalByHash,
  findTranslationByHash,
  getDocumentSummary,
  getProjectAbbreviations,
  getOrCreateCollection,
  insertDocument,
  insertParagraph,
} from '../../db/queries/documents';
import { splitSentences, type ParagraphMode, type ProjectAbbreviations } from '../text';
import { resolveDoc } from './documents';
import { insertDocumentMeta } from '../../db/queries/document-meta';
import { isSavedPageAssets } from '../web';
import { contentHash, formatBytes, MAX_FILE_BYTES, parseArticle, type ImportOptions, type ParsedArticle } from './parse-article';

export { contentHash, MAX_FILE_BYTES, parseArticle, type ImportOptions, type ParsedArticle } from './parse-article';

/**
 * The project's own abbreviations, for the sentence splitter. They travel with
 * each call (and to parser threads), never into a process-wide list, so one
 * project's words never split another project's sentences.
 */
export function useProjectAbbreviations(db: Db): ProjectAbbreviations {
  return getProjectAbbreviations(db);
}

export interface StoreOptions {
  collection?: string;
  translationOf?: number | null;
  provenance?: { kind: ProvenanceKind; provider?: string; targetLang?: string };
  /** The project's abbreviations; read from the project when not given. */
  abbreviations?: ProjectAbbreviations;
}

/** Stores a parsed article in one transaction; returns its id, or the id of the identical document already there. */
export function storeArticle(
  db: Db,
  article: ParsedArticle,
  opts: StoreOptions = {},
  precomputedSentences?: Array<Array<[number, number]>>,
): { docId: number; duplicateOf?: number; sentences: number } {
  const hash = article.hash ?? contentHash(article.paragraphs);
  const translationOf = opts.translationOf ?? null;
  const existing = translationOf === null ? findOriginalByHash(db, hash) : findTranslationByHash(db, translationOf, hash);
  if (existing !== undefined) return { docId: existing, duplicateOf: existing, sentences: 0 };
  return db.transaction(() => {
    const abbreviations = precomputedSentences ? undefined : opts.abbreviations ?? getProjectAbbreviations(db);
    const sentenceSpans = precomputedSentences ?? article.paragraphs.map((p) => splitSentences(p, article.lang, abbreviations));
    const sentenceCount = sentenceSpans.reduce((n, s) => n + s.length, 0);
    const docId = insertDocument(db, {
      collectionId: opts.collection ? getOrCreateCollection(db, opts.collection) : null,
      title: article.title,
      source: article.name,
      format: article.format,
      lang: article.lang,
      langConfidence: article.langConfidence,
      otherLanguages: article.otherLanguages,
      contentHash: hash,
      translationOf,
      provenance: opts.provenance ?? { kind: 'original' },
      characters: article.paragraphs.reduce((n, p) => n + p.length, 0),
      paragraphCount: article.paragraphs.length,
      sentenceCount,
    });
    if (article.meta) insertDocumentMeta(db, docId, article.meta);
    article.paragraphs.forEach((text, idx) => {
      insertParagraph(db, docId, idx, text, translationOf === null ? 'initial' : 'translated', sentenceSpans[idx]);
    });
    return { docId, sentences: sentenceCount };
  })();
}

function failure(file: string, err: unknown): ImportFileReport {
  const reason = err instanceof TandemError ? err.message : `unexpected error: ${(err as Error).message}`;
  return { file, status: 'failed', reason };
}

export function importBytes(db: Db, name: string, bytes: Uint8Array, opts: ImportOptions = {}): ImportFileReport {
  try {
    const article = parseArticle(name, bytes, opts);
    const stored = storeArticle(db, article, { collection: opts.collection });
    if (stored.duplicateOf !== undefined) return { file: name, status: 'duplicate', docId: stored.docId, duplicateOf: stored.duplicateOf };
    return {
      file: name,
      status: 'imported',
      docId: stored.docId,
      lang: article.lang,
      langConfidence: article.langConfidence,
      paragraphs: article.paragraphs.length,
      sentences: stored.sentences,
      ...(article.warnings.length ? { reason: article.warnings.join('; ') } : {}),
    };
  } catch (err) {
    return failure(name, err);
  }
}

const IMPORTABLE = /\.(txt|text|md|markdown|mdown|html?|xhtml|mhtml?|mht)$/i;

export function expandPaths(paths: string[], out: Array<{ path: string; error?: string }>): void {
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      out.push({ path: p, error: 'no such file or directory' });
      continue;
    }
    if (stat.isDirectory()) {
      const entries = fs.readdirSync(p).filter((n) => !n.startsWith('.')).sort();
      for (const entry of entries) {
        const child = path.join(p, entry);
        const childStat = fs.statSync(child);
        if (childStat.isDirectory() && isSavedPageAssets(entry, entries)) continue;
        if (childStat.isDirectory()) expandPaths([child], out);
        else if (IMPORTABLE.test(entry)) out.push({ path: child });
        else out.push({ path: child, error: `skipped: "${path.extname(entry) || 'no extension'}" is not an article format (txt, md, html)` });
      }
    } else out.push({ path: p });
  }
}

/** Imports files and directories; one bad file is reported and the others still import. */
export function importPaths(db: Db, paths: string[], opts: ImportOptions = {}, onFile?: (r: ImportFileReport) => void): ImportReport {
  const targets: Array<{ path: string; error?: string }> = [];
  expandPaths(paths, targets);
  const files: ImportFileReport[] = [];
  for (const t of targets) {
    let report: ImportFileReport;
    const name = path.basename(t.path);
    if (t.error) report = { file: t.path, status: 'failed', reason: t.error };
    else {
      try {
        const size = fs.statSync(t.path).size;
        if (size > MAX_FILE_BYTES) throw new TandemError('too-large', `${formatBytes(size)} is over the ${formatBytes(MAX_FILE_BYTES)} limit for one article; split the file`);
        report = { ...importBytes(db, name, fs.readFileSync(t.path), opts), file: t.path };
      } catch (err) {
        report = failure(t.path, err);
      }
    }
    files.push(report);
    onFile?.(report);
  }
  return summarize(files);
}

export function summarize(files: ImportFileReport[]): ImportReport {
  return {
    files,
    imported: files.filter((f) => f.status === 'imported').length,
    duplicates: files.filter((f) => f.status === 'duplicate').length,
    failed: files.filter((f) => f.status === 'failed').length,
  };
}

/** Provider names that mean a machine made the translation; anyone else is taken for a person. */
const MT_ENGINE = /deepl|google|bing|microsoft|azure|amazon|aws|yandex|systran|modernmt|opus|marian|nllb|m2m|madlad|gpt|openai|claude|gemini|llm|\bmt\b/i;

export interface TranslationImportOptions {
  lang?: string;
  provider?: string;
  kind?: ProvenanceKind;
  paragraphs?: ParagraphMode;
}

/** Attaches an existing translation to an original as a document of its own. */
export function importTranslationBytes(db: Db, originalRef: string | number, name: string, bytes: Uint8Array, opts: TranslationImportOptions = {}): ImportFileReport {
  const originalId = resolveDoc(db, originalRef);
  const original = getDocumentSummary(db, originalId)!;
  if (original.translationOf !== null) {
    throw new TandemError('invalid-input', `Document ${originalId} is itself a translation; attach translations to the original (${original.translationOf}).`);
  }
  try {
    const article = parseArticle(name, bytes, { lang: opts.lang, paragraphs: opts.paragraphs });
    const provider = opts.provider?.trim() || 'human';
    const kind: ProvenanceKind = opts.kind ?? (MT_ENGINE.test(provider) ? 'mt' : 'human');
    const stored = storeArticle(db, article, {
      collection: original.collection ?? undefined,
      translationOf: originalId,
      provenance: { kind, provider, targetLang: article.lang },
    });
    if (stored.duplicateOf !== undefined) return { file: name, status: 'duplicate', docId: stored.docId, duplicateOf: stored.duplicateOf };
    return { file: name, status: 'imported', docId: stored.docId, lang: article.lang, langConfidence: article.langConfidence, paragraphs: article.paragraphs.length, sentences: stored.sentences };
  } catch (err) {
    return failure(name, err);
  }
}

export function importTranslationFile(db: Db, originalRef: string | number, file: string, opts: TranslationImportOptions = {}): ImportFileReport {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return { file, status: 'failed', reason: 'no such file' };
  }
  if (stat.size > MAX_FILE_BYTES) return { file, status: 'failed', reason: `${formatBytes(stat.size)} is over the ${formatBytes(MAX_FILE_BYTES)} limit for one article` };
  return { ...importTranslationBytes(db, originalRef, path.basename(file), fs.readFileSync(file), opts), file };
}
