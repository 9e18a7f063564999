/**
 * SHA-256 of the beads the parallel aligner returns on the development article (every MT
 * variant and without MT, whole and in windows) and on the article repeated to larger sizes,
 * threaded and not. For checking that a speed change leaves the output bit-identical:
 *
 *   npx tsx scripts/align-hashes.ts [--sizes 20000] [--data DIR]
 */

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { alignParallel } from '../core/align/parallel';
import type { Bead, ParallelInput } from '../core/align/types';
import { alignManyThreaded, alignParallelThreaded } from '../core/services/align-threads';
import { repeatedDev } from '../bench/align-scale';

function readLines(file: string): string[] {
  const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r/g, '').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function hash(beads: readonly Bead[] | readonly Bead[][]): string {
  return createHash('sha256').update(JSON.stringify(beads)).digest('hex').slice(0, 16);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sizes: { type: 'string' }, data: { type: 'string' } } });
  const dataDir = values.data ?? path.join('..', 'shared', 'bench-data', 'bleualign-dev');
  const ev = (f: string): string[] | undefined => (existsSync(path.join(dataDir, 'eval', f)) ? readLines(path.join(dataDir, 'eval', f)) : undefined);
  const src = ev('eval1957.de');
  const tgt = ev('eval1957.fr');
  if (!src || !tgt) {
    console.log(`no development data in ${dataDir}`);
    return;
  }
  const variants: Array<[string, string | undefined, string | undefined]> = [
    ['google', 'google.fr', 'google.de'],
    ['google-de-fr-only', 'google.fr', undefined],
    ['google-fr-de-only', undefined, 'google.de'],
    ['europarlfull', 'europarlfull.fr', 'europarlfull.de'],
    ['europarllight', 'europarllight.fr', 'europarllight.de'],
    ['SACunidir', 'SACunidir.fr', undefined],
    ['no-mt', undefined, undefined],
  ];
  for (const [name, sm, tm] of variants) {
    const input: ParallelInput = { src, tgt, srcMt: sm ? ev(`eval1957.${sm}`) : undefined, tgtMt: tm ? ev(`eval1957.${tm}`) : undefined };
    const whole = alignParallel(input);
    // Windows of 15 source segments with their share of the target, as many small texts.
    const windows: ParallelInput[] = [];
    for (let s0 = 0; s0 < src.length; s0 += 15) {
      const s1 = Math.min(src.length, s0 + 15);
      const t0 = Math.floor((s0 * tgt.length) / src.length);
      const t1 = Math.floor((s1 * tgt.length) / src.length);
      windows.push({
        src: src.slice(s0, s1),
        tgt: tgt.slice(t0, t1),
        srcMt: input.srcMt?.slice(s0, s1),
        tgtMt: input.tgtMt?.slice(t0, t1),
      });
    }
    const many = await alignManyThreaded(windows, { chunkSize: 100 }, { threads: 2 });
    const anchored = alignParallel({ ...input, anchors: [whole[40], whole[120], { src: [200], tgt: [] }].map((b) => ({ src: b.src, tgt: b.tgt })) });
    console.log(`dev ${name.padEnd(18)} whole ${hash(whole)}  windows ${hash(many)}  anchored ${hash(anchored)}`);
  }
  for (const size of (values.sizes ?? '20000').split(',').map(Number)) {
    const d = repeatedDev(dataDir, size);
    const input = { src: d.src, tgt: d.tgt, srcMt: d.srcMt, tgtMt: d.tgtMt };
    const two = await alignParallelThreaded(input, {}, { threads: 2 });
    const one = size <= 20000 ? hash(alignParallel(input)) : '-';
    console.log(`repeated ${size} threads=2 ${hash(two)}  one thread ${one}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
