import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProject, type Db } from '../../db/open';
import { search } from '../../core/services/search';
import { storeArticle } from '../../core/services/import';
import { deferFullText } from '../../db/queries/documents';
import { runCli } from '../support/cli';
import { syntheticArticles, tandemProcess } from '../support/child';
import { tempDir, writeFiles } from '../support/project';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('tandem-fts-')));
afterAll(() => cleanup());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function documents(file: string): number {
  const db = openProject(file, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
  } finally {
    db.close();
  }
}

/** FTS5's own check of the index against the paragraphs; throws when they disagree. */
function integrityCheck(db: Db): void {
  db.exec("INSERT INTO paragraphs_fts (paragraphs_fts, rank) VALUES ('integrity-check', 1)");
}

function indexed(db: Db): { paragraphs: number; indexed: number } {
  return db.prepare('SELECT (SELECT count(*) FROM paragraphs) AS paragraphs, (SELECT count(*) FROM paragraphs_fts_docsize) AS indexed').get() as { paragraphs: number; indexed: number };
}

describe('the full-text index stays whole', () => {
  it('another writer during a bulk import, then kill -9 of the import: every document can still be found', async () => {
    const file = path.join(dir, 'killed.tandem');
    expect((await runCli('init', file)).code).toBe(0);
    const seed = writeFiles(path.join(dir, 'seed'), { 'first.txt': 'Ferjekaien stengte i morgen.\nAlle avganger er innstilt.' });
    expect((await runCli('import', file, ...seed)).code).toBe(0);
    writeFiles(path.join(dir, 'many'), syntheticArticles(16000, 'delta', 5, 10));
    const importer = tandemProcess(['import', file, path.join(dir, 'many'), '--lang', 'en', '--json']);
    const ended = importer.done;
    let finished = false;
    void ended.then(() => (finished = true));
    // Some files in, then another program writes (it opens the project for writing, as set-lang does).
    while (documents(file) < 200 && !finished) await sleep(100);
    const other = await tandemProcess(['set-lang', file, '1', 'nb']).done;
    expect(other.code).toBe(0);
    const afterOther = documents(file);
    while (documents(file) < afterOther + 50 && !finished) await sleep(100);
    expect(finished, 'the import was still running when it was killed').toBe(false);
    importer.child.kill('SIGKILL');
    await ended;
    const kept = documents(file);
    expect(kept).toBeGreaterThan(afterOther);
    expect(kept).toBeLessThan(16001);

    // The next program to open the project for writing finds the index short and rebuilds it.
    const db = openProject(file);
    expect(indexed(db).indexed).toBe(indexed(db).paragraphs);
    expect(() => integrityCheck(db)).not.toThrow();
    const last = db.prepare("SELECT id, source FROM documents WHERE source LIKE 'delta-%' ORDER BY id DESC LIMIT 1").get() as { id: number; source: string };
    const n = Number(/delta-(\d+)/.exec(last.source)![1]) + 1;
    expect(search(db, `"report number ${n}"`).map((h) => h.docId)).toContain(last.id);
    db.close();
  }, 300_000);

  it('opening a project for writing repairs an index that disagrees with its paragraphs', async () => {
    const file = path.join(dir, 'drift.tandem');
    expect((await runCli('init', file)).code).toBe(0);
    const files = writeFiles(path.join(dir, 'drift'), { 'a.txt': 'Brua åpner igjen mandag.\nTrafikken går som normalt.', 'b.txt': 'Skolen holder stengt.\nElevene får fri.' });
    expect((await runCli('import', file, ...files)).code).toBe(0);
    // Take one paragraph out of the index behind the project's back, as a crash of an older version could leave it.
    let db = openProject(file);
    const p = db.prepare("SELECT id, text FROM paragraphs WHERE text LIKE 'Skolen%'").get() as { id: number; text: string };
    db.prepare("INSERT INTO paragraphs_fts (paragraphs_fts, rowid, text) VALUES ('delete', ?, ?)").run(p.id, p.text);
    db.close();
    db = openProject(file);
    expect(() => integrityCheck(db)).not.toThrow();
    expect(search(db, 'skolen')).toHaveLength(1);
    db.close();
  });

  it('while an import still owes the index, a search (read-only too) finds its documents', async () => {
    const file = path.join(dir, 'pending.tandem');
    expect((await runCli('init', file)).code).toBe(0);
    const first = writeFiles(path.join(dir, 'p1'), { 'old.txt': 'Havna er stengt for storm.\nFergene ligger til kai.' });
    expect((await runCli('import', file, ...first)).code).toBe(0);
    // This process plays a bulk import that is still running: the index is deferred and not yet built.
    const importer = openProject(file);
    deferFullText(importer);
    storeArticle(importer, { name: 'new.txt', title: 'Nytt', format: 'text', paragraphs: ['Stormen løyet i natt.', 'Fergene går igjen fra klokka seks.'], lang: 'nb', langConfidence: 1, warnings: [] });
    // Another program searches now.
    const r = await tandemProcess(['search', file, 'fergene', '--json']).done;
    expect(r.code).toBe(0);
    const hits = JSON.parse(r.stdout) as Array<{ docId: number; text: string }>;
    expect(hits.map((h) => h.text).sort()).toEqual(['Fergene går igjen fra klokka seks.', 'Fergene ligger til kai.']);
    // A writer opening meanwhile leaves the deferral to the import that is still alive.
    const writer = openProject(file);
    expect(search(writer, 'stormen').map((h) => h.text)).toEqual(['Stormen løyet i natt.']);
    writer.close();
    importer.close();
  }, 60_000);
});
