import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ImportOptions, ParsedArticle } from './parse-article';

export interface ParsedWithSentences {
  article?: ParsedArticle;
  sentences?: Array<Array<[number, number]>>;
  error?: { kind: string; message: string };
}

/**
 * Parses articles (decoding, paragraphs, language, sentences) on worker
 * threads, so that a bulk import keeps every core busy while the main thread
 * writes to SQLite, the one thing that must stay on one connection.
 */
export class ParsePool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, (r: ParsedWithSentences) => void>();
  private next = 0;
  private seq = 0;

  constructor(size = Math.max(1, Math.min(4, os.availableParallelism() - 0))) {
    for (let i = 0; i < size; i++) {
      const typescript = import.meta.url.endsWith('.ts');
      const url = new URL(`./parse-worker${typescript ? '.ts' : '.js'}`, import.meta.url);
      // Under tsx (the CLI and benchmarks) the worker is TypeScript: register tsx's loader in the
      // thread before importing it, since loaders passed in execArgv come up too late for the entry.
      const w = typescript
        ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`, { eval: true })
        : new Worker(url);
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

  parse(name: string, bytes: Uint8Array, opts: ImportOptions): Promise<ParsedWithSentences> {
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
