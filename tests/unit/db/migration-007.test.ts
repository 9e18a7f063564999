import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../db/migrations';
import { migrate, type WriteDb } from '../../../db/open';
import { findAlignment } from '../../../db/queries/alignments';

/** A project as the migrations before 007 left it, with two documents, a paragraph alignment and its links. */
function versionOne(): WriteDb {
  const db = new Database(':memory:') as WriteDb;
  db.pragma('foreign_keys = ON');
  for (const m of migrations.filter((x) => x.version < 7)) {
    db.exec(m.up);
    m.code?.(db);
    db.pragma(`user_version = ${m.version}`);
  }
  const doc = db.prepare("INSERT INTO documents (title, source, format, lang, lang_confidence, content_hash, provenance, characters, paragraph_count, sentence_count, created_at) VALUES (?, ?, 'text', ?, 1, ?, '{}', 0, 2, 2, 'now')");
  doc.run('A', 'a.txt', 'sv', 'ha');
  doc.run('B', 'b.txt', 'fi', 'hb');
  db.exec(`
    INSERT INTO alignments (id, doc_a, doc_b, level, mode, created_at, updated_at) VALUES (5, 1, 2, 'paragraph', 'comparable', 't0', 't1');
    INSERT INTO links (id, alignment_id, origin, status, confidence, created_at, updated_at) VALUES (11, 5, 'manual', 'confirmed', 1, 't', 't'), (12, 5, 'auto', 'suggested', 0.4, 't', 't');
    INSERT INTO link_segments (link_id, alignment_id, side, idx) VALUES (11, 5, 'a', 0), (11, 5, 'b', 0), (12, 5, 'a', 1), (12, 5, 'b', 1);
  `);
  // Any other table that points at an alignment (whatever migrations added one) keeps its rows too.
  const children = db.prepare("SELECT m.name FROM sqlite_schema m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND f.\"table\" = 'alignments'").pluck().all() as string[];
  if (children.includes('alignment_settings')) db.exec("INSERT INTO alignment_settings (alignment_id, min_confidence, per_paragraph, updated_at) VALUES (5, 0.3, 2, 't')");
  return db;
}

describe('migration 007: alignments are unique per mode', () => {
  it('keeps every alignment, link and segment, under the same ids', () => {
    const db = versionOne();
    const children = db.prepare("SELECT DISTINCT m.name FROM sqlite_schema m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND f.\"table\" = 'alignments'").pluck().all() as string[];
    expect(children).toEqual(expect.arrayContaining(['links', 'link_segments']));
    const rows = () => Object.fromEntries(children.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()]));
    const childRows = rows();
    const before = {
      alignments: db.prepare('SELECT * FROM alignments').all(),
      links: db.prepare('SELECT * FROM links ORDER BY id').all(),
      segments: db.prepare('SELECT * FROM link_segments ORDER BY link_id, side, idx').all(),
    };
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(7);
    expect(db.prepare('SELECT * FROM alignments').all()).toEqual(before.alignments);
    expect(db.prepare('SELECT * FROM links ORDER BY id').all()).toEqual(before.links);
    expect(db.prepare('SELECT * FROM link_segments ORDER BY link_id, side, idx').all()).toEqual(before.segments);
    expect(rows()).toEqual(childRows);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // Foreign keys are on again once the migration is over.
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('lets a parallel and a comparable alignment of one pair live side by side, but not two of one mode', () => {
    const db = versionOne();
    migrate(db);
    const insert = db.prepare("INSERT INTO alignments (doc_a, doc_b, level, mode, created_at, updated_at) VALUES (1, 2, 'paragraph', ?, 't2', 't2')");
    insert.run('parallel');
    expect(() => insert.run('comparable')).toThrow(/UNIQUE/);
    expect(findAlignment(db, 1, 2, 'paragraph', 'comparable')?.id).toBe(5);
    expect(findAlignment(db, 1, 2, 'paragraph', 'parallel')?.mode).toBe('parallel');
    // Without a mode: the one worked on last.
    expect(findAlignment(db, 1, 2, 'paragraph')?.mode).toBe('parallel');
    db.prepare("UPDATE alignments SET updated_at = 't9' WHERE id = 5").run();
    expect(findAlignment(db, 1, 2, 'paragraph')?.id).toBe(5);
    db.close();
  });

  it('still takes alignments and their links away with a deleted document', () => {
    const db = versionOne();
    migrate(db);
    db.prepare('DELETE FROM documents WHERE id = 2').run();
    expect(db.prepare('SELECT count(*) FROM alignments').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM links').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM link_segments').pluck().get()).toBe(0);
    db.close();
  });

  it('finds an alignment of a pair through the new key', () => {
    const db = versionOne();
    migrate(db);
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT id FROM alignments WHERE doc_a = 1 AND doc_b = 2 AND level = 'paragraph' AND mode = 'parallel'").all() as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_alignments/);
    db.close();
  });
});
