import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../common/types';
import { openProject } from '../../db/open';
import { runCli } from '../support/cli';
import { syntheticArticles, tandemProcess } from '../support/child';
import { tempDir, writeFiles } from '../support/project';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('tandem-writers-')));
afterAll(() => cleanup());

function count(file: string, sql: string): number {
  const db = openProject(file, { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('several processes writing one project at once', () => {
  it('two imports of 400 files each, at the same time, give 800 documents', async () => {
    writeFiles(path.join(dir, 'a'), syntheticArticles(400, 'alpha', 1, 120));
    writeFiles(path.join(dir, 'b'), syntheticArticles(400, 'beta', 2, 120));
    // On a busy machine one process may start so late that the other has finished: then nothing was
    // tested, and the pair runs again on a fresh project (every run must be right either way).
    let overlapped = false;
    for (let attempt = 1; attempt <= 3 && !overlapped; attempt++) {
      const file = path.join(dir, `two-${attempt}.tandem`);
      expect((await runCli('init', file)).code).toBe(0);
      const runs = [tandemProcess(['import', file, path.join(dir, 'a'), '--lang', 'en', '--json']), tandemProcess(['import', file, path.join(dir, 'b'), '--lang', 'en', '--json'])];
      const results = await Promise.all(runs.map((r) => r.done));
      for (const r of results) {
        expect(r.stderr).toBe('');
        const report = JSON.parse(r.stdout) as ImportReport;
        expect(report.files.filter((f) => f.status === 'failed').slice(0, 3)).toEqual([]);
        expect(report).toMatchObject({ imported: 400, failed: 0, duplicates: 0 });
        expect(r.code).toBe(0);
      }
      expect(count(file, 'SELECT count(*) FROM documents')).toBe(800);
      // Every document can be found: the search index holds every paragraph.
      expect(count(file, 'SELECT count(*) FROM paragraphs_fts_docsize')).toBe(count(file, 'SELECT count(*) FROM paragraphs'));
      // They really wrote at the same time when, in the order documents were stored, the two batches take turns.
      const db = openProject(file, { readonly: true });
      const order = (db.prepare('SELECT source FROM documents ORDER BY id').pluck().all() as string[]).map((s) => s.slice(0, 4));
      db.close();
      const turns = order.filter((s, i) => i > 0 && s !== order[i - 1]).length;
      overlapped = turns >= 2;
    }
    expect(overlapped, 'the two imports wrote at the same time in at least one of three runs').toBe(true);
  }, 600_000);

  it('tandem align runs while a large import writes, and neither loses anything', async () => {
    const file = path.join(dir, 'align.tandem');
    expect((await runCli('init', file)).code).toBe(0);
    // A long pair, so that each align writes a few thousand links in one transaction.
    const a = syntheticArticles(1, 'left', 7, 2000);
    const b = syntheticArticles(1, 'right', 7, 2000);
    const [nb, en] = writeFiles(path.join(dir, 'pair'), { 'left.txt': Object.values(a)[0], 'right.txt': Object.values(b)[0] });
    expect((await runCli('import', file, nb, '--lang', 'en', '--paragraphs', 'line')).code).toBe(0);
    expect((await runCli('import-translation', file, '--of', '1', en, '--lang', 'en', '--paragraphs', 'line')).code).toBe(0);
    writeFiles(path.join(dir, 'big'), syntheticArticles(1500, 'gamma', 3, 20));
    const big = tandemProcess(['import', file, path.join(dir, 'big'), '--lang', 'en', '--json']);
    let importDone = false;
    const imported = big.done.then((r) => {
      importDone = true;
      return r;
    });
    const aligns: Array<{ code: number | null; stderr: string; endedAt: number }> = [];
    // Four align processes at a time, over and over, until the import ends.
    const loop = async (level: string) => {
      while (!importDone) {
        const r = await tandemProcess(['align', file, '1', '2', '--level', level, '--json']).done;
        aligns.push(r);
      }
    };
    await Promise.all([loop('paragraph'), loop('sentence'), loop('paragraph'), loop('sentence')]);
    const result = await imported;
    const report = JSON.parse(result.stdout) as ImportReport;
    expect(report.files.filter((f) => f.status === 'failed').slice(0, 3)).toEqual([]);
    expect(report).toMatchObject({ imported: 1500, failed: 0 });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // The writers overlapped: align runs ended (each with its links written) while the import
    // still wrote. How many depends on the machine's load; two is what a loaded machine gave.
    const during = aligns.filter((a) => a.endedAt <= result.endedAt);
    expect(during.length).toBeGreaterThanOrEqual(2);
    for (const a of aligns) {
      expect(a.stderr).toBe('');
      expect(a.code).toBe(0);
    }
    expect(count(file, 'SELECT count(*) FROM documents')).toBe(1502);
    expect(count(file, 'SELECT count(*) FROM paragraphs_fts_docsize')).toBe(count(file, 'SELECT count(*) FROM paragraphs'));
  }, 300_000);
});
