import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../common/types';
import { runCli } from '../support/cli';
import { syntheticArticles, tandemProcess } from '../support/child';
import { tempDir, writeFiles } from '../support/project';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('tandem-paths-')));
afterAll(() => cleanup());

/**
 * A folder with good articles and every kind of entry that is not a regular
 * file: a symlink loop, a dangling symlink, a directory link to itself, a
 * link to a folder above, a named pipe called *.txt, and a symlink to a good
 * file (which is imported).
 */
function hostileFolder(name: string, goodFiles: number): string {
  const root = path.join(dir, name);
  writeFiles(root, syntheticArticles(goodFiles, name, 11));
  writeFiles(path.join(root, 'real'), { 'linked-target.txt': 'Denne teksten nås gjennom en lenke.\nDen skal importeres én gang.' });
  fs.symlinkSync('loop-b.txt', path.join(root, 'loop-a.txt'));
  fs.symlinkSync('loop-a.txt', path.join(root, 'loop-b.txt'));
  fs.symlinkSync('missing-target.txt', path.join(root, 'dangling.txt'));
  fs.symlinkSync('.', path.join(root, 'self'));
  fs.symlinkSync('..', path.join(root, 'real', 'up'));
  fs.symlinkSync(path.join('real', 'linked-target.txt'), path.join(root, 'via-link.txt'));
  execFileSync('mkfifo', [path.join(root, 'pipe.txt')]);
  return root;
}

async function importFolder(project: string, folder: string): Promise<{ code: number | null; report: ImportReport; stderr: string }> {
  const run = tandemProcess(['import', project, folder, '--json']);
  // A read of the pipe would block forever: give the import a deadline and kill it if it hangs.
  const timer = setTimeout(() => run.child.kill('SIGKILL'), 60_000);
  const r = await run.done;
  clearTimeout(timer);
  expect(r.signal, 'the import hung and was killed').toBeNull();
  return { code: r.code, report: JSON.parse(r.stdout) as ImportReport, stderr: r.stderr };
}

function reasonFor(report: ImportReport, file: string): string | undefined {
  return report.files.find((f) => f.file.endsWith(`${path.sep}${file}`))?.reason;
}

describe('importing a folder with links, loops and pipes', () => {
  for (const [label, good] of [['a few files (one by one)', 3], ['many files (parser threads)', 30]] as const) {
    it(`reports each bad entry, skips it and imports the rest: ${label}`, async () => {
      const name = good < 16 ? 'small' : 'large';
      const folder = hostileFolder(name, good);
      const project = path.join(dir, `${name}.tandem`);
      expect((await runCli('init', project)).code).toBe(0);
      const { code, report, stderr } = await importFolder(project, folder);
      expect(stderr).not.toMatch(/\n\s+at /);
      // Bad entries make the exit code 1 (some files failed), never 70 (an internal error).
      expect(code).toBe(1);
      expect(report.imported).toBe(good + 1);
      expect(reasonFor(report, 'loop-a.txt')).toMatch(/symbolic link.*loop/i);
      expect(reasonFor(report, 'dangling.txt')).toMatch(/symbolic link.*missing-target\.txt.*does not exist/i);
      expect(reasonFor(report, 'self')).toMatch(/links back to a folder already being imported/i);
      expect(reasonFor(report, 'up')).toMatch(/links back to a folder already being imported/i);
      expect(reasonFor(report, 'pipe.txt')).toMatch(/not a regular file.*named pipe/i);
      // The linked file came in once, not once more through the folder links.
      const linked = report.files.filter((f) => f.status === 'imported' && /linked-target|via-link/.test(f.file));
      expect(linked).toHaveLength(1);
      expect(report.failed).toBe(report.files.length - report.imported - report.duplicates);
    }, 120_000);
  }

  it('refuses a named pipe given by name without waiting for a writer', async () => {
    const project = path.join(dir, 'pipe.tandem');
    expect((await runCli('init', project)).code).toBe(0);
    const fifo = path.join(dir, 'direct.txt');
    execFileSync('mkfifo', [fifo]);
    const run = tandemProcess(['import', project, fifo, '--json']);
    const timer = setTimeout(() => run.child.kill('SIGKILL'), 30_000);
    const r = await run.done;
    clearTimeout(timer);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as ImportReport).files[0].reason).toMatch(/not a regular file.*named pipe/i);
  }, 60_000);

  it('import-translation refuses a named pipe too', async () => {
    const project = path.join(dir, 'tr.tandem');
    expect((await runCli('init', project)).code).toBe(0);
    const [orig] = writeFiles(path.join(dir, 'tr'), { 'o.txt': 'Veien er åpen.\nKøen er borte.' });
    expect((await runCli('import', project, orig)).code).toBe(0);
    const fifo = path.join(dir, 'tr', 'pipe.en.txt');
    execFileSync('mkfifo', [fifo]);
    const run = tandemProcess(['import-translation', project, '--of', '1', fifo, '--json']);
    const timer = setTimeout(() => run.child.kill('SIGKILL'), 30_000);
    const r = await run.done;
    clearTimeout(timer);
    expect(r.signal).toBeNull();
    expect(JSON.parse(r.stdout).reason).toMatch(/not a regular file.*named pipe/i);
  }, 60_000);
});
