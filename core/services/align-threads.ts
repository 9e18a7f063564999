import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import { unpackBeads } from '../align/beads-packed';
import type { PackedBeads } from '../align/beads-packed';
import { concatTokenRows } from '../align/features';
import type { TokenRows } from '../align/features';
import { alignChunk, alignParallel, chunkInput, chunkTokens, DEFAULT_PARALLEL_OPTIONS, fromChunk, isLong, planChunks, textTokens } from '../align/parallel';
import type { Bead, ParallelInput, ParallelOptions } from '../align/types';
import { TandemError } from '../../common/errors';
import type { AlignWorkerRequest } from './align-worker';

export interface ThreadOptions {
  /** Worker threads to use; default: the cores available. One runs everything on this thread. */
  threads?: number;
  /**
   * Keep this thread free: even a text of one piece, or a run on one thread, is aligned on a
   * worker thread (a server that must keep answering while it aligns).
   */
  background?: boolean;
  /** Called after each piece with the pieces done and the pieces in all. */
  onProgress?: (done: number, total: number) => void;
  /** Aborting rejects with the signal's reason and stops the threads. */
  signal?: AbortSignal;
}

function startWorker(): Worker {
  const typescript = import.meta.url.endsWith('.ts');
  const url = new URL(`./align-worker${typescript ? '.ts' : '.js'}`, import.meta.url);
  if (!typescript) return new Worker(url);
  // Under tsx (the CLI and benchmarks) the worker is TypeScript: register tsx in the thread before
  // loading it, since loaders passed in execArgv come up too late for the entry. The worker needs
  // nothing but the engine and Node's own modules, so tsx's CommonJS hook is enough: unlike its
  // ES module loader it starts no loader thread, and the thread is ready in half the time.
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(fileURLToPath(url))});`, { eval: true });
}

/**
 * V8 optimises hot functions anew in every thread, by default on background compiler threads.
 * With the aligning threads on every core, those jobs compete with them for the cores and, on the
 * development article repeated to 20,000 and 100,000 sentences, cost more CPU than compiling on
 * the aligning threads themselves (with MT both ways, on two threads: 5.0 s against 4.5 s, and
 * 16.4 s against 15.0 s). The engine reads the flag once, when a thread starts: it is off while
 * a pool's threads start and back to what it was once they run, so other threads keep the default.
 */
const concurrentCompilation = !process.execArgv.includes('--no-concurrent-recompilation');
// Node calls changing V8's flags after start-up unsupported; it is measured under Node (the
// command line, `tandem serve`), while the desktop app, on Electron's own V8, keeps the default.
const toggleCompilation = process.versions.electron === undefined;
let poolsStarting = 0;

function startPool(threads: number): Pool {
  if (!toggleCompilation) return new Pool(Array.from({ length: threads }, startWorker));
  if (poolsStarting++ === 0) v8.setFlagsFromString('--no-concurrent-recompilation');
  return new Pool(Array.from({ length: threads }, startWorker), () => {
    if (--poolsStarting === 0 && concurrentCompilation) v8.setFlagsFromString('--concurrent-recompilation');
  });
}

/** A request without its id (the pool numbers them). */
type Request = AlignWorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

type Reply = { id: number; error?: string; beads?: PackedBeads; counts?: Int32Array; src?: TokenRows; tgt?: TokenRows };

/** Worker threads answering one request at a time each, with every failure turned into one rejection. */
class Pool {
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; worker: Worker }>();
  private readonly idle: Worker[] = [];
  private readonly waiting: Array<(w: Worker) => void> = [];
  private seq = 0;
  private failure: Error | null = null;
  private readonly onFailure: Array<(e: Error) => void> = [];
  private starting: number;

  /** `started` is called once, when every thread runs (or has failed to start, or the pool is closed). */
  constructor(
    readonly workers: Worker[],
    private started: (() => void) | undefined = undefined,
  ) {
    this.starting = workers.length;
    for (const w of workers) {
      w.once('online', () => {
        if (--this.starting === 0) this.markStarted();
      });
      w.on('error', (err) => {
        this.markStarted();
        this.fail(new TandemError('internal', `alignment thread failed: ${err.message}`));
      });
      w.on('exit', (code) => {
        if (this.pending.size > 0) this.fail(new TandemError('internal', `alignment thread stopped (exit ${code})`));
      });
      w.on('message', (m: Reply) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        this.release(p.worker);
        if (m.error !== undefined) this.fail(new TandemError('invalid-input', m.error));
        else p.resolve(m);
      });
      this.idle.push(w);
    }
  }

  /** Rejects on the first failure of any thread, or when `signal` aborts. */
  failed(signal?: AbortSignal): Promise<never> {
    return new Promise((_, reject) => {
      if (this.failure) return reject(this.failure);
      this.onFailure.push(reject);
      if (signal?.aborted) this.fail(signal.reason as Error);
      signal?.addEventListener('abort', () => this.fail(signal.reason as Error), { once: true });
    });
  }

  /** Sends a request to the next free thread and resolves with its reply. */
  async run(request: Request, transfer: ArrayBuffer[] = []): Promise<Reply> {
    const worker = this.idle.pop() ?? (await new Promise<Worker>((resolve) => this.waiting.push(resolve)));
    if (this.failure) throw this.failure;
    const id = this.seq++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, worker });
      worker.postMessage({ ...request, id }, transfer);
    });
  }

  async close(): Promise<void> {
    this.markStarted();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private markStarted(): void {
    const started = this.started;
    this.started = undefined;
    started?.();
  }

  private release(w: Worker): void {
    const next = this.waiting.shift();
    if (next) next(w);
    else this.idle.push(w);
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    for (const reject of this.onFailure) reject(err);
  }
}

/**
 * alignParallel with the pieces of a long text (see planChunks) spread over worker threads.
 * The threads first read the anchor tokens of the whole text, a part each, from which this
 * thread plans the pieces; then each aligns piece after piece, given the piece's anchor tokens
 * and reading its features, and sends its beads back as typed arrays. The result is the same as alignParallel's whatever the number of
 * threads: pieces are independent and put back in order. Without `background`, a text of one
 * piece is aligned on this thread.
 */
export async function alignParallelThreaded(input: ParallelInput, options: ParallelOptions = {}, opts: ThreadOptions = {}): Promise<Bead[]> {
  const wanted = Math.max(1, opts.threads ?? os.availableParallelism());
  const chunkSize = Math.max(100, options.chunkSize ?? DEFAULT_PARALLEL_OPTIONS.chunkSize);
  const n = input.src.length;
  const long = n > chunkSize * 1.5 && input.tgt.length > 0;
  const threads = long ? Math.min(wanted, Math.ceil(n / chunkSize)) : 1;
  opts.signal?.throwIfAborted();
  if (!opts.background && (threads < 2 || !long)) return alignHere(input, options, opts);
  // Threads start while this thread checks the input: loading the engine in a thread takes a moment.
  const pool = startPool(threads);
  try {
    const failed = pool.failed(opts.signal);
    failed.catch(() => undefined);
    const work = long ? alignInPieces(pool, input, options, opts) : alignWhole(pool, input, options, opts);
    return await Promise.race([work, failed]);
  } finally {
    await pool.close();
  }
}

/** Every piece on this thread, in order. */
function alignHere(input: ParallelInput, options: ParallelOptions, opts: ThreadOptions): Bead[] {
  const tokens = isLong(input, options) ? { src: textTokens(input.src), tgt: textTokens(input.tgt) } : undefined;
  const plan = planChunks(input, options, tokens);
  const total = plan.length;
  const out: Bead[] = [];
  for (let k = 0; k < total; k++) {
    opts.signal?.throwIfAborted();
    const c = plan[k];
    out.push(...(total === 1 ? alignChunk(input, options) : fromChunk(alignChunk(chunkInput(input, c), options, tokens && chunkTokens(tokens, c)), c)));
    opts.onProgress?.(k + 1, total);
  }
  return out;
}

async function alignWhole(pool: Pool, input: ParallelInput, options: ParallelOptions, opts: ThreadOptions): Promise<Bead[]> {
  const reply = await pool.run({ kind: 'chunk', input, options });
  opts.onProgress?.(1, 1);
  return unpackBeads(reply.beads!);
}

async function alignInPieces(pool: Pool, input: ParallelInput, options: ParallelOptions, opts: ThreadOptions): Promise<Bead[]> {
  // The anchor tokens of both sides, a part per thread, put together in order.
  const parts = pool.workers.length;
  const cut = (len: number, k: number): number => Math.round((len * k) / parts);
  const replies = await Promise.all(
    Array.from({ length: parts }, (_, k) =>
      pool.run({
        kind: 'tokens',
        src: input.src.slice(cut(input.src.length, k), cut(input.src.length, k + 1)),
        tgt: input.tgt.slice(cut(input.tgt.length, k), cut(input.tgt.length, k + 1)),
      }),
    ),
  );
  const tokens = { src: concatTokenRows(replies.map((r) => r.src!)), tgt: concatTokenRows(replies.map((r) => r.tgt!)) };
  const plan = planChunks(input, options, tokens);
  const total = plan.length;
  let done = 0;
  // Beads are unpacked as soon as the pieces before them are, while the threads go on aligning.
  const out: Bead[] = [];
  const pieces: Array<PackedBeads | undefined> = [];
  let unpacked = 0;
  await Promise.all(
    plan.map(async (c, k) => {
      // The piece's anchor tokens go with it: its thread reads only the features.
      const t = chunkTokens(tokens, c);
      const transfer = [t.src.offsets.buffer, t.src.tokens.buffer, t.tgt.offsets.buffer, t.tgt.tokens.buffer] as ArrayBuffer[];
      const reply = await pool.run({ kind: 'chunk', input: chunkInput(input, c), options, tokens: t }, transfer);
      pieces[k] = reply.beads!;
      for (; unpacked < total && pieces[unpacked]; unpacked++) {
        unpackBeads(pieces[unpacked]!, plan[unpacked].s0, plan[unpacked].t0, out);
        pieces[unpacked] = undefined;
      }
      opts.onProgress?.(++done, total);
    }),
  );
  return out;
}

/**
 * Many independent alignments (e.g. the sentences of each aligned paragraph pair of two long
 * documents), in batches of about `chunkSize` source segments spread over worker threads; the
 * same beads as alignParallel on each, in order. Few segments in all: on this thread (unless
 * `background`).
 */
export async function alignManyThreaded(inputs: readonly ParallelInput[], options: ParallelOptions = {}, opts: ThreadOptions = {}): Promise<Bead[][]> {
  const chunkSize = Math.max(100, options.chunkSize ?? DEFAULT_PARALLEL_OPTIONS.chunkSize);
  const batches: number[][] = [];
  let size = Infinity;
  for (let k = 0; k < inputs.length; k++) {
    if (size >= chunkSize) {
      batches.push([]);
      size = 0;
    }
    batches[batches.length - 1].push(k);
    size += inputs[k].src.length;
  }
  const total = batches.length;
  const threads = Math.min(Math.max(1, opts.threads ?? os.availableParallelism()), total);
  opts.signal?.throwIfAborted();
  if (!opts.background && (threads < 2 || total < 2)) {
    const out: Bead[][] = [];
    batches.forEach((batch, k) => {
      opts.signal?.throwIfAborted();
      for (const i of batch) out.push(alignParallel(inputs[i], options));
      opts.onProgress?.(k + 1, total);
    });
    return out;
  }
  if (total === 0) return [];
  const pool = startPool(threads);
  try {
    const failed = pool.failed(opts.signal);
    failed.catch(() => undefined);
    let done = 0;
    const work = Promise.all(
      batches.map(async (batch) => {
        const reply = await pool.run({ kind: 'many', inputs: batch.map((i) => inputs[i]), options });
        opts.onProgress?.(++done, total);
        const beads = unpackBeads(reply.beads!);
        const out: Bead[][] = [];
        let at = 0;
        for (const c of reply.counts!) {
          out.push(beads.slice(at, at + c));
          at += c;
        }
        return out;
      }),
    );
    return (await Promise.race([work, failed])).flat();
  } finally {
    await pool.close();
  }
}
