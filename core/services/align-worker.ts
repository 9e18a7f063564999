import { parentPort } from 'node:worker_threads';
import { alignChunk } from '../align/parallel';
import type { AnchorPair } from '../align/band';
import type { ParallelInput, ParallelOptions } from '../align/types';

/** One piece of a long parallel alignment per message (see align-threads.ts). */
parentPort?.on('message', (m: { id: number; input: ParallelInput; options: ParallelOptions; guide?: AnchorPair[] }) => {
  try {
    const beads = alignChunk(m.input, m.options, m.guide);
    parentPort!.postMessage({ id: m.id, beads });
  } catch (err) {
    parentPort!.postMessage({ id: m.id, error: (err as Error).message });
  }
});
