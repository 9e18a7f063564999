import { describe, expect, it } from 'vitest';
import { openProject, type Db } from '../../../db/open';
import { deleteDocumentRows, documentTables, restoreDocumentRows, snapshotDocumentRows } from '../../../db/queries/document-rows';
import { now } from '../../../db/queries/documents';

/** A document with two paragraphs, aligned with another, one link confirmed, one mention. */
function seed(db: Db, title: string, hash: string): { doc: number; paragraphs: number[]; alignment: number; link: number } {
  const t = now();
  const doc = Number(db.prepare("INSERT INTO documents (title, source, format, lang, lang_confidence, content_hash, provenance, characters, paragraph_count, sentence_count, created_at) VALUES (?, ?, 'text', 'nb', 1, ?, '{\"kind\":\"original\"}', 10, 2, 2, ?)").run(title, `${title}.txt`, hash, t).lastInsertRowid);
  const paragraphs = [0, 1].map((i) => {
    const id = Number(db.prepare("INSERT INTO paragraphs (doc_id, idx, text, sentences) VALUES (?, ?, ?, '0:5')").run(doc, i, `${title} ${i}`).lastInsertRowid);
    db.prepare('INSERT INTO paragraphs_fts (rowid, text) VALUES (?, ?)').run(id, `${title} ${i}`);
    return id;
  });
  const alignment = Number(db.prepare("INSERT INTO alignments (doc_a, doc_b, level, mode, created_at, updated_at) VALUES (?, ?, 'paragraph', 'parallel', ?, ?)").run(doc, doc, t, t).lastInsertRowid);
  const link = Number(db.prepare("INSERT INTO links (alignment_id, origin, status, confidence, created_at, updated_at) VALUES (?, 'manual', 'confirmed', 1, ?, ?)").run(alignment, t, t).lastInsertRowid);
  db.prepare("INSERT INTO link_segments (link_id, alignment_id, side, idx) VALUES (?, ?, 'a', 0), (?, ?, 'b', 0)").run(link, alignment, link, alignment);
  const fact = Number(db.prepare("INSERT INTO facts (label, created_at, updated_at) VALUES ('f', ?, ?)").run(t, t).lastInsertRowid);
  db.prepare("INSERT INTO mentions (fact_id, paragraph_id, start, end, quote, origin, created_at) VALUES (?, ?, 0, 3, 'abc', 'manual', ?)").run(fact, paragraphs[0], t);
  return { doc, paragraphs, alignment, link };
}

const search = (db: Db, word: string) => (db.prepare('SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ? ORDER BY rowid').all(word) as { rowid: number }[]).map((r) => r.rowid);

describe('the rows that hang on documents', () => {
  it('are found from the schema, each table after the tables it refers to', () => {
    const db = openProject(':memory:', { create: true });
    const { order } = documentTables(db);
    for (const t of ['documents', 'paragraphs', 'alignments', 'links', 'link_segments', 'mentions', 'document_meta']) expect(order).toContain(t);
    expect(order.indexOf('documents')).toBe(0);
    expect(order.indexOf('links')).toBeGreaterThan(order.indexOf('alignments'));
    expect(order.indexOf('mentions')).toBeGreaterThan(order.indexOf('paragraphs'));
    expect(order).not.toContain('facts');
  });

  it('go with their document and come back exactly, even when newer rows took their ids (those move, with their references and search entries)', () => {
    const db = openProject(':memory:', { create: true });
    const old = seed(db, 'gammel', 'h1');
    const snapshot = snapshotDocumentRows(db, [old.doc]);
    const before = JSON.stringify(snapshot);
    db.transaction(() => deleteDocumentRows(db, [old.doc]))();
    expect(db.prepare('SELECT count(*) AS n FROM links').get()).toEqual({ n: 0 });
    expect(search(db, 'gammel')).toEqual([]);

    // Written straight to the tables, as an import does outside the undo log: SQLite hands out the same ids again.
    const newer = seed(db, 'ny', 'h2');
    expect([newer.doc, newer.alignment, newer.link]).toEqual([old.doc, old.alignment, old.link]);
    expect(newer.paragraphs).toEqual(old.paragraphs);

    let moved = 0;
    db.transaction(() => {
      moved = restoreDocumentRows(db, snapshot);
    })();
    // The document, its two paragraphs, its alignment, its link and its mention.
    expect(moved).toBe(6);
    expect(JSON.stringify(snapshotDocumentRows(db, [old.doc]))).toBe(before);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // The newcomer is whole under its new ids.
    const doc = (db.prepare("SELECT id FROM documents WHERE title = 'ny'").get() as { id: number }).id;
    expect(doc).not.toBe(old.doc);
    const paras = db.prepare('SELECT id, text FROM paragraphs WHERE doc_id = ? ORDER BY idx').all(doc) as Array<{ id: number; text: string }>;
    expect(paras.map((p) => p.text)).toEqual(['ny 0', 'ny 1']);
    expect(search(db, 'ny')).toEqual(paras.map((p) => p.id));
    expect(search(db, 'gammel')).toEqual(old.paragraphs);
    const al = db.prepare('SELECT id FROM alignments WHERE doc_a = ?').get(doc) as { id: number };
    const link = db.prepare('SELECT id FROM links WHERE alignment_id = ?').get(al.id) as { id: number };
    expect(db.prepare('SELECT count(*) AS n FROM link_segments WHERE link_id = ? AND alignment_id = ?').get(link.id, al.id)).toEqual({ n: 2 });
    expect(db.prepare('SELECT paragraph_id FROM mentions WHERE fact_id = 2').get()).toEqual({ paragraph_id: paras[0].id });
  });
});
