import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration001 } from '../../../../db/migrations/001-initial';
import { migration004 } from '../../../../db/migrations/004-paragraph-gaps';

describe('migration 004', () => {
  it('adds a nullable gap to existing paragraphs without touching their text', () => {
    const db = new Database(':memory:');
    db.exec(migration001.up);
    db.exec("INSERT INTO documents (title, source, format, lang, lang_confidence, content_hash, provenance, characters, paragraph_count, sentence_count, created_at) VALUES ('t', 's', 'text', 'nb', 1, 'h', '{}', 3, 1, 1, 'now')");
    db.exec("INSERT INTO paragraphs (doc_id, idx, text, sentences) VALUES (1, 0, 'Hei.', '0:4')");
    db.exec(migration004.up);
    expect(db.prepare('SELECT text, sentences, gap FROM paragraphs').get()).toEqual({ text: 'Hei.', sentences: '0:4', gap: null });
    db.prepare('UPDATE paragraphs SET gap = ? WHERE id = 1').run(' ');
    expect(db.prepare('SELECT gap FROM paragraphs').pluck().get()).toBe(' ');
    // The table stays STRICT: a gap is text.
    expect(() => db.prepare('UPDATE paragraphs SET gap = ? WHERE id = 1').run(Buffer.from('x'))).toThrow(/cannot store BLOB/);
    db.close();
  });
});
