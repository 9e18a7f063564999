import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parseWithSentences, type ImportOptions, type ParsedWithSentences } from './parse-article';

export type { ParsedWithSentences } from './parse-article';

/**
 * The built parser thread: parse-worker.js beside the bundle that runs this
 * code (the command line's out/cli/). Run from TypeScript sources (tests,
 * benchmarks under tsx) there is none, and parsing stays on the calling thread.
 */
export function builtWorkerUrl(): URL | null {
  const url = new URL('./parse-worker.js', import.meta.url);
  return url.protocol === 'file:' && fs.existsSync(fileURLToPath(url)) ? url : null;
}

/**
 * Parses articles (decoding, paragraphs, language, sentences) on worker
 * threads, so that a bulk import keeps every core busy while the main thread
 * writes to SQLite, the one thing that must stay on one connection. Without a
 * built worker it parses on the calling thread, with the same results.
 */
export class ParsePool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, (r: ParsedWithSentences) => void>();
  private next = 0;
  private seq = 0;

  constructor(size = Math.max(1, Math.min(4, os.availableParallelism())), workerUrl: URL | null = builtWorkerUrl()) {
    if (!workerUrl) return;
    for (let i = 0; i < size; i++) {
      const w = new Worker(workerUrl);
      w.on('error', (err) => {
        for (const [id, resolve] of this.pending) {
          this.pending.delete(id);
          resolve({ error: { kind: 'internal', message: `parser thread failed: ${err.message}` } });
        }
      });
      w.on('message', (m: { id: number; result: ParsedWithSentences }) => {
        const resolve = this.pending.get(m.id);
        this.pending.delete(m.id);
        resolve?.(m.result);
      });
      this.workers.push(w);
    }
  }

  /** Parser threads running; 0 when parsing happens on the calling thread. */
  get threads(): number {
    return this.workers.length;
  }

  parse(name: string, bytes: Uint8Array, opts: ImportOptions): Promise<ParsedWithSentences> {
    if (!this.workers.length) return Promise.resolve(parseWithSentences(name, bytes, opts));
    const id = this.seq++;
    const worker = this.workers[this.next++ % this.workers.length];
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage({ id, name, bytes, opts });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
