import { parentPort } from 'node:worker_threads';
import { packBeads, packedBuffers } from '../align/beads-packed';
import { alignChunk, alignParallel } from '../align/parallel';
import { extractFeatures } from '../align/features';
import type { SideTokens } from '../align/parallel';
import type { ParallelInput, ParallelOptions } from '../align/types';

/** What the aligning thread is asked (see align-threads.ts). */
export type AlignWorkerRequest =
  | { kind: 'tokens'; id: number; src: string[]; tgt: string[] }
  | { kind: 'chunk'; id: number; input: ParallelInput; options: ParallelOptions; tokens?: SideTokens }
  | { kind: 'many'; id: number; inputs: ParallelInput[]; options: ParallelOptions };

/**
 * One request per message: the anchor tokens of a part of a long text's two sides (for the plan
 * of its pieces), the alignment of one piece, or of a batch of short texts (the beads of all,
 * with the number of beads of each). Results go back as transferred typed arrays.
 */
parentPort?.on('message', (m: AlignWorkerRequest) => {
  try {
    if (m.kind === 'tokens') {
      const src = extractFeatures(m.src, null, true).tokens!;
      const tgt = extractFeatures(m.tgt, null, true).tokens!;
      parentPort!.postMessage({ id: m.id, src, tgt }, [src.offsets.buffer, src.tokens.buffer, tgt.offsets.buffer, tgt.tokens.buffer] as ArrayBuffer[]);
    } else if (m.kind === 'chunk') {
      const beads = packBeads(alignChunk(m.input, m.options, m.tokens));
      parentPort!.postMessage({ id: m.id, beads }, packedBuffers(beads));
    } else {
      const each = m.inputs.map((input) => alignParallel(input, m.options));
      const counts = Int32Array.from(each, (b) => b.length);
      const beads = packBeads(each.flat());
      parentPort!.postMessage({ id: m.id, beads, counts }, [...packedBuffers(beads), counts.buffer as ArrayBuffer]);
    }
  } catch (err) {
    parentPort!.postMessage({ id: m.id, error: (err as Error).message });
  }
});
