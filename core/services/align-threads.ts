import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { alignChunk, chunkInput, DEFAULT_PARALLEL_OPTIONS, fromChunk, planChunks } from '../align/parallel';
import type { Bead, ParallelInput, ParallelOptions } from '../align/types';
import { TandemError } from '../../common/errors';

export interface ThreadOptions {
  /** Worker threads to use; default: the cores available. One runs everything on this thread. */
  threads?: number;
  /** Called after each piece with the pieces done and the pieces in all. */
  onProgress?: (done: number, total: number) => void;
  /** Aborting rejects with the signal's reason and stops the threads. */
  signal?: AbortSignal;
}

function startWorker(): Worker {
  const typescript = import.meta.url.endsWith('.ts');
  const url = new URL(`./align-worker${typescript ? '.ts' : '.js'}`, import.meta.url);
  // Under tsx (the CLI and benchmarks) the worker is TypeScript: register tsx's loader in the
  // thread before importing it, since loaders passed in execArgv come up too late for the entry.
  return typescript
    ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`, { eval: true })
    : new Worker(url);
}

/**
 * alignParallel with the pieces of a long text (see planChunks) spread over worker threads.
 * The result is the same as alignParallel's whatever the number of threads: pieces are
 * independent and put back in order. A text of one piece is aligned on this thread.
 */
export async function alignParallelThreaded(input: ParallelInput, options: ParallelOptions = {}, opts: ThreadOptions = {}): Promise<Bead[]> {
  const wanted = Math.max(1, opts.threads ?? os.availableParallelism());
  const chunkSize = options.chunkSize ?? DEFAULT_PARALLEL_OPTIONS.chunkSize;
  // Threads start while the plan is made: loading the engine in a thread takes a moment.
  const workers: Worker[] = [];
  if (wanted > 1 && input.src.length > chunkSize * 1.5) {
    const n = Math.min(wanted, Math.ceil(input.src.length / chunkSize));
    for (let t = 0; t < n; t++) workers.push(startWorker());
  }
  try {
    const plan = planChunks(input, options);
    const total = plan.length;
    if (workers.length < 2 || total < 2) {
      const out: Bead[] = [];
      for (let k = 0; k < total; k++) {
        opts.signal?.throwIfAborted();
        out.push(...(total === 1 ? alignChunk(input, options) : fromChunk(alignChunk(chunkInput(input, plan[k]), options), plan[k])));
        opts.onProgress?.(k + 1, total);
      }
      return out;
    }
    const results: Bead[][] = new Array(total);
    let next = 0;
    let done = 0;
    await new Promise<void>((resolve, reject) => {
      const fail = (err: Error): void => reject(err);
      if (opts.signal?.aborted) return fail(opts.signal.reason as Error);
      opts.signal?.addEventListener('abort', () => fail(opts.signal!.reason as Error), { once: true });
      const feed = (w: Worker): void => {
        if (next >= total) return;
        const id = next++;
        w.postMessage({ id, input: chunkInput(input, plan[id]), options });
      };
      for (const w of workers) {
        w.on('error', (err) => fail(new TandemError('internal', `alignment thread failed: ${err.message}`)));
        w.on('message', (m: { id: number; beads?: Bead[]; error?: string }) => {
          if (m.error !== undefined || !m.beads) return fail(new TandemError('invalid-input', m.error ?? 'alignment thread failed'));
          results[m.id] = fromChunk(m.beads, plan[m.id]);
          done++;
          opts.onProgress?.(done, total);
          if (done === total) resolve();
          else feed(w);
        });
        feed(w);
      }
    });
    return results.flat();
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
