/**
 * `npm run bench`: every workload, in one run. Prints the figures and writes
 * them to bench/results/latest.json, with the commit they were measured on.
 * BENCH_ONLY=import,mt,align,facts,links,segment,langid,web,exports,ui,storymap runs a subset; BENCH_ARTICLES scales the
 * import corpus, BENCH_TMX_MB the generated memory of the exports workload. `npm run bench:readme` then rewrites the README's table.
 *
 * THE CONTRACT OF A WORKLOAD
 *
 * A workload is an entry of `benches` below: a function that returns a JSON
 * object, stored in latest.json under the workload's name. Besides its own
 * figures, the object carries `readme`: the rows it contributes to the
 * README's benchmark table, in order (see ReadmeRow in bench/measure.ts):
 *
 *   readme: [{ workload, data, figure, baseline }]
 *
 *   workload  what was run: "Full-text search, 300 queries (...)"
 *   data      the data behind the figure, named so that a reader could find it:
 *             "Bleualign development set (Text+Berg, de–fr, ...; tuned on, not
 *             held out)", "synthetic, ... (bench/corpus.ts)". Never empty.
 *   figure    the measured figures with their units, as printed in the table.
 *   baseline  what the figure stands beside. For a quality figure: a baseline
 *             computed in the same run on the same data, scored the same way
 *             (Gale–Church on the same dev set; a random ranking's exact
 *             expectation). Never a figure from another data set or a paper: a
 *             dev-set figure is never set against a held-out reference. For a
 *             speed or memory figure: the target, or a reference measured in the
 *             same run ("bare node -e 0"). Empty only when there is none.
 *
 * Memory is always the peak RSS of the process that did the work (a child
 * process per measurement where the workload shares this one; see
 * bench/measure.ts), never a difference. Speed figures on the shared 2-core
 * machine are noisy: report CPU time beside wall time where it matters.
 *
 * scripts/bench-readme.mjs builds the table from these rows alone, in the
 * order of `benches`, and refuses rows without data or figure. To add a
 * workload: add it to `benches`, return `readme` rows, run it
 * (BENCH_ONLY=name npm run bench), then `npm run bench:readme`. A run of a
 * subset keeps the other workloads' entries from the previous latest.json.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type Bench = () => Promise<Record<string, unknown>>;

const here = path.dirname(fileURLToPath(import.meta.url));

export const benches: Record<string, Bench> = {
  import: async () => (await import('./import')).benchImport({ articles: Number(process.env.BENCH_ARTICLES ?? 10_000) }),
  mt: async () => (await import('./mt')).benchMt(),
  align: async () => (await import('./align')).benchAlign({}),
  facts: async () => (await import('./facts')).benchFacts(),
  links: async () => (await import('./links')).benchLinks(),
  segment: async () => (await import('./segment')).benchSegment(),
  langid: async () => (await import('./langid')).benchLangid(),
  web: async () => (await import('./web')).benchWeb(),
  exports: async () => (await import('./exports')).benchExports(),
  ui: async () => (await import('./ui')).benchUi(),
  storymap: async () => (await import('./storymap')).benchStoryMap(),
};

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: here, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
  const file = path.join(here, 'results', 'latest.json');
  const previous = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const commit = git(['rev-parse', 'HEAD']);
  // Changes to the code (not to results or the README) make the figures belong to no commit.
  const dirty = Boolean(git(['status', '--porcelain', '--', ':(top)', ':(top,exclude)bench/results', ':(top,exclude)README.md']));
  const run = { commit, dirty, date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100) };
  const kept = (previous.workloads as Record<string, unknown>) ?? {};
  const workloads: Record<string, unknown> = {};
  // In the order of `benches`: the README's table follows it.
  for (const name of Object.keys(benches)) if (kept[name]) workloads[name] = kept[name];
  const results: Record<string, unknown> = { run, workloads };
  // The browser workloads measure the renderer of this checkout: it is built afresh, never taken from an older build.
  if (['ui', 'storymap'].some((name) => !only || only.includes(name))) {
    process.stderr.write('bench: building the renderer…\n');
    (await import('../tests/support/browser')).ensureRendererBuilt(true);
  }
  for (const [name, bench] of Object.entries(benches)) {
    if (only && !only.includes(name)) continue;
    process.stderr.write(`bench ${name}…\n`);
    const t = performance.now();
    // Each workload keeps the commit it ran on and the machine's load when it started.
    const stamp = { ...run, loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100) };
    try {
      workloads[name] = { ...(await bench()), run: stamp };
    } catch (err) {
      workloads[name] = { error: (err as Error).message, run: stamp };
    }
    process.stderr.write(`bench ${name}: ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    console.log(`\n## ${name}\n${JSON.stringify(workloads[name], null, 2)}`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stderr.write(`wrote ${path.relative(process.cwd(), file)}${dirty ? ' (from uncommitted code: bench:readme will refuse it)' : ''}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();
