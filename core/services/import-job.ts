import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/open';
import { TandemError } from '../../common/errors';
import type { ImportFileReport, ImportReport, JobInfo } from '../../common/types';
import { createJob, getJob, updateJob } from '../../db/queries/mt';
import { loadLanguageModel } from '../text';
import { expandPaths, importBytes, MAX_FILE_BYTES, summarize, type ImportOptions } from './import';

/** One file of an import: its name (for the title and the duplicate check), how the report names it, and its bytes. */
export interface ImportSource {
  name: string;
  /** Where the report points the user: a path the user chose, or the name. */
  label?: string;
  size: number;
  read(): Uint8Array;
}

export interface ImportJobOptions extends ImportOptions {
  signal?: AbortSignal;
  onProgress?: (job: JobInfo) => void;
}

export interface ImportJobReport extends ImportReport {
  jobId: number;
  /** Why the import ended early, with what was kept; null when every file was tried. */
  stopped: string | null;
}

/**
 * Files and folders chosen in a dialog or dropped, as import sources: a folder
 * gives the articles in it (the asset folders of saved web pages left out),
 * and what cannot be read is reported as that file's failure. The report
 * names each file by its name, never by its folder.
 */
export function sourcesFromPaths(paths: string[]): ImportSource[] {
  const targets: Array<{ path: string; error?: string }> = [];
  expandPaths(paths, targets);
  return targets.map((t) => {
    const name = path.basename(t.path);
    let size = 0;
    try {
      size = t.error ? 0 : fs.statSync(t.path).size;
    } catch {
      /* reported when read */
    }
    return {
      name,
      size,
      read: () => {
        if (t.error) throw new TandemError('invalid-input', t.error);
        if (size > MAX_FILE_BYTES) throw new TandemError('too-large', `${name} is over the limit for one article; split the file`);
        return fs.readFileSync(t.path);
      },
    };
  });
}

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Imports files one after another as a job: progress per file (files and
 * bytes), and a stop between two files. Each file goes in atomically, so a
 * stopped import keeps the files it finished and has touched none of the
 * rest. Between files the event loop runs, so a request to stop (from the UI,
 * over HTTP or IPC) is seen while the import goes on.
 */
export async function importFilesJob(db: Db, sources: ImportSource[], opts: ImportJobOptions = {}): Promise<ImportJobReport> {
  await loadLanguageModel();
  const { signal, onProgress, ...importOpts } = opts;
  const totalBytes = sources.reduce((n, s) => n + s.size, 0);
  const jobId = createJob(db, 'import', { files: sources.length, collection: opts.collection ?? null }, sources.length, totalBytes);
  const files: ImportFileReport[] = [];
  let bytes = 0;
  let lastReport = 0;
  const report = (message: string | null, force = false) => {
    const t = Date.now();
    if (!force && t - lastReport < 100) return;
    lastReport = t;
    updateJob(db, jobId, { done: files.length, chars: bytes, message });
    const job = getJob(db, jobId);
    if (job) onProgress?.(job);
  };
  report(null, true);
  let stopped: string | null = null;
  for (const source of sources) {
    if (signal?.aborted) {
      const left = sources.length - files.length;
      stopped = `stopped by the user after ${files.length} of ${sources.length} files; the ${left} not yet read were not imported`;
      break;
    }
    let r: ImportFileReport;
    try {
      r = importBytes(db, source.name, source.read(), importOpts);
    } catch (err) {
      r = { file: source.name, status: 'failed', reason: (err as Error).message };
    }
    files.push(source.label ? { ...r, file: source.label } : r);
    bytes += source.size;
    report(source.label ?? source.name);
    await yieldToEvents();
  }
  updateJob(db, jobId, {
    status: stopped ? 'interrupted' : 'done',
    done: files.length,
    chars: bytes,
    message: stopped ? `${stopped}; import the rest again (files already in the project are skipped as duplicates)` : null,
  });
  const job = getJob(db, jobId);
  if (job) onProgress?.(job);
  return { ...summarize(files), jobId, stopped };
}
