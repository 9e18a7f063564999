/**
 * One timed run of the parallel aligner on the development article repeated to a given number
 * of source sentences, with its Google MT both ways; run in a child process by bench/align.ts
 * so that the peak RSS it reports is this alignment's own process. Prints one JSON line.
 *
 *   npx tsx bench/align-scale.ts --size 100000 [--threads 2] [--data DIR] [--write DIR]
 *
 * --write DIR writes the repeated texts there (one sentence per line) for other aligners.
 */

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { parseBeads } from '../core/align/beads-format';
import { scoreAlignment } from '../core/align/score';
import type { BeadSpan } from '../core/align/types';
import { alignParallelThreaded } from '../core/services/align-threads';

function readLines(file: string): string[] {
  const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r/g, '').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export interface Repeated {
  src: string[];
  tgt: string[];
  srcMt: string[];
  tgtMt: string[];
  gold: BeadSpan[];
  copies: number;
}

/** The dev article repeated whole until the source has at least `size` sentences, gold included. */
export function repeatedDev(dataDir: string, size: number): Repeated {
  const e = (f: string): string[] => readLines(path.join(dataDir, 'eval', f));
  const src0 = e('eval1957.de');
  const tgt0 = e('eval1957.fr');
  const sm0 = e('eval1957.google.fr');
  const tm0 = e('eval1957.google.de');
  const gold0 = parseBeads(readFileSync(path.join(dataDir, 'gold', 'dev.defr'), 'utf8'));
  const copies = Math.max(1, Math.ceil(size / src0.length));
  const out: Repeated = { src: [], tgt: [], srcMt: [], tgtMt: [], gold: [], copies };
  for (let c = 0; c < copies; c++) {
    const ds = c * src0.length;
    const dt = c * tgt0.length;
    for (const g of gold0) out.gold.push({ src: g.src.map((x) => x + ds), tgt: g.tgt.map((y) => y + dt) });
    out.src.push(...src0);
    out.tgt.push(...tgt0);
    out.srcMt.push(...sm0);
    out.tgtMt.push(...tm0);
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { size: { type: 'string' }, threads: { type: 'string' }, data: { type: 'string' }, write: { type: 'string' } },
  });
  const dataDir = values.data ?? path.join('..', 'shared', 'bench-data', 'bleualign-dev');
  const data = repeatedDev(dataDir, Number(values.size ?? 20000));
  if (values.write) {
    mkdirSync(values.write, { recursive: true });
    writeFileSync(path.join(values.write, 'src.txt'), data.src.join('\n') + '\n');
    writeFileSync(path.join(values.write, 'tgt.txt'), data.tgt.join('\n') + '\n');
    return;
  }
  const threads = Number(values.threads ?? os.availableParallelism());
  const rssBefore = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const load0 = os.loadavg()[0];
  const t0 = performance.now();
  const beads = await alignParallelThreaded({ src: data.src, tgt: data.tgt, srcMt: data.srcMt, tgtMt: data.tgtMt }, {}, { threads });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const s = scoreAlignment(data.gold, beads);
  console.log(
    JSON.stringify({
      srcSentences: data.src.length,
      tgtSentences: data.tgt.length,
      copies: data.copies,
      threads,
      wallMs: Math.round(wallMs),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      // Peak resident set of the whole process (all threads), data loading included.
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      rssBeforeAlignMB: Math.round(rssBefore / 2 ** 20),
      strictF1: Math.round(s.strict.f1 * 10000) / 10000,
      loadAvg1m: [Math.round(load0 * 100) / 100, Math.round(os.loadavg()[0] * 100) / 100],
    }),
  );
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
