import { parentPort } from 'node:worker_threads';
import { alignChunk } from '../align/parallel';
import type { ParallelInput, ParallelOptions } from '../align/types';

/** One piece of a long parallel alignment per message (see align-threads.ts). */
parentPort?.on('message', (m: { id: number; input: ParallelInput; options: ParallelOptions }) => {
  try {
    const beads = alignChunk(m.input, m.options);
    parentPort!.postMessage({ id: m.id, beads });
  } catch (err) {
    parentPort!.postMessage({ id: m.id, error: (err as Error).message });
  }
});
