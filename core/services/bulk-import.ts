import path from 'node:path';
import type { Db } from '../../db/open';
import { TandemError } from '../../common/errors';
import type { ImportFileReport, ImportReport } from '../../common/types';
import { expandPaths, importPaths, readRegularFile, storeArticle, summarize, useProjectAbbreviations } from './import';
import type { ImportOptions } from './parse-article';
import { deferFullText, rebuildFullText } from '../../db/queries/documents';
import { ParsePool, type ParsedWithSentences } from './parse-pool';
import { isBusy, writeTransaction } from '../../db/transaction';

export interface BulkSource {
  name: string;
  /** Where the report points the user (a path); defaults to name. */
  label?: string;
  read(): Uint8Array;
}

export interface BulkOptions extends ImportOptions {
  /** Parser threads; default 2. */
  threads?: number;
  /** Files parsed ahead of the writer. */
  readAhead?: number;
  /** Longest time between commits, in ms. */
  commitEveryMs?: number;
  /** From this many files on, the search index is built once at the end. */
  deferIndexFrom?: number;
}

/**
 * Imports many files quickly: worker threads decode, split and identify
 * while this thread writes. Each file still goes in atomically (a savepoint
 * of its own), so a bad file leaves nothing behind; commits are grouped, so
 * an interruption loses at most the last fraction of a second of whole files,
 * never part of one. Another program writing the project at the same time
 * only makes a commit wait; no file is dropped for it.
 */
export async function bulkImport(db: Db, sources: BulkSource[], opts: BulkOptions = {}, onFile?: (r: ImportFileReport) => void): Promise<ImportFileReport[]> {
  const pool = new ParsePool(opts.threads ?? 2);
  const readAhead = opts.readAhead ?? 32;
  const commitEvery = opts.commitEveryMs ?? 500;
  const reports: ImportFileReport[] = [];
  const parse = (s: BulkSource): Promise<ParsedWithSentences> => {
    let bytes: Uint8Array;
    try {
      bytes = s.read();
    } catch (err) {
      return Promise.resolve({ error: { kind: 'not-found', message: err instanceof TandemError ? err.message : (err as Error).message } });
    }
    return pool.parse(s.name, bytes, { lang: opts.lang, paragraphs: opts.paragraphs, abbreviations: opts.abbreviations, html: opts.html, captions: opts.captions });
  };
  const queue = sources.slice(0, readAhead).map(parse);
  let next = queue.length;
  let lastCommit = Date.now();
  const deferIndex = sources.length >= (opts.deferIndexFrom ?? 200);
  if (deferIndex) deferFullText(db);
  // Parsed files wait here until the next commit. The write lock is taken only
  // to write them (never while waiting for a parser), so other programs can
  // write the project between two commits.
  const parsed: Array<{ file: string; result: ParsedWithSentences }> = [];
  const store = (file: string, result: ParsedWithSentences): ImportFileReport => {
    if (result.error || !result.article) return { file, status: 'failed', reason: result.error?.message ?? 'could not be read' };
    const article = result.article;
    try {
      // storeArticle's own transaction becomes a savepoint inside the batch.
      const stored = storeArticle(db, article, { collection: opts.collection }, result.sentences);
      return stored.duplicateOf !== undefined
        ? { file, status: 'duplicate', docId: stored.docId, duplicateOf: stored.duplicateOf }
        : { file, status: 'imported', docId: stored.docId, lang: article.lang, langConfidence: article.langConfidence, paragraphs: article.paragraphs.length, sentences: stored.sentences };
    } catch (err) {
      if (isBusy(err)) throw err;
      return { file, status: 'failed', reason: (err as Error).message };
    }
  };
  const commit = () => {
    if (!parsed.length) return;
    const written = writeTransaction(db, () => parsed.map((p) => store(p.file, p.result)));
    parsed.length = 0;
    for (const report of written) {
      reports.push(report);
      onFile?.(report);
    }
    lastCommit = Date.now();
  };
  try {
    for (let i = 0; i < sources.length; i++) {
      const source = sources[i];
      const result = await queue.shift()!;
      if (next < sources.length) queue.push(parse(sources[next++]));
      parsed.push({ file: source.label ?? source.name, result });
      // Half the read-ahead at most, so the parser threads still have files to work on while these are written.
      if (parsed.length >= Math.max(1, readAhead / 2) || Date.now() - lastCommit > commitEvery) commit();
    }
    commit();
  } finally {
    await pool.close();
    // Also when the import stops on an error: what it stored becomes searchable now, not at the next open.
    if (deferIndex) rebuildFullText(db);
  }
  return reports;
}

/** Like importPaths, but a large batch is parsed on worker threads while this thread writes. */
export async function importPathsFast(db: Db, paths: string[], opts: ImportOptions = {}, onFile?: (r: ImportFileReport) => void): Promise<ImportReport> {
  const targets: Array<{ path: string; error?: string }> = [];
  expandPaths(paths, targets);
  if (targets.length < 16) return importPaths(db, paths, opts, onFile);
  const abbreviations = useProjectAbbreviations(db);
  const files: ImportFileReport[] = [];
  const readable = targets.filter((t) => !t.error);
  for (const t of targets.filter((x) => x.error)) {
    const r: ImportFileReport = { file: t.path, status: 'failed', reason: t.error };
    files.push(r);
    onFile?.(r);
  }
  const sources = readable.map((t) => ({
    name: path.basename(t.path),
    label: t.path,
    read: () => readRegularFile(t.path),
  }));
  files.push(...(await bulkImport(db, sources, { ...opts, abbreviations }, onFile)));
  return summarize(files);
}
