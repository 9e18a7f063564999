#!/usr/bin/env node
// `npm test`: the static check first (scripts/check.mjs), then the vitest
// projects unit, integration and e2e. The app is built only when e2e runs
// (it drives the built renderer, the Electron bundles and the built command
// line). Ends with one plain summary line: "tests: N passed, N failed, N skipped".
//
//   npm test                                  check, build, every project
//   npm test -- --project unit                check, one project, no build
//   npm test -- tests/unit/core/text          check, files matching a filter (builds if an e2e file matches)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const extra = process.argv.slice(2);
const win = process.platform === 'win32';

/** Whether the vitest arguments select any end-to-end test. */
function selectsE2e(args, e2eFiles) {
  const projects = [];
  const filters = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--project') projects.push(args[++i]);
    else if (a.startsWith('--project=')) projects.push(a.slice('--project='.length));
    else if (!a.startsWith('-')) filters.push(a);
  }
  if (projects.length && !projects.includes('e2e')) return false;
  if (!filters.length) return true;
  return e2eFiles.some((f) => filters.some((filter) => f.includes(filter.replace(/\\/g, '/'))));
}

function e2eFiles() {
  const dir = path.join(root, 'tests', 'e2e');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true }).map((f) => `tests/e2e/${String(f).replace(/\\/g, '/')}`).filter((f) => f.endsWith('.test.ts'));
}

let failures = 0;

const check = spawnSync(process.execPath, [path.join(root, 'scripts', 'check.mjs')], { cwd: root, stdio: 'inherit' });
if (check.status !== 0) {
  console.error('npm run check failed (see above); the tests run all the same, and the check counts as one failure');
  failures++;
}

if (selectsE2e(extra, e2eFiles())) {
  const t = performance.now();
  const build = spawnSync(bin('electron-vite'), ['build'], { cwd: root, stdio: 'inherit', shell: win });
  const cli = build.status === 0 ? spawnSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'inherit' }) : build;
  if (cli.status !== 0) {
    console.error('build failed: the end-to-end tests need the built app');
    console.log(`tests: 0 passed, ${failures + 1} failed, 0 skipped`);
    process.exit(1);
  }
  console.log(`built the app for the end-to-end tests in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-tests-')), 'vitest.json');
const run = spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra], {
  cwd: root,
  stdio: 'inherit',
  shell: win,
});

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  failed = json.numFailedTests ?? 0;
  // A file that failed to load has no failing test of its own; count it once.
  for (const file of json.testResults ?? []) {
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((a) => a.status === 'failed')) failed++;
  }
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
} catch {
  failed = Math.max(1, failed);
}
if (run.status !== 0 && failed === 0) failed = 1;
failed += failures;
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
