#!/usr/bin/env node
// Builds the app (the UI tests drive the built renderer), runs the whole suite,
// and ends with one plain summary line: "tests: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const extra = process.argv.slice(2);

const build = spawnSync(bin('electron-vite'), ['build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('build failed: electron-vite build exited with', build.status);
  console.log('tests: 0 passed, 1 failed');
  process.exit(1);
}

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-tests-')), 'vitest.json');
const run = spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra], {
  cwd: root,
  stdio: 'inherit',
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
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
