import { describe, expect, it } from 'vitest';
import { openProject, type WriteDb } from '../../../db/open';
import { deferFullText, insertDocument, insertParagraphs, rebuildFullText } from '../../../db/queries/documents';
import { deferrals, indexCounts } from '../../../db/queries/fulltext';

function newDocument(db: WriteDb, hash: string): number {
  return insertDocument(db, {
    collectionId: null, title: 't', source: `${hash}.txt`, format: 'text', lang: 'nb', langConfidence: 1, contentHash: hash,
    translationOf: null, provenance: { kind: 'original' }, characters: 0, paragraphCount: 0, sentenceCount: 0,
  });
}

describe('storing a document\'s paragraphs many rows a statement', () => {
  it('keeps every paragraph in order with its spans and index entry, whatever the count', () => {
    const db = openProject(':memory:', { create: true });
    for (const n of [0, 1, 3, 4, 17, 49, 50, 51, 137]) {
      const doc = newDocument(db, `h${n}`);
      const texts = Array.from({ length: n }, (_, i) => `Avsnitt ${i} om ferja nummer${n}.`);
      insertParagraphs(db, doc, texts, texts.map((t) => `0:${t.length}`), 'translated');
      const rows = db.prepare('SELECT idx, text, sentences, status FROM paragraphs WHERE doc_id = ? ORDER BY id').all(doc) as Array<Record<string, unknown>>;
      expect(rows).toEqual(texts.map((text, idx) => ({ idx, text, sentences: `0:${text.length}`, status: 'translated' })));
      const found = db.prepare("SELECT count(*) AS n FROM paragraphs_fts WHERE paragraphs_fts MATCH ?").get(`nummer${n}`) as { n: number };
      expect(found.n).toBe(n);
    }
    expect(indexCounts(db).indexed).toBe(indexCounts(db).paragraphs);
  });

  it('while a bulk import defers the index, adds no entries but notes the deferral; the rebuild finds them', () => {
    const db = openProject(':memory:', { create: true });
    deferFullText(db);
    const doc = newDocument(db, 'd');
    insertParagraphs(db, doc, ['Ferja kom sent.', 'Ingen ble skadet.'], ['0:15', '0:17']);
    expect(indexCounts(db)).toEqual({ paragraphs: 2, indexed: 0 });
    expect(deferrals(db)).toHaveLength(1);
    rebuildFullText(db);
    expect(indexCounts(db)).toEqual({ paragraphs: 2, indexed: 2 });
    expect(deferrals(db)).toHaveLength(0);
  });
  it('a rebuild builds the whole index in large pieces and puts the index settings back', () => {
    const db = openProject(':memory:', { create: true });
    const config = () => db.prepare('SELECT k, v FROM paragraphs_fts_config ORDER BY k').all() as Array<{ k: string; v: unknown }>;
    const before = config();
    deferFullText(db);
    // More text than FTS5 holds in memory by default (1 MB), so the default would write several segments.
    for (let d = 0; d < 30; d++) {
      const doc = newDocument(db, `r${d}`);
      const texts = Array.from({ length: 200 }, (_, i) => `Avsnitt ${i} i dokument ${d}: ferja${i % 97} kom sent til kaien ved ${d * 31 + i}, og ingen ble skadet.`.repeat(3));
      insertParagraphs(db, doc, texts, texts.map((t) => `0:${t.length}`));
    }
    rebuildFullText(db);
    expect(indexCounts(db)).toEqual({ paragraphs: 6000, indexed: 6000 });
    expect(() => db.exec("INSERT INTO paragraphs_fts (paragraphs_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
    expect((db.prepare("SELECT count(*) AS n FROM paragraphs_fts WHERE paragraphs_fts MATCH 'ferja5'").get() as { n: number }).n).toBe(30 * 3);
    // FTS5's default hash size is written down; every other setting is as it was.
    expect(config()).toEqual([{ k: 'hashsize', v: 1024 * 1024 }, ...before].sort((x, y) => (x.k < y.k ? -1 : 1)));
    // A project with a setting of its own keeps it.
    db.exec("INSERT INTO paragraphs_fts (paragraphs_fts, rank) VALUES ('hashsize', 2000000)");
    const own = config();
    rebuildFullText(db);
    expect(config()).toEqual(own);
    expect(indexCounts(db)).toEqual({ paragraphs: 6000, indexed: 6000 });
  });
});
