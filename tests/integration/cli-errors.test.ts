import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { tandemProcess } from '../support/child';
import { tempDir, writeFiles } from '../support/project';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('tandem-errors-')));
afterAll(() => cleanup());

const STACK = /\n\s+at /;

/** A project whose pages past the header were overwritten: every query fails inside SQLite. */
async function damagedProject(): Promise<string> {
  const file = path.join(dir, 'damaged.tandem');
  expect((await runCli('init', file)).code).toBe(0);
  const articles = writeFiles(path.join(dir, 'in'), Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`a${i}.txt`, `Avsnitt ${i} om vegen.\nVegen er open igjen etter raset ${i}.`])));
  expect((await runCli('import', file, ...articles)).code).toBe(0);
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(size - 4096, 0xa5), 0, size - 4096, 4096);
  fs.closeSync(fd);
  return file;
}

describe('a user never sees a stack trace', () => {
  it('says in one line what went wrong when the project file is damaged, and shows the trace with --verbose', async () => {
    const file = await damagedProject();
    const plain = await tandemProcess(['list', file]).done;
    expect(plain.code).not.toBe(0);
    expect(plain.stderr).not.toMatch(STACK);
    expect(plain.stderr.trim().split('\n')).toHaveLength(1);
    expect(plain.stderr).toMatch(/^tandem list: .*damaged/);

    const verbose = await tandemProcess(['list', file, '--verbose']).done;
    expect(verbose.code).toBe(plain.code);
    expect(verbose.stderr).toMatch(STACK);
  }, 60_000);
});
