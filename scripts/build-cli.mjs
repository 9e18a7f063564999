#!/usr/bin/env node
// Builds the command line into plain JavaScript: out/cli/index.js (the
// `tandem` command, tandem serve included), out/cli/parse-worker.js (the
// parser thread of bulk imports, which ParsePool finds beside the bundle),
// out/cli/export-worker.js (the thread an export from the workbench runs on) and
// out/cli/align-worker.js (the threads that align long texts, see align-threads.ts).
// Packages stay external: better-sqlite3 is native, deepl-node is loaded as is.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function buildCli({ quiet = false } = {}) {
  const t = performance.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints: {
      index: 'cli/index.ts',
      'parse-worker': 'core/services/parse-worker.ts',
      'export-worker': 'core/services/export-worker.ts',
      'align-worker': 'core/services/align-worker.ts',
    },
    outdir: 'out/cli',
    bundle: true,
    platform: 'node',
    format: 'esm',
    // Code the entries share, and each command's module, go to chunks of their own beside them
    // (in the same folder, since the pools find their thread entries next to their own code):
    // a command loads only what it uses (see cli/index.ts).
    splitting: true,
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    metafile: true,
  });
  // What the bundles import from outside themselves, for the test that the installed command needs only runtime dependencies.
  fs.writeFileSync(path.join(root, 'out', 'cli', 'meta.json'), JSON.stringify(result.metafile));
  // Chunks are named by their content: those of earlier builds are no longer imported by anything.
  const outputs = new Set(Object.keys(result.metafile.outputs).map((f) => path.resolve(root, f)));
  for (const f of fs.readdirSync(path.join(root, 'out', 'cli'))) {
    const full = path.join(root, 'out', 'cli', f);
    if (/\.js(\.map)?$/.test(f) && !outputs.has(full)) fs.rmSync(full, { force: true });
  }
  if (!quiet) console.log(`built out/cli in ${Math.round(performance.now() - t)} ms`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await buildCli({ quiet: process.argv.includes('--quiet') }).catch((err) => {
    console.error(`could not build the command line: ${err.message}`);
    process.exit(1);
  });
}
