#!/usr/bin/env node
// `npm run check`, run first by `npm test`: the lockfile holds every platform,
// each layer typechecks against its own environment (tsconfig.<layer>.json),
// the layering rules (.dependency-cruiser.cjs) hold, and no SQL lives outside
// db/ (scripts/check-sql.mjs).
//
//   node scripts/check.mjs [--root DIR]    check another copy of the tree
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rootArg = process.argv.indexOf('--root');
const root = rootArg > 0 ? path.resolve(process.argv[rootArg + 1]) : here;
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

/** One tsconfig per environment: what each layer may see. */
export const LAYERS = ['common', 'renderer', 'node', 'main', 'tools'];
const SOURCES = ['common', 'db', 'core', 'cli', 'main', 'renderer', 'tests', 'bench', 'scripts'];

function run(name, cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, shell: process.platform === 'win32' });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (err) => resolve({ name, ok: false, output: `${output}${err.message}\n` }));
    child.on('close', (code) => resolve({ name, ok: code === 0, output }));
  });
}

/** Runs the steps two at a time (the machines have two cores). */
async function pool(steps, width = 2) {
  const results = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < steps.length) {
        const index = next++;
        const t = performance.now();
        const r = await steps[index]();
        results[index] = { ...r, seconds: (performance.now() - t) / 1000 };
      }
    }),
  );
  return results;
}

// Incremental type information speeds up the next run; a copy of the tree that borrows
// another checkout's node_modules (the check's own test) keeps none.
const modules = path.join(root, 'node_modules');
const cache = fs.existsSync(modules) && !fs.lstatSync(modules).isSymbolicLink() ? path.join(modules, '.cache', 'tandem-check') : null;
if (cache) fs.mkdirSync(cache, { recursive: true });
const incremental = (layer) => (cache ? ['--incremental', '--tsBuildInfoFile', path.join(cache, `${layer}.tsbuildinfo`)] : []);
const steps = [
  () => run('lockfile', process.execPath, [path.join(root, 'scripts', 'lock.mjs'), '--check']),
  ...LAYERS.map((layer) => () =>
    run(`types:${layer}`, bin('tsc'), ['-p', `tsconfig.${layer}.json`, ...incremental(layer)]),
  ),
  () => run('sql', process.execPath, [path.join(root, 'scripts', 'check-sql.mjs'), '--root', root]),
  () => run('layers', bin('depcruise'), ['--config', '.dependency-cruiser.cjs', '--output-type', 'err', ...SOURCES.filter((d) => fs.existsSync(path.join(root, d)))]),
];

const results = await pool(steps);
let failed = 0;
for (const r of results) {
  if (r.ok) {
    console.log(`check ${r.name}: ok (${r.seconds.toFixed(1)} s)`);
  } else {
    failed++;
    console.log(`check ${r.name}: FAILED`);
    process.stdout.write(r.output.trim() ? `${r.output.trim().replace(/^/gm, '  ')}\n` : '');
  }
}
if (failed) console.log(`check: ${failed} of ${steps.length} parts failed`);
process.exitCode = failed ? 1 : 0;
