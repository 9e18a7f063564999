import type { Db } from '../../db/open';
import { TandemError } from '../../common/errors';
import type { ImportFileReport, ImportReport, JobInfo } from '../../common/types';
import { findOriginalByUrl } from '../../db/queries/document-meta';
import { createJob, getJob, updateJob } from '../../db/queries/mt';
import { fetchPage, normalizeUrl, type FetchOptions } from '../web/fetch';
import { contentHash, parseArticle, storeArticle, summarize, useProjectAbbreviations, type ImportOptions, type ParsedArticle } from './import';
import { siteRepeats } from '../web/site-repeats';
import { loadLanguageModel } from '../text';

export interface UrlImportOptions extends ImportOptions, Omit<FetchOptions, 'signal'> {
  /** Pages fetched at the same time; default 4. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (job: JobInfo) => void;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

function failed(file: string, err: unknown): ImportFileReport {
  return { file, status: 'failed', reason: err instanceof TandemError ? err.message : `unexpected error: ${(err as Error).message}` };
}

/**
 * Imports articles from web addresses: each page is fetched, its article
 * extracted and stored with its address and fetch time. An address already in
 * the project (fetched, saved from, or canonical) is a duplicate and is not
 * fetched again; an address that fails is reported and the others import.
 * Paragraphs that one site repeats at the edge of three or more of the pages
 * are left out (see siteRepeats). A job records progress; the signal stops
 * the batch between pages.
 */
export async function importUrls(db: Db, urls: string[], opts: UrlImportOptions = {}, onFile?: (r: ImportFileReport) => void): Promise<ImportReport> {
  await loadLanguageModel();
  const abbreviations = useProjectAbbreviations(db);
  const reports: ImportFileReport[] = new Array(urls.length);
  const jobId = createJob(db, 'import-urls', { urls: urls.length, collection: opts.collection ?? null }, urls.length, 0);
  let done = 0;
  const progress = (message: string | null) => {
    updateJob(db, jobId, { done, message });
    const job = getJob(db, jobId);
    if (job) opts.onProgress?.(job);
  };
  const finish = (i: number, r: ImportFileReport) => {
    reports[i] = r;
    done++;
    onFile?.(r);
    progress(r.file);
  };
  progress(null);

  // Addresses in this batch, by normalised form: the second of two is a duplicate of the first.
  const firstIndex = new Map<string, number>();
  const pending: Array<{ i: number; url: string }> = [];
  urls.forEach((raw, i) => {
    let url: string;
    try {
      url = normalizeUrl(String(raw));
    } catch (err) {
      finish(i, failed(String(raw), err));
      return;
    }
    const known = findOriginalByUrl(db, [url]);
    if (known !== undefined) finish(i, { file: url, status: 'duplicate', docId: known, duplicateOf: known, reason: 'this address is already in the project' });
    else if (firstIndex.has(url)) pending.push({ i, url }); // settled after its first occurrence
    else {
      firstIndex.set(url, i);
      pending.push({ i, url });
    }
  });

  const fetchOpts: FetchOptions = { timeoutMs: opts.timeoutMs, maxBytes: opts.maxBytes, userAgent: opts.userAgent, signal: opts.signal };
  // First every page is fetched and read; then what a site repeats across pages is known; then they are stored in order.
  const parsed = new Map<number, { url: string; final: string; article: ParsedArticle }>();
  let fetched = 0;
  const fetchOne = async ({ i, url }: { i: number; url: string }) => {
    if (firstIndex.get(url) !== i) return;
    if (opts.signal?.aborted) {
      finish(i, { file: url, status: 'failed', reason: 'cancelled before it was fetched' });
      return;
    }
    try {
      const page = await fetchPage(url, fetchOpts);
      const article = parseArticle(url, page.bytes, { ...opts, fetched: { url: page.url, contentType: page.contentType, fetchedAt: page.fetchedAt } });
      parsed.set(i, { url, final: page.url, article });
      fetched++;
      progress(`fetched ${fetched} of ${pending.length}: ${url}`);
    } catch (err) {
      finish(i, failed(url, err));
    }
  };
  const queue = [...pending];
  const workers = Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 4, queue.length)) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await fetchOne(next);
  });
  await Promise.all(workers);

  const order = [...parsed.keys()].sort((a, b) => a - b);
  const repeats = siteRepeats(order.map((i) => ({ site: hostOf(parsed.get(i)!.final), paragraphs: parsed.get(i)!.article.paragraphs })));
  order.forEach((i, n) => {
    const drop = repeats[n];
    if (!drop.length) return;
    const a = parsed.get(i)!.article;
    a.paragraphs = a.paragraphs.filter((_, k) => !drop.includes(k));
    a.hash = contentHash(a.paragraphs);
    a.warnings.push(`left out ${drop.length} paragraph${drop.length === 1 ? '' : 's'} that the site repeats at the edge of other pages in this batch`);
  });

  for (const i of order) {
    const { url, final, article } = parsed.get(i)!;
    try {
      // A redirect or the page's canonical address may name a page the project already has.
      const known = findOriginalByUrl(db, [final, article.meta?.canonicalUrl ?? ''].filter(Boolean));
      if (known !== undefined) {
        finish(i, { file: url, status: 'duplicate', docId: known, duplicateOf: known, reason: 'the page is already in the project under another address' });
        continue;
      }
      const stored = storeArticle(db, article, { collection: opts.collection, abbreviations });
      if (stored.duplicateOf !== undefined) finish(i, { file: url, status: 'duplicate', docId: stored.docId, duplicateOf: stored.duplicateOf });
      else {
        finish(i, {
          file: url,
          status: 'imported',
          docId: stored.docId,
          lang: article.lang,
          langConfidence: article.langConfidence,
          paragraphs: article.paragraphs.length,
          sentences: stored.sentences,
          ...(article.warnings.length ? { reason: article.warnings.join('; ') } : {}),
        });
      }
    } catch (err) {
      finish(i, failed(url, err));
    }
  }
  // Repeats within the batch point at what their first occurrence became.
  for (const { i, url } of pending) {
    if (reports[i]) continue;
    const first = reports[firstIndex.get(url)!];
    if (first.docId !== undefined) finish(i, { file: url, status: 'duplicate', docId: first.docId, duplicateOf: first.docId, reason: 'the same address is earlier in this batch' });
    else finish(i, { file: url, status: 'failed', reason: `the same address failed earlier in this batch: ${first.reason ?? ''}` });
  }
  const report = summarize(reports);
  updateJob(db, jobId, {
    status: opts.signal?.aborted ? 'interrupted' : 'done',
    done,
    message: `${report.imported} imported, ${report.duplicates} duplicates, ${report.failed} failed`,
  });
  const job = getJob(db, jobId);
  if (job) opts.onProgress?.(job);
  return report;
}
