/**
 * Measuring helpers shared by the workloads: percentiles, and child processes
 * timed with their peak resident memory.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(BENCH_DIR, '..');

/** The p-quantile of sorted values, nearest rank. */
export function quantile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export interface Distribution {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function distribution(values: number[], digits = 2): Distribution {
  const s = [...values].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10 ** digits) / 10 ** digits;
  return { n: s.length, p50: r(quantile(s, 0.5)), p95: r(quantile(s, 0.95)), max: r(s[s.length - 1]) };
}

export interface ChildRun {
  status: number | null;
  wallMs: number;
  /** Peak resident set size of the child, all its threads (MiB). */
  peakRssMB: number;
  cpuMs: number;
  stdout: string;
  stderr: string;
}

/** Runs `node [--import rusage] ...args` and reports its wall time, CPU time and peak RSS. */
export function runNode(args: string[], opts: SpawnSyncOptions = {}): ChildRun {
  const usageFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-rusage-')), 'usage.json');
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--import', path.join(BENCH_DIR, 'rusage.mjs'), ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    ...opts,
    env: { ...process.env, ...opts.env, TANDEM_BENCH_RUSAGE: usageFile },
  });
  const wallMs = performance.now() - t;
  let usage = { maxRSS: NaN, userCPUTime: NaN, systemCPUTime: NaN };
  try {
    usage = JSON.parse(fs.readFileSync(usageFile, 'utf8'));
  } catch {
    // The child died before its exit handler ran; the figures stay NaN.
  } finally {
    fs.rmSync(path.dirname(usageFile), { recursive: true, force: true });
  }
  return {
    status: r.status,
    wallMs,
    peakRssMB: Math.round(usage.maxRSS / 1024),
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    stdout: String(r.stdout ?? ''),
    stderr: String(r.stderr ?? ''),
  };
}

/** Peak RSS of this process so far (MiB): VmHWM where /proc has it, else getrusage. */
export function peakRssSelfMB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Math.round(Number(m[1]) / 1024);
  } catch {
    // not Linux
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** One row of the README's benchmark table; see the contract at the top of bench/index.ts. */
export interface ReadmeRow {
  workload: string;
  data: string;
  figure: string;
  baseline: string;
}

export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
