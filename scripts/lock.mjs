#!/usr/bin/env node
// Regenerates package-lock.json so that it holds every platform's optional
// packages (rollup's and esbuild's native builds for Linux, macOS, Windows...).
//
// npm writes a lockfile from the node_modules it finds: run in a checkout, it
// keeps only this machine's optional builds, and `npm ci` then refuses the
// lockfile elsewhere. Resolved in a folder without node_modules, it keeps all
// of them. The versions already locked are kept wherever they still satisfy
// package.json, so this only adds what is missing (and what package.json adds).
//
//   npm run lock            regenerate package-lock.json from package.json
//   npm run lock -- --check only say whether the lockfile is complete (no network)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lockFile = path.join(root, 'package-lock.json');

/** Optional dependencies that some locked package declares but the lockfile does not hold. */
export function missingOptionals(lock) {
  const packages = lock.packages ?? {};
  const missing = [];
  for (const [where, meta] of Object.entries(packages)) {
    for (const name of Object.keys(meta.optionalDependencies ?? {})) {
      // Node's lookup: the package's own node_modules, then each enclosing one up to the root.
      let dir = where;
      let found = false;
      for (;;) {
        const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
        if (packages[candidate]) {
          found = true;
          break;
        }
        if (!dir) break;
        const cut = dir.lastIndexOf('/node_modules/');
        dir = cut < 0 ? '' : dir.slice(0, cut);
      }
      if (!found) missing.push(`${name} (wanted by ${where || 'the project'})`);
    }
  }
  return missing;
}

function check() {
  const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
  const missing = missingOptionals(lock);
  if (missing.length) {
    console.error(`package-lock.json lacks ${missing.length} optional package(s) for other platforms, so \`npm ci\` would refuse it:`);
    for (const m of missing.slice(0, 10)) console.error(`  ${m}`);
    if (missing.length > 10) console.error(`  … and ${missing.length - 10} more`);
    console.error('Run `npm run lock` to regenerate it.');
    return 1;
  }
  console.log('package-lock.json holds every platform\'s optional packages');
  return 0;
}

function regenerate() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-lock-'));
  try {
    fs.copyFileSync(path.join(root, 'package.json'), path.join(work, 'package.json'));
    if (fs.existsSync(lockFile)) fs.copyFileSync(lockFile, path.join(work, 'package-lock.json'));
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], {
      cwd: work,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    if (r.status !== 0) {
      console.error('npm could not resolve the dependencies; package-lock.json is unchanged');
      return 1;
    }
    fs.copyFileSync(path.join(work, 'package-lock.json'), lockFile);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return check();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.exitCode = process.argv.includes('--check') ? check() : regenerate();
}
