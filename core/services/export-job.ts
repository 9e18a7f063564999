import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db } from '../../db/open';
import { TandemError, type ErrorKind } from '../../common/errors';
import type { ExportedFile, ExportOptions } from '../../common/api';
import type { JobInfo } from '../../common/types';
import { createJob, getJob, updateJob } from '../../db/queries/mt';
import { exportAlignment } from './export';

export interface ExportJobOptions {
  /** The project's file: the export runs on a thread of its own reading it. Without one it runs here. */
  file?: string;
  nativeBinding?: string;
  signal?: AbortSignal;
  onProgress?: (job: JobInfo) => void;
}

function startWorker(): Worker | null {
  const typescript = import.meta.url.endsWith('.ts');
  const url = new URL(`./export-worker${typescript ? '.ts' : '.js'}`, import.meta.url);
  if (url.protocol === 'file:' && !fs.existsSync(fileURLToPath(url))) return null;
  // Under tsx (the CLI, tandem serve, the tests) the worker is TypeScript: tsx's loader is registered in the thread first.
  return typescript
    ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`, { eval: true })
    : new Worker(url);
}

function describeScope(opts: ExportOptions): Record<string, unknown> {
  return { format: opts?.format, pair: opts?.pair ?? null, allTranslations: Boolean(opts?.allTranslations), level: opts?.level ?? 'paragraph', status: opts?.status ?? 'confirmed' };
}

/**
 * An export as a job: progress by units written, and a Stop that ends it at
 * once. The export runs on a worker thread with its own read-only connection,
 * so stopping is ending that thread; nothing is written to the project and no
 * file is handed over, so a stopped export leaves everything as it was.
 */
export async function exportJob(db: Db, options: ExportOptions, run: ExportJobOptions = {}): Promise<ExportedFile> {
  const jobId = createJob(db, 'export', describeScope(options), 0, 0);
  let last = 0;
  const progress = (done: number, total: number) => {
    updateJob(db, jobId, { done, total });
    const t = Date.now();
    if (t - last < 100 && done < total) return;
    last = t;
    const job = getJob(db, jobId);
    if (job) run.onProgress?.(job);
  };
  const finish = (status: 'done' | 'failed' | 'interrupted', message: string | null) => {
    updateJob(db, jobId, { status, message });
    const job = getJob(db, jobId);
    if (job) run.onProgress?.(job);
  };
  progress(0, 0);
  const worker = run.file && run.file !== ':memory:' ? startWorker() : null;
  if (!worker) {
    // No file to read from elsewhere (a project in memory): the export runs here.
    try {
      const result = exportAlignment(db, options, { signal: run.signal, onProgress: progress });
      finish('done', null);
      return result;
    } catch (err) {
      finish(err instanceof TandemError && err.kind === 'cancelled' ? 'interrupted' : 'failed', (err as Error).message);
      throw err;
    }
  }
  try {
    const result = await new Promise<ExportedFile>((resolve, reject) => {
      const stop = () => {
        reject(new TandemError('cancelled', 'Export stopped: nothing was saved.'));
        void worker.terminate();
      };
      if (run.signal?.aborted) return stop();
      run.signal?.addEventListener('abort', stop, { once: true });
      worker.on('message', (m: { progress?: { done: number; total: number }; result?: ExportedFile; error?: { kind: ErrorKind; message: string } }) => {
        if (m.progress) progress(m.progress.done, m.progress.total);
        else if (m.result) resolve(m.result);
        else if (m.error) reject(new TandemError(m.error.kind, m.error.message));
      });
      worker.on('error', (err) => reject(new TandemError('internal', `the export thread failed: ${err.message}`)));
      worker.on('exit', (code) => reject(new TandemError('internal', `the export thread ended (${code}) before the export was done`)));
      worker.postMessage({ file: run.file, options, nativeBinding: run.nativeBinding });
    });
    finish('done', null);
    return result;
  } catch (err) {
    const stopped = err instanceof TandemError && err.kind === 'cancelled';
    finish(stopped ? 'interrupted' : 'failed', stopped ? 'stopped by the user; nothing was saved' : (err as Error).message);
    throw err;
  } finally {
    void worker.terminate();
  }
}
