/**
 * `npm run bench`: every workload the issues name, in one run. Prints the
 * figures and writes them to bench/results/latest.json.
 * BENCH_ONLY=import,mt,align,facts,links,langid,segment,web,exports,ui runs a subset, keeping the other workloads'
 * last figures; BENCH_ARTICLES scales the import corpus, BENCH_TMX_MB the generated memory of the exports workload.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type Bench = () => Promise<Record<string, unknown>>;

const here = path.dirname(fileURLToPath(import.meta.url));

const benches: Record<string, Bench> = {
  import: async () => (await import('./import')).benchImport({ articles: Number(process.env.BENCH_ARTICLES ?? 10_000) }),
  mt: async () => (await import('./mt')).benchMt(),
  align: async () => (await import('./align')).benchAlign({}),
  facts: async () => (await import('./facts')).benchFacts(),
  links: async () => (await import('./links')).benchLinks(),
  segment: async () => (await import('./segment')).benchSegment(),
  langid: async () => (await import('./langid')).benchLangid(),
  web: async () => (await import('./web')).benchWeb(),
  exports: async () => (await import('./exports')).benchExports(),
  ui: async () => {
    if (!fs.existsSync(path.join(here, 'ui.ts'))) return { skipped: 'no UI benchmark in this checkout' };
    return (await import('./ui')).benchUi();
  },
};

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
  const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length };
  for (const [name, run] of Object.entries(benches)) {
    if (only && !only.includes(name)) continue;
    process.stderr.write(`bench ${name}…\n`);
    const t = performance.now();
    try {
      results[name] = await run();
    } catch (err) {
      results[name] = { error: (err as Error).message };
    }
    process.stderr.write(`bench ${name}: ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    console.log(`\n## ${name}\n${JSON.stringify(results[name], null, 2)}`);
  }
  const dir = path.join(here, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'latest.json');
  // A subset run updates its own workloads and keeps the others' last figures.
  const previous = only && fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  fs.writeFileSync(file, `${JSON.stringify({ ...previous, ...results }, null, 2)}\n`);
  process.stderr.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}

void main();
