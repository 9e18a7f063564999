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
import { writeTransaction } from '../../db/transaction';
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
  return writeTransaction(db, () => {
    // Looked up under the write lock: another program importing the same text at the same time finds it here.
    const existing = translationOf === null ? findOriginalByHash(db, hash) : findTranslationByHash(db, translationOf, hash);
    if (existing !== undefined) return { docId: existing, duplicateOf: existing, sentences: 0 };
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
  });
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

function kindOf(st: fs.Stats): string {
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isDirectory()) return 'a folder';
  return 'not a file';
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function errnoOf(err: unknown): string {
  return (err as NodeJS.ErrnoException)?.code ?? 'unknown error';
}

/**
 * Reads a file the user named, only if it is a regular file: it is opened
 * without blocking (a named pipe with no writer would otherwise wait
 * forever) and checked through its descriptor, so what is checked is what
 * is read.
 */
export function readRegularFile(file: string, maxBytes = MAX_FILE_BYTES): Buffer {
  return withRegularFile(file, (fd, st) => {
    if (st.size > maxBytes) throw new TandemError('too-large', `${formatBytes(st.size)} is over the ${formatBytes(maxBytes)} limit for one article; split the file`);
    return fs.readFileSync(fd);
  });
}

/** Throws, with the reason, unless `file` is a regular file that can be opened for reading; returns its size. */
export function checkRegularFile(file: string): number {
  return withRegularFile(file, (_fd, st) => st.size);
}

function withRegularFile<T>(file: string, use: (fd: number, st: fs.Stats) => T): T {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = errnoOf(err);
    if (code === 'ENOENT') throw new TandemError('not-found', 'no such file');
    if (code === 'ELOOP') throw new TandemError('invalid-input', 'a symbolic link that loops back to itself');
    if (code === 'EACCES' || code === 'EPERM') throw new TandemError('invalid-input', 'permission denied');
    if (code === 'EISDIR') throw new TandemError('invalid-input', 'this is a folder, not a file');
    throw new TandemError('invalid-input', `cannot be opened (${code})`);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new TandemError('unsupported', `not a regular file (${kindOf(st)}); only regular files are read`);
    return use(fd, st);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Lists the files to import under the given paths. Symbolic links are
 * followed, but every entry that cannot be imported is reported and skipped
 * rather than ending the batch: a link that loops or leads nowhere, a link
 * back to a folder already being walked, and anything that is not a regular
 * file (a named pipe, a socket, a device).
 */
export function expandPaths(paths: string[], out: Array<{ path: string; error?: string }>): void {
  const walked = new Set<string>();
  const visit = (p: string, named: boolean): void => {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch {
      out.push({ path: p, error: 'no such file or directory' });
      return;
    }
    if (st.isSymbolicLink()) {
      try {
        st = fs.statSync(p);
      } catch (err) {
        const code = errnoOf(err);
        let target = '';
        try {
          target = fs.readlinkSync(p);
        } catch {
          // The link's own target is only for the message.
        }
        if (code === 'ELOOP') out.push({ path: p, error: 'skipped: a symbolic link that loops (it leads back to itself)' });
        else if (code === 'ENOENT') out.push({ path: p, error: `skipped: a symbolic link to ${target || 'a file'}, which does not exist` });
        else out.push({ path: p, error: `skipped: a symbolic link that cannot be followed (${code})` });
        return;
      }
    }
    if (st.isDirectory()) {
      let real: string;
      try {
        real = fs.realpathSync(p);
      } catch (err) {
        out.push({ path: p, error: `skipped: the folder cannot be resolved (${errnoOf(err)})` });
        return;
      }
      if (walked.has(real)) {
        out.push({ path: p, error: 'skipped: links back to a folder already being imported' });
        return;
      }
      walked.add(real);
      let entries: string[];
      try {
        entries = fs.readdirSync(p).filter((n) => !n.startsWith('.')).sort();
      } catch (err) {
        out.push({ path: p, error: `skipped: the folder cannot be read (${errnoOf(err)})` });
        return;
      }
      for (const entry of entries) {
        const child = path.join(p, entry);
        // A saved web page's folder of images and scripts ("page_files" beside "page.html") is part of the page.
        if (isSavedPageAssets(entry, entries) && isFolder(child)) continue;
        visit(child, false);
      }
    } else if (!st.isFile()) out.push({ path: p, error: `skipped: not a regular file (${kindOf(st)})` });
    else if (named || IMPORTABLE.test(p)) out.push({ path: p });
    else out.push({ path: p, error: `skipped: "${path.extname(p) || 'no extension'}" is not an article format (txt, md, html)` });
  };
  for (const p of paths) visit(p, true);
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
        report = { ...importBytes(db, name, readRegularFile(t.path), opts), file: t.path };
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
  let bytes: Buffer;
  try {
    bytes = readRegularFile(file);
  } catch (err) {
    return failure(file, err);
  }
  return { ...importTranslationBytes(db, originalRef, path.basename(file), bytes, opts), file };
}
